/// "Fill in the table": the learner gives every layer's output shape and parameter count, as
/// in CS231n's walk through VGGNet, one row per layer separated by `;` (`30x30x8 224; 15x15x8
/// 0`). Each row is judged on its own, so the feedback says which rows are right.
public struct TraceProblem: Sendable {
    public let table: LayerTable
}

extension TraceProblem: StructuredProblem {
    var detailLines: [String] {
        table.lines(output: { _ in "?" }, parameters: { _ in "?" })
    }

    var expectedForm: String {
        "\(table.rows.count) row\(table.rows.count == 1 ? "" : "s") separated by ';', each a shape and a parameter count, like '30x30x8 224; 15x15x8 0'"
    }

    var solution: String {
        table.rows.map { "\(LayerTable.display($0.output)) \(AnswerFormat.number(Double($0.parameters)))" }.joined(separator: "; ")
    }

    var working: String? {
        table.rows.enumerated().map { "\($0.offset + 1) \($0.element.layer): \($0.element.parameterWorking)" }.joined(separator: "; ")
    }

    func judge(_ input: String) -> StructuredJudgement {
        let parts = input.split(separator: ";", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        guard parts.count == table.rows.count else { return .unreadable }
        var rows: [(shape: [Int], count: Double)] = []
        for part in parts {
            guard let row = Self.read(part) else { return .unreadable }
            rows.append(row)
        }
        var remarks: [String] = []
        var rightRows = 0
        for (index, (given, row)) in zip(rows, table.rows).enumerated() {
            let reordered = given.shape.count == 3 && given.shape != row.output && [given.shape[1], given.shape[2], given.shape[0]] == row.output
            let shapeRight = given.shape == row.output || reordered
            let countRight = given.count == Double(row.parameters)
            if shapeRight && countRight { rightRows += 1 }
            var remark = "row \(index + 1) (\(row.layer)): shape \(shapeRight ? "✓" : "✗"), parameters \(countRight ? "✓" : "✗")"
            if reordered { remark += "; right numbers, but this course writes H×W×C: \(LayerTable.display(row.output))" }
            remarks.append(remark)
        }
        remarks.append("\(rightRows) of \(table.rows.count) rows right")
        return .judged(correct: rightRows == table.rows.count, remarks: remarks)
    }

    /// `30x30x8 224`, `30×30×8, 1,168` or `1152 0`: the last word is the count, the rest the
    /// shape.
    static func read(_ text: String) -> (shape: [Int], count: Double)? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count >= 2, let count = AnswerParser.number(String(words.last!)), count >= 0 else { return nil }
        guard let shape = AnswerParser.shape(words.dropLast().joined(separator: " ")), [1, 3].contains(shape.count) else { return nil }
        return (shape, count)
    }
}
