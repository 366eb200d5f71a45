import ConvEngine

/// Part (c) of the shift demo: a small CNN and an MLP trained on centred synthetic digits,
/// then tested on the same test digits shifted right by 0…`maximumShift` pixels, and for
/// classification consistency (`ShiftConsistency`) under random shifts.
///
/// Digits are made at 28×28, centred (`ImageShift.centred`), shifted at 28×28 with zero fill,
/// then resized to 14×14 (`Dataset.resized`) so both nets train in a few seconds. Training is
/// incremental — `advance()` trains one batch of each net — so the screen can run it on clock
/// ticks and stay responsive; everything is seeded, so the same seed gives the same table.
struct ShiftRobustnessExperiment: Sendable {
    /// conv → ReLU → 2×2 max pool → linear: the pooled, weight-shared features.
    static let cnnSpec = "input 14x14x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | flatten | linear 10"
    /// flatten → 32 hidden units → 10: one weight per pixel per unit, nothing shared.
    static let mlpSpec = "input 14x14x1 | flatten | linear 32 | relu | linear 10"
    static let trainingCount = 1000
    static let testCount = 200
    static let maximumShift = 6

    private(set) var cnn: Trainer
    private(set) var mlp: Trainer
    /// The centred test digits at 28×28 (N×1×28×28) and their labels.
    let testImages: Tensor
    let testLabels: [Int]
    /// Test accuracy for shifts 0…maximumShift, filled in when training ends.
    private(set) var cnnAccuracy: [Double] = []
    private(set) var mlpAccuracy: [Double] = []
    /// Why training stopped before the table was filled (a loss that is not finite), if it did.
    private(set) var failure: TrainingError?

    /// - Parameter learningRate: both nets' step size; nil for the optimizer's default, which
    ///   trains these nets in one epoch (tests pass one that diverges).
    init(seed: UInt64, learningRate: Float? = nil) {
        self.seed = seed
        let training = DigitSetCache.trainingSet(count: Self.trainingCount, seed: seed)
        let test = DigitSetCache.testSet(count: Self.testCount, seed: seed)
        let centredTraining = Dataset(images: ImageShift.centred(training.images), labels: training.labels).resized(height: 14, width: 14)
        testImages = ImageShift.centred(test.images)
        testLabels = test.labels
        let small = Dataset(images: testImages, labels: testLabels).resized(height: 14, width: 14)
        let configuration = TrainingConfiguration(epochs: 1, batchSize: 32, learningRate: learningRate, seed: seed)
        // The specs are constants known to build.
        cnn = Trainer(model: try! Sequential(spec: ArchitectureSpec(parsing: Self.cnnSpec), seed: seed),
                      trainingSet: centredTraining, testSet: small, configuration: configuration)
        mlp = Trainer(model: try! Sequential(spec: ArchitectureSpec(parsing: Self.mlpSpec), seed: seed),
                      trainingSet: centredTraining, testSet: small, configuration: configuration)
    }

    var isFinished: Bool { !cnnAccuracy.isEmpty }
    var batchesDone: Int { cnn.isFinished ? cnn.batchesPerEpoch : cnn.batchInEpoch }
    /// Calls to `advance()` from start to finish: one per batch, then one per shift.
    var stepCount: Int { batchCount + Self.maximumShift + 1 }
    var batchCount: Int { cnn.batchesPerEpoch }

    /// Trains one batch of each net; once both are trained, each call evaluates one shift
    /// (so no single call takes long), until every shift has its accuracy. Stops for good, with
    /// `failure` set, when a net's loss is not finite.
    mutating func advance() {
        guard !isFinished, failure == nil else { return }
        if !cnn.isFinished {
            do throws(TrainingError) {
                try cnn.trainOneBatchOnTick()
                try mlp.trainOneBatchOnTick()
            } catch {
                failure = error
            }
            return
        }
        let shift = evaluatedShifts.count
        let shifted = Dataset(images: ImageShift.shifted(testImages, right: shift, down: 0, fill: .zero), labels: testLabels)
            .resized(height: 14, width: 14)
        evaluatedShifts.append((cnn.evaluate(shifted).accuracy, mlp.evaluate(shifted).accuracy))
        if evaluatedShifts.count > Self.maximumShift {
            // With the last shift, each net's classification consistency on the same digits.
            let consistencyImages = Dataset(images: testImages, labels: testLabels).resized(height: 14, width: 14).images
            cnnConsistency = ShiftConsistency.measure(model: cnn.model, images: consistencyImages, maximumShift: Self.consistencyShift, seed: seed)
            mlpConsistency = ShiftConsistency.measure(model: mlp.model, images: consistencyImages, maximumShift: Self.consistencyShift, seed: seed)
            cnnAccuracy = evaluatedShifts.map(\.cnn)
            mlpAccuracy = evaluatedShifts.map(\.mlp)
        }
    }

    /// Classification consistency (Zhang 2019: the share of test digits given the same class
    /// at two random shifts of up to ±`consistencyShift` px each way, at 14×14), once finished.
    private(set) var cnnConsistency: Double?
    private(set) var mlpConsistency: Double?
    /// ±1 px at 14×14 is ±2 px on the 28×28 digits, the shifts both nets still mostly
    /// classify right (the table's first columns), so agreement is not just shared guessing.
    static let consistencyShift = 1
    /// Seeds the consistency's random shifts.
    private let seed: UInt64

    /// Accuracies of the shifts evaluated so far.
    private(set) var evaluatedShifts: [(cnn: Double, mlp: Double)] = []
}
