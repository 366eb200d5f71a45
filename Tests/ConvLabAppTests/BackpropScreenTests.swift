import ConvEngine
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite struct BackpropScreenTests {
    private func makeScreen(_ parameters: [String: String] = [:]) throws -> BackpropScreen {
        try BackpropScreen(parameters: parameters, context: AppContext(colorCapability: .none))
    }

    private func render(_ screen: BackpropScreen, width: Int = 80, height: Int = 22) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer
    }

    private func send(_ screen: inout BackpropScreen, _ keys: Key...) {
        for key in keys { _ = screen.update(.key(key)) }
    }

    /// ∂L/∂x[p,q] = Σ_(r,c) w[p−r,q−c]·g[r,c] over the windows that cover (p,q), summed here
    /// by hand, is the engine's dInput and the flipped convolution of the padded g; at 200×60
    /// the screen shows the grid and says so, at 80×22 there is no room for it.
    @Test func inputGradientIsAConvolutionOfTheUpstreamGradient() throws {
        let screen = try makeScreen(["seed": "3"])
        let x = screen.convInput, w = screen.weight, g = screen.convUpstream
        #expect(x.shape == [1, 1, 5, 5])
        var expected = Tensor.zeros([1, 1, 5, 5])
        for r in 0..<3 {
            for c in 0..<3 {
                for i in 0..<3 { for j in 0..<3 { expected[0, 0, r + i, c + j] += w[0, 0, i, j] * g[0, 0, r, c] } }
            }
        }
        #expect(screen.inputGradient.maxAbsDifference(expected) < 1e-5)
        #expect(screen.inputGradientAsConvolution.maxAbsDifference(expected) < 1e-5)
        let big = render(screen, width: 200, height: 60).trimmedLines
        let title = try #require(big.firstIndex { $0.contains("dL/dx (engine)") })
        let firstRow = (0..<5).map { NumberFormatting.fixed(Double(expected[0, 0, 0, $0]), decimals: 2) }
        #expect(Array(big[title + 1].split(separator: " ").suffix(5).map(String.init)) == firstRow)
        #expect(big.contains { $0.hasPrefix("conv2d(g, w, padding 2, flipped) vs the engine's dL/dx: largest difference ") && $0.hasSuffix("✓ the same") })
        let small = render(screen).trimmedLines
        #expect(!small.contains { $0.contains("dL/dx (engine)") || $0.contains("conv2d(g, w, padding 2") })
    }

    /// Seed 1, every term shown: the nine products of w[0,0], their sum −2.08, the engine's
    /// dWeight and the finite difference, at 80×22.
    @Test func convTermsSumToTheEnginesGradient() throws {
        var screen = try makeScreen()
        send(&screen, .character("e"))
        let lines = render(screen).trimmedLines
        #expect(lines[4] == " 0.4  0.0  0.2 -0.2  0.4   -0.6 -0.2  0.7    0.3 -0.6 -0.5   -2.08 -2.49 -1.54")
        #expect(Array(lines[10...16]) == [
            "w[0,0] = -0.6, term 9 of 9; each term (r,c): x[r+0,c+0] · g[r,c] = product",
            "(0,0): 0.4·0.3 = 0.12     (1,0): -0.7·0.7 = -0.49   (2,0): 0.9·-0.9 = -0.81",
            "(0,1): 0.0·-0.6 = 0.00    (1,1): -0.9·-0.2 = 0.18   (2,1): 1.0·-1.0 = -1.00",
            "(0,2): 0.2·-0.5 = -0.10   (1,2): -0.2·-0.1 = 0.02   (2,2): 0.9·0.0 = 0.00",
            "running sum of 9 terms = -2.0800 = ∂L/∂w[0,0]",
            "engine conv2dBackward: dWeight[0,0,0,0] = -2.0800",
            "finite difference: (L(w+ε) − L(w−ε))/2ε = (1.1282 − 1.1698)/0.02 = -2.0800",
        ])
        // The last digits of a Float finite difference are rounding noise that depends on the
        // order the engine sums in; the line states it and says the two agree.
        let verdict = lines[17]
        #expect(verdict.hasPrefix("analytic -2.0800, numeric -2.0800 (ε = 0.01): difference 0.0000") && verdict.hasSuffix("✓ agree"))
    }

    /// For every weight, the terms' sum equals the reference loops' dWeight (the demo runs on
    /// them, so its digits are the same on every CPU), and the central difference of
    /// L = Σ conv(x, w) ⊙ g matches it.
    @Test func everyWeightAgreesWithBackwardAndFiniteDifferences() throws {
        var screen = try makeScreen(["seed": "7"])
        let dWeight = referenceConv2dBackward(dOutput: screen.convUpstream, input: screen.convInput, weight: screen.weight, hasBias: false, config: Conv2DConfig()).dWeight
        for row in 0..<3 {
            for column in 0..<3 {
                while screen.selectedRow < row { send(&screen, .down) }
                while screen.selectedColumn < column { send(&screen, .right) }
                while screen.selectedColumn > column { send(&screen, .left) }
                let sum = screen.terms.reduce(Float(0)) { $0 + $1.product }
                #expect(abs(sum - dWeight[0, 0, row, column]) < 1e-5)
                let check = screen.gradientCheck
                #expect(check.analytic == dWeight[0, 0, row, column])
                #expect(abs(check.numeric - Double(check.analytic)) < 1e-4)
            }
        }
    }

    /// Stepping shows terms one at a time; moving to another weight starts its sum again.
    @Test func stepAndSelectKeys() throws {
        var screen = try makeScreen()
        send(&screen, .character("."), .character("."))
        #expect(render(screen).trimmedLines[11] == "(0,0): 0.4·0.3 = 0.12     (1,0): ·                  (2,0): ·")
        #expect(screen.statusLine == "conv · w[0,0] term 2/9 · seed 1 · paused")
        send(&screen, .right)
        #expect(screen.step == 0 && screen.selectedColumn == 1)
        #expect(render(screen).trimmedLines[10].hasPrefix("w[0,1] = -0.2, term 0 of 9"))
        _ = screen.update(.key(.character(" ")))
        for _ in 0..<10 { _ = screen.update(.tick(milliseconds: 400)) }
        #expect(screen.step == 9 && !screen.isPlaying)
    }

    /// Max pooling: each window's g lands on its argmax (the engine's route) and nowhere else,
    /// window by window; the check agrees with maxPool2dBackward for every input cell.
    @Test func maxPoolRoutesToTheArgmax() throws {
        var screen = try makeScreen(["layer": "maxpool"])
        send(&screen, .character("."), .character("."))
        let lines = render(screen).trimmedLines
        #expect(lines[4] == " 0.4 -0.7 -0.2  0.1  0.2  1.6    1.0  0.1 -0.2    1.0  0.0  0.0  0.0  0.0  0.0")
        #expect(lines[5] == " 0.0 -0.5  0.7  1.5 -1.3 -0.9    0.7 -1.0  1.0    0.0  0.0  0.0  0.1  0.0  0.0")
        #expect(lines[11] == "window 2/9 at (0,1): max x[1,3] = 1.5 receives g[0,1] = 0.1; the other 3 get 0")
        let (_, routes) = maxPool2dForward(input: screen.poolInput, config: Pool2DConfig(kernelSize: 2))
        let full = maxPool2dBackward(dOutput: screen.poolUpstream, inputShape: [1, 1, 6, 6], routes: routes)
        #expect(screen.poolInputGradient(windows: 9) == full)
        #expect(full.scalars.filter { $0 != 0 }.count <= 9)
        for row in 0..<6 {
            for column in 0..<6 {
                while screen.selectedRow < row { send(&screen, .down) }
                while screen.selectedColumn < column { send(&screen, .right) }
                while screen.selectedColumn > column { send(&screen, .left) }
                let check = screen.gradientCheck
                #expect(check.analytic == full[0, 0, row, column])
                #expect(abs(check.numeric - Double(check.analytic)) < 1e-4)
            }
        }
    }

    /// Average pooling spreads g/4; m cycles conv → maxpool → avgpool.
    @Test func averagePoolSpreadsAQuarter() throws {
        var screen = try makeScreen()
        send(&screen, .character("m"), .character("m"), .character("."))
        #expect(screen.layer == .avgpool)
        let lines = render(screen).trimmedLines
        #expect(lines[11] == "window 1/9 at (0,0): each of its 4 inputs receives g/4 = 1.0/4 = 0.250")
        #expect(lines[12] == "selected x[0,0] = 0.4: engine avgPool2dBackward dInput = 0.2500")
        #expect(lines[14].hasSuffix("✓ agree"))
        #expect(throws: DemoParameterError.self) { try makeScreen(["layer": "dense"]) }
        #expect(throws: DemoParameterError.self) { try makeScreen(["seed": "-1"]) }
    }

    /// Found by the random-key test: e (or . up to the end) while playing, then a tick, stepped
    /// past the ninth term and drawing trapped on a tenth.
    @Test func playingStopsAtTheLastTermEvenAfterJumpingThere() throws {
        var screen = try makeScreen()
        send(&screen, .character(" "), .character("e"))
        #expect(screen.step == screen.stepCount)
        _ = screen.update(.tick(milliseconds: BackpropScreen.playInterval * 3))
        #expect(screen.step == screen.stepCount)
        #expect(!screen.isPlaying)
        #expect(render(screen).trimmedLines.contains { !$0.isEmpty })
    }
}
