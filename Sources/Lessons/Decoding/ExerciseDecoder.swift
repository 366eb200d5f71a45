import Foundation
import ConvEngine

/// Decodes one `exercise:` mapping. Every problem is appended to `problems` with its line;
/// the exercise is returned only when it is usable.
struct ExerciseDecoder {
    static let knownKeys = [
        "id", "kind", "prompt", "answer", "tolerance", "options", "accept", "patch", "kernel", "bias",
        "activation", "flipped", "hints", "explanation", "derive", "vary", "seed", "fixed", "then", "mistakes",
    ] + StructuredExercise.keys.keys.sorted()
    /// Keys that belong to one kind only.
    static let kindKeys: [String: [String]] = [
        "tolerance": ["number", "cell"], "options": ["choice"], "accept": ["text"],
        "patch": ["cell"], "kernel": ["cell"], "bias": ["cell"], "activation": ["cell"], "flipped": ["cell"],
    ].merging(StructuredExercise.keys) { own, _ in own }
    /// The tolerance of a cell exercise when none is given: answers rounded to two decimals pass.
    static let defaultCellTolerance = 0.005

    let file: String

    func decode(_ value: YAMLValue, problems: inout [LessonProblem]) -> Exercise? {
        guard let reader = MappingReader(value, context: "the exercise", file: file, knownKeys: Self.knownKeys, problems: &problems) else { return nil }
        let before = problems.count
        reader.reportUnknownKeys(problems: &problems)
        let id = reader.text("id", required: true, expected: "a name like 'first-layer-weights', unique in the lesson", problems: &problems)
        if let id, !LessonDecoder.isValidID(id), let line = reader.entry("id")?.value.line {
            problems.append(LessonProblem(.badID(id: id), at: reader.location(line)))
        }
        let context = id.map { "exercise '\($0)'" } ?? "the exercise"
        var named = reader
        named.context = context
        let prompt = named.text("prompt", required: true, expected: "the question, as text", problems: &problems)
        let explanation = named.text("explanation", required: true, expected: "why the answer is right, shown after answering", problems: &problems)
        let hints = named.textList("hints", expected: "a list of hints, revealed one at a time", problems: &problems)
        if hints.count > Exercise.maximumHints, let line = named.entry("hints")?.keyLine {
            problems.append(LessonProblem(.tooManyHints(found: hints.count), at: named.location(line)))
        }
        let answerEntry = named.entry("answer")
        let stated = named.text("answer", required: false, expected: "the answer as text", problems: &problems)
        let kindName = named.text("kind", required: true, expected: "one of \(ExerciseKind.names.joined(separator: ", "))", problems: &problems)

        let variation = decodeVariation(named, problems: &problems)
        var kind: ExerciseKind?
        var variedKind: VariedKind?
        if let kindName {
            if let variation, Self.variedKindNames.contains(kindName) {
                // The kind shows the first attempt's numbers; each attempt rebuilds its own.
                variedKind = VariedKind(value: value, file: file, kindName: kindName)
                kind = decodeKind(kindName, from: value.filled(variation.values(attempt: 0)), problems: &problems)
            } else {
                kind = decodeKind(kindName, reader: named, problems: &problems)
            }
        }
        var derivation = decodeDerivation(named, kind: kind, problems: &problems)
        if case .cell? = kind {
            // A cell exercise's answer always comes from its own patch and kernel.
            let cellKeys = DerivationKind.cell.parameterNames
            derivation = Derivation(kind: .cell, location: named.location(value.line),
                                    parameters: named.entries.filter { cellKeys.contains($0.key) })
        }

        if variation != nil {
            if derivation == nil, !StructuredExercise.kindNames.contains(kindName ?? "") { problems.append(LessonProblem(.parametricNeedsDerivation, at: named.location(value.line))) }
            if let answerEntry { problems.append(LessonProblem(.parametricStatesAnswer, at: named.location(answerEntry.keyLine))) }
        } else if stated == nil && derivation == nil, let kind, !kind.isStructured {
            problems.append(LessonProblem(.missingAnswer, at: named.location(value.line)))
        }
        if let stated, let kind, let line = answerEntry?.value.line, AnswerChecker.read(stated, kind: kind) == nil {
            problems.append(LessonProblem(.badAnswer(answer: stated, kind: kind.name, expected: AnswerChecker.expectedForm(kind)), at: named.location(line)))
        }
        let mistakes = decodeMistakes(named, kind: kind, derivation: derivation, problems: &problems)
        checkPlaceholders(named, variation: variation, problems: &problems)

        let fixedReason = decodeFixed(named, kind: kind, derivation: derivation, variation: variation, problems: &problems)

        guard problems.count == before, let id, let prompt, let explanation, let kind else { return nil }
        var exercise = Exercise(
            id: id, kind: kind, prompt: prompt, statedAnswer: stated, hints: hints, explanation: explanation,
            derivation: derivation, variation: variation, location: named.location(value.line),
            answerLine: answerEntry?.value.line, mistakes: mistakes)
        exercise.variedKind = variedKind
        exercise.fixedReason = fixedReason
        return exercise
    }

