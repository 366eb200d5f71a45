import ConvEngine

/// "Choose padding and stride so that 56 becomes 28": the learner picks values for the
/// quantities in `choose`, the engine evaluates the goal with them, and any choice that meets
/// the goal is right. `lessons check` searches the whole (bounded) space of choices and
/// refuses a design with no solution.
public struct DesignProblem: Sendable {
    /// What the goal constrains.
    public enum Quantity: String, CaseIterable, Sendable {
        /// O = (W − F + 2P)/S + 1 along one axis (`input`, `kernel`, `padding`, `stride`,
        /// `dilation`); with `floor: true`, PyTorch's ⌊(W − F + 2P)/S⌋ + 1.
        case convOutputSize = "conv-output-size"
        /// A stack of `layers` identical layers of `kernel` and `stride`:
        /// r_out = r_in + (k − 1)·j_in, j_out = j_in·s, from r = 1, j = 1.
        case receptiveField = "receptive-field"

        /// The parameters the quantity reads, with the value used when neither given nor
        /// chosen (nil: it must be given or chosen).
        var parameters: [(name: String, fallback: Int?)] {
            switch self {
            case .convOutputSize: [("input", nil), ("kernel", nil), ("padding", 0), ("stride", 1), ("dilation", 1)]
            case .receptiveField: [("kernel", nil), ("layers", nil), ("stride", 1)]
            }
        }

        /// The values each parameter may take, checked before any arithmetic.
        static func bounds(_ name: String) -> ClosedRange<Int> {
            switch name {
            case "padding": 0...Limits.side
            case "layers": 1...Limits.layers
            default: 1...Limits.side
            }
        }
    }

    /// One value the learner chooses, and what it may be.
    public struct Choice: Hashable, Sendable {
        public let name: String
        public let values: [Int]
    }

    public let quantity: Quantity
    /// The value the quantity must reach.
    public let target: Int
    /// The fixed parameters.
    public let given: [String: Int]
    /// The parameters the learner chooses, in the order the answer lists them.
    public let choices: [Choice]
    /// PyTorch's floor for an output size that does not tile (conv-output-size only).
    public let floor: Bool
    /// The first solution of the search, in the order of `choices`.
    public private(set) var example: [Int]

    /// Most combinations a design may offer, so `lessons check`'s search stays instant.
    public static let searchLimit = 10_000

    /// How many choices in the search space meet the goal.
    public private(set) var solutionCount: Int

    /// Builds the problem and searches the whole space; nil when no choice meets the goal.
    /// The values must already lie within `Quantity.bounds`.
    init?(quantity: Quantity, target: Int, given: [String: Int], choices: [Choice], floor: Bool) {
        self.quantity = quantity
        self.target = target
        self.given = given
        self.choices = choices
        self.floor = floor
        self.example = []
        self.solutionCount = 0
        let solutions = Self.solutions(of: self)
        guard let first = solutions.first else { return nil }
        self.example = first
        self.solutionCount = solutions.count
    }

    /// Every combination of the choices (last choice fastest) that meets the goal.
    private static func solutions(of problem: DesignProblem) -> [[Int]] {
        var found: [[Int]] = []
        var indices = [Int](repeating: 0, count: problem.choices.count)
        while true {
            let values = zip(problem.choices, indices).map { $0.values[$1] }
            if problem.evaluate(values).value == problem.target { found.append(values) }
            var position = indices.count - 1
            while position >= 0 {
                indices[position] += 1
                if indices[position] < problem.choices[position].values.count { break }
                indices[position] = 0
                position -= 1
            }
            if position < 0 { return found }
        }
    }

    /// The quantity with `values` for the choices: its value (nil when the geometry is
    /// invalid or does not tile) and the working.
    func evaluate(_ values: [Int]) -> (value: Int?, working: String) {
        var all = given
        for (choice, value) in zip(choices, values) { all[choice.name] = value }
        let number = { (name: String) in all[name] ?? quantity.parameters.first { $0.name == name }?.fallback ?? 0 }
        switch quantity {
        case .convOutputSize:
            let geometry = AxisGeometry(
                inputSize: number("input"), kernelSize: number("kernel"), padding: number("padding"),
                stride: number("stride"), dilation: number("dilation"))
            switch geometry.validated {
            case let .success(output): return (output, "\(geometry.formula) = \(output)")
            case let .failure(error):
                if case .doesNotTile = error, floor {
                    let output = geometry.wholeWindowCount
                    return (output, "⌊\(geometry.formula.replacingOccurrences(of: " + 1", with: ""))⌋ + 1 = \(output)")
                }
                return (nil, error.description)
            }
        case .receptiveField:
            var field = ReceptiveField.input
            var sizes = [1]
            for _ in 0..<number("layers") {
                guard let next = try? field.through(kernelSize: number("kernel"), stride: number("stride")) else {
                    return (nil, "the field grows past what a 64-bit integer holds")
                }
                field = next
                sizes.append(field.size)
            }
            return (field.size, "r: " + sizes.map(String.init).joined(separator: " → "))
        }
    }

