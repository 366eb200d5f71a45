extension LessonDecoder {
    /// `then: {demo: pool, kernel: 2, caption: …}` on an exercise: the demo that shows the
    /// answer, written like a demo step and checked the same way. The learner commits to an
    /// answer first ("predict, then see"); the player offers the demo once the exercise is
    /// answered or its answer shown, and the plain quiz prints the command that opens it.
    func decodeThen(_ exercise: YAMLValue, problems: inout [LessonProblem]) -> DemoStep? {
        guard let value = exercise.entries?.first(where: { $0.key == "then" })?.value, !value.isNull else { return nil }
        let location = SourceLocation(file: file, line: value.line)
        guard let entries = value.entries, entries.contains(where: { $0.key == "demo" }) else {
            problems.append(LessonProblem(.wrongType(key: "then", expected: "a demo to open after answering, like {demo: pool, kernel: 2, caption: …}", found: value.kindDescription), at: location))
            return nil
        }
        return decodeDemo(value, location: location, problems: &problems)
    }
}

extension DemoStep {
    /// The command that opens this demo with its parameters: `convlab demo pool --kernel 2`.
    public var command: String {
        (["convlab demo \(name)"] + parameters.keys.sorted().map { "--\($0) \(parameters[$0] ?? "")" }).joined(separator: " ")
    }
}
