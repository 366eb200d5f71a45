import ConvEngine
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite struct PoolingScreenTests {
    private func makeScreen(_ parameters: [String: String] = [:], color: ColorCapability = .none) throws -> PoolingScreen {
        try PoolingScreen(parameters: parameters, context: AppContext(colorCapability: color))
    }

    private func render(_ screen: PoolingScreen, width: Int = 80, height: Int = 22) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer
    }

    private func send(_ screen: inout PoolingScreen, _ keys: Key...) {
        for key in keys { _ = screen.update(.key(key)) }
    }

    /// The header: the map's origin, the shape change (12×12×4 → 6×6×4, and the notes'
    /// 224×224×64 → 112×112×64) and the parameter count (0 against (2·2·4+1)·4 = 68).
    @Test func headerLinesAtEightyByTwentyTwo() throws {
        let lines = render(try makeScreen()).trimmedLines
        #expect(Array(lines.prefix(4)) == [
            "digit ⊛ sobel-x, sobel-y, laplacian, sharpen → ReLU: activation map 12×12×4",
            "max pool 2×2, stride 2: 12×12×4 → 6×6×4; the notes: 224×224×64 → 112×112×64",
            "0 learnable parameters; a 2×2 conv, 4 → 4 channels, learns (2·2·4+1)·4 = 68",
            "channel 1 · sobel-x                              max pooled 6×6",
        ])
        #expect(lines.count == 22)
    }

    /// Window (0, 1) of the digit's map: each channel's four values, the max bracketed.
    @Test func tableShowsEveryChannelsWindowAndChoice() throws {
        var screen = try makeScreen()
        send(&screen, .right)
        let lines = render(screen).trimmedLines
        #expect(Array(lines.suffix(5)) == [
            "window (0, 1), values row by row; the max in [brackets], padding (·) is −∞:",
            "1 sobel-x     0.0   0.0  [1.0]  0.0  → 1.0",
            "2 sobel-y     0.0   0.0   3.0  [4.0] → 4.0",
            "3 laplacian   0.0   0.0  [1.0]  1.0  → 1.0",
            "4 sharpen    [0.0]  0.0   0.0   0.0  → 0.0",
        ])
        #expect(lines[4] == "0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0  1.0 1.0   ·   ·   ·   ·")
        #expect(lines[11] == "0.0 0.0 0.0 1.0 3.0 2.0 0.0 0.0 0.0 0.0 0.0 0.0  max 1.0 at row 1, col 2")
        // The window (rows 0–1, columns 2–3) is reversed; the chosen 1.0 at (1, 2) underlined.
        let reversed = render(screen).styleMask { $0.reverse }
        #expect(reversed[4].prefix(16) == "........###.###.")
        #expect(reversed[5].prefix(16) == "........###.###.")
        let underlined = render(screen).styleMask { $0.underline }
        #expect(underlined[5].prefix(16) == "........###.....")
    }

    /// Average pooling: the table gives sum/divisor = mean.
    @Test func averageModeShowsTheMean() throws {
        var screen = try makeScreen(["mode": "avg"])
        send(&screen, .right)
        let lines = render(screen).trimmedLines
        #expect(lines[17] == "window (0, 1), values row by row; sum / 4, padding counts as 0:")
        #expect(lines[19] == "2 sobel-y     0.0   0.0   3.0   4.0  → 7.0/4 = 1.75")
        #expect(lines[11].hasSuffix("sum 1.0 / 4 = 0.25"))
    }

    /// At every window, in both modes, each channel's breakdown and the pooled cell drawn are
    /// the engine's: the table's result is maxPool2dForward's (or avgPool2dForward's) output,
    /// the chosen element is the route, and the panel's filled cell shows the same number.
    @Test func valuesEqualTheEngineAtEveryWindow() throws {
        for parameters: [String: String] in [[:], ["kernel": "3"], ["kernel": "2", "stride": "1", "padding": "1"], ["image": "numbers", "kernel": "3", "stride": "2"]] {
            for mode in ["max", "avg"] {
                var screen = try makeScreen(parameters.merging(["mode": mode]) { $1 })
                let config = screen.config
                let expected = mode == "max"
                    ? maxPool2dForward(input: screen.activation, config: config).output
                    : avgPool2dForward(input: screen.activation, config: config)
                let routes = maxPool2dForward(input: screen.activation, config: config).routes
                let (outputHeight, outputWidth) = (expected.shape[2], expected.shape[3])
                #expect(screen.windowCount == outputHeight * outputWidth)
                for index in 0..<screen.windowCount {
                    let (row, column) = (index / outputWidth, index % outputWidth)
                    #expect(screen.currentCell?.row == row && screen.currentCell?.column == column)
                    for channel in 0..<screen.channels {
                        let terms = try #require(screen.windowTerms(channel: channel))
                        let offset = (channel * outputHeight + row) * outputWidth + column
                        #expect(terms.result == expected.scalars[offset], "\(parameters) \(mode) window \(index) channel \(channel)")
                        if mode == "max" { #expect(terms.route == routes[offset]) }
                    }
                    // The focus channel's pooled panel shows the current cell with the engine's value.
                    let buffer = render(screen, width: 200, height: 58)
                    // Maxima with one decimal, like the map's values; averages with two.
                    let text = NumberFormatting.fixed(Double(expected.scalars[row * outputWidth + column]),
                                                      decimals: mode == "max" ? 1 : 2, width: mode == "max" ? 3 : 4)
                    #expect(buffer.lines.contains { $0.contains(text) })
                    send(&screen, .right)
                }
                #expect(screen.position == screen.windowCount - 1)
            }
        }
    }

    @Test func keysChangeModeWindowStridePaddingChannelImageAndView() throws {
        var screen = try makeScreen()
        send(&screen, .character("m"))
        #expect(screen.kind == .average)
        #expect(screen.title == "Pooling: average over an activation map")
        send(&screen, .character("m"), .character("K"))
        #expect(screen.kernelSize == 3 && screen.stride == 3)
        #expect(screen.shapeText.hasPrefix("max pool 3×3, stride 3: 12×12×4 → 4×4×4"))
        send(&screen, .character("s"))
        #expect(screen.stride == 2)
        #expect(screen.windowCount == 0)
        #expect(screen.statusLine.hasPrefix("no windows: the geometry does not tile"))
        #expect(render(screen).trimmedLines.contains("No windows: height: (12 − 3 + 2·0)/2 + 1 = 5.5, not an integer: the windows do"))
        send(&screen, .character("P"))
        #expect(screen.padding == 1)
        send(&screen, .character("P"))
        #expect(screen.padding == 1)
        #expect(screen.message == "padding stays from 0 to 1 (at most half the 3-wide window)")
        send(&screen, .character("p"), .character("S"), .character("k"))
        #expect(screen.kernelSize == 2 && screen.stride == 2)
        send(&screen, .character("c"))
        #expect(screen.focusChannel == 3, "c goes back from the first channel to the last")
        send(&screen, .character("C"), .character("C"))
        #expect(screen.focusChannel == 1)
        #expect(render(screen).trimmedLines[3].hasPrefix("channel 2 · sobel-y"))
        send(&screen, .character("I"))
        #expect(screen.image.name == "gradient")
        #expect(screen.activation.shape == [1, 4, 8, 8])
        send(&screen, .character("v"))
        #expect(screen.showsHeatmap)
        send(&screen, .end)
        #expect(screen.position == 15)
        send(&screen, .home)
        #expect(screen.position == 0)
        send(&screen, .character("k"), .character("k"))
        #expect(screen.message == "window size stays from 1 to 4")
    }

    @Test func playStepsOnTicksAndStopsAtTheEnd() throws {
        var screen = try makeScreen()
        send(&screen, .character(" "))
        #expect(screen.isPlaying)
        _ = screen.update(.tick(milliseconds: 1000))
        #expect(screen.position == 2)
        _ = screen.update(.tick(milliseconds: 100_000))
        #expect(screen.position == 35)
        #expect(!screen.isPlaying)
        #expect(screen.statusLine == "window 36/36 at row 5, col 5 · max pooling · channel 1/4 · paused")
    }

    /// Without colour the heat maps are shades, two pixel rows to a cell as with colour; at
    /// 80×24 each value is one pixel, so the 2×2 window is two reversed cells in each of the four
    /// channels' maps, plus the current pooled cell.
    @Test func heatmapViewMarksTheWindowWithoutColour() throws {
        let buffer = render(try makeScreen(["view": "heatmap"]))
        let lines = buffer.trimmedLines
        #expect(lines[3] == "1 sobel-x           2 sobel-y           3 laplacian         4 sharpen")
        let reversed = buffer.styleMask { $0.reverse }.joined().filter { $0 == "#" }.count
        #expect(reversed == 4 * (2 + 1))
    }

    @Test func parameterErrorsNameTheParameter() {
        let cases: [([String: String], String)] = [
            (["kernel": "9"], "kernel"), (["stride": "0"], "stride"), (["padding": "2"], "padding"),
            (["mode": "min"], "mode"), (["view": "chart"], "view"), (["image": "cat"], "image"),
            (["filters": "nope"], "filters"), (["filters": "sobel-x,gaussian-5x5"], "filters"),
            (["filters": "sobel-x,sobel-y,laplacian,sharpen,emboss"], "filters"), (["size": "3"], "size"),
        ]
        for (parameters, name) in cases {
            #expect { try PoolingScreen(parameters: parameters, context: AppContext()) } throws: { error in
                (error as? DemoParameterError)?.parameter == name
            }
        }
        #expect(throws: DemoParameterError(parameter: "padding", message: "expected a whole number from 0 to 1, got \"2\"")) {
            try PoolingScreen(parameters: ["padding": "2"], context: AppContext())
        }
    }

    @Test func colourImageGivesThreeDeepFilters() throws {
        let screen = try makeScreen(["image": "colour", "filters": "sobel-x,sobel-y"])
        #expect(screen.activation.shape == [1, 2, 8, 8])
        #expect(screen.sourceText == "colour ⊛ sobel-x, sobel-y → ReLU: activation map 8×8×2")
    }
}