    /// The kinds whose own keys (patch, kernel, design, table, image) may hold placeholders.
    static let variedKindNames = ["cell"] + StructuredExercise.kindNames

    /// The kind `name` read from `value`, an exercise mapping whose placeholders are filled:
    /// each attempt of a parametric cell or structured exercise rebuilds its kind this way.
    func decodeKind(_ name: String, from value: YAMLValue, problems: inout [LessonProblem]) -> ExerciseKind? {
        var ignored: [LessonProblem] = []
        // Duplicate keys were reported when the lesson was read.
        guard let reader = MappingReader(value, context: "the exercise", file: file, knownKeys: Self.knownKeys, problems: &ignored) else { return nil }
        return decodeKind(name, reader: reader, problems: &problems)
    }

    private func decodeKind(_ name: String, reader: MappingReader, problems: inout [LessonProblem]) -> ExerciseKind? {
        let kindLine = reader.entry("kind")?.value.line ?? reader.line
        guard ExerciseKind.names.contains(name) else {
            let suggestion = NearestWord.suggestion(for: name, among: ExerciseKind.names)
            problems.append(LessonProblem(.unknownKind(kind: name, suggestion: suggestion), at: reader.location(kindLine)))
            return nil
        }
        for (key, kinds) in Self.kindKeys where !kinds.contains(name) {
            if let entry = reader.entry(key) {
                problems.append(LessonProblem(.fieldNotForKind(field: key, kind: name), at: reader.location(entry.keyLine)))
            }
        }
        func tolerance(default fallback: Double) -> Double {
            guard let value = reader.optional("tolerance") else { return fallback }
            guard let text = value.scalar, let number = AnswerParser.number(text), number >= 0 else {
                problems.append(LessonProblem(.wrongType(key: "tolerance", expected: "a number of 0 or more", found: value.kindDescription), at: reader.location(value.line)))
                return fallback
            }
            return number
        }
        if StructuredExercise.kindNames.contains(name) {
            return StructuredExerciseDecoder(reader: reader).decode(name, problems: &problems)
        }
        switch name {
        case "number": return .number(tolerance: tolerance(default: 0))
        case "shape": return .shape
        case "truefalse": return .trueFalse
        case "text": return .text(accepted: reader.textList("accept", expected: "a list of other accepted answers", problems: &problems))
        case "choice":
            let options = reader.textList("options", expected: "a list of options", problems: &problems)
            guard options.count >= 2 else {
                problems.append(LessonProblem(.kindNeeds(kind: name, field: "options", expected: "a list of at least two options"), at: reader.location(reader.line)))
                return nil
            }
            if let line = reader.entry("options")?.value.line {
                for problem in AnswerChecker.choiceAmbiguities(options) {
                    problems.append(LessonProblem(.ambiguousOptions(problem: problem), at: reader.location(line)))
                }
            }
            return .choice(options: options)
        default:
            return decodeCell(reader, tolerance: tolerance(default: Self.defaultCellTolerance), problems: &problems)
        }
    }

    private func decodeCell(_ reader: MappingReader, tolerance: Double, problems: inout [LessonProblem]) -> ExerciseKind? {
        let parameters = DerivationParameters(entries: reader.entries, values: [:], line: reader.line)
        for field in ["patch", "kernel"] where !parameters.has(field) {
            problems.append(LessonProblem(.kindNeeds(kind: "cell", field: field, expected: "rows of numbers like [[1, 0], [0, 1]]"), at: reader.location(reader.line)))
        }
        guard parameters.has("patch"), parameters.has("kernel") else { return nil }
        do {
            let problem = CellProblem(
                patch: try parameters.matrix("patch"),
                kernel: try parameters.matrix("kernel", allowKernelName: true),
                bias: try parameters.number("bias", fallback: 0),
                activation: try parameters.text("activation"),
                flipped: try parameters.boolean("flipped", fallback: false))
            return .cell(problem, tolerance: tolerance)
        } catch {
            problems.append(LessonProblem(.derivationFailed(derivation: "cell", message: error.message), at: reader.location(error.line)))
            return nil
        }
    }

