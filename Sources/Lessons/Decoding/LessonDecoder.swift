import ConvEngine

/// Decodes one lesson file: `id`, `title`, `summary` and `steps`, each step a `text`, a `demo`
/// with its parameters, or an `exercise`. Collects every problem instead of stopping at the
/// first, so `convlab lessons check` reports a whole file at once.
struct LessonDecoder {
    static let knownKeys = ["id", "title", "summary", "steps"]
    static let stepKeys = ["text", "demo", "exercise"]

    let file: String
    /// The demos a `demo:` step may name, or nil to check only a demo step's form (its name
    /// and parameters are then taken as written; the caller has no demos to ask).
    let demos: [DemoDescription]?

    /// Lowercase letters, digits and single `-` between them.
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix("-") && !id.hasSuffix("-") && !id.contains("--")
            && id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    func decode(_ text: String, problems: inout [LessonProblem]) -> Lesson? {
        let root: YAMLValue
        do { root = try YAMLValue.parse(text, file: file) } catch {
            problems.append(error)
            return nil
        }
        guard let reader = MappingReader(root, context: "the lesson", file: file, knownKeys: Self.knownKeys, problems: &problems) else { return nil }
        let before = problems.count
        reader.reportUnknownKeys(problems: &problems)
        let id = reader.text("id", required: true, expected: "a name like 'output-size', used by 'convlab quiz'", problems: &problems)
        if let id, !Self.isValidID(id), let line = reader.entry("id")?.value.line {
            problems.append(LessonProblem(.badID(id: id), at: reader.location(line)))
        }
        let title = reader.text("title", required: true, expected: "a line of text", problems: &problems)
        let summary = reader.text("summary", required: true, expected: "one line saying what the lesson teaches", problems: &problems)
        var steps: [Step] = []
        if let stepsValue = reader.required("steps", expected: "a list of text, demo and exercise steps", problems: &problems) {
            if let items = stepsValue.list {
                for item in items {
                    if let step = decodeStep(item, problems: &problems) { steps.append(step) }
                }
            } else {
                problems.append(LessonProblem(.wrongType(key: "steps", expected: "a list of steps", found: stepsValue.kindDescription), at: reader.location(stepsValue.line)))
            }
        }
        checkUniqueExerciseIDs(steps, problems: &problems)
        guard problems.count == before, let id, let title, let summary else { return nil }
        let idLine = reader.entry("id")?.keyLine ?? 1
        return Lesson(id: id, title: title, summary: summary, steps: steps, location: SourceLocation(file: file, line: idLine))
    }

    private func decodeStep(_ value: YAMLValue, problems: inout [LessonProblem]) -> Step? {
        guard let entries = value.entries else {
            problems.append(LessonProblem(.badStep(found: value.kindDescription), at: SourceLocation(file: file, line: value.line)))
            return nil
        }
        let location = SourceLocation(file: file, line: value.line)
        let present = Self.stepKeys.filter { key in entries.contains { $0.key == key } }
        guard present.count == 1, let kind = present.first else {
            let found = present.isEmpty ? "keys \(entries.map { "'\($0.key)'" }.joined(separator: ", "))" : "\(present.map { "'\($0)'" }.joined(separator: " and ")) together"
            if present.isEmpty, entries.count == 1, let key = entries.first?.key,
               let suggestion = NearestWord.suggestion(for: key, among: Self.stepKeys) {
                problems.append(LessonProblem(.unknownKey(key: key, context: "the step", suggestion: suggestion, known: Self.stepKeys), at: location))
            } else {
                problems.append(LessonProblem(.badStep(found: found), at: location))
            }
            return nil
        }
        switch kind {
        case "text":
            let reader = MappingReader(value, context: "the text step", file: file, knownKeys: ["text"], problems: &problems)
            reader?.reportUnknownKeys(problems: &problems)
            guard let text = reader?.text("text", required: true, expected: "paragraphs of text", problems: &problems) else { return nil }
            guard let rich = RichText(text) else {
                problems.append(LessonProblem(.unbalancedEmphasis, at: location))
                return nil
            }
            return Step(.text(rich), location: location)
        case "demo":
            return decodeDemo(value, location: location, problems: &problems).map { Step(.demo($0), location: location) }
        default:
            let reader = MappingReader(value, context: "the exercise step", file: file, knownKeys: ["exercise"], problems: &problems)
            reader?.reportUnknownKeys(problems: &problems)
            guard let exerciseValue = reader?.required("exercise", expected: "the exercise's fields", problems: &problems) else { return nil }
            guard var exercise = ExerciseDecoder(file: file).decode(exerciseValue, problems: &problems) else { return nil }
            exercise.then = decodeThen(exerciseValue, problems: &problems)
            return Step(.exercise(exercise), location: location)
        }
    }

