import ConvEngine
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite struct DenseScreenTests {
    /// The fewest training windows, so a debug build trains in seconds; the tests check how the
    /// numbers are made, not how good the net gets.
    private static let quick = ["examples": "200"]

    private func makeScreen(_ parameters: [String: String] = quick) throws -> DenseScreen {
        try DenseScreen(parameters: parameters, context: AppContext(colorCapability: .none))
    }

    /// Ticks until the net is trained and the class map exists.
    private func trained(_ parameters: [String: String] = quick) throws -> DenseScreen {
        var screen = try makeScreen(parameters)
        while screen.classMap == nil { _ = screen.update(.tick(milliseconds: 100)) }
        return screen
    }

    private func render(_ screen: DenseScreen, width: Int = 80, height: Int = 22) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer
    }

    /// Every class map cell is the engine's argmax of the trained net's 11 class scores on that
    /// 14×14 window of the canvas, cropped here independently, and its box is the net's last
    /// four outputs in pixels.
    @Test func classMapIsTheNetOnEachWindow() throws {
        let screen = try trained(Self.quick.merging(["stride": "3"]) { $1 })
        let map = try #require(screen.classMap)
        #expect((map.rows, map.columns) == (2, 11))
        let canvas = screen.experiment.canvas
        for row in 0..<map.rows {
            for column in 0..<map.columns {
                var window = Tensor(shape: [1, 1, 14, 14], repeating: 0)
                for y in 0..<14 { for x in 0..<14 { window[0, 0, y, x] = canvas[0, 0, row * 3 + y, column * 3 + x] } }
                var network = screen.experiment.model
                let output = network.forward(window)  // 1×15
                #expect(output.shape == [1, 15])
                let scores = Array(output.scalars[0..<11])
                let n = row * map.columns + column
                #expect(map.classes[row][column] == scores.indices.max { scores[$0] < scores[$1] }!)
                let box = map.canvasBox(of: n)
                #expect(abs(box.x - (Double(output[0, 11]) * 14 + Double(column * 3))) < 1e-4)
                #expect(abs(box.height - Double(output[0, 14]) * 14) < 1e-4)
            }
        }
    }

    /// pred is the box of the window with the highest probability for the digit's class, the
    /// loss is Σ (predᵢ − trueᵢ)² over (x, y, w, h), and the screen shows both.
    @Test func bestWindowBoxAndTheL2Loss() throws {
        var screen = try trained()
        for _ in 0..<3 {
            defer { _ = screen.update(.key(.tab)) }
            let map = try #require(screen.classMap)
            let label = screen.digit.label
            let (window, probability, box) = try #require(screen.localisation)
            let all = (0..<(map.rows * map.columns)).map { map.probabilities[$0, label] }
            #expect(probability == all.max() && window == all.firstIndex(of: all.max()!))
            #expect(box == map.canvasBox(of: window))
            let truth = screen.digit.trueBox
            let expected = box.components.enumerated().reduce(0.0) { sum, item in
                let difference = item.element - truth.components[item.offset]
                return sum + difference * difference
            }
            #expect(abs(try #require(screen.boxLoss) - expected) < 1e-9)
            let shown = render(screen, width: 200, height: 60).trimmedLines.joined(separator: "\n")
            #expect(shown.contains("‖pred − true‖² = ") && shown.contains("= \(NumberFormatting.fixed(expected, decimals: 1)) px²"))
        }
        #expect(BoundingBox(x: 1, y: 2, width: 3, height: 4).squaredDistance(to: BoundingBox(x: 0, y: 0, width: 0, height: 0)) == 30)
    }

    /// The loss the trainer minimises, L = (1/B) Σᵢ [CEᵢ + λ·[digit]·‖b̂ᵢ − bᵢ‖²]: its gradient
    /// with respect to the output matches finite differences, background windows get no box
    /// gradient, and the class predictions read the 11 class scores only.
    @Test func denseLossGradient() {
        var generator = SeededGenerator(seed: 71)
        let output = Tensor.uniform([3, 15], low: -1, high: 1, using: &generator)
        let labels = [4, DenseDetectionExperiment.backgroundClass, 7]
        let boxes = Tensor.uniform([3, 4], low: 0, high: 1, using: &generator)
        let loss = Self.loss(trainingBoxes: boxes)
        let (value, dOutput) = loss.lossAndGradient(logits: output, examples: [0, 1, 2], labels: labels, from: .training)
        let tally = loss.takeTally()
        #expect((11..<15).allSatisfy { dOutput[1, $0] == 0 })
        expectGradientMatches("dense loss dOutput", analytic: dOutput, at: output) { probe in
            Double(loss.lossAndGradient(logits: probe, examples: [0, 1, 2], labels: labels, from: .test).loss)
        }
        // By hand: the mean CE over the three windows plus λ/3 times the two digit windows' ‖b̂ − b‖².
        var boxSum = 0.0
        for row in [0, 2] { for d in 0..<4 { let e = Double(output[row, 11 + d] - boxes[row, d]); boxSum += e * e } }
        let scores = Tensor(shape: [3, 11], scalars: (0..<3).flatMap { row in (0..<11).map { output[row, $0] } })
        let crossEntropy = Double(softmaxCrossEntropy(logits: scores, labels: labels).loss)
        let lambda = Double(DenseDetectionExperiment.boxLossWeight)
        #expect(abs(Double(value) - (crossEntropy + lambda * boxSum / 3)) < 1e-5)
        // The tally keeps the two terms apart: CE per window, ‖b̂ − b‖² per digit window.
        #expect(tally.windows == 3 && tally.digitWindows == 2)
        #expect(abs(tally.classLoss - crossEntropy) < 1e-5 && abs(tally.boxLoss - boxSum / 2) < 1e-5)
        #expect(loss.takeTally() == DenseDetectionLoss.Tally())
        // A box number larger than every class score does not become the prediction.
        var tall = output
        tall[0, 12] = 100
        #expect(loss.classPredictions(logits: tall)[0] == predictedClasses(logits: scores)[0])
    }

    /// The trainer may run a batch in parts: each part's loss weighted by its share of the
    /// batch adds up to the batch's loss, and the parts' gradient rows, so weighted, are the
    /// batch's. Held-out windows use their own boxes and are not tallied.
    @Test func denseLossSplitsByPartSize() {
        var generator = SeededGenerator(seed: 5)
        let output = Tensor.uniform([5, 15], low: -1, high: 1, using: &generator)
        let labels = [3, 10, 10, 1, 8]
        let boxes = Tensor.uniform([9, 4], low: 0, high: 1, using: &generator)
        let examples = [8, 2, 5, 0, 6]
        let loss = Self.loss(trainingBoxes: boxes)
        let whole = loss.lossAndGradient(logits: output, examples: examples, labels: labels, from: .training)
        var sum: Float = 0
        for part in [0..<2, 2..<5] {
            let rows = Array(part)
            let piece = loss.lossAndGradient(logits: output.rows(rows), examples: rows.map { examples[$0] },
                                             labels: rows.map { labels[$0] }, from: .training)
            let share = Float(rows.count) / 5
            sum += share * piece.loss
            for (index, row) in rows.enumerated() {
                for column in 0..<15 { #expect(abs(share * piece.dLogits[index, column] - whole.dLogits[row, column]) < 1e-6) }
            }
        }
        #expect(abs(sum - whole.loss) < 1e-5)
        _ = loss.takeTally()
        let heldOut = DenseDetectionLoss(backgroundClass: 10, classCount: 11, boxWeight: DenseDetectionExperiment.boxLossWeight,
                                         trainingBoxes: boxes, testBoxes: Tensor(shape: [9, 4], repeating: 0))
        let onTest = heldOut.lossAndGradient(logits: output, examples: examples, labels: labels, from: .test)
        #expect(onTest.loss != whole.loss && heldOut.takeTally() == DenseDetectionLoss.Tally())
    }

    private static func loss(trainingBoxes: Tensor) -> DenseDetectionLoss {
        DenseDetectionLoss(backgroundClass: DenseDetectionExperiment.backgroundClass, classCount: DenseDetectionExperiment.classCount,
                           boxWeight: DenseDetectionExperiment.boxLossWeight, trainingBoxes: trainingBoxes, testBoxes: trainingBoxes)
    }

    /// A sprite's ink box is the box of its pixels above 0.3; pasting clips at the edges and
    /// keeps the brighter pixel where two sprites meet.
    @Test func spritesAndWindows() {
        var pixels = [Float](repeating: 0, count: 16)
        pixels[1 * 4 + 1] = 0.9; pixels[2 * 4 + 2] = 0.5; pixels[3 * 4 + 3] = 0.2
        let sprite = DigitSprite(size: 4, pixels: pixels, label: 3)
        #expect(sprite.inkBox == BoundingBox(x: 1, y: 1, width: 2, height: 2))
        var image = [Float](repeating: 0.6, count: 9)
        sprite.paste(into: &image, width: 3, height: 3, row: -1, column: -1)
        #expect(image == [0.9, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6])
        #expect(sprite.inkBox(row: 5, column: 7) == BoundingBox(x: 8, y: 6, width: 2, height: 2))

        var generator = SeededGenerator(seed: 3)
        let sprites = DigitSprite.sprites(of: SyntheticDigits.trainingSet(count: 50, seed: 3).resized(height: 14, width: 14))
        let windows = DenseTrainingWindows(count: 400, sprites: sprites, backgroundClass: 10, generator: &generator)
        #expect(windows.examples.images.shape == [400, 1, 14, 14] && windows.boxes.shape == [400, 4])
        let background = windows.examples.labels.indices.filter { windows.examples.labels[$0] == 10 }
        #expect(background.count > 80 && background.count < 160, "about 30% background, got \(background.count)")
        for n in windows.examples.labels.indices {
            let box = (0..<4).map { windows.boxes[n, $0] * 14 }
            if windows.examples.labels[n] == 10 {
                #expect(box == [0, 0, 0, 0])
            } else {
                // The centred digit's box stays within its allowed offsets of the window.
                #expect(box[2] > 0 && box[3] > 0 && box[0] > -3 && box[0] + box[2] < 17 && box[1] > -5 && box[1] + box[3] < 19)
            }
        }
    }

    /// The same seed trains the same net; held-out accuracy is a count of right answers.
    @Test func trainingIsSeededAndScored() {
        var first = DenseDetectionExperiment(seed: 4, examples: 200)
        var second = DenseDetectionExperiment(seed: 4, examples: 200)
        for _ in 0..<3 { first.trainOneBatch(); second.trainOneBatch() }
        #expect(first.model.parameters.map(\.value) == second.model.parameters.map(\.value))
        while !first.isFinished { first.trainOneBatch() }
        #expect(first.epochLosses.count == DenseDetectionExperiment.epochs && first.trainingFraction == 1)
        // The engine's trainer ran it, with Adam and the dense loss; each epoch's accuracy is
        // the trainer's, and it evaluated the held-out windows after every epoch.
        #expect(first.trainer.optimizer is Adam && first.trainer.loss is DenseDetectionLoss)
        #expect(first.epochLosses.map(\.accuracy) == first.trainer.epochs.map(\.trainAccuracy))
        #expect(first.trainer.epochs.allSatisfy { $0.confusionMatrix.total == DenseDetectionExperiment.heldOutCount })
        let score = first.heldOutScore
        let held = first.heldOut
        let scores = DenseDetectionExperiment.split(first.model.layerOutputs(for: held.examples.images).last!).scores
        let right = zip(predictedClasses(logits: scores), held.examples.labels).filter { $0 == $1 }.count
        #expect(score?.accuracy == Double(right) / Double(held.count))
    }

    /// s/S change the stride within 1…6, tab cycles the digits; bad parameters name themselves.
    @Test func keysAndParameters() throws {
        var screen = try makeScreen()
        #expect(screen.stride == 2 && screen.statusLine.hasPrefix("stride 2 · digit 1/3 (class ") && screen.statusLine.hasSuffix("training… 0%"))
        _ = screen.update(.key(.character("s")))
        _ = screen.update(.key(.character("s")))
        #expect(screen.stride == 1)
        for _ in 0..<9 { _ = screen.update(.key(.character("S"))) }
        #expect(screen.stride == 6)
        _ = screen.update(.key(.tab))
        _ = screen.update(.key(.tab))
        #expect(screen.chosenDigit == 2)
        _ = screen.update(.key(.tab))
        #expect(screen.chosenDigit == 0)
        _ = screen.update(.key(.backTab))
        #expect(screen.chosenDigit == 2)
        #expect(Set(screen.experiment.digits.map(\.label)).count == 3)
        #expect(screen.experiment.training.count == 200)
        for (parameters, name) in [(["stride": "0"], "stride"), (["stride": "x"], "stride"), (["seed": "-1"], "seed"),
                                   (["examples": "10"], "examples"), (["size": "3"], "size")] {
            #expect(throws: DemoParameterError.self) { try makeScreen(parameters) }
            do {
                _ = try DenseScreen(parameters: parameters, context: AppContext(colorCapability: .none))
            } catch { #expect(error.parameter == name) }
        }
    }

    /// At 80×22 without colour: training progress first, then the class map, the two boxes
    /// drawn on the canvas (single line for true, double for pred) and their legend.
    @Test func rendersAt80By22() throws {
        let training = render(try makeScreen()).trimmedLines
        #expect(training[0] == "A 14×14 two-headed net slid over an 18×44 canvas, stride 2")
        #expect(training[1].hasPrefix("canvas, 3 digits") && training[1].hasSuffix("training… 0%"))
        let screen = try trained()
        let buffer = render(screen)
        let lines = buffer.trimmedLines
        #expect(lines[1] == "canvas, 3 digits                              class map 3×16 (· background, dim")
        #expect(lines.count == 22)
        // The 18-row canvas takes 9 text rows, as with colour; the boxes' legend is under it.
        #expect(lines[11].hasPrefix("┌┐ true ink box  ╔╗ pred by the box head"))
        // Each box's top-left corner sits where its pixels are (two pixel rows per text row,
        // kept inside the canvas); pred is drawn last, so it may cover true's corner.
        func corner(_ box: BoundingBox) -> Character {
            let x = min(max(Int(box.x.rounded(.down)), 0), 42), y = min(max(Int((box.y / 2).rounded(.down)), 0), 7)
            return buffer.character(x: x, y: 2 + y)
        }
        let pred = try #require(screen.localisation).box
        #expect(corner(pred) == "╔", "\(pred)\n\(lines.joined(separator: "\n"))")
        #expect(corner(screen.digit.trueBox) == "┌" || "╔═║".contains(corner(screen.digit.trueBox)))
        #expect(lines.contains { $0.contains("pred = (") } && lines.contains { $0.contains("true = (") })
    }
}
