import ConvEngine

/// The dense demo's model and data: a small CNN trained on 14×14 digits plus a "background"
/// class, then slid over a canvas holding three digits.
///
/// Training data: synthetic digits resized to 14×14 (classes 0–9) and digits pushed mostly out
/// of the frame (class 10, background: what a window between digits sees). Training is
/// incremental — `advance()` trains `batchesPerTick` batches — so the screen runs it on clock
/// ticks. The canvas is `canvasHeight`×`canvasWidth` with three test digits of different
/// classes pasted at seeded places; everything is seeded.
public struct DenseDetectionExperiment: Sendable {
    /// conv → ReLU → 2×2 max pool → linear to 10 digits + background.
    public static let spec = "input 14x14x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | flatten | linear 11"
    public static let windowSize = 14
    public static let canvasHeight = 17
    public static let canvasWidth = 44
    /// The class index of "no digit here".
    public static let backgroundClass = 10
    public static let digitCount = 800
    public static let backgroundCount = 200
    public static let epochs = 3
    public static let batchesPerTick = 2

    /// One digit pasted on the canvas: its class, where its 14×14 image went, and its ink's
    /// bounding box (pixels > 0.3), which is the true box the localisation is scored against.
    public struct PlacedDigit: Sendable, Hashable {
        public var label: Int
        public var row: Int
        public var column: Int
        public var trueBox: BoundingBox
    }

    public private(set) var trainer: Trainer
    /// 1×1×canvasHeight×canvasWidth in [0, 1].
    public let canvas: Tensor
    public let digits: [PlacedDigit]

    public init(seed: UInt64) {
        let size = Self.windowSize
        let source = SyntheticDigits.trainingSet(count: Self.digitCount + Self.backgroundCount, seed: seed)
        var generator = SeededGenerator(seed: seed &+ 0x5EED)
        // Background: the last images pushed 14–20 px (of 28) off one side, so at most half remains.
        var background: [Float] = []
        let pixels = 28 * 28
        for index in Self.digitCount..<source.count {
            let image = Tensor(shape: [1, 1, 28, 28], scalars: Array(source.images.scalars[(index * pixels)..<((index + 1) * pixels)]))
            let amount = (14 + generator.nextInt(below: 7)) * (generator.nextInt(below: 2) == 0 ? 1 : -1)
            let horizontal = generator.nextInt(below: 2) == 0
            background += ImageShift.shifted(image, right: horizontal ? amount : 0, down: horizontal ? 0 : amount, fill: .zero).scalars
        }
        let images = Tensor(shape: source.images.shape,
                            scalars: Array(source.images.scalars[0..<(Self.digitCount * pixels)]) + background)
        let labels = Array(source.labels[0..<Self.digitCount]) + Array(repeating: Self.backgroundClass, count: Self.backgroundCount)
        let training = Dataset(images: images, labels: labels).resized(height: size, width: size)
        let configuration = TrainingConfiguration(epochs: Self.epochs, batchSize: 32, seed: seed)
        // The spec is a constant known to build; the test set (for the epoch summaries) is small.
        trainer = Trainer(model: try! Sequential(spec: ArchitectureSpec(parsing: Self.spec), seed: seed),
                          trainingSet: training, testSet: training.prefix(100), configuration: configuration)
        (canvas, digits) = Self.makeCanvas(seed: seed, generator: &generator)
    }

    /// Three test digits of three different classes, 14×14, in three slots across the canvas
    /// with a seeded jitter; they never overlap.
    private static func makeCanvas(seed: UInt64, generator: inout SeededGenerator) -> (Tensor, [PlacedDigit]) {
        let size = windowSize
        let test = SyntheticDigits.testSet(count: 30, seed: seed).resized(height: size, width: size)
        var classes = Array(0..<10)
        classes.shuffle(using: &generator)
        var scalars = [Float](repeating: 0, count: canvasHeight * canvasWidth)
        var digits: [PlacedDigit] = []
        for (slot, label) in classes.prefix(3).enumerated() {
            let image = test.image(at: label + 10 * generator.nextInt(below: 3))  // 1×14×14
            let row = generator.nextInt(below: canvasHeight - size + 1)
            let column = [0, 15, 29][slot] + generator.nextInt(below: 2)
            var (top, left, bottom, right) = (Int.max, Int.max, Int.min, Int.min)
            for y in 0..<size {
                for x in 0..<size {
                    let value = image.scalars[y * size + x]
                    scalars[(row + y) * canvasWidth + column + x] = value
                    if value > 0.3 { (top, left, bottom, right) = (min(top, y), min(left, x), max(bottom, y), max(right, x)) }
                }
            }
            if top == Int.max { (top, left, bottom, right) = (0, 0, size - 1, size - 1) }
            let box = BoundingBox(x: Double(column + left), y: Double(row + top), width: Double(right - left + 1), height: Double(bottom - top + 1))
            digits.append(PlacedDigit(label: label, row: row, column: column, trueBox: box))
        }
        return (Tensor(shape: [1, 1, canvasHeight, canvasWidth], scalars: scalars), digits)
    }

