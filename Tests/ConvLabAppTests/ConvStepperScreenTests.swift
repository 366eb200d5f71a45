import ConvEngine
@testable import ConvLabApp
import TerminalUI
import Testing
import TestSupport

/// Renders `screen` into a fresh buffer the size the app gives a screen at 80×24 (rows 1…22).
private func rendered(_ screen: ConvStepperScreen, width: Int = 80, height: Int = 22) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    screen.render(into: &buffer, area: buffer.area)
    return buffer
}

private func makeScreen(_ parameters: [String: String] = [:], color: ColorCapability = .full256) throws -> ConvStepperScreen {
    try ConvStepperScreen(parameters: parameters, context: AppContext(colorCapability: color))
}

private func press(_ screen: inout ConvStepperScreen, _ keys: Key...) {
    for key in keys { _ = screen.update(.key(key)) }
}

private func type(_ screen: inout ConvStepperScreen, _ text: String) {
    for character in text { _ = screen.update(.key(.character(character))) }
}

/// The number at the end of the first line that contains `label` (e.g. "= output  4.00" → "4.00").
private func value(after label: String, in buffer: Buffer) -> String? {
    guard let line = buffer.trimmedLines.first(where: { $0.contains(label) }) else { return nil }
    let rest = line[line.range(of: label)!.upperBound...]
    return rest.split(separator: " ").first.map(String.init)
}

private func twoDecimals(_ value: Float) -> String { NumberFormatting.fixed(Double(value), decimals: 2) }

@Suite struct ConvStepperScreenTests {
    /// The edge image is 0 in columns 0–3 and 1 in columns 4–7; Sobel x is
    /// −1 0 1 / −2 0 2 / −1 0 1. The third window (output row 0, column 2) covers input columns
    /// 2–4, so only the right column of the kernel meets ones: 1·1 + 2·1 + 1·1 = 4.
    @Test func thirdWindowOfTheEdgeWithSobelXSumsToFour() throws {
        var screen = try makeScreen()
        press(&screen, .right, .right)
        let buffer = rendered(screen)
        expectLines(buffer, [
            "edge 8×8 · kernel sobel-x 3×3 · padding 0 · stride 1 · cross-correlation",
            "Input 8×8                                  Output 6×6",
            "     0    1    2    3    4    5    6    7       0    1    2    3    4    5",
            "0 0.00 0.00 0.00 0.00 1.00 1.00 1.00 1.00  0 0.00 0.00 4.00    ·    ·    ·",
            "1 0.00 0.00 0.00 0.00 1.00 1.00 1.00 1.00  1    ·    ·    ·    ·    ·    ·",
            "2 0.00 0.00 0.00 0.00 1.00 1.00 1.00 1.00  2    ·    ·    ·    ·    ·    ·",
            "3 0.00 0.00 0.00 0.00 1.00 1.00 1.00 1.00  3    ·    ·    ·    ·    ·    ·",
            "4 0.00 0.00 0.00 0.00 1.00 1.00 1.00 1.00  4    ·    ·    ·    ·    ·    ·",
            "5 0.00 0.00 0.00 0.00 1.00 1.00 1.00 1.00  5    ·    ·    ·    ·    ·    ·",
            "6 0.00 0.00 0.00 0.00 1.00 1.00 1.00 1.00",
            "7 0.00 0.00 0.00 0.00 1.00 1.00 1.00 1.00",
            "",
            "Kernel sobel-x     Input × weight     Result",
            "-1.00  0.00  1.00   0.00  0.00  1.00  sum       4.00",
            "-2.00  0.00  2.00   0.00  0.00  2.00  + bias    0.00",
            "-1.00  0.00  1.00   0.00  0.00  1.00  = output  4.00",
            "                                      ReLU      4.00",
            "", "", "", "", "",
        ])
        // The window is input rows 0–2, columns 2–4, drawn reversed; so is output cell (0, 2).
        let mask = buffer.styleMask { $0.reverse }
        // Input fields start at x = 2 + 5c (c = 2, 3, 4); output fields at x = 45 + 5c (c = 2).
        #expect(mask[3] == "............####.####.####" + String(repeating: ".", count: 29) + "####" + String(repeating: ".", count: 21))
        #expect(mask[4] == "............####.####.####" + String(repeating: ".", count: 54))
        #expect(mask[6] == String(repeating: ".", count: 80), "input row 3 is below the window")
        #expect(screen.statusLine.hasPrefix("window 3/36 at row 0, col 2 · paused at 2 steps/s · cross-correlation"))
    }

