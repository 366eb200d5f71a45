import Lessons

extension DemoCatalog {
    /// The catalog's demos as the course checker sees them, so `convlab lessons check` judges
    /// a lesson's demo steps by the real screens: the parameter names are the first words of
    /// each demo's `parameterHelp` keys (`image NAME` → `image`), and a step's values are
    /// validated by calling the screen's own `init(parameters:context:)`, a thrown
    /// `DemoParameterError` becoming the problem reported at that parameter's line.
    ///
    /// Lessons cannot import this module (it is UI code), which is why the descriptions are
    /// built here and passed in rather than kept as a second list there.
    public func lessonDemos(context: AppContext = AppContext()) -> [DemoDescription] {
        demos.map { demo in Self.lessonDemo(demo, context: context) }
    }

    /// The parameter names `demo` documents: the first word of each `parameterHelp` key.
    public static func parameterNames(of demo: any DemoScreen.Type) -> [String] {
        demo.parameterHelp.compactMap { $0.keys.split(separator: " ").first.map(String.init) }
    }

    static func lessonDemo(_ demo: any DemoScreen.Type, context: AppContext) -> DemoDescription {
        let open = DemoOpener(demo: demo, context: context)
        return DemoDescription(name: demo.demoName, summary: demo.summary, parameters: parameterNames(of: demo)) { values in
            open.problem(with: values)
        }
    }
}

/// Makes a demo screen from a lesson step's values to see whether it opens; the screen is
/// dropped at once.
private struct DemoOpener: @unchecked Sendable {
    // A metatype holds no state; `any DemoScreen.Type` is only not declared Sendable.
    let demo: any DemoScreen.Type
    let context: AppContext

    func problem(with values: [String: String]) -> DemoDescription.Problem? {
        do {
            _ = try demo.init(parameters: values, context: context)
            return nil
        } catch {
            return DemoDescription.Problem(parameter: error.parameter, message: error.message)
        }
    }
}
