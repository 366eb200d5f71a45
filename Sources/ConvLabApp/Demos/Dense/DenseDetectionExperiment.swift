import ConvEngine

/// The dense demo's model and data: a small CNN with two heads, trained on 14×14 windows, then
/// slid over a canvas holding three digits.
///
/// The network's last layer has 15 outputs read as two heads side by side (one linear layer
/// of 15 outputs is exactly two linear heads of 11 and 4 on the same features): 11 class
/// scores (the digits 0–9 and background) and 4 box numbers (x, y, w, h of the digit's ink
/// box, in units of the window's side). It is trained as in classification + localisation,
/// with the weighted sum
///
///     loss = cross-entropy(class scores) + λ · ‖b̂ − b‖²
///
/// where the box term counts only for windows that hold a digit (a background window has no
/// box), averaged over the batch and minimised by Adam (`DenseDetectionLoss`). The engine's
/// `Trainer` runs the steps with that loss, evaluating the held-out windows after each epoch.
/// Training is incremental — `advance(budget:)` trains batches for a slice of time — so the
/// screen runs it on clock ticks and a key waits at most one slice; the batches, and so the
/// result, depend only on the seed and the number of examples.
struct DenseDetectionExperiment: Sendable {
    static let spec = "input 14x14x1 | conv 16 3x3 pad 1 | relu | maxpool 2 | conv 32 3x3 | relu | flatten | linear 15"
    static let windowSize = 14
    static let canvasHeight = 18
    static let canvasWidth = 44
    /// 10 digits and background.
    static let classCount = 11
    /// The class index of "no digit here".
    static let backgroundClass = 10
    static let defaultExamples = 3000
    static let examplesRange = 200...20000
    /// Windows held out to measure the trained net (never trained on).
    static let heldOutCount = 400
    static let epochs = 8
    static let batchSize = 32
    static let learningRate: Float = 0.005
    /// λ, the box term's weight in the loss.
    static let boxLossWeight: Float = 5

    /// One digit pasted on the canvas: its class, where its 14×14 image went, and its ink's
    /// bounding box, which is the true box b the localisation is scored against.
    struct PlacedDigit: Sendable, Hashable {
        var label: Int
        var row: Int
        var column: Int
        var trueBox: BoundingBox
    }

    /// One epoch's means as measured while training: the cross-entropy over all windows,
    /// ‖b̂ − b‖² over digit windows (in window units), and the share of windows classified right.
    struct EpochLosses: Sendable, Hashable {
        var classLoss: Double
        var boxLoss: Double
        var accuracy: Double
    }

    /// How the trained net does on held-out windows: the share classified right, and the mean
    /// ‖b̂ − b‖² in pixels² over the digit windows.
    struct HeldOutScore: Sendable, Hashable {
        var accuracy: Double
        var boxLoss: Double
    }

    /// Runs the steps; its test set is the held-out windows.
    private(set) var trainer: Trainer
    /// The trainer's loss, kept to read each epoch's two terms.
    let loss: DenseDetectionLoss
    let training: DenseTrainingWindows
    let heldOut: DenseTrainingWindows
    /// 1×1×canvasHeight×canvasWidth in [0, 1].
    let canvas: Tensor
    let digits: [PlacedDigit]
    private(set) var epochLosses: [EpochLosses] = []
    private(set) var heldOutScore: HeldOutScore?
    /// Why training stopped early (a loss that was not finite); nil while it goes well.
    private(set) var failure: TrainingError?

    /// The network as trained so far.
    var model: Sequential { trainer.model }

