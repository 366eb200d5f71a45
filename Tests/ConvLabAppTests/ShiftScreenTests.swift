import ConvEngine
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite struct ShiftScreenTests {
    private func makeScreen(_ parameters: [String: String] = [:]) throws -> ShiftScreen {
        try ShiftScreen(parameters: parameters, context: AppContext(colorCapability: .none))
    }

    private func render(_ screen: ShiftScreen, width: Int = 80, height: Int = 22) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer
    }

    /// The cross shifted one pixel right, at 80×22 without colour: the header, the shifted
    /// image in shades (two pixel rows to a text row), and the (a) and (b) lines.
    @Test func crossShiftedOnePixel() throws {
        let lines = render(try makeScreen(["image": "cross", "dx": "1"])).trimmedLines
        #expect(lines[0] == "cross 7×7 shifted dx 1, dy 0, zero fill ⊛ sobel-x 3×3, padding 1")
        #expect(lines[5] == "    █    ···▓·◐·  ···▓·◐·")
        #expect(Array(lines[10...13]) == [
            "(a) conv(shift x) = shift(conv x) on the 20 of 49 cells away from the borders:",
            "max |diff| 0.000; over all cells 2.000",
            "(b) one more pixel right: ReLU(conv) changes 20 of 49 cells, its 3×3 stride 2",
            "max pool 3 of 9",
        ])
    }

    /// Equivariance is exact away from the borders, for both fills, several shifts and images;
    /// the maps are the engine's conv of the shifted image and the shifted engine conv.
    @Test func convolutionCommutesWithShiftAwayFromBorders() throws {
        for image in ["digit", "cross", "checkerboard", "gradient"] {
            for fill in ["zero", "wrap"] {
                for (dx, dy) in [(1, 0), (0, 2), (-3, 1), (5, -4)] {
                    let screen = try makeScreen(["image": image, "fill": fill, "dx": "\(dx)", "dy": "\(dy)"])
                    let weight = screen.kernel.convWeight(channels: 1)
                    let shifted = ImageShift.shifted(screen.input, right: dx, down: dy, fill: screen.fill)
                    #expect(screen.convOfShifted == conv2dForward(input: shifted, weight: weight, bias: nil, config: Conv2DConfig(padding: 1)))
                    let gap = screen.equivarianceGap
                    #expect(gap.inside == 0, "\(image) \(fill) \(dx),\(dy)")
                    if (dx, dy) == (1, 0) { #expect(gap.insideCells > 0) }
                }
            }
        }
        // Near the borders they can differ: the gradient image's edge column is cut off.
        #expect(try makeScreen(["image": "gradient", "dx": "1"]).equivarianceGap.everywhere > 0)
    }

    /// (b): the changed-cell counts are those of the engine's ReLU(conv) and max pool.
    @Test func poolingCountsAgreeWithTheEngine() throws {
        let screen = try makeScreen(["dx": "1"])
        let counts = screen.changedByOnePixel
        let weight = screen.kernel.convWeight(channels: 1)
        func maps(_ dx: Int) -> (Tensor, Tensor) {
            let shifted = ImageShift.shifted(screen.input, right: dx, down: 0, fill: .zero)
            let activation = activationForward(conv2dForward(input: shifted, weight: weight, bias: nil, config: Conv2DConfig(padding: 1)), .relu)
            return (activation, maxPool2dForward(input: activation, config: Pool2DConfig(kernelSize: 2)).output)
        }
        let (a1, p1) = maps(1), (a2, p2) = maps(2)
        #expect(counts.activation == zip(a1.scalars, a2.scalars).filter { $0 != $1 }.count)
        #expect(counts.pooled == zip(p1.scalars, p2.scalars).filter { $0 != $1 }.count)
        #expect(counts.pooledCells == 36 && counts.activationCells == 144)
    }

    /// Arrows move the image, 0 resets, m switches the fill; bad parameters are refused.
    @Test func keysAndParameters() throws {
        var screen = try makeScreen()
        for key: Key in [.right, .right, .down, .left] { _ = screen.update(.key(key)) }
        #expect((screen.shiftRight, screen.shiftDown) == (1, 1))
        _ = screen.update(.key(.character("m")))
        #expect(screen.fill == .wrap)
        #expect(screen.statusLine.hasPrefix("dx 1, dy 1 · wrap fill · sobel-x · training 0/"))
        _ = screen.update(.key(.character("0")))
        #expect((screen.shiftRight, screen.shiftDown) == (0, 0))
        #expect(throws: DemoParameterError.self) { try makeScreen(["dx": "9"]) }
        #expect(throws: DemoParameterError.self) { try makeScreen(["fill": "mirror"]) }
        #expect(throws: DemoParameterError.self) { try makeScreen(["kernel": "nope"]) }
    }

    /// Ticks train both nets and fill the table; the CNN keeps more accuracy under shift.
    @Test func trainingFillsTheAccuracyTable() throws {
        var screen = try makeScreen()
        #expect(render(screen).trimmedLines.contains { $0.hasPrefix("    training a CNN and an MLP on 1000 digits… step 0 of") })
        var ticks = 0
        while !screen.experiment.isFinished && ticks < 100 {
            _ = screen.update(.tick(milliseconds: 100))
            ticks += 1
        }
        #expect(ticks == screen.experiment.stepCount)
        let experiment = screen.experiment
        let lines = render(screen).trimmedLines
        let cnnRow = "CNN       " + experiment.cnnAccuracy.map { NumberFormatting.aligned(ShiftScreen.percent($0), width: 6, alignment: .right) }.joined()
        #expect(lines.contains { $0.hasPrefix(cnnRow) })
        #expect(cnnRow == "CNN          92%   90%   74%   51%   31%   22%   16%")
        #expect(experiment.cnnAccuracy[3] > experiment.mlpAccuracy[3])
        // Consistency (Zhang 2019), from the engine, for both nets.
        let cnnConsistency = try #require(experiment.cnnConsistency), mlpConsistency = try #require(experiment.mlpConsistency)
        #expect(lines.contains("shift px       0     1     2     3     4     5     6  same at ±2px"))
        #expect(lines.contains(cnnRow + NumberFormatting.aligned(ShiftScreen.percent(cnnConsistency), width: 13, alignment: .right)))
        #expect(lines.contains { $0.hasPrefix("MLP") && $0.hasSuffix(ShiftScreen.percent(mlpConsistency)) })
        #expect(cnnConsistency > mlpConsistency, "\(cnnConsistency) vs \(mlpConsistency)")
    }

    /// A learning rate that diverges stops the experiment at the failing batch, for good: the
    /// batch is not retried on every tick, and the screen says why.
    @Test func divergingTrainingStopsAndSaysWhy() throws {
        var experiment = ShiftRobustnessExperiment(seed: 1, learningRate: 1e20)
        var steps = 0
        while experiment.failure == nil && !experiment.isFinished && steps < 100 {
            experiment.advance()
            steps += 1
        }
        guard let failure = experiment.failure else {
            Issue.record("a learning rate of 10²⁰ trained to the end")
            return
        }
        let stoppedAt = experiment.batchesDone
        for _ in 0..<5 { experiment.advance() }
        #expect(experiment.batchesDone == stoppedAt)
        #expect(!experiment.isFinished)
        let text = ShiftScreen.describe(failure)
        #expect(text.hasPrefix("the loss became"))
        #expect(text.hasSuffix("(learning rate 1e+20): the weights diverged"))
    }
}