    private func decodeDerivation(_ reader: MappingReader, kind: ExerciseKind?, problems: inout [LessonProblem]) -> Derivation? {
        guard let value = reader.optional("derive") else { return nil }
        if let name = value.scalar, name == DerivationKind.cell.rawValue, case .cell? = kind { return nil }
        guard let entries = value.entries, entries.count == 1, let entry = entries.first else {
            problems.append(LessonProblem(.wrongType(key: "derive", expected: "one derivation with its parameters, like 'conv-output-size: {input: 7, kernel: 3}'", found: value.kindDescription), at: reader.location(value.line)))
            return nil
        }
        let location = reader.location(entry.keyLine)
        guard let derivationKind = DerivationKind(rawValue: entry.key) else {
            let suggestion = NearestWord.suggestion(for: entry.key, among: DerivationKind.allCases.map(\.rawValue))
            problems.append(LessonProblem(.unknownDerivation(name: entry.key, suggestion: suggestion), at: location))
            return nil
        }
        if let kind {
            if !["number", "shape", "choice"].contains(kind.name) {
                problems.append(LessonProblem(.derivationNotForKind(derivation: entry.key, kind: kind.name), at: location))
                return nil
            }
        }
        guard let parameters = MappingReader(entry.value, context: "'derive: \(entry.key)'", file: file, knownKeys: derivationKind.parameterNames, problems: &problems) else { return nil }
        parameters.reportUnknownKeys(problems: &problems)
        for name in derivationKind.requiredParameterNames where parameters.optional(name) == nil {
            problems.append(LessonProblem(.missingField(key: name, context: "'derive: \(entry.key)'", expected: "see lessons/README.md"), at: location))
        }
        // Out of bounds is reported here; the exercise is refused but its derivation still
        // counts as given, so no 'needs answer or derive' follows.
        do { try DerivationBounds.check(derivationKind, parameters.entries, values: nil) } catch {
            problems.append(LessonProblem(error.issue, at: reader.location(error.line)))
        }
        return Derivation(kind: derivationKind, location: location, parameters: parameters.entries)
    }

    private func decodeVariation(_ reader: MappingReader, problems: inout [LessonProblem]) -> Variation? {
        let seedValue = reader.optional("seed")
        guard let value = reader.optional("vary") else {
            if let seedValue { problems.append(LessonProblem(.badVariation(message: "'seed' is only used with 'vary'"), at: reader.location(seedValue.line))) }
            return nil
        }
        guard let entries = value.entries, !entries.isEmpty else {
            problems.append(LessonProblem(.badVariation(message: "must map each placeholder to a range like 5..12 or a list like [3, 5, 7]"), at: reader.location(value.line)))
            return nil
        }
        var ranges: [Variation.Range] = []
        for entry in entries {
            switch Self.rangeValues(entry.value, name: entry.key) {
            case let .success(values):
                ranges.append(Variation.Range(name: entry.key, values: values, line: entry.value.line))
            case let .failure(issue):
                problems.append(LessonProblem(issue, at: reader.location(entry.value.line)))
            }
        }
        var seed: UInt64 = 1
        if let seedValue {
            if let text = seedValue.scalar, let number = UInt64(text) { seed = number } else {
                problems.append(LessonProblem(.wrongType(key: "seed", expected: "a whole number of 0 or more", found: seedValue.kindDescription), at: reader.location(seedValue.line)))
            }
        }
        return ranges.count == entries.count ? Variation(ranges: ranges, seed: seed) : nil
    }

    /// The values a placeholder may take.
    static let variedRange = -Limits.side...Limits.side