    public var isFinished: Bool { trainer.isFinished }

    /// Trains up to `batchesPerTick` batches.
    public mutating func advance() {
        for _ in 0..<Self.batchesPerTick { trainer.trainOneBatchOnTick() }
    }

    /// The 14×14 window at (`row`, `column`) of the canvas, 1×1×14×14.
    public func window(row: Int, column: Int) -> Tensor {
        let size = Self.windowSize
        var scalars: [Float] = []
        scalars.reserveCapacity(size * size)
        for y in row..<(row + size) {
            scalars += canvas.scalars[(y * Self.canvasWidth + column)..<(y * Self.canvasWidth + column + size)]
        }
        return Tensor(shape: [1, 1, size, size], scalars: scalars)
    }

    /// The net run on every window at `stride`: the class map.
    public func classMap(stride: Int) -> ClassMap {
        let size = Self.windowSize
        let rows = (Self.canvasHeight - size) / stride + 1, columns = (Self.canvasWidth - size) / stride + 1
        var scalars: [Float] = []
        for row in 0..<rows {
            for column in 0..<columns { scalars += window(row: row * stride, column: column * stride).scalars }
        }
        let batch = Tensor(shape: [rows * columns, 1, size, size], scalars: scalars)  // N×1×14×14
        let probabilities = softmax(logits: trainer.model.layerOutputs(for: batch).last!)  // N×11
        let classCount = probabilities.shape[1]
        var classes: [[Int]] = [], confidences: [[Float]] = []
        for row in 0..<rows {
            var classRow: [Int] = [], confidenceRow: [Float] = []
            for column in 0..<columns {
                let offset = (row * columns + column) * classCount
                let scores = probabilities.scalars[offset..<(offset + classCount)]
                let best = scores.indices.max { scores[$0] < scores[$1] }!
                classRow.append(best - offset)
                confidenceRow.append(scores[best])
            }
            classes.append(classRow)
            confidences.append(confidenceRow)
        }
        return ClassMap(stride: stride, classes: classes, confidences: confidences)
    }
}

/// A box as (x, y, width, height) in canvas pixels, x and y its top-left corner.
public struct BoundingBox: Sendable, Hashable {
    public var x, y, width, height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        (self.x, self.y, self.width, self.height) = (x, y, width, height)
    }

    /// (x, y, w, h) in order.
    public var components: [Double] { [x, y, width, height] }

    /// ‖self − other‖² over (x, y, w, h): the L2 box-regression loss.
    public func squaredDistance(to other: BoundingBox) -> Double {
        zip(components, other.components).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }
}

/// Each window position's predicted class and its softmax probability; window (i, j) covers
/// canvas rows i·stride…i·stride+13 and columns j·stride…j·stride+13.
public struct ClassMap: Sendable, Hashable {
    public var stride: Int
    public var classes: [[Int]]
    public var confidences: [[Float]]

    public var rows: Int { classes.count }
    public var columns: Int { classes.first?.count ?? 0 }

    /// The box b̂ for `label`: the confidence-weighted mean of the (x, y, w, h) of every
    /// window whose prediction is `label` (so w = h = 14); nil when no window predicts it.
    /// This is a heuristic read off the class map, not a trained box regressor.
    public func estimatedBox(for label: Int) -> (box: BoundingBox, windows: Int)? {
        let size = Double(DenseDetectionExperiment.windowSize)
        var weight = 0.0, x = 0.0, y = 0.0, count = 0
        for row in 0..<rows {
            for column in 0..<columns where classes[row][column] == label {
                let confidence = Double(confidences[row][column])
                weight += confidence
                x += confidence * Double(column * stride)
                y += confidence * Double(row * stride)
                count += 1
            }
        }
        guard count > 0, weight > 0 else { return nil }
        return (BoundingBox(x: x / weight, y: y / weight, width: size, height: size), count)
    }
}