    @Test func stepsMoveTheWindowForwardBackAndToTheEnds() throws {
        var screen = try makeScreen()
        #expect(screen.state.position == 0)
        press(&screen, .right, .character("l"), .right)
        #expect(screen.state.position == 3)
        press(&screen, .left, .character("h"))
        #expect(screen.state.position == 1)
        press(&screen, .end)
        #expect(screen.state.position == 35)
        #expect(screen.statusLine.hasPrefix("window 36/36 at row 5, col 5"))
        press(&screen, .right)
        #expect(screen.state.position == 35, "stepping past the last window stays there")
        press(&screen, .home)
        #expect(screen.state.position == 0)
        press(&screen, .character("G"))
        #expect(screen.state.currentWindow?.outputRow == 5)
        press(&screen, .character("g"), .left)
        #expect(screen.state.position == 0)
        // The last window reads input rows 5–7, columns 5–7: all ones, so Sobel x gives 0.
        press(&screen, .end)
        #expect(value(after: "sum", in: rendered(screen)) == "0.00")
    }

    /// At every position the value shown as "= output" and the output map's current cell equal
    /// the engine's `conv2dForward` at that cell, for padding, stride, bias and both orientations.
    @Test(arguments: [
        ["image": "numbers", "kernel": "box-blur"],
        ["image": "numbers", "kernel": "1,2;3,4", "padding": "1", "bias": "-0.5"],
        ["image": "numbers", "kernel": "emboss", "stride": "2", "flip": "true"],
        ["image": "edge", "kernel": "sobel-x", "padding": "2", "stride": "3", "bias": "1.5"],
        ["image": "digit", "kernel": "laplacian", "padding": "1"],
    ])
    func everyShownValueIsTheEngineOutput(parameters: [String: String]) throws {
        var screen = try makeScreen(parameters)
        let state = screen.state
        let output = conv2dForward(input: state.input, weight: state.weight, bias: Tensor(shape: [1], repeating: state.bias), config: state.config)
        #expect(state.stepCount == output.count)
        for step in 0..<state.stepCount {
            let window = try #require(screen.state.currentWindow)
            #expect(screen.state.position == step)
            let expected = output[0, 0, window.outputRow, window.outputColumn]
            let terms = try #require(screen.state.currentTerms)
            #expect(abs(terms.total - expected) <= 1e-5)
            let buffer = rendered(screen, width: 200, height: 60)
            #expect(value(after: "= output", in: buffer) == twoDecimals(terms.total))
            #expect(value(after: "ReLU", in: buffer) == twoDecimals(max(terms.total, 0)))
            #expect(twoDecimals(terms.total) == twoDecimals(expected))
            press(&screen, .right)
        }
    }

    /// Sobel x rotated 180° is its own negative: 1 0 −1 / 2 0 −2 / 1 0 −1. On the third window
    /// of the edge image the ones now meet the left column of the rotation: −4.
    @Test func flipShowsTheRotatedKernelAndUsesIt() throws {
        var screen = try makeScreen()
        press(&screen, .right, .right, .character("f"))
        let buffer = rendered(screen)
        #expect(buffer.trimmedLines[12] == "Kernel sobel-x     Rotated 180°       Input × weight     Result")
        #expect(buffer.trimmedLines[13] == "-1.00  0.00  1.00   1.00  0.00 -1.00   0.00  0.00 -1.00  sum      -4.00")
        #expect(buffer.trimmedLines[16] == "                                                         ReLU      0.00")
        #expect(buffer.trimmedLines[0].contains("true convolution") || buffer.trimmedLines[0].hasSuffix("…"))
        #expect(screen.statusLine.contains("true convolution"))
        press(&screen, .character("f"))
        #expect(!rendered(screen).trimmedLines.joined().contains("Rotated"))
    }

