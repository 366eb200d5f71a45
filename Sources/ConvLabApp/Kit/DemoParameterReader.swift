/// Reads a demo's `--name value` parameters with one wording for every problem: an unknown
/// name lists the known ones, a bad value says what was expected. Used by the demos that take
/// a few plain numbers and choices (activations, kernels, sharing, receptive).
struct DemoParameterReader {
    let parameters: [String: String]

    /// Refuses any parameter not in `help` (the demo's `parameterHelp`).
    init(_ parameters: [String: String], help: [KeyBinding]) throws(DemoParameterError) {
        let known = help.map(\.keys)
        for name in parameters.keys.sorted() where !known.contains(name) {
            throw DemoParameterError(parameter: name, message: "unknown parameter; expected one of \(known.joined(separator: ", "))")
        }
        self.parameters = parameters
    }

    /// A whole number in `range`, or `value` when the parameter is absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default value: Int) throws(DemoParameterError) -> Int {
        guard let text = parameters[name] else { return value }
        guard let number = Int(text.trimmingWhitespace), range.contains(number) else {
            throw DemoParameterError(parameter: name, message: "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
        }
        return number
    }

    /// A decimal number in `range`, or `value` when the parameter is absent.
    func decimal(_ name: String, in range: ClosedRange<Float>, default value: Float) throws(DemoParameterError) -> Float {
        guard let text = parameters[name] else { return value }
        guard let number = Float(text.trimmingWhitespace), range.contains(number) else {
            throw DemoParameterError(parameter: name, message: "expected a number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
        }
        return number
    }

    subscript(_ name: String) -> String? { parameters[name] }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
