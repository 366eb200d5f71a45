/// "One row of this table is wrong: which?": the engine computes a network's layer table and
/// the lesson names one entry to show wrong (`wrong: {row: 3, output: 14x14x16}` or
/// `{row: 2, parameters: 80}`). The decoder refuses a "wrong" value that equals the
/// engine's, so the table really has exactly one error.
public struct SpotErrorProblem: Sendable {
    public enum Column: String, Sendable {
        case output
        case parameters
    }

    public let table: LayerTable
    /// The wrong row, from 1 as shown.
    public let wrongRow: Int
    public let column: Column
    /// The wrong value as shown: a shape in H×W×C (or a feature count), or a parameter count.
    public let wrongValue: [Int]

    var rightText: String {
        let row = table.rows[wrongRow - 1]
        return column == .output ? LayerTable.display(row.output) : AnswerFormat.number(Double(row.parameters))
    }

    var wrongText: String {
        column == .output ? LayerTable.display(wrongValue) : AnswerFormat.number(Double(wrongValue.first ?? 0))
    }
}

extension SpotErrorProblem: StructuredProblem {
    var detailLines: [String] {
        table.lines(
            output: { index in
                index == wrongRow - 1 && column == .output ? wrongText : LayerTable.display(table.rows[index].output)
            },
            parameters: { index in
                index == wrongRow - 1 && column == .parameters ? wrongText : AnswerFormat.number(Double(table.rows[index].parameters))
            })
    }

    var expectedForm: String { "a row number from 1 to \(table.rows.count)" }

    var solution: String { "\(wrongRow)" }

    var working: String? {
        let row = table.rows[wrongRow - 1]
        let detail = column == .parameters ? ": \(row.parameterWorking)" : ""
        return "row \(wrongRow) (\(row.layer)) shows \(column.rawValue) \(wrongText); the engine gives \(rightText)\(detail)"
    }

    func judge(_ input: String) -> StructuredJudgement {
        var text = AnswerParser.normalizedText(input)
        if text.hasPrefix("row") { text.removeFirst(3) }
        guard let row = Int(text), (1...table.rows.count).contains(row) else { return .unreadable }
        guard row == wrongRow else {
            let shown = table.rows[row - 1]
            return .judged(correct: false, remarks: [
                "row \(row) (\(shown.layer)) is right: \(LayerTable.display(shown.output)), \(AnswerFormat.number(Double(shown.parameters))) parameters (\(shown.parameterWorking))",
            ])
        }
        return .judged(correct: true, remarks: [])
    }
}
