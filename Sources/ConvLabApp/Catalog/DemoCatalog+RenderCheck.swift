import TerminalUI

extension DemoCatalog {
    /// The sizes a demo is drawn at to check it: the smallest terminal the app runs in and a
    /// large one, where maps and tables spread out the most.
    static let renderCheckSizes: [(width: Int, height: Int)] = [(App.minimumWidth, App.minimumHeight), (200, 60)]

    /// Builds the demo `request` names, as a lesson step or `convlab demo` would open it, and
    /// draws it (in the app's frame) into memory at each of `renderCheckSizes`, so a step that
    /// `convlab lessons check` accepts is one that opens and draws in the lesson player.
    /// - Returns: the frames drawn, one per size.
    /// - Throws: the catalog's error for an unknown name or a refused parameter.
    @discardableResult
    func buildAndRender(_ request: DemoRequest, context: AppContext = AppContext()) throws(DemoCatalogError) -> [Buffer] {
        var app = try App.demo(request, catalog: self, context: context)
        return Self.renderCheckSizes.map { size in
            app.resize(width: size.width, height: size.height)
            var buffer = Buffer(width: size.width, height: size.height)
            app.render(into: &buffer)
            return buffer
        }
    }
}
