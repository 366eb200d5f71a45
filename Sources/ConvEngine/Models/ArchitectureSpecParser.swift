/// Reads the one-line architecture language into an `ArchitectureSpec`.
///
/// Grammar (keywords are case-insensitive; `x` and `×` both separate sizes; a size written
/// once, `3`, means the same on both axes, and `HxW` gives height then width):
///
///     spec    := "input" SHAPE { "|" layer }
///     SHAPE   := H x W x C            an image, height x width x channels (28x28x1)
///              | F                    a flat vector of F features (784)
///     layer   := "conv" K KERNEL { "stride" PAIR | "pad" (PAIR | "same") | "dilation" PAIR | "nobias" | "floor" }
///              | ("maxpool" | "avgpool") WINDOW { "stride" PAIR | "pad" PAIR | "floor" }
///              | "relu" | "leakyrelu" [SLOPE] | "sigmoid" | "tanh" | "flatten"
///              | "linear" N [ "nobias" ]
///     KERNEL, WINDOW, PAIR := N | NxM
///
/// Defaults follow PyTorch: stride 1 and no padding for conv, stride = window for pooling,
/// slope 0.01 for leakyrelu, a bias on every conv and linear layer. `pad same` is
/// D·(F − 1)/2 on each axis and needs stride 1 and an odd kernel. Without `floor` a layer
/// whose windows do not tile its input is refused (the exact rule, CS231n's); with it the
/// output is ⌊(W − F + 2P)/S⌋ + 1 and the rows and columns past the last window are dropped,
/// as PyTorch's `nn.Conv2d` and `nn.MaxPool2d` do (PyTorch's `ceil_mode=True` is not offered).
/// Each option may appear once, in any order. Errors are `ArchitectureParseError`s naming the
/// column.
///
/// Every number is bounded as it is read (`Limits`): sides, kernels, paddings, strides and
/// dilations up to 16,384, channels up to 65,536, feature counts up to 2^28, and at most 1,000
/// layers; a number outside its range, or too long for an `Int`, is a parse error at its column.
public struct ArchitectureSpecParser {
    /// One whitespace-separated word, or a `|`, with its 1-based column.
    struct Token {
        var text: String
        var column: Int
        var lowercased: String { text.lowercased() }
    }

    /// Every layer keyword, in the order error messages list them.
    public static let layerKeywords = ["conv", "maxpool", "avgpool", "relu", "leakyrelu", "sigmoid", "tanh", "flatten", "linear"]
    static let layerExpectation = "a layer name (\(layerKeywords.joined(separator: ", ")))"
    static let inputExpectation = "an input shape like 28x28x1 (height x width x channels) or a feature count like 784"

    private let tokens: [Token]
    private let endColumn: Int

    public init(text: String) {
        var tokens: [Token] = []
        var word = ""
        var wordColumn = 0
        var column = 0
        func finishWord() {
            if !word.isEmpty { tokens.append(Token(text: word, column: wordColumn)) }
            word = ""
        }
        for character in text {
            column += 1
            if character.isWhitespace {
                finishWord()
            } else if character == "|" {
                finishWord()
                tokens.append(Token(text: "|", column: column))
            } else {
                if word.isEmpty { wordColumn = column }
                word.append(character)
            }
        }
        finishWord()
        self.tokens = tokens
        self.endColumn = column + 1
    }

    public func parse() throws(ArchitectureParseError) -> ArchitectureSpec {
        var segments: [ArchitectureTokenCursor] = []
        var current: [Token] = []
        for token in tokens {
            if token.text == "|" {
                segments.append(ArchitectureTokenCursor(tokens: current, terminator: token, endColumn: endColumn))
                current = []
            } else {
                current.append(token)
            }
        }
        segments.append(ArchitectureTokenCursor(tokens: current, terminator: nil, endColumn: endColumn))

        // Refused before any layer is read, so a pasted million-layer spec costs nothing more.
        if segments.count - 1 > Limits.layers {
            throw segments[Limits.layers + 1].failure(
                expected: "the end of the text (a spec has at most \(Limits.layers) layers)")
        }
        var inputCursor = segments[0]
        let inputShape = try parseInput(&inputCursor)
        var layers: [LayerSpec] = []
        for var cursor in segments.dropFirst() {
            layers.append(try parseLayer(&cursor))
            try cursor.expectEnd()
        }
        return ArchitectureSpec(inputShape: inputShape, layers: layers)
    }