    @Test func parameterErrorsNameTheParameterAndWhatIsAccepted() {
        func error(_ parameters: [String: String]) -> DemoParameterError? {
            do { _ = try ConvStepperScreen(parameters: parameters, context: AppContext()); return nil } catch { return error }
        }
        #expect(error(["image": "cat"])?.parameter == "image")
        #expect(error(["image": "cat"])?.message.contains("edge, diagonal") == true)
        #expect(error(["kernel": "sobl"])?.parameter == "kernel")
        #expect(error(["kernel": "sobl"])?.message.contains("sobel-x") == true)
        #expect(error(["kernel": "1,2;3"])?.message.contains("rows have different lengths") == true)
        #expect(error(["kernel": "1,x"])?.message.contains("\"x\" is not a number") == true)
        #expect(error(["padding": "9"]) == DemoParameterError(parameter: "padding", message: "expected a whole number from 0 to 3, got \"9\""))
        #expect(error(["stride": "0"]) == DemoParameterError(parameter: "stride", message: "expected a whole number from 1 to 4, got \"0\""))
        #expect(error(["bias": "lots"])?.parameter == "bias")
        #expect(error(["flip": "maybe"]) == DemoParameterError(parameter: "flip", message: "expected true or false, got \"maybe\""))
        #expect(error(["filters": "sobel-x,gaussian-5x5"])?.message.contains("share one size") == true)
        #expect(error(["view": "3d"])?.parameter == "view")
        #expect(error(["colour": "red"])?.parameter == "colour")
        #expect(error(["colour": "red"])?.message.contains("image, kernel, padding") == true)
        #expect(error(["image": "numbers", "kernel": "box-blur", "padding": "1", "stride": "2", "bias": "0.5", "flip": "true"]) == nil)
    }

    /// A geometry that does not tile is shown, not refused: on the 7×7 numbers image stride 3
    /// gives (7 − 3 + 0)/3 + 1 = 2.33; padding 1 fixes it, (7 − 3 + 2)/3 + 1 = 3.
    @Test func nonTilingStrideShowsTheGeometryError() throws {
        var screen = try makeScreen(["image": "numbers"])
        press(&screen, .character("S"), .character("S"))
        #expect(screen.state.stride == 3 && screen.state.stepCount == 0)
        let text = rendered(screen).trimmedLines.joined(separator: "\n")
        #expect(text.contains("No output"))
        #expect(text.contains("(7 − 3 + 2·0)/3 + 1 = 2.33, not an integer"))
        #expect(screen.statusLine.hasPrefix("no windows: the geometry does not tile"))
        press(&screen, .right, .end, .character(" "))
        #expect(screen.state.position == 0 && !screen.isPlaying)
        press(&screen, .character("P"))
        #expect(screen.state.outputSize?.height == 3)
        #expect(rendered(screen).trimmedLines[1].contains("Output 3×3"))
    }

    /// Sobel x's centre-right weight 2 becomes 5: the third window of the edge image now sums
    /// 1 + 5 + 1 = 7.
    @Test func editModeChangesAKernelCellAndTheResult() throws {
        var screen = try makeScreen()
        press(&screen, .right, .right, .character("e"))
        #expect(screen.capturesText)
        press(&screen, .down, .right, .right)
        type(&screen, "5")
        #expect(rendered(screen).trimmedLines[12].hasPrefix("Edit: 5_"))
        press(&screen, .enter)
        #expect(screen.state.kernelRows == [[-1, 0, 1], [-2, 0, 5], [-1, 0, 1]])
        #expect(screen.state.kernelName == "custom")
        let buffer = rendered(screen)
        #expect(value(after: "sum", in: buffer) == "7.00")
        // Arrow keys moved the cursor, not the window.
        #expect(screen.state.position == 2)
        type(&screen, "1.2.3")
        press(&screen, .enter)
        #expect(screen.message.contains("not a number"))
        press(&screen, .escape)
        #expect(!screen.capturesText)
        press(&screen, .right)
        #expect(screen.state.position == 3)
    }

