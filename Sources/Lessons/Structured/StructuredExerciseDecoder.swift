import ConvEngine

/// Decodes the keys of a pick-picture, design, spot-error or trace exercise and builds its
/// problem with the engine, so every check `lessons check` makes (a solution exists, the
/// wrong value is wrong, the maps differ) happens here, at the line of the key at fault.
struct StructuredExerciseDecoder {
    let reader: MappingReader

    func decode(_ name: String, problems: inout [LessonProblem]) -> ExerciseKind? {
        // The engine builds these answers: nothing to state or derive (`vary:` fills their own
        // keys instead). Their feedback is the engine's remarks on the answer, so an authored
        // `mistakes:` would never be shown.
        for key in ["answer", "derive", "mistakes"] {
            if let entry = reader.entry(key) {
                problems.append(LessonProblem(.fieldNotForKind(field: key, kind: name), at: reader.location(entry.keyLine)))
            }
        }
        let structured: StructuredExercise?
        switch name {
        case "pick-picture": structured = decodePicturePick(problems: &problems).map(StructuredExercise.pickPicture)
        case "design": structured = decodeDesign(problems: &problems).map(StructuredExercise.design)
        case "spot-error": structured = decodeSpotError(problems: &problems).map(StructuredExercise.spotError)
        default: structured = table(kind: name, problems: &problems).map { StructuredExercise.trace(TraceProblem(table: $0)) }
        }
        return structured.map(ExerciseKind.structured)
    }

    private func report(_ issue: StructuredIssue, line: Int, problems: inout [LessonProblem]) {
        problems.append(LessonProblem(.structuredExercise(issue), at: reader.location(line)))
    }

    private func required(_ key: String, kind: String, expected: String, problems: inout [LessonProblem]) -> YAMLValue? {
        if let value = reader.optional(key) { return value }
        problems.append(LessonProblem(.kindNeeds(kind: kind, field: key, expected: expected), at: reader.location(reader.line)))
        return nil
    }

    // MARK: pick the picture

    private func decodePicturePick(problems: inout [LessonProblem]) -> PicturePick? {
        let imageValue = required("image", kind: "pick-picture", expected: "rows of numbers like [[0, 0, 1], [0, 0, 1], [0, 0, 1]]", problems: &problems)
        let kernelsValue = required("kernels", kind: "pick-picture", expected: "a list of gallery kernels, one per option", problems: &problems)
        let pickValue = required("pick", kind: "pick-picture", expected: "the kernel whose map is the answer", problems: &problems)
        guard let imageValue, let kernelsValue, let pickValue else { return nil }
        let before = problems.count

        var image: [[Double]] = []
        do { image = try DerivationParameters.matrix(imageValue, name: "image") } catch {
            problems.append(LessonProblem(.derivationFailed(derivation: "pick-picture", message: error.message), at: reader.location(error.line)))
            return nil
        }
        let height = image.count
        let width = image[0].count
        if !PicturePick.imageSides.contains(height) || !PicturePick.imageSides.contains(width) {
            report(.imageSize(height: height, width: width), line: imageValue.line, problems: &problems)
        }
        if let pixel = image.joined().first(where: { !(abs($0) <= PicturePick.pixelMagnitude) }) {
            report(.pixelOutOfRange(found: AnswerFormat.number(pixel)), line: imageValue.line, problems: &problems)
        }

        let names = reader.textList("kernels", expected: "a list of gallery kernel names", problems: &problems)
        var kernels: [NamedKernel] = []
        if !PicturePick.optionCounts.contains(names.count) {
            report(.optionCount(found: names.count), line: kernelsValue.line, problems: &problems)
        }
        for name in names {
            do { kernels.append(try KernelGallery.kernel(named: name)) } catch {
                report(.unknownKernel(message: error.description), line: kernelsValue.line, problems: &problems)
            }
        }
        for kernel in kernels where kernel.kernelHeight > height || kernel.kernelWidth > width {
            report(.kernelLargerThanImage(kernel: kernel.name, size: "\(kernel.kernelHeight)×\(kernel.kernelWidth)", image: "\(height)×\(width)"), line: kernelsValue.line, problems: &problems)
        }
        let pick = pickValue.scalar ?? ""
        let picked = try? KernelGallery.kernel(named: pick)
        let answerIndex = kernels.firstIndex { $0.name == picked?.name }
        if answerIndex == nil, kernels.count == names.count {
            report(.pickNotAmongKernels(pick: pick, kernels: names), line: pickValue.line, problems: &problems)
        }
        guard problems.count == before, let answerIndex else { return nil }

        let problem = PicturePick(image: image, kernels: kernels, answerIndex: answerIndex)
        for first in problem.maps.indices {
            for second in problem.maps.indices where second > first && problem.maps[first] == problem.maps[second] {
                report(.sameMaps(first: "\(AnswerFormat.letter(first))) \(problem.kernelNames[first])", second: "\(AnswerFormat.letter(second))) \(problem.kernelNames[second])"), line: kernelsValue.line, problems: &problems)
                return nil
            }
        }
        return problem
    }

