import ConvEngine
import Testing
import TerminalUI
@testable import ConvLabApp

@Suite struct WeightSharingScreenTests {
    private func makeScreen(_ parameters: [String: String] = [:]) throws -> WeightSharingScreen {
        try WeightSharingScreen(parameters: parameters, context: AppContext(colorCapability: .none))
    }

    private func render(_ screen: WeightSharingScreen, width: Int = 80, height: Int = 22) -> [String] {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer.trimmedLines
    }

    private func send(_ screen: inout WeightSharingScreen, _ keys: Key...) {
        for key in keys { _ = screen.update(.key(key)) }
    }

    /// Lesson 2's step (10 inputs, band 5) at 80×22: both matrices, the two equal outputs and
    /// the 2-D count for the default 1000×1000×1 image: 10¹² against 9 (+1).
    @Test func lessonStepAtEightyByTwentyTwo() throws {
        let lines = render(try makeScreen(["inputs": "10", "bandwidth": "5"]))
        #expect(lines.count == 22)
        #expect(lines[0] == "fully connected: 10² = 100 weights         banded, shared: 5 weights")
        #expect(lines[1] == "   1   2   3   4   5   6   7   8   9  10    c d e · · · · · · ·")
        #expect(lines[4] == "  31  32  33  34  35  36  37  38  39  40    · a b c d e · · · ·")
        #expect(lines[10] == "  91  92  93  94  95  96  97  98  99 100    · · · · · · · a b c")
        #expect(Array(lines[12...20]) == [
            "shared weights w: a = 1, b = -1, c = 2, d = 3, e = -2",
            "x              = 1 2 0 3 1 4 2 0 1 3",
            "banded W · x   = 8 -3 6 3 7 16 -1 -1 13 5",
            "conv1d(x, w)   = 8 -3 6 3 7 16 -1 -1 13 5   ← the same vector",
            "",
            "2-D: a 1000×1000×1 image, one hidden unit per pixel (1,000,000 units)",
            "fully connected (H·W·C)·(H·W) = 1,000,000·1,000,000 = 1,000,000,000,000 = 10¹²",
            "conv, 1 filter 3×3: F·F·C·K = 3·3·1·1 = 9 weights (+1 bias)",
            "sharing one small kernel across every position: ≈ 1.1 × 10¹¹ times fewer weights",
        ])
    }

    /// The banded matrix times the signal (linearForward) equals conv2dForward on a 1×n image
    /// with the 1×b kernel, for every length and band; the first output by hand: c·1 + d·2 + e·0.
    /// At 200×60 a table shows both counts for 28², 224², 1000² and the chosen side: the fully
    /// connected one is (H·W·C)·(H·W) (784·784 = 614,656 for a 28×28 digit), the conv one is
    /// F·F·C·K at every size (3·3·3·8 = 216). The chosen row is marked; at 80×22 there is no table.
    @Test func growthTableOnABigTerminal() throws {
        let screen = try makeScreen(["side": "64", "channels": "3", "filters": "8"])
        let lines = render(screen, width: 200, height: 60)
        let header = try #require(lines.firstIndex { $0.hasPrefix("image ") })
        #expect(lines[header - 1] == "as the image grows: fully connected as (H·W)², the conv layer not at all")
        let rows = Array(lines[(header + 2)...(header + 5)])
        #expect(rows.map { $0.split(separator: " ").first.map(String.init) } == ["28×28×3", "64×64×3", "224×224×3", "1000×1000×3"])
        #expect(rows[0].contains(" 1,843,968 ") && rows[0].contains(" 216 "))  // 2,352 · 784
        #expect(rows[1].contains("◂") && !rows[0].contains("◂"))
        #expect(rows[3].contains(" 3,000,000,000,000 ") && rows[3].hasSuffix("≈ 1.4 × 10¹⁰"))
        #expect(!render(screen).contains { $0.contains("as the image grows") })
    }

    @Test func matrixProductEqualsConvolution() throws {
        for inputs in WeightSharingScreen.inputsRange {
            for bandwidth in WeightSharingScreen.bandwidths {
                let screen = try makeScreen(["inputs": "\(inputs)", "bandwidth": "\(bandwidth)"])
                #expect(screen.matrixOutput.shape == [1, inputs])
                #expect(screen.matrixOutput.maxAbsDifference(screen.convolutionOutput) == 0)
                let half = bandwidth / 2
                let expectedEntries: Int = inputs * bandwidth - half * (half + 1)
                #expect(screen.bandEntryCount == expectedEntries)
            }
        }
        let screen = try makeScreen(["inputs": "10"])
        let firstByHand: Float = 2 * 1 + 3 * 2 - 2 * 0  // c·x₀ + d·x₁ + e·x₂
        #expect(screen.matrixOutput.scalars[0] == firstByHand)
    }

    /// s turns sharing off (every in-band entry its own weight: 10·5 − 2·3 = 44) and on.
    @Test func sharingToggle() throws {
        var screen = try makeScreen(["inputs": "10"])
        send(&screen, .character("m"))
        #expect(!screen.isShared)
        #expect(screen.distinctBandWeights == 44)
        let lines = render(screen)
        #expect(lines[0] == "fully connected: 10² = 100 weights         banded, not shared: 44 weights")
        #expect(lines[1] == "   1   2   3   4   5   6   7   8   9  10     1  2  3  ·  ·  ·  ·  ·  ·  ·")
        send(&screen, .character("m"))
        #expect(screen.distinctBandWeights == 5)
    }

    /// Keys change n, b and the 2-D sizes; counts follow LayerSpec.
    @Test func keysChangeSizesAndCounts() throws {
        var screen = try makeScreen()
        send(&screen, .character("N"), .character("b"))
        #expect(screen.inputs == 9)
        #expect(screen.bandwidth == 3)
        send(&screen, .character("i"), .character("C"), .character("K"), .character("F"))
        #expect(screen.side == 512)
        #expect(screen.channels == 3)
        #expect(screen.kernelSize == 5)
        #expect(screen.filters == 8)
        let denseByHand: Int = (512 * 512 * 3) * (512 * 512)
        #expect(screen.fullyConnected2D == denseByHand)
        #expect(screen.convolution2D.weights == 5 * 5 * 3 * 8)
        #expect(screen.convolution2D.biases == 8)
        #expect(screen.twoDimensionalLines()[1] == "fully connected (H·W·C)·(H·W) = 786,432·262,144 = 206,158,430,208 ≈ 2.1 × 10¹¹")
        send(&screen, .character("n"), .character("n"), .character("n"), .character("n"), .character("n"))
        #expect(screen.inputs == 5)
    }

    @Test func countText() {
        #expect(CountText.grouped(1_000_000) == "1,000,000")
        #expect(CountText.power(1_000_000_000_000) == "10¹²")
        #expect(CountText.power(2_500_000) == "≈ 2.5 × 10⁶")
        #expect(CountText.power(9_990_000) == "≈ 1.0 × 10⁷")
        #expect(CountText.power(9) == "9")
    }

    @Test func badParameters() throws {
        #expect(throws: DemoParameterError.self) { try makeScreen(["inputs": "20"]) }
        #expect(throws: DemoParameterError.self) { try makeScreen(["bandwidth": "4"]) }
        #expect(throws: DemoParameterError.self) { try makeScreen(["shared": "maybe"]) }
    }
}
