/// Decoding `mistakes:`, a mapping from a wrong answer to the sentence a learner who gives it
/// reads:
///
///     mistakes:
///       no-bias: Each of the 64 filters has a bias too.
///       "576": That is one channel's weights; the filter spans all three.
///
/// A key is a built-in slip's name (its wrong value computed by the engine from `derive`) or a
/// value as a learner would type it.
extension ExerciseDecoder {
    func decodeMistakes(_ reader: MappingReader, kind: ExerciseKind?, derivation: Derivation?, problems: inout [LessonProblem]) -> [AuthoredMistake] {
        guard let value = reader.optional("mistakes") else { return [] }
        guard let entries = value.entries, !entries.isEmpty else {
            problems.append(LessonProblem(.wrongType(key: "mistakes", expected: "a mapping from a wrong answer (or a slip such as 'no-bias') to a sentence of feedback", found: value.kindDescription), at: reader.location(value.line)))
            return []
        }
        var mistakes: [AuthoredMistake] = []
        for entry in entries {
            let location = reader.location(entry.keyLine)
            guard let feedback = entry.value.scalar, !feedback.trimmingWhitespace().isEmpty else {
                problems.append(LessonProblem(.wrongType(key: "mistakes: \(entry.key)", expected: "a sentence of feedback", found: entry.value.kindDescription), at: reader.location(entry.value.line)))
                continue
            }
            if let variant = MistakeVariant(rawValue: entry.key) {
                guard let derivation, variant.derivations.contains(derivation.kind) else {
                    problems.append(LessonProblem(.mistakeNotForDerivation(name: variant.rawValue, derivation: derivation?.kind.rawValue, applies: variant.derivations.map(\.rawValue)), at: location))
                    continue
                }
                mistakes.append(AuthoredMistake(trigger: .variant(variant), feedback: feedback, line: entry.keyLine))
                continue
            }
            guard let kind else { continue }
            // A key with placeholders is read once its numbers are drawn.
            if Placeholders.names(in: entry.key).isEmpty, AnswerChecker.read(entry.key, kind: kind) == nil {
                problems.append(LessonProblem(.badMistake(value: entry.key, kind: kind.name, expected: AnswerChecker.expectedForm(kind)), at: location))
                continue
            }
            mistakes.append(AuthoredMistake(trigger: .value(entry.key), feedback: feedback, line: entry.keyLine))
        }
        return mistakes
    }
}