    @Test func playAdvancesOnTicksAtTheChosenSpeed() throws {
        var screen = try makeScreen()
        _ = screen.update(.tick(milliseconds: 1000))
        #expect(screen.state.position == 0, "paused: ticks do nothing")
        press(&screen, .character(" "))
        #expect(screen.isPlaying && screen.playInterval == 500)
        _ = screen.update(.tick(milliseconds: 400))
        #expect(screen.state.position == 0)
        _ = screen.update(.tick(milliseconds: 100))
        #expect(screen.state.position == 1)
        press(&screen, .character("+"))
        #expect(screen.playInterval == 250)
        #expect(screen.statusLine.contains("playing at 4 steps/s"))
        _ = screen.update(.tick(milliseconds: 500))
        #expect(screen.state.position == 3)
        _ = screen.update(.tick(milliseconds: 100_000))
        #expect(screen.state.position == 35 && !screen.isPlaying, "play stops at the last window")
        press(&screen, .character(" "))
        #expect(screen.state.position == 0 && screen.isPlaying, "play from the end starts again")
        press(&screen, .character(" "), .character("-"), .character("-"), .character("-"), .character("-"))
        #expect(!screen.isPlaying && screen.playInterval == 2000)
        #expect(screen.statusLine.contains("paused at 0.5 steps/s"))
    }

    /// RGB input, three 3×3×3 filters. The first window of the colour image with Sobel x on
    /// every channel: R has the red square (1) at rows 1–2 of column 2, G and B are 0 there;
    /// columns 0 and 2 of row 0 are 0.2 grey in all three.
    /// R: −0.2 + 0.2 − 0.4 + 2·1 − 0.2 + 1 = 2.4; G and B: −0.2 + 0.2 − 0.4 − 0.2 = −0.6;
    /// over depth 2.4 − 0.6 − 0.6 = 1.2.
    @Test func multiChannelSumsOverDepth() throws {
        var screen = try makeScreen()
        press(&screen, .character("m"))
        #expect(screen.state.multiChannel && screen.state.filterCount == 3)
        let buffer = rendered(screen)
        #expect(value(after: "R sum", in: buffer) == "2.40")
        #expect(value(after: "G sum", in: buffer) == "-0.60")
        #expect(value(after: "B sum", in: buffer) == "-0.60")
        #expect(value(after: "Σ depth", in: buffer) == "1.20")
        #expect(value(after: "= output", in: buffer) == "1.20")
        let lines = buffer.trimmedLines
        #expect(lines[1] == "Input R           Input G           Input B           Result")
        #expect(lines.contains { $0.contains("Map sobel-x   Map sobel-y   Map laplacian") })
        #expect(screen.statusLine.hasPrefix("filter 1/3 · window 1/36 at row 0, col 0"))

        // The walk goes filter by filter; every cell's sum over depth is the engine's output.
        let state = screen.state
        let output = conv2dForward(input: state.input, weight: state.weight, bias: Tensor(shape: [3], repeating: 0), config: state.config)
        #expect(state.stepCount == 3 * 36)
        for _ in 0..<state.stepCount {
            let terms = try #require(screen.state.currentTerms)
            let channelSum = (0..<3).map { terms.sum(channel: $0) }.reduce(0, +)
            #expect(abs(channelSum - terms.sum) <= 1e-5)
            #expect(abs(terms.total - output[0, terms.filter, terms.outputRow, terms.outputColumn]) <= 1e-5)
            press(&screen, .right)
        }
        #expect(screen.statusLine.hasPrefix("filter 3/3 · window 36/36"))
    }

    @Test func parametersCanStartInMultiChannelModeAndHeatmapView() throws {
        let screen = try makeScreen(["filters": "sobel-y,prewitt-x", "view": "heatmap"], color: .none)
        #expect(screen.state.multiChannel && screen.state.filterCount == 2)
        #expect(screen.showsHeatmap)
        let text = rendered(screen).trimmedLines.joined(separator: "\n")
        #expect(text.contains("Map prewitt-x"))
        // Without colour the heat maps are shades: no half blocks anywhere.
        #expect(!text.contains("▀"))
        #expect(text.contains("█"))
    }

