import ConvEngine

// The two conventions for a window geometry that does not tile: the exact rule (CS231n: no
// output) and PyTorch's floor (⌊(W − F + 2P)/S⌋ + 1). A lesson must say which one an exercise
// asks for whenever they differ, in its `derive:` (`convention: exact|floor`) and in its
// prompt; a learner who answers in the other one is told which one they used.

extension Derivation {
    /// The `lessons check` rule for a geometry that does not tile and names no convention,
    /// reported at `derive:` with both answers so the author can pick.
    static func conventionMissing(_ geometry: AxisGeometry, line: Int) -> DerivationError {
        var exact = geometry
        exact.convention = .exact
        var floored = geometry
        floored.convention = .floor
        let floorAnswer = floored.outputSize.map(String.init) ?? "no output"
        return DerivationError(
            line: line,
            message: "the geometry does not tile (\(exact.formula) = \(formatFraction(exact))): say which convention the exercise asks for with `convention: exact` (CS231n: does not tile) or `convention: floor` (PyTorch: \(floored.formula) = \(floorAnswer))")
    }

    /// The formula's value as a reduced fraction, `7/3`: unlike a rounded decimal it can never
    /// read as a whole number.
    private static func formatFraction(_ geometry: AxisGeometry) -> String {
        let (numerator, denominator) = geometry.exactOutput
        return "\(numerator)/\(denominator)"
    }

    /// For a conv-output-size or pooled-shape derivation whose windows do not tile with these
    /// `values`: the convention the exercise asks for and its answer under the other one. Nil
    /// when they tile, for other kinds, and when the derivation fails.
    public func conventionContrast(values: [String: Int] = [:]) -> ConventionContrast? {
        guard kind == .convOutputSize || kind == .pooledShape,
              let asked = try? derive(values: values, convention: nil),
              let axis = asked.untiledAxis,
              let other = try? derive(values: values, convention: axis.convention.other)
        else { return nil }
        var exact = axis
        exact.convention = .exact
        return ConventionContrast(asked: axis.convention, otherAnswer: other.answer, otherWorking: other.working, axis: exact)
    }
}

/// An exercise whose geometry does not tile, seen from both conventions.
public struct ConventionContrast: Hashable, Sendable {
    /// The convention the exercise asks for (its `convention:`).
    public var asked: OutputSizeConvention
    /// The answer under the other convention: a size under floor, "does not tile" under exact.
    public var otherAnswer: Answer
    /// How the other answer comes out, e.g. `⌊(7 − 3 + 2·0)/3⌋ + 1 = 2`.
    public var otherWorking: String
    /// The first axis that does not tile, under the exact rule.
    public var axis: AxisGeometry

    /// Feedback for an answer given in the other convention; it names the slip and the rule
    /// to use without giving the answer away.
    public var feedback: String {
        var floored = axis
        floored.convention = .floor
        switch asked {
        case .exact:
            return "That is PyTorch's floor, \(floored.formula), which rounds down. This exercise asks for the exact rule (CS231n): is \(axis.formula) a whole number?"
        case .floor:
            return "That is the exact rule (CS231n), under which it does not tile. This exercise asks for PyTorch's floor: \(floored.formula), rounding down."
        }
    }

    /// The words that name `asked` in a prompt (any one will do, ignoring case).
    public var namingWords: [String] { Self.namingWords(asked) }

    static func namingWords(_ convention: OutputSizeConvention) -> [String] {
        switch convention {
        case .exact: ["exact", "CS231n"]
        case .floor: ["floor", "PyTorch"]
        }
    }
}

extension PreparedExercise {
    /// This attempt's geometry seen from both conventions; nil when it tiles (see
    /// `Derivation.conventionContrast`).
    public var conventionContrast: ConventionContrast? {
        exercise.derivation?.conventionContrast(values: values)
    }

    /// When `input` is wrong here but right under the other convention, the sentence that
    /// says so ("That is PyTorch's floor, …; this exercise asks for the exact rule (CS231n)
    /// …"); nil for anything else, a right answer included.
    public func conventionFeedback(for input: String) -> String? {
        guard let contrast = conventionContrast, check(input) == .incorrect,
              let given = AnswerChecker.read(input, kind: kind)
        else { return nil }
        var value = given
        if case let .choice(index) = given, case let .choice(options) = kind, options.indices.contains(index) {
            value = Self.read(options[index], like: contrast.otherAnswer)
        }
        return AnswerChecker.matches(value, expected: contrast.otherAnswer, kind: .number(tolerance: 0)) ? contrast.feedback : nil
    }

    /// A choice's text read as the same sort of value as `answer`.
    private static func read(_ option: String, like answer: Answer) -> Answer {
        switch answer {
        case .doesNotTile: AnswerParser.saysDoesNotTile(option) ? .doesNotTile(reason: "") : .text(option)
        case .shape: AnswerParser.shape(option).map(Answer.shape) ?? .text(option)
        default: AnswerParser.number(option).map(Answer.number) ?? .text(option)
        }
    }
}

extension Exercise {
    /// The `lessons check` rule that the learner, too, is told the convention: when this
    /// attempt's geometry does not tile, the prompt must name the convention the derivation
    /// asks for ("exact" or "CS231n"; "floor" or "PyTorch").
    func checkConventionNamed(prompt: String, values: [String: Int]) throws(LessonProblem) {
        guard let contrast = derivation?.conventionContrast(values: values) else { return }
        let lowered = prompt.lowercased()
        guard !contrast.namingWords.contains(where: { lowered.contains($0.lowercased()) }) else { return }
        throw LessonProblem(
            .conventionNotInPrompt(convention: contrast.asked.rawValue, words: contrast.namingWords),
            at: location)
    }
}
