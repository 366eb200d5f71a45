import ConvEngine

/// "Which of these maps is sobel-x of this image?": the options are the engine's own output
/// maps, one per candidate kernel from the gallery, shown without their names. The maps are
/// computed once, when the lesson is decoded, by `conv2dForward` (cross-correlation, stride 1,
/// no padding: an H×W image and an F×F kernel give (H − F + 1)×(W − F + 1)).
public struct PicturePick: Sendable {
    /// Rows of the input image.
    public let image: [[Double]]
    /// Gallery names, one per option, in the order the options are shown.
    public let kernelNames: [String]
    /// The option whose map is the answer.
    public let answerIndex: Int
    /// The engine's output map for each kernel, rows of numbers.
    public let maps: [[[Double]]]

    /// Image sides a lesson may use: large enough for a 3×3 kernel to leave a map, small
    /// enough that four maps of numbers fit a terminal.
    public static let imageSides = 3...12
    /// Largest pixel magnitude: keeps every map value exact in Float32 and short on screen.
    public static let pixelMagnitude = 1_000.0
    /// How many options a question may offer.
    public static let optionCounts = 2...6

    /// Computes each kernel's map. The caller has checked the bounds and that every kernel
    /// fits inside the image.
    init(image: [[Double]], kernels: [NamedKernel], answerIndex: Int) {
        self.image = image
        self.kernelNames = kernels.map(\.name)
        self.answerIndex = answerIndex
        self.maps = kernels.map { Self.map(image: image, kernel: $0) }
    }

    /// The image through one kernel, via the engine: 1×1×H×W input, 1×1×F×F weight, no bias.
    static func map(image: [[Double]], kernel: NamedKernel) -> [[Double]] {
        let height = image.count
        let width = image.first?.count ?? 0
        let input = Tensor(shape: [1, 1, height, width], scalars: image.flatMap { $0.map(Float.init) })  // 1×1×H×W
        let output = conv2dForward(input: input, weight: kernel.convWeight(), bias: nil, config: Conv2DConfig())
        let outputHeight = output.shape[2]
        let outputWidth = output.shape[3]
        return (0..<outputHeight).map { row in
            (0..<outputWidth).map { column in Double(output.scalars[row * outputWidth + column]) }
        }
    }
}

extension PicturePick: StructuredProblem {
    var detailLines: [String] {
        var lines = ["  image:"] + GridText.rows(image.map { $0.map(AnswerFormat.number) })
        let blocks = maps.enumerated().map { index, map in
            ["  \(AnswerFormat.letter(index)))"] + GridText.rows(map.map { $0.map(AnswerFormat.number) })
        }
        // Two maps to a row keeps four options within 80 columns.
        for start in stride(from: 0, to: blocks.count, by: 2) {
            lines += GridText.sideBySide(Array(blocks[start..<min(start + 2, blocks.count)]))
        }
        return lines
    }

    var expectedForm: String { "a letter from a to \(AnswerFormat.letter(maps.count - 1))" }

    var solution: String { "\(AnswerFormat.letter(answerIndex)) (\(kernelNames[answerIndex]))" }

    var working: String? {
        let names = kernelNames.enumerated().map { "\(AnswerFormat.letter($0.offset))) \($0.element)" }
        return "the maps are the image through " + names.joined(separator: ", ")
    }

    func judge(_ input: String) -> StructuredJudgement {
        guard let index = Self.optionIndex(input, count: maps.count) else { return .unreadable }
        let kernel = try? KernelGallery.kernel(named: kernelNames[index])
        let chosen = "\(AnswerFormat.letter(index))) is \(kernelNames[index])" + (kernel.map { " (\($0.summary))" } ?? "")
        guard index == answerIndex else { return .judged(correct: false, remarks: [chosen]) }
        return .judged(correct: true, remarks: [chosen])
    }

    /// `b`, `b)` or `2` → 1.
    static func optionIndex(_ input: String, count: Int) -> Int? {
        var text = AnswerParser.normalizedText(input)
        if text.hasSuffix(")") { text.removeLast() }
        if let number = Int(text), (1...count).contains(number) { return number - 1 }
        guard text.count == 1, let scalar = text.unicodeScalars.first else { return nil }
        let index = Int(scalar.value) - 97
        return (0..<count).contains(index) ? index : nil
    }
}