    /// At 200×60 the grids get wider fields and the sum is written out term by term.
    @Test func wideTerminalShowsTheWorking() throws {
        var screen = try makeScreen(["image": "numbers", "kernel": "box-blur"])
        press(&screen, .right)
        let lines = rendered(screen, width: 200, height: 60).trimmedLines
        #expect(lines[0].hasSuffix("output (7 − 3 + 2·0)/1 + 1 = 5"))
        #expect(lines.contains { $0.contains("Input × weight, written out") })
        // Window (0, 1) of numbers: rows 2 4 1 / 0 2 4 / 3 0 2 (x[r][c] = (3r + 2c) mod 5).
        #expect(lines.contains { $0.hasSuffix("  2.00×0.11 + 4.00×0.11 + 1.00×0.11") })
    }

    /// With room to spare the numbers view draws the input and output once more as heat maps,
    /// under the numbers; at 80×22 there is no room and they are left out.
    @Test func bigTerminalAddsTheHeatMapsUnderTheNumbers() throws {
        var screen = try makeScreen(color: .none)
        press(&screen, .right, .right)
        let big = rendered(screen, width: 200, height: 60).trimmedLines
        let titles = try #require(big.firstIndex { $0.hasPrefix("Input 8×8 as a heat map") })
        #expect(big[titles].contains("Output 6×6 as a heat map"))
        #expect(big.firstIndex { $0.hasPrefix("Input 8×8") } ?? Int.max < titles)
        // Two columns per value without colour: the edge image's left half is 0 (" "), its right half 1 ("█").
        #expect(big[titles + 2].hasPrefix(String(repeating: " ", count: 8)) && big[titles + 2].contains("████████"))
        let small = rendered(screen).trimmedLines
        #expect(!small.contains { $0.contains("as a heat map") })
        // The heat map view is pictures already: nothing is drawn twice.
        let heatmapView = rendered(try makeScreen(["view": "heatmap"], color: .none), width: 200, height: 60).trimmedLines
        #expect(!heatmapView.contains { $0.contains("as a heat map") } && heatmapView.contains { $0.hasPrefix("Input 8×8") })
    }

    @Test func keyBindingsListEveryKey() throws {
        let keys = try makeScreen().keyBindings.map(\.keys)
        #expect(keys == ["←/→", "Home/End", "space", "+/-", "f", "v", "i/I", "k/K", "p/P", "s/S", "b/B", "e", "m"])
    }

    @Test func imageKernelPaddingAndBiasKeysChangeTheSetup() throws {
        var screen = try makeScreen()
        press(&screen, .character("I"))
        #expect(screen.state.image.name == "diagonal")
        press(&screen, .character("i"), .character("I"))
        #expect(screen.state.image.name == "diagonal", "i goes back to the image I left")
        press(&screen, .character("K"))
        #expect(screen.state.kernelName == "sobel-y")
        press(&screen, .character("k"), .character("K"))
        #expect(screen.state.kernelName == "sobel-y", "k goes back to the kernel K left")
        press(&screen, .character("P"), .character("P"))
        #expect(screen.state.padding == 2 && screen.state.outputSize?.height == 10)
        press(&screen, .character("p"))
        #expect(screen.state.padding == 1)
        press(&screen, .character("B"), .character("B"), .character("b"))
        #expect(screen.state.bias == 0.5)
        // At 80 columns the setup line leaves the bias to the result panel.
        #expect(rendered(screen).trimmedLines.contains { $0.hasSuffix("+ bias    0.50") })
        #expect(rendered(screen, width: 120).trimmedLines[0].contains("bias 0.50"))
        press(&screen, .character("p"), .character("p"))
        #expect(screen.state.padding == 0 && screen.message == "padding stays from 0 to 3")
    }

    @Test func rendersNothingOutsideTinyAreas() throws {
        let screen = try makeScreen()
        var buffer = Buffer(width: 3, height: 2)
        screen.render(into: &buffer, area: Rect(x: 0, y: 0, width: 0, height: 0))
        #expect(buffer.trimmedLines == ["", ""])
        screen.render(into: &buffer, area: buffer.area)
        #expect(buffer.trimmedLines[0] == "ed…")
    }
}
