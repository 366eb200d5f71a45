import ConvLabApp

/// The plain-text list `convlab demo --list` prints: each demo's name, title, summary and
/// options, read from the demo types themselves so the list cannot drift from the code.
enum DemoListing {
    static func text(for catalog: DemoCatalog, context: AppContext = AppContext()) -> String {
        guard !catalog.demos.isEmpty else { return "No demos are installed in this build." }
        var lines = ["Demos (open one with: convlab demo NAME [--option value ...]):"]
        for demo in catalog.demos {
            lines.append("")
            lines += entry(for: demo, catalog: catalog, context: context)
        }
        return lines.joined(separator: "\n")
    }

    /// One demo's block:
    /// ```
    ///   conv  Convolution stepper
    ///         Slide a kernel over an image, one cell at a time.
    ///         --stride N  step between windows
    /// ```
    static func entry(for demo: any DemoScreen.Type, catalog: DemoCatalog, context: AppContext = AppContext()) -> [String] {
        let name = demo.demoName
        let indent = String(repeating: " ", count: name.count + 4)
        var lines = ["  \(name)  \(catalog.title(of: demo, context: context))", indent + demo.summary]
        let width = demo.parameterHelp.map { $0.optionText.count }.max() ?? 0
        for parameter in demo.parameterHelp {
            let option = parameter.optionText
            lines.append(indent + option + String(repeating: " ", count: width - option.count) + "  " + parameter.action)
        }
        if demo.parameterHelp.isEmpty { lines.append(indent + "(no options)") }
        return lines
    }
}