    /// `5..12` (inclusive) or `[3, 5, 7]`: at most `Limits.variedValues` whole numbers within
    /// ±`Limits.side`, checked before the range is counted or built, so no bound of any size
    /// can overflow or allocate. Else what is wrong, for `'vary': …`.
    static func rangeValues(_ value: YAMLValue, name: String) -> Result<[Int], LessonIssue> {
        let form = "'\(name)' must be a range like 5..12 or a list of whole numbers, found \(value.kindDescription)"
        let bounds = "'\(name)' values must lie from \(AnswerFormat.number(Double(variedRange.lowerBound))) to \(AnswerFormat.number(Double(variedRange.upperBound)))"
        let tooMany = "'\(name)' may take at most \(Limits.variedValues) values"
        if let items = value.list {
            guard !items.isEmpty else { return .failure(.badVariation(message: form)) }
            guard items.count <= Limits.variedValues else { return .failure(.badVariation(message: "\(tooMany), found \(AnswerFormat.number(Double(items.count)))")) }
            var numbers: [Int] = []
            for item in items {
                guard let text = item.scalar, let number = Int(text.trimmingWhitespace()) else { return .failure(.badVariation(message: form)) }
                guard variedRange.contains(number) else { return .failure(.badVariation(message: "\(bounds), found \(text)")) }
                numbers.append(number)
            }
            return .success(numbers)
        }
        guard let text = value.scalar else { return .failure(.badVariation(message: form)) }
        let ends = text.components(separatedBy: "..").map { $0.trimmingWhitespace() }
        guard ends.count == 2, let low = Int(ends[0]), let high = Int(ends[1]) else { return .failure(.badVariation(message: form)) }
        guard variedRange.contains(low), variedRange.contains(high) else { return .failure(.badVariation(message: "\(bounds), found \(text)")) }
        guard low <= high else { return .failure(.badVariation(message: "'\(name)': the range \(text) is empty; write the smaller bound first")) }
        // Both ends lie within ±Limits.side, so the count cannot overflow.
        guard high - low + 1 <= Limits.variedValues else { return .failure(.badVariation(message: "\(tooMany), found \(AnswerFormat.number(Double(high - low + 1))) (\(text))")) }
        return .success(Array(low...high))
    }

    /// Every `{name}` in the texts and derivation parameters must be a varied value.
    private func checkPlaceholders(_ reader: MappingReader, variation: Variation?, problems: inout [LessonProblem]) {
        // Every name under 'vary', its range valid or not: a bad range is reported once.
        let known = variation?.names ?? reader.optional("vary")?.entries?.map(\.key) ?? []
        func visit(_ value: YAMLValue) {
            switch value.content {
            case let .scalar(text, _):
                for name in Placeholders.names(in: text) where !known.contains(name) {
                    problems.append(LessonProblem(.unknownPlaceholder(name: name, known: known), at: reader.location(value.line)))
                }
            case let .list(items): items.forEach(visit)
            case let .mapping(entries): entries.forEach { visit($0.value) }
            }
        }
        for key in ["prompt", "hints", "explanation", "options", "derive", "mistakes", "patch", "kernel", "bias"] + StructuredExercise.keys.keys.sorted() {
            if let value = reader.optional(key) { visit(value) }
        }
    }
}

extension ExerciseDecoder {
    /// The kinds that always compute: a retry of one should draw new numbers.
    static let computationKindNames = ["cell", "design", "trace", "spot-error"]

    /// Whether an exercise of `kind` with `derivation` asks the learner to compute something:
    /// a cell, a design, trace or spot-error, or a number or shape the engine derives.
    static func isComputation(_ kind: ExerciseKind, derivation: Derivation?) -> Bool {
        if computationKindNames.contains(kind.name) { return true }
        guard derivation != nil else { return false }
        switch kind {
        case .number, .shape: return true
        default: return false
        }
    }

    /// `fixed: why` opts a computation out of `vary:` (`CheckRules` refuses a computation with
    /// neither); beside `vary:`, or on an exercise that computes nothing, it is refused here.
    func decodeFixed(_ reader: MappingReader, kind: ExerciseKind?, derivation: Derivation?, variation: Variation?, problems: inout [LessonProblem]) -> String? {
        let fixed = reader.text("fixed", required: false, expected: "why the numbers cannot change on a retry", problems: &problems)
        let fixedLine = reader.location(reader.entry("fixed")?.keyLine ?? reader.line)
        guard let kind else { return fixed }
        let computes = Self.isComputation(kind, derivation: derivation)
        if fixed != nil, variation != nil {
            problems.append(LessonProblem(.fixedNotApplicable(reason: "and 'vary' contradict each other: keep one"), at: fixedLine))
        } else if fixed != nil, !computes {
            problems.append(LessonProblem(.fixedNotApplicable(reason: "is for an exercise that computes (a cell, a derived number or shape, a design, trace or spot-error); this \(kind.name) exercise does not"), at: fixedLine))
        }
        return fixed
    }
}
