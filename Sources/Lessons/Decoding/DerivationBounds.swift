import ConvEngine

/// The largest numbers a derivation's parameters may hold, checked before the engine does any
/// arithmetic with them: sides, kernels, paddings, strides and dilations up to `Limits.side`,
/// depths and filters up to `Limits.channels`, layer widths up to `Limits.features`, at most
/// `Limits.layers` layers, and a receptive field whose size and jump fit in an `Int`.
///
/// The decoder checks the values written out in the file, so `lessons check` reports them at
/// their line; a value built from `{placeholders}` is checked again once its numbers are
/// drawn, when the answer is derived. Malformed values are left to the derivation, which
/// says what form it expects.
enum DerivationBounds {
    /// A value outside its bound: the line of the parameter and what is wrong.
    struct Violation: Error {
        var line: Int
        var issue: LessonIssue
    }

    static let sides = 0...Limits.side
    static let channels = 0...Limits.channels
    static let features = 0...Limits.features
    static let layerIndex = 0...Limits.layers

    /// Checks `parameters` of `kind`. With `values` nil (at decode time) a value holding a
    /// placeholder is skipped; with values, placeholders are filled first.
    static func check(_ kind: DerivationKind, _ parameters: [YAMLValue.Entry], values: [String: Int]?) throws(Violation) {
        for entry in parameters {
            switch (kind, entry.key) {
            case (.convOutputSize, "input"), (.pooledShape, "input"), (.parameters, "input"):
                try checkSizes(entry, values: values)
            case (.convOutputSize, "kernel"):
                try checkEach(entry, values: values, in: sides)
            case (.convOutputSize, "padding"), (.convOutputSize, "stride"), (.convOutputSize, "dilation"),
                 (.pooledShape, "kernel"), (.pooledShape, "stride"), (.pooledShape, "padding"):
                try checkInteger(entry, values: values, in: sides)
            case (.convOutputSize, "filters"):
                try checkInteger(entry, values: values, in: channels)
            case (.mlpWeights, "inputs"), (.mlpWeights, "hidden"):
                try checkInteger(entry, values: values, in: features)
            case (.parameters, "index"), (.outputShape, "index"):
                try checkInteger(entry, values: values, in: layerIndex)
            case (.receptiveField, "layers"):
                try checkLayers(entry, values: values)
            case (.parameters, "layer"), (.parameters, "network"), (.receptiveField, "network"), (.outputShape, "network"):
                try checkSpecNumbers(entry, values: values)
            default:
                continue
            }
        }
    }

    /// The value's text with placeholders filled, or nil when it cannot be checked yet (a
    /// placeholder at decode time, or not a single value).
    private static func text(_ value: YAMLValue, values: [String: Int]?) -> String? {
        guard let raw = value.scalar, !value.isNull else { return nil }
        guard let values else { return Placeholders.names(in: raw).isEmpty ? raw : nil }
        return try? Placeholders.fill(raw, values: values, line: value.line)
    }

    private static func checkInteger(_ entry: YAMLValue.Entry, values: [String: Int]?, in range: ClosedRange<Int>) throws(Violation) {
        guard let text = text(entry.value, values: values), text.lowercased() != "same" else { return }
        // Beyond what an Int holds, the number is out of range all the same.
        guard let number = AnswerParser.number(text), number == number.rounded() else { return }
        guard number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw Violation(line: entry.value.line, issue: .outOfRange(key: entry.key, range: range, found: "'\(text)'"))
        }
    }

    /// `7`, `7x7` or `224x224x3`: the sides within `sides`, a third size (the depth) within
    /// `channels`.
    private static func checkSizes(_ entry: YAMLValue.Entry, values: [String: Int]?) throws(Violation) {
        try checkEach(entry, values: values, in: sides, depth: channels)
    }

    private static func checkEach(_ entry: YAMLValue.Entry, values: [String: Int]?, in range: ClosedRange<Int>, depth: ClosedRange<Int>? = nil) throws(Violation) {
        guard let text = text(entry.value, values: values) else { return }
        let words = text.lowercased().split(whereSeparator: { "x×*, ()[]\t".contains($0) })
        for (position, word) in words.enumerated() where word.allSatisfy(\.isNumber) {
            let bound = position == 2 ? (depth ?? range) : range
            // All digits: past Int's range it cannot be within the bound either.
            guard let number = Int(word), bound.contains(number) else {
                throw Violation(line: entry.value.line, issue: .outOfRange(key: entry.key, range: bound, found: "'\(text)'"))
            }
        }
    }

    /// An architecture line (`conv 64 3x3 pad 1`): the engine's parser judges its form and
    /// sizes, but no number in it may pass `Limits.features`, the largest any layer takes,
    /// so none reaches the parser's arithmetic as a 19-digit value.
    private static func checkSpecNumbers(_ entry: YAMLValue.Entry, values: [String: Int]?) throws(Violation) {
        guard let text = text(entry.value, values: values) else { return }
        for run in text.split(whereSeparator: { !$0.isNumber }) where run.allSatisfy(\.isASCII) {
            guard let number = Int(run), number <= Limits.features else {
                throw Violation(line: entry.value.line, issue: .specNumberTooLarge(key: entry.key, found: String(run)))
            }
        }
    }

    /// At most `Limits.layers` kernel/stride pairs, each within `sides`, whose field fits.
    private static func checkLayers(_ entry: YAMLValue.Entry, values: [String: Int]?) throws(Violation) {
        guard let items = entry.value.list else { return }
        guard items.count <= Limits.layers else {
            throw Violation(line: entry.value.line, issue: .tooManyItems(key: entry.key, limit: Limits.layers, found: items.count))
        }
        var size = 1
        var jump = 1
        for item in items {
            guard let text = text(item, values: values) else { return }
            let parts = text.split(separator: "/").map { String($0).trimmingWhitespace() }
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return }
            guard let kernel = Int(parts[0]), sides.contains(kernel),
                  let stride = parts.count == 2 ? Int(parts[1]) : 1, sides.contains(stride) else {
                throw Violation(line: item.line, issue: .layerOutOfRange(found: text))
            }
            // r_out = r_in + (k − 1)·j_in, j_out = j_in·s, as `ReceptiveField.through` computes.
            guard let grown = Limits.product([max(kernel - 1, 0), jump]).flatMap({ Limits.sum([size, $0]) }),
                  let nextJump = Limits.product([jump, stride]) else {
                throw Violation(line: item.line, issue: .receptiveFieldOverflow)
            }
            size = grown
            jump = nextJump
        }
    }
}