    // MARK: design

    private func decodeDesign(problems: inout [LessonProblem]) -> DesignProblem? {
        guard let value = required("design", kind: "design", expected: "a mapping like {goal: conv-output-size == 28, input: 56, kernel: 3, choose: {padding: 0..3, stride: 1..3}}", problems: &problems),
              let design = MappingReader(value, context: "'design'", file: reader.file, knownKeys: [], problems: &problems)
        else { return nil }
        let before = problems.count
        guard let goalValue = design.required("goal", expected: "a quantity and a target like 'conv-output-size == 28'", problems: &problems) else { return nil }
        let goalText = goalValue.scalar ?? ""
        let goalParts = goalText.components(separatedBy: "==").map { $0.trimmingWhitespace() }
        guard goalParts.count == 2, let quantity = DesignProblem.Quantity(rawValue: goalParts[0]),
              let target = Int(goalParts[1]), (0...Limits.features).contains(target)
        else {
            report(.badGoal(found: goalText), line: goalValue.line, problems: &problems)
            return nil
        }
        let goalName = quantity.rawValue
        let known = quantity.parameters.map(\.name)

        var floor = false
        var given: [String: Int] = [:]
        var choices: [DesignProblem.Choice] = []
        for entry in design.entries where entry.key != "goal" {
            let line = entry.value.line
            if entry.key == "floor" {
                if quantity != .convOutputSize { report(.floorOnlyForOutputSize, line: line, problems: &problems) }
                guard let flag = entry.value.scalar.flatMap(AnswerParser.truth) else {
                    problems.append(LessonProblem(.wrongType(key: "floor", expected: "true or false", found: entry.value.kindDescription), at: reader.location(line)))
                    continue
                }
                floor = flag
            } else if entry.key == "choose" {
                guard let chosen = entry.value.entries, !chosen.isEmpty else {
                    report(.nothingToChoose, line: line, problems: &problems)
                    continue
                }
                for choice in chosen {
                    guard known.contains(choice.key) else {
                        report(.unknownDesignParameter(name: choice.key, goal: goalName, known: known), line: choice.keyLine, problems: &problems)
                        continue
                    }
                    switch ExerciseDecoder.rangeValues(choice.value, name: choice.key) {
                    case let .success(values):
                        let bounds = DesignProblem.Quantity.bounds(choice.key)
                        if let outside = values.first(where: { !bounds.contains($0) }) {
                            report(.designValueOutOfRange(name: choice.key, range: bounds, found: "\(outside)"), line: choice.value.line, problems: &problems)
                        } else {
                            choices.append(DesignProblem.Choice(name: choice.key, values: values))
                        }
                    case let .failure(issue):
                        problems.append(LessonProblem(issue, at: reader.location(choice.value.line)))
                    }
                }
            } else if known.contains(entry.key) {
                let bounds = DesignProblem.Quantity.bounds(entry.key)
                guard let text = entry.value.scalar, let number = AnswerParser.integer(text), bounds.contains(number) else {
                    report(.designValueOutOfRange(name: entry.key, range: bounds, found: entry.value.kindDescription), line: line, problems: &problems)
                    continue
                }
                given[entry.key] = number
            } else {
                report(.unknownDesignParameter(name: entry.key, goal: goalName, known: known + ["floor", "choose"]), line: entry.keyLine, problems: &problems)
            }
        }
        for choice in choices where given[choice.name] != nil {
            report(.givenAndChosen(name: choice.name), line: design.entry("choose")?.value.line ?? design.line, problems: &problems)
        }
        if choices.isEmpty, design.entry("choose") == nil { report(.nothingToChoose, line: design.line, problems: &problems) }
        for parameter in quantity.parameters where parameter.fallback == nil {
            // A value already refused as out of range is not also reported as missing.
            let chosen = design.entry("choose")?.value.entries?.contains { $0.key == parameter.name } ?? false
            if design.entry(parameter.name) == nil, !chosen {
                report(.designNeeds(name: parameter.name, goal: goalName), line: design.line, problems: &problems)
            }
        }
        guard problems.count == before, !choices.isEmpty else { return nil }
        // Each choice offers at most Limits.variedValues values, so the product is small
        // enough to count before it is compared with the limit.
        let combinations = choices.reduce(1) { total, choice in min(total * choice.values.count, DesignProblem.searchLimit + 1) }
        guard combinations <= DesignProblem.searchLimit else {
            report(.tooManyCombinations(found: combinations), line: design.entry("choose")?.value.line ?? design.line, problems: &problems)
            return nil
        }
        guard let problem = DesignProblem(quantity: quantity, target: target, given: given, choices: choices, floor: floor) else {
            report(.noSolution(goal: goalText, searched: combinations), line: goalValue.line, problems: &problems)
            return nil
        }
        return problem
    }