    private func parseInput(_ cursor: inout ArchitectureTokenCursor) throws(ArchitectureParseError) -> [Int] {
        guard let keyword = cursor.peek(), keyword.lowercased == "input" else {
            throw cursor.failure(
                expected: "\"input\" and a shape first, like input 28x28x1",
                candidates: ["input"])
        }
        cursor.advance()
        guard let token = cursor.peek(), Self.isNumeric(token.text) else { throw cursor.failure(expected: Self.inputExpectation) }
        let count = Self.parts(token.text).count
        guard count == 1 || count == 3 else { throw cursor.failure(expected: Self.inputExpectation) }
        // Height and width, then channels, as written; or one feature count.
        let ranges = count == 1 ? [1...Limits.features] : [1...Limits.side, 1...Limits.side, 1...Limits.channels]
        guard let sizes = Self.sizes(token.text), zip(sizes, ranges).allSatisfy({ $1.contains($0) }) else {
            throw cursor.failure(expected: count == 1
                ? "a feature count from 1 to \(Limits.features)"
                : "an input shape with height and width from 1 to \(Limits.side) and 1 to \(Limits.channels) channels")
        }
        cursor.advance()
        try cursor.expectEnd()
        // Written H x W x C as in the course; stored C×H×W as the engine's NCHW layout wants.
        return sizes.count == 3 ? [sizes[2], sizes[0], sizes[1]] : sizes
    }

    private func parseLayer(_ cursor: inout ArchitectureTokenCursor) throws(ArchitectureParseError) -> LayerSpec {
        guard let keyword = cursor.peek() else { throw cursor.failure(expected: Self.layerExpectation) }
        switch keyword.lowercased {
        case "conv":
            cursor.advance()
            return try parseConv(&cursor)
        case "maxpool", "avgpool":
            cursor.advance()
            let pool = try parsePool(&cursor)
            return keyword.lowercased == "maxpool" ? .maxPool(pool) : .avgPool(pool)
        case "relu": cursor.advance(); return .relu
        case "sigmoid": cursor.advance(); return .sigmoid
        case "tanh": cursor.advance(); return .tanh
        case "flatten": cursor.advance(); return .flatten
        case "leakyrelu":
            cursor.advance()
            guard let token = cursor.peek() else { return .leakyRelu(slope: LayerSpec.defaultLeakySlope) }
            guard let slope = Float(token.text), slope.isFinite else {
                throw cursor.failure(expected: "a slope like 0.01, or \"|\" before the next layer")
            }
            cursor.advance()
            return .leakyRelu(slope: slope)
        case "linear":
            cursor.advance()
            let features = try cursor.integer(expected: "a number of output features like 10", in: 1...Limits.features)
            var bias = true
            if let token = cursor.peek(), token.lowercased == "nobias" {
                cursor.advance()
                bias = false
            }
            return .linear(outputFeatures: features, bias: bias)
        case "input":
            throw cursor.failure(expected: "\(Self.layerExpectation); input may only come first")
        default:
            throw cursor.failure(expected: Self.layerExpectation, candidates: Self.layerKeywords)
        }
    }

    private func parseConv(_ cursor: inout ArchitectureTokenCursor) throws(ArchitectureParseError) -> LayerSpec {
        let channels = try cursor.integer(expected: "a number of output channels like 8", in: 1...Limits.channels)
        let kernelToken = cursor.peek()
        let kernel = try cursor.pair(expected: "a kernel size like 3x3", in: 1...Limits.side)
        var spec = Conv2DSpec(outputChannels: channels, kernelHeight: kernel.height, kernelWidth: kernel.width)
        var sameToken: Token?
        var seen: Set<String> = []
        let options = ["stride", "pad", "dilation", "nobias", "floor"]
        while let option = cursor.peek() {
            let word = option.lowercased == "padding" ? "pad" : option.lowercased
            guard options.contains(word) else {
                throw cursor.failure(
                    expected: "an option (stride, pad, dilation, nobias, floor), or \"|\" before the next layer",
                    candidates: options)
            }
            guard seen.insert(word).inserted else {
                throw cursor.failure(expected: "each option at most once")
            }
            cursor.advance()
            switch word {
            case "stride":
                (spec.strideHeight, spec.strideWidth) = try cursor.pair(expected: "a stride like 2 or 2x1", in: 1...Limits.side)
            case "dilation":
                (spec.dilationHeight, spec.dilationWidth) = try cursor.pair(expected: "a dilation like 2 or 2x1", in: 1...Limits.side)
            case "nobias":
                spec.bias = false
            case "floor":
                spec.convention = .floor
            default:
                if let token = cursor.peek(), token.lowercased == "same" {
                    sameToken = token
                    spec.padding = .same
                    cursor.advance()
                } else {
                    let padding = try cursor.pair(expected: "a padding like 1, 1x2 or same", in: 0...Limits.side)
                    spec.padding = .explicit(height: padding.height, width: padding.width)
                }
            }
        }
        if let sameToken {
            do {
                _ = try spec.resolvedPadding()
            } catch {
                if case .samePaddingNeedsStrideOne = error {
                    throw ArchitectureParseError(
                        column: sameToken.column, expected: "pad same only with stride 1",
                        found: "stride \(LayerSpec.pair(spec.strideHeight, spec.strideWidth))")
                }
                throw ArchitectureParseError(
                    column: kernelToken?.column ?? sameToken.column,
                    expected: "an odd kernel extent with pad same, like 3x3",
                    found: kernelToken?.text)
            }
        }
        return .conv(spec)
    }

