import ConvEngine

extension LessonDecoder {
    /// The widest value a goal may name when no demo descriptions are at hand to bound it
    /// (only the form is checked then): no demo's state comes near it.
    static let goalValueBound = 0...Limits.side

    /// Decodes a demo step's `goal: {text: …, when: {state: value, …}}`. With the demo's
    /// description each name must be one of its goal states and each value within that state's
    /// range; the demo's own judgement (already met, unreachable) comes after the parameters
    /// are known. `keyLine` is the `goal:` key's line. Returns the goal with the line its problems are reported at (`when`'s).
    func decodeGoal(
        _ value: YAMLValue, keyLine: Int, demoName: String, demo: DemoDescription?, problems: inout [LessonProblem]
    ) -> (DemoGoal, line: SourceLocation)? {
        let before = problems.count
        guard let reader = MappingReader(value, context: "the demo's goal", file: file, knownKeys: DemoGoal.keys, problems: &problems) else { return nil }
        reader.reportUnknownKeys(problems: &problems)
        let text = reader.text("text", required: true, expected: "the task, like 'Raise the padding until the output is 7×7'", problems: &problems)
        let expectedWhen = "state values, like {output: 7}"
        guard let whenValue = reader.required("when", expected: expectedWhen, problems: &problems) else { return nil }
        let whenLine = reader.location(reader.entry("when")?.keyLine ?? whenValue.line)
        guard let entries = whenValue.entries else {
            problems.append(LessonProblem(.wrongType(key: "when", expected: expectedWhen, found: whenValue.kindDescription), at: whenLine))
            return nil
        }
        if entries.isEmpty { problems.append(LessonProblem(.demoGoal(.emptyCondition), at: whenLine)) }
        if let demo, demo.goalStates.isEmpty {
            let supporting = demos?.filter { !$0.goalStates.isEmpty }.map(\.name) ?? []
            problems.append(LessonProblem(.demoGoal(.goalsNotSupported(demo: demoName, supporting: supporting)), at: reader.location(keyLine)))
            return nil
        }
        var conditions: [String: Int] = [:]
        var firstLines: [String: Int] = [:]
        for entry in entries {
            let line = reader.location(entry.keyLine)
            if let first = firstLines[entry.key] {
                problems.append(LessonProblem(.duplicateKey(key: entry.key, firstLine: first), at: line))
                continue
            }
            firstLines[entry.key] = entry.keyLine
            let known = demo.map { $0.goalStates.keys.sorted() }
            if let known, !known.contains(entry.key) {
                let suggestion = NearestWord.suggestion(for: entry.key, among: known)
                problems.append(LessonProblem(.demoGoal(.unknownState(demo: demoName, name: entry.key, suggestion: suggestion, known: known)), at: line))
                continue
            }
            // Bounded before use: `Int(_:)` refuses anything past Int's range, and the range
            // check below keeps the value within what the demo can show.
            guard let scalar = entry.value.scalar, let number = Int(scalar) else {
                problems.append(LessonProblem(.demoGoal(.notWholeNumber(name: entry.key, found: entry.value.scalar ?? entry.value.kindDescription)), at: line))
                continue
            }
            let range = demo?.goalStates[entry.key] ?? Self.goalValueBound
            guard range.contains(number) else {
                problems.append(LessonProblem(.demoGoal(.stateOutOfRange(demo: demoName, name: entry.key, range: range, found: number)), at: line))
                continue
            }
            conditions[entry.key] = number
        }
        guard problems.count == before, let text else { return nil }
        return (DemoGoal(text: text, conditions: conditions), whenLine)
    }
}