    /// `padding 1, stride 2`.
    func describe(_ values: [Int]) -> String {
        zip(choices, values).map { "\($0.name) \($1)" }.joined(separator: ", ")
    }
}

extension DesignProblem: StructuredProblem {
    var detailLines: [String] {
        var lines = ["  goal: \(quantity.rawValue) = \(target)\(floor ? " (PyTorch's floor convention)" : "")"]
        let fixed = quantity.parameters.compactMap { parameter in given[parameter.name].map { "\(parameter.name) \($0)" } }
        if !fixed.isEmpty { lines.append("  given: " + fixed.joined(separator: ", ")) }
        lines.append("  choose: " + choices.map { "\($0.name) (\(Self.range($0.values)))" }.joined(separator: ", "))
        return lines
    }

    /// `0 to 3` for a run, else `one of 2, 3, 5`.
    static func range(_ values: [Int]) -> String {
        guard let first = values.first, let last = values.last else { return "" }
        if last > first, values == Array(first...last) { return "\(first) to \(last)" }
        return values.count == 1 ? "\(first)" : "one of " + values.map(String.init).joined(separator: ", ")
    }

    var expectedForm: String {
        let ranges = choices.map { "\($0.name) \(Self.range($0.values))" }.joined(separator: " and ")
        let sample = choices.map { $0.values[0] }
        return "\(ranges), like '\(describe(sample))' or '\(sample.map(String.init).joined(separator: ", "))'"
    }

    /// One solution, and how many there are when it is not the only one: the learner's own
    /// right answer may well be another.
    var solution: String {
        solutionCount == 1 ? describe(example) : "\(describe(example)) (one of \(solutionCount) choices that meet the goal)"
    }

    var working: String? { "\(describe(example)): \(evaluate(example).working)" }

    func judge(_ input: String) -> StructuredJudgement {
        guard let values = read(input) else { return .unreadable }
        let (value, working) = evaluate(values)
        let correct = value == target
        let outcome = value == nil ? "so no whole output size" : correct ? "which meets the goal" : "not \(target)"
        return .judged(correct: correct, remarks: ["\(describe(values)): \(working), \(outcome)"])
    }

    /// `1, 2`, `1 2`, or named in any order: `stride 2 padding 1`, `s=2 p=1` (a unique
    /// prefix of the name). Every value must be one the choice offers.
    func read(_ input: String) -> [Int]? {
        var words: [String] = []
        var word = ""
        for character in input.lowercased() {
            let isLetter = character.isLetter
            let isDigit = character.isNumber || character == "-" || character == "−"
            if !(isLetter || isDigit) || (!word.isEmpty && word.first!.isLetter != isLetter) {
                if !word.isEmpty { words.append(word) }
                word = ""
            }
            if isLetter || isDigit { word.append(character == "−" ? "-" : character) }
        }
        if !word.isEmpty { words.append(word) }
        var values = [Int?](repeating: nil, count: choices.count)
        if words.allSatisfy({ $0.first?.isLetter == false }) {
            guard words.count == choices.count else { return nil }
            for (index, text) in words.enumerated() { values[index] = Int(text) }
        } else {
            guard words.count == 2 * choices.count else { return nil }
            for pair in stride(from: 0, to: words.count, by: 2) {
                let name = words[pair]
                let matches = choices.indices.filter { choices[$0].name.hasPrefix(name) }
                guard matches.count == 1, values[matches[0]] == nil, let number = Int(words[pair + 1]) else { return nil }
                values[matches[0]] = number
            }
        }
        let chosen = values.compactMap { $0 }
        guard chosen.count == choices.count, zip(choices, chosen).allSatisfy({ $0.values.contains($1) }) else { return nil }
        return chosen
    }
}
