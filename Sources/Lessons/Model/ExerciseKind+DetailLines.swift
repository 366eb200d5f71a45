/// The lines an exercise needs beyond its prompt, the same in the terminal player and in
/// `convlab quiz --plain`: a choice's lettered options, a cell problem's patch and kernel.
extension ExerciseKind {
    public var detailLines: [String] {
        switch self {
        case let .choice(options):
            return options.enumerated().map { "  \(AnswerFormat.letter($0.offset))) \($0.element)" }
        case let .cell(problem, _):
            var lines = ["  patch:"] + Self.grid(problem.patch)
            lines += ["  kernel\(problem.flipped ? " (true convolution: rotate it 180° first)" : ""):"] + Self.grid(problem.kernel)
            if problem.bias != 0 { lines.append("  bias: \(AnswerFormat.number(problem.bias))") }
            if let activation = problem.activation, activation != "none" { lines.append("  activation: \(activation)") }
            return lines
        case let .structured(problem):
            return problem.detailLines
        default:
            return []
        }
    }

    /// Rows of numbers right-aligned in columns of one width, indented under their label.
    private static func grid(_ rows: [[Double]]) -> [String] {
        let cells = rows.map { $0.map(AnswerFormat.number) }
        let width = cells.flatMap { $0 }.map(\.count).max() ?? 1
        return cells.map { row in
            "    " + row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: " ")
        }
    }
}