    func decodeDemo(_ value: YAMLValue, location: SourceLocation, problems: inout [LessonProblem]) -> DemoStep? {
        guard let entries = value.entries, let nameEntry = entries.first(where: { $0.key == "demo" }) else { return nil }
        guard let name = nameEntry.value.scalar, !nameEntry.value.isNull else {
            let known = demos.map { " (\($0.map(\.name).joined(separator: ", ")))" } ?? ""
            problems.append(LessonProblem(.wrongType(key: "demo", expected: "a demo name\(known)", found: nameEntry.value.kindDescription), at: location))
            return nil
        }
        var demo: DemoDescription?
        if let demos {
            demo = demos.first { $0.name == name }
            if demo == nil {
                let names = demos.map(\.name)
                let suggestion = NearestWord.suggestion(for: name, among: names)
                problems.append(LessonProblem(.unknownDemo(name: name, suggestion: suggestion, known: names), at: SourceLocation(file: file, line: nameEntry.value.line)))
                return nil
            }
        }
        let before = problems.count
        var parameters: [String: String] = [:]
        var parameterLines: [String: SourceLocation] = [:]
        var caption: String?
        var goal: (DemoGoal, line: SourceLocation)?
        for entry in entries where entry.key != "demo" {
            let line = SourceLocation(file: file, line: entry.keyLine)
            if entry.key == DemoDescription.goalParameter {
                goal = decodeGoal(entry.value, keyLine: entry.keyLine, demoName: name, demo: demo, problems: &problems)
                continue
            }
            guard let text = entry.value.scalar else {
                problems.append(LessonProblem(.wrongType(key: entry.key, expected: "a single value", found: entry.value.kindDescription), at: line))
                continue
            }
            if entry.key == DemoDescription.captionParameter {
                caption = text
            } else if let demo, !demo.parameters.contains(entry.key) {
                let suggestion = NearestWord.suggestion(for: entry.key, among: demo.parameters + [DemoDescription.captionParameter, DemoDescription.goalParameter])
                problems.append(LessonProblem(.unknownDemoParameter(demo: name, parameter: entry.key, suggestion: suggestion, known: demo.parameters), at: line))
            } else {
                parameters[entry.key] = text
                parameterLines[entry.key] = line
            }
        }
        guard problems.count == before else { return nil }
        // The demo itself judges the values, all together (one may bound another).
        if let demo, let problem = demo.validate(parameters) {
            let line = parameterLines[problem.parameter] ?? SourceLocation(file: file, line: nameEntry.value.line)
            problems.append(LessonProblem(.badDemoParameter(demo: name, parameter: problem.parameter, message: problem.message), at: line))
            return nil
        }
        if let demo, let (decoded, goalLine) = goal, let issue = demo.judgeGoal(parameters, decoded) {
            problems.append(LessonProblem(.demoGoal(issue), at: goalLine))
            return nil
        }
        return DemoStep(name: name, parameters: parameters, caption: caption, goal: goal?.0)
    }

    private func checkUniqueExerciseIDs(_ steps: [Step], problems: inout [LessonProblem]) {
        var seen: [String: SourceLocation] = [:]
        for step in steps {
            guard case let .exercise(exercise) = step.content else { continue }
            if let first = seen[exercise.id] {
                problems.append(LessonProblem(.duplicateID(what: "exercise", id: exercise.id, firstLocation: first), at: exercise.location))
            } else {
                seen[exercise.id] = exercise.location
            }
        }
    }
}