    init(seed: UInt64, examples: Int = Self.defaultExamples) {
        let size = Self.windowSize
        var generator = SeededGenerator(seed: seed &+ 0x5EED)
        let sprites = DigitSprite.sprites(of: DigitSetCache.trainingSet(count: 1000, seed: seed).resized(height: size, width: size))
        training = DenseTrainingWindows(count: examples, sprites: sprites, backgroundClass: Self.backgroundClass, generator: &generator)
        // Held-out windows and the canvas use the test digits, which training never sees.
        let testSprites = DigitSprite.sprites(of: DigitSetCache.testSet(count: 300, seed: seed).resized(height: size, width: size))
        heldOut = DenseTrainingWindows(count: Self.heldOutCount, sprites: testSprites, backgroundClass: Self.backgroundClass, generator: &generator)
        (canvas, digits) = Self.makeCanvas(sprites: testSprites, generator: &generator)
        // The spec is a constant known to build.
        let model = try! Sequential(spec: ArchitectureSpec(parsing: Self.spec), seed: seed)
        loss = DenseDetectionLoss(backgroundClass: Self.backgroundClass, classCount: Self.classCount, boxWeight: Self.boxLossWeight,
                                  trainingBoxes: training.boxes, testBoxes: heldOut.boxes)
        let configuration = TrainingConfiguration(
            epochs: Self.epochs, batchSize: Self.batchSize, learningRate: Self.learningRate, optimizer: .adam, seed: seed)
        trainer = Trainer(model: model, trainingSet: training.examples, testSet: heldOut.examples, configuration: configuration, loss: loss)
    }

    /// Three test digits of three different classes in three slots across the canvas, side by
    /// side with a gap of 0–2 px, each 0–4 px down; they never overlap.
    private static func makeCanvas(sprites: [DigitSprite], generator: inout SeededGenerator) -> (Tensor, [PlacedDigit]) {
        var classes = Array(0..<10)
        classes.shuffle(using: &generator)
        var scalars = [Float](repeating: 0, count: canvasHeight * canvasWidth)
        var digits: [PlacedDigit] = []
        var column = generator.nextInt(below: 2)
        for label in classes.prefix(3) {
            let candidates = sprites.filter { $0.label == label }
            let sprite = candidates[generator.nextInt(below: candidates.count)]
            let row = generator.nextInt(below: canvasHeight - windowSize + 1)
            sprite.paste(into: &scalars, width: canvasWidth, height: canvasHeight, row: row, column: column)
            digits.append(PlacedDigit(label: label, row: row, column: column, trueBox: sprite.inkBox(row: row, column: column)))
            column += windowSize + generator.nextInt(below: 2)
        }
        return (Tensor(shape: [1, 1, canvasHeight, canvasWidth], scalars: scalars), digits)
    }

    var batchesPerEpoch: Int { trainer.batchesPerEpoch }
    var isFinished: Bool { trainer.isFinished || failure != nil }

    /// Batches trained so far over batches in the whole run, in [0, 1].
    var trainingFraction: Double {
        guard !isFinished else { return 1 }
        return Double(trainer.completedEpochs * batchesPerEpoch + trainer.batchInEpoch) / Double(Self.epochs * batchesPerEpoch)
    }

    /// Trains batches until `budget` has passed (at least one), or training is done; when the
    /// last epoch ends, scores the held-out windows.
    mutating func advance(budget: Duration = .milliseconds(80)) {
        let clock = ContinuousClock(), start = clock.now
        repeat { trainOneBatch() } while !isFinished && clock.now - start < budget
    }

    /// One batch of the combined loss; closes the epoch when it is the epoch's last.
    mutating func trainOneBatch() {
        guard !isFinished else { return }
        do {
            guard try trainer.trainNextBatch().endsEpoch else { return }
        } catch {
            failure = error
            return
        }
        let metrics = trainer.finishEpoch()
        let terms = loss.takeTally()
        epochLosses.append(EpochLosses(classLoss: terms.classLoss, boxLoss: terms.boxLoss, accuracy: metrics.trainAccuracy))
        if isFinished { heldOutScore = score(heldOut) }
    }