    // MARK: spot the error, trace

    private func table(kind: String, problems: inout [LessonProblem]) -> LayerTable? {
        guard let value = required("network", kind: kind, expected: "a spec line like 'input 32x32x3 | conv 8 3x3 | maxpool 2'", problems: &problems) else { return nil }
        guard let text = value.scalar else {
            problems.append(LessonProblem(.wrongType(key: "network", expected: "a spec line", found: value.kindDescription), at: reader.location(value.line)))
            return nil
        }
        // Bounded like a derivation's network before the engine parses it.
        do { try DerivationBounds.check(.outputShape, [YAMLValue.Entry(key: "network", keyLine: value.line, value: value)], values: nil) } catch {
            problems.append(LessonProblem(error.issue, at: reader.location(error.line)))
            return nil
        }
        do { return try LayerTable(spec: text) } catch {
            report(.badNetwork(message: error.message), line: value.line, problems: &problems)
            return nil
        }
    }

    private func decodeSpotError(problems: inout [LessonProblem]) -> SpotErrorProblem? {
        let wrongValue = required("wrong", kind: "spot-error", expected: "the row to show wrong and its value, like {row: 3, output: 14x14x16}", problems: &problems)
        guard let table = table(kind: "spot-error", problems: &problems), let wrongValue else { return nil }
        guard let wrong = MappingReader(wrongValue, context: "'wrong'", file: reader.file, knownKeys: ["row", "output", "parameters"], problems: &problems) else { return nil }
        wrong.reportUnknownKeys(problems: &problems)
        let columns = ["output", "parameters"].filter { wrong.optional($0) != nil }
        guard let rowValue = wrong.optional("row"), columns.count == 1, let columnName = columns.first,
              let column = SpotErrorProblem.Column(rawValue: columnName), let valueEntry = wrong.optional(columnName)
        else {
            report(.badWrong, line: wrongValue.line, problems: &problems)
            return nil
        }
        guard let rowText = rowValue.scalar, let row = Int(rowText), (1...table.rows.count).contains(row) else {
            report(.wrongRowOutOfRange(found: rowValue.kindDescription, rows: table.rows.count), line: rowValue.line, problems: &problems)
            return nil
        }
        let text = valueEntry.scalar ?? ""
        let shown: [Int]?
        switch column {
        case .output: shown = AnswerParser.shape(text).flatMap { [1, 3].contains($0.count) && $0.allSatisfy({ $0 <= Limits.features }) ? $0 : nil }
        case .parameters: shown = AnswerParser.integer(text).flatMap { (0...Int(Int64.max / 2)).contains($0) ? [$0] : nil }
        }
        guard let shown else {
            report(.badWrong, line: valueEntry.line, problems: &problems)
            return nil
        }
        let right = column == .output ? table.rows[row - 1].output : [table.rows[row - 1].parameters]
        guard shown != right else {
            let display = column == .output ? LayerTable.display(shown) : AnswerFormat.number(Double(shown[0]))
            report(.wrongEqualsEngine(row: row, column: column.rawValue, value: display), line: valueEntry.line, problems: &problems)
            return nil
        }
        return SpotErrorProblem(table: table, wrongRow: row, column: column, wrongValue: shown)
    }
}