    private func parsePool(_ cursor: inout ArchitectureTokenCursor) throws(ArchitectureParseError) -> Pool2DConfig {
        let window = try cursor.pair(expected: "a pooling window like 2 or 2x2", in: 1...Limits.side)
        var pool = Pool2DConfig(kernelSize: window.height)
        pool.kernelWidth = window.width
        pool.strideWidth = window.width
        var seen: Set<String> = []
        let options = ["stride", "pad", "floor"]
        while let option = cursor.peek() {
            let word = option.lowercased == "padding" ? "pad" : option.lowercased
            guard options.contains(word) else {
                throw cursor.failure(expected: "an option (stride, pad, floor), or \"|\" before the next layer", candidates: options)
            }
            guard seen.insert(word).inserted else { throw cursor.failure(expected: "each option at most once") }
            cursor.advance()
            if word == "floor" {
                pool.convention = .floor
            } else if word == "stride" {
                (pool.strideHeight, pool.strideWidth) = try cursor.pair(expected: "a stride like 2 or 2x1", in: 1...Limits.side)
            } else {
                (pool.paddingHeight, pool.paddingWidth) = try cursor.pair(expected: "a padding like 1 or 1x0", in: 0...Limits.side)
            }
        }
        return pool
    }

    /// `28x28x1` → [28, 28, 1]; `3` → [3]; nil unless every part is a whole number that fits
    /// in an `Int`.
    static func sizes(_ text: String) -> [Int]? {
        let numbers = parts(text).map { Int($0) }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else { return nil }
        return numbers.map { $0! }
    }

    /// The `x`- or `×`-separated parts of a size: `28x28x1` → ["28", "28", "1"].
    static func parts(_ text: String) -> [Substring] {
        text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "×", omittingEmptySubsequences: false) }
    }

    /// Whether every part is written as a whole number (an optional sign, then digits), however
    /// long: such a word is a number out of range, not a misplaced word, when it is refused.
    static func isNumeric(_ text: String) -> Bool {
        parts(text).allSatisfy { part in
            let digits = part.first == "-" || part.first == "+" ? part.dropFirst() : part[...]
            return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
    }
}

/// Walks the words of one `|`-separated segment; errors point at the current word, or at the
/// `|` (or the end of the text) when the segment has run out.
struct ArchitectureTokenCursor {
    var tokens: [ArchitectureSpecParser.Token]
    var terminator: ArchitectureSpecParser.Token?
    var endColumn: Int
    var index = 0

    func peek() -> ArchitectureSpecParser.Token? { index < tokens.count ? tokens[index] : nil }
    mutating func advance() { index += 1 }

    func failure(expected: String, candidates: [String] = []) -> ArchitectureParseError {
        if let token = peek() {
            return ArchitectureParseError(
                column: token.column, expected: expected, found: token.text,
                suggestion: NearestWord.suggestion(for: token.text, among: candidates))
        }
        if let terminator {
            return ArchitectureParseError(column: terminator.column, expected: expected, found: "|")
        }
        return ArchitectureParseError(column: endColumn, expected: expected, found: nil)
    }

    mutating func expectEnd() throws(ArchitectureParseError) {
        if peek() != nil { throw failure(expected: "\"|\" before the next layer, or the end of the text") }
    }

    /// One whole number in `range`; a number outside it (or too long for an `Int`) is refused
    /// with the range, anything else with `expected` alone.
    mutating func integer(expected: String, in range: ClosedRange<Int>) throws(ArchitectureParseError) -> Int {
        guard let token = peek() else { throw failure(expected: expected) }
        guard ArchitectureSpecParser.isNumeric(token.text), ArchitectureSpecParser.parts(token.text).count == 1 else {
            throw failure(expected: expected)
        }
        guard let value = Int(token.text), range.contains(value) else {
            throw failure(expected: "\(expected), from \(range.lowerBound) to \(range.upperBound)")
        }
        advance()
        return value
    }

    /// `N` (both axes) or `NxM` (height, width), each in `range`.
    mutating func pair(expected: String, in range: ClosedRange<Int>) throws(ArchitectureParseError) -> (height: Int, width: Int) {
        guard let token = peek(), ArchitectureSpecParser.isNumeric(token.text),
              ArchitectureSpecParser.parts(token.text).count <= 2
        else { throw failure(expected: expected) }
        guard let sizes = ArchitectureSpecParser.sizes(token.text), sizes.allSatisfy({ range.contains($0) }) else {
            throw failure(expected: "\(expected), each from \(range.lowerBound) to \(range.upperBound)")
        }
        advance()
        return (sizes[0], sizes.count == 2 ? sizes[1] : sizes[0])
    }
}