    /// The network's output N×15 cut into its heads: class scores N×11, boxes N×4.
    static func split(_ output: Tensor) -> (scores: Tensor, boxes: Tensor) {
        let count = output.shape[0], width = classCount + 4
        var scores: [Float] = [], boxes: [Float] = []
        scores.reserveCapacity(count * classCount)
        boxes.reserveCapacity(count * 4)
        for row in 0..<count {
            scores += output.scalars[(row * width)..<(row * width + classCount)]
            boxes += output.scalars[(row * width + classCount)..<((row + 1) * width)]
        }
        return (Tensor(shape: [count, classCount], scalars: scores), Tensor(shape: [count, 4], scalars: boxes))
    }

    /// The network's two heads for `images` (N×1×14×14), without touching its training caches.
    func heads(for images: Tensor) -> (scores: Tensor, boxes: Tensor) {
        Self.split(model.layerOutputs(for: images).last!)
    }

    /// The trained net on `windows`: the share classified right and the mean ‖b̂ − b‖² in
    /// pixels² over the digit windows.
    func score(_ windows: DenseTrainingWindows) -> HeldOutScore {
        let heads = self.heads(for: windows.examples.images)
        let labels = windows.examples.labels
        let correct = zip(predictedClasses(logits: heads.scores), labels).filter { $0 == $1 }.count
        let digitRows = labels.indices.filter { labels[$0] != Self.backgroundClass }
        let side = Float(Self.windowSize)
        let pixels = squaredErrorLoss(predictions: heads.boxes.rows(digitRows).map { $0 * side },
                                      targets: windows.boxes.rows(digitRows).map { $0 * side }).loss
        return HeldOutScore(accuracy: Double(correct) / Double(max(labels.count, 1)), boxLoss: Double(pixels))
    }

    /// The 14×14 window at (`row`, `column`) of the canvas, 1×1×14×14.
    func window(row: Int, column: Int) -> Tensor {
        let size = Self.windowSize
        var scalars: [Float] = []
        scalars.reserveCapacity(size * size)
        for y in row..<(row + size) {
            scalars += canvas.scalars[(y * Self.canvasWidth + column)..<(y * Self.canvasWidth + column + size)]
        }
        return Tensor(shape: [1, 1, size, size], scalars: scalars)
    }

    /// The 14×14 windows at `stride` over the canvas. Under `.floor` (the default) the rows
    /// and columns past the last whole window are left out, as PyTorch's sliding windows do;
    /// under `.exact` the geometry says whether the stride tiles the canvas at all.
    public static func windowGeometry(stride: Int, convention: OutputSizeConvention = .floor) -> ConvGeometry {
        ConvGeometry(inputHeight: canvasHeight, inputWidth: canvasWidth, kernelSize: windowSize, stride: stride, convention: convention)
    }

    /// The net run on every window at `stride`: class probabilities and boxes per window.
    /// `stride` is one the screen allows (1 to 6), for which a 14×14 window fits the canvas.
    func classMap(stride: Int) -> ClassMap {
        let size = Self.windowSize
        let (rows, columns) = Self.windowGeometry(stride: stride).outputSize
        var scalars: [Float] = []
        for row in 0..<rows {
            for column in 0..<columns { scalars += window(row: row * stride, column: column * stride).scalars }
        }
        let batch = Tensor(shape: [rows * columns, 1, size, size], scalars: scalars)  // N×1×14×14
        let heads = self.heads(for: batch)
        return ClassMap(stride: stride, rows: rows, columns: columns,
                        probabilities: softmax(logits: heads.scores), boxes: heads.boxes.map { $0 * Float(size) })
    }
}

extension Tensor {
    /// The rows at `indices` of an N×D matrix, as a `indices.count`×D matrix.
    func rows(_ indices: [Int]) -> Tensor {
        let width = shape[1]
        var scalars: [Float] = []
        scalars.reserveCapacity(indices.count * width)
        for index in indices { scalars += self.scalars[(index * width)..<((index + 1) * width)] }
        return Tensor(shape: [indices.count, width], scalars: scalars)
    }
}
