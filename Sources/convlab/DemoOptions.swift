/// The `--key value` pairs after `convlab demo NAME`, turned into `DemoRequest.parameters`.
///
/// The demo command does not know each demo's options (the demo's initialiser checks them), so
/// it takes any `--key value` or `--key=value` pair; what the keys mean is the demo's business.
enum DemoOptions {
    /// - Throws: `CommandError.demoOption` for a value without a key, a key without a value,
    ///   or a key given twice.
    static func parse(_ arguments: [String]) throws -> [String: String] {
        var parameters: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw CommandError.demoOption("expected an option such as --stride 2, got '\(argument)'")
            }
            let body = argument.dropFirst(2)
            let key: String
            let value: String
            if let equals = body.firstIndex(of: "=") {
                key = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
                index += 1
            } else {
                key = String(body)
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") else {
                    throw CommandError.demoOption("--\(key) needs a value, as in --\(key) 2")
                }
                value = arguments[index + 1]
                index += 2
            }
            guard parameters[key] == nil else {
                throw CommandError.demoOption("--\(key) is given twice")
            }
            parameters[key] = value
        }
        return parameters
    }

    /// Whether the learner asked for help instead of a demo (`convlab demo conv --help`).
    static func asksForHelp(_ arguments: [String]) -> Bool {
        arguments.contains { $0 == "--help" || $0 == "-h" }
    }
}
