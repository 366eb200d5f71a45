/// The wording of every kind of demo parameter problem, in one place, so `--stride 9` reads the
/// same in every demo. A demo's own reasons (a spec that does not parse, a file that cannot be
/// read) are written where they arise, with the parameter's name.
extension DemoParameterError {
    /// A parameter the demo does not take.
    static func unknown(_ name: String, known: [String]) -> DemoParameterError {
        DemoParameterError(parameter: name, message: "unknown parameter; expected one of \(known.joined(separator: ", "))")
    }

    static func notWholeNumber(_ name: String, in range: ClosedRange<Int>, got text: String) -> DemoParameterError {
        DemoParameterError(parameter: name, message: "expected a whole number \(rangeText(range)), got \"\(text)\"")
    }

    static func notSeed(_ name: String, got text: String) -> DemoParameterError {
        DemoParameterError(parameter: name, message: "expected a whole number of at least 0, got \"\(text)\"")
    }

    static func notNumber(_ name: String, in range: ClosedRange<Float>, got text: String) -> DemoParameterError {
        DemoParameterError(parameter: name, message: "expected a number from \(numberText(range.lowerBound)) to \(numberText(range.upperBound)), got \"\(text)\"")
    }

    static func notPositive(_ name: String, got text: String) -> DemoParameterError {
        DemoParameterError(parameter: name, message: "expected a positive number, got \"\(text)\"")
    }

    /// A word that is not one of the demo's choices: `expected max or avg, got "min"`.
    static func notOneOf(_ name: String, choices: [String], got text: String) -> DemoParameterError {
        DemoParameterError(parameter: name, message: "expected \(listText(choices)), got \"\(text)\"")
    }

    /// `from 0 to 3`, as ranges are written in help and errors.
    static func rangeText(_ range: ClosedRange<Int>) -> String { "from \(range.lowerBound) to \(range.upperBound)" }

    /// -10 for -10.0, 0.5 for 0.5: a bound as the learner would type it.
    static func numberText(_ value: Float) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }

    /// `a`, `a or b`, `a, b or c`.
    static func listText(_ items: [String]) -> String {
        guard let last = items.last else { return "nothing" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
    }
}
