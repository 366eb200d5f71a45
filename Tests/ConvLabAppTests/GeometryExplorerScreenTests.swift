import ConvEngine
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite struct GeometryExplorerScreenTests {
    private func makeScreen(_ parameters: [String: String] = [:]) throws -> GeometryExplorerScreen {
        try GeometryExplorerScreen(parameters: parameters, context: AppContext(colorCapability: .none))
    }

    private func render(_ screen: GeometryExplorerScreen, width: Int = 80, height: Int = 22) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer
    }

    private func send(_ screen: inout GeometryExplorerScreen, _ keys: Key...) {
        for key in keys { _ = screen.update(.key(key)) }
    }

    /// 7×7 input, 3×3 kernel, no padding, stride 1: (7 − 3 + 0)/1 + 1 = 5.
    @Test func defaultFormulaAndGridAtEightyByTwentyTwo() throws {
        let buffer = render(try makeScreen())
        expectLines(buffer, [
            "(W − F + 2P)/S + 1 = (7 − 3 + 2·0)/1 + 1 = 5",
            "Output 5×5: 25 windows, and every input row and column is read.",
            "\"Same\" padding for this window is P = 1 (output 7×7 at stride 1) · = applies it.",
            "",
            "    0 1 2 3 4 5 6   output 5×5",
            " 0  · · · · · · ·    · · · · ·",
            " 1  · · · · · · ·    · · · · ·",
            " 2  · · · · · · ·    · · · · ·",
            " 3  · · · · · · ·    · · · · ·",
            " 4  · · · · · · ·    · · · · ·",
            " 5  · · · · · · ·",
            " 6  · · · · · · ·    0 padding (zeros)",
            "                     · input value",
            "                     · current window's taps",
            "",
            "One axis (rows and columns alike), W + 2P = 7 + 2·0 = 7 positions:",
            "  ·······",
            "  ^^^^^",
            "  0123456",
            "Window starts: 0, 1, 2, 3, 4; the last reads 4…6.",
            "",
            "",
        ])
        // The first window's nine taps are reversed in the grid (rows 5–7, columns 4–8 with the
        // spaces between neighbouring taps).
        let mask = buffer.styleMask { $0.reverse }
        #expect(mask[5].prefix(12) == "....#####...")
        #expect(mask[7].prefix(12) == "....#####...")
        #expect(mask[8].prefix(12) == "............")
    }

    /// 7, 3, 0, 3 does not tile: (7 − 3)/3 + 1 = 7/3 = 2.33, input index 6 is never read, and
    /// padding 1 or 4 or stride 2 or 4 would tile.
    @Test func nonTilingCombinationExplainsItself() throws {
        let buffer = render(try makeScreen(["size": "7", "kernel": "3", "padding": "0", "stride": "3"]))
        let lines = buffer.trimmedLines
        #expect(Array(lines.prefix(9)) == [
            "(W − F + 2P)/S + 1 = (7 − 3 + 2·0)/3 + 1 = 7/3 = 2.33",
            "7/3 = 2.33 is not a whole number: the windows do not tile the padded input.",
            "Input rows and columns 6 would never be covered (×); rounding down to 2×2 would",
            "silently drop them.",
            "Tiles with padding 1 or 4, or stride 2 or 4 · t applies padding 1.",
            "\"Same\" padding for this window is P = 1 (output 7×7 at stride 1) · = applies it.",
            "",
            "    0 1 2 3 4 5 6   whole windows 2×2 (rounded down)",
            " 0  · · · · · · ×    · ·",
        ])
        #expect(lines[14] == " 6  × × × × × × ×    × never read by any window")
        #expect(lines.contains("Window starts: 0, 3; the last reads 3…5, so 6 is left over."))
    }

    @Test func tKeyAppliesTheFirstSuggestionAndEqualsAppliesSamePadding() throws {
        var screen = try makeScreen(["stride": "3"])
        send(&screen, .character("t"))
        #expect(screen.padding == 1)
        #expect(screen.formulaText == "(W − F + 2P)/S + 1 = (7 − 3 + 2·1)/3 + 1 = 3")
        #expect(screen.statusLine.hasSuffix("padding set to 1"))
        send(&screen, .character("t"))
        #expect(screen.message == "this combination already tiles")

        var same = try makeScreen(["kernel": "5"])
        send(&same, .character("="))
        #expect(same.padding == 2)
        #expect(same.formulaText == "(W − F + 2P)/S + 1 = (7 − 5 + 2·2)/1 + 1 = 7")

        var even = try makeScreen(["kernel": "4"])
        send(&even, .character("="))
        #expect(even.padding == 0)
        #expect(even.message == "no \"same\" padding for an even window (4 wide)")
    }

    @Test func parameterKeysMoveDownAndUpWithinTheirRanges() throws {
        var screen = try makeScreen()
        send(&screen, .character("I"), .character("K"), .character("P"), .character("S"), .character("D"))
        #expect([screen.inputSize, screen.kernelSize, screen.padding, screen.stride, screen.dilation] == [8, 4, 1, 2, 2])
        send(&screen, .character("i"), .character("k"), .character("p"), .character("s"), .character("d"))
        #expect([screen.inputSize, screen.kernelSize, screen.padding, screen.stride, screen.dilation] == [7, 3, 0, 1, 1])
        send(&screen, .character("s"))
        #expect(screen.stride == 1)
        #expect(screen.message == "stride S stays from 1 to 16")
        send(&screen, .character("p"))
        #expect(screen.message == "padding P stays from 0 to 16")
    }

    @Test func arrowsHomeEndAndPlayWalkTheWindows() throws {
        var screen = try makeScreen()
        send(&screen, .right, .right)
        #expect(screen.currentWindow?.outputColumn == 2)
        send(&screen, .end)
        #expect(screen.position == 24)
        #expect(screen.statusLine.hasPrefix("window 25/25 at row 4, col 4 · W 7 F 3 P 0 S 1 D 1 · paused"))
        send(&screen, .right)
        #expect(screen.position == 24)
        send(&screen, .home, .left)
        #expect(screen.position == 0)
        send(&screen, .character(" "))
        #expect(screen.isPlaying)
        _ = screen.update(.tick(milliseconds: 400))
        #expect(screen.position == 0)
        _ = screen.update(.tick(milliseconds: 600))
        #expect(screen.position == 2)
        send(&screen, .character(" "))
        _ = screen.update(.tick(milliseconds: 5000))
        #expect(screen.position == 2)
        send(&screen, .character(" "))
        _ = screen.update(.tick(milliseconds: 100_000))
        #expect(screen.position == 24 && !screen.isPlaying, "play stops at the last window, as in every demo")
    }

    /// Over many combinations the screen's windows are ConvGeometry's, and its formula text is
    /// AxisGeometry's formula with AxisGeometry's result.
    @Test func windowsAndFormulaComeFromTheEngine() throws {
        for size in 1...10 {
            for kernel in 1...4 {
                for padding in 0...2 {
                    for stride in 1...3 {
                        var screen = try makeScreen(["size": "\(size)", "kernel": "\(kernel)", "padding": "\(padding)", "stride": "\(stride)"])
                        let axis = AxisGeometry(inputSize: size, kernelSize: kernel, padding: padding, stride: stride)
                        #expect(screen.formulaText.contains(axis.formula))
                        if let output = axis.outputSize {
                            #expect(screen.formulaText.hasSuffix(" = \(output)"))
                            let windows = ConvGeometry(inputHeight: size, inputWidth: size, kernelSize: kernel, padding: padding, stride: stride).windows
                            #expect(screen.windowCount == windows.count)
                            send(&screen, .end)
                            #expect(screen.currentWindow == windows.last)
                        } else {
                            #expect(screen.windowCount == axis.wholeWindowCount * axis.wholeWindowCount)
                        }
                    }
                }
            }
        }
    }

    @Test func dilationShowsTheWindowExtent() throws {
        let lines = render(try makeScreen(["dilation": "2", "padding": "1"])).trimmedLines
        #expect(lines[0] == "(W − F′ + 2P)/S + 1 = (7 − 5 + 2·1)/1 + 1 = 5")
        #expect(lines[1] == "dilated window F′ = D·(F − 1) + 1 = 2·(3 − 1) + 1 = 5 input positions")
        #expect(lines[7] == " 0  0 · · · · · · · 0    · · · · ·")
    }

    /// A 40-wide input does not fit as a grid at 80×22, so one axis is drawn as a strip; with
    /// stride 5 the last whole window reads 35…38 and index 39 is never read.
    @Test func largeInputFallsBackToTheAxisStrip() throws {
        let lines = render(try makeScreen(["size": "40", "kernel": "4", "stride": "5"])).trimmedLines
        #expect(lines[0] == "(W − F + 2P)/S + 1 = (40 − 4 + 2·0)/5 + 1 = 41/5 = 8.20")
        #expect(lines.contains("One axis (rows and columns alike), W + 2P = 40 + 2·0 = 40 positions:"))
        #expect(lines.contains("  " + String(repeating: "····×", count: 8)))
        #expect(lines.contains("Window starts: 0, 5, 10, …, 35; the last reads 35…38, so 39 is left over."))
        // At 200×58 the same input is drawn as a grid.
        let large = render(try makeScreen(["size": "40", "kernel": "4", "stride": "5"]), width: 200, height: 58).trimmedLines
        #expect(large.contains { $0.hasPrefix(" 0  · · · ·") })
    }

    /// At 200×58 a 7×7 input is drawn twice as large: labels every 4 columns, a spare row under
    /// each input row, and the first window's 3×3 taps one solid block 11 columns wide (three
    /// 3-wide cells and the two gaps between them) over three rows and the two spare rows
    /// between them, but not the spare row after its last.
    @Test func bigTerminalZoomsTheGrid() throws {
        let buffer = render(try makeScreen(), width: 200, height: 58)
        let lines = buffer.trimmedLines
        let header = try #require(lines.firstIndex { $0.hasPrefix("     0   1   2   3   4   5   6") })
        #expect(lines[header + 1].hasPrefix(" 0   ·   ·   ·   ·   ·   ·   ·"))
        #expect(lines[header + 3].hasPrefix(" 1   ·   ·   ·"))
        let reversed = buffer.styleMask { $0.reverse }
        let block = "....#" + String(repeating: "#", count: 10)
        for offset in 1...5 { #expect(reversed[header + offset].hasPrefix(block + "."), "row \(offset)") }
        #expect(!reversed[header + 6].prefix(20).contains("#"))
        // At 80×22 the same grid keeps one row and two columns per position.
        #expect(render(try makeScreen()).trimmedLines.contains { $0.hasPrefix(" 0  · · · · · · ·") })
    }

    @Test func parameterErrorsNameTheParameter() {
        #expect(throws: DemoParameterError(parameter: "size", message: "expected a whole number from 1 to 64, got \"0\"")) {
            try GeometryExplorerScreen(parameters: ["size": "0"], context: AppContext())
        }
        #expect(throws: DemoParameterError(parameter: "stride", message: "expected a whole number from 1 to 16, got \"two\"")) {
            try GeometryExplorerScreen(parameters: ["stride": "two"], context: AppContext())
        }
        for name in ["kernel", "padding", "dilation"] {
            #expect { try GeometryExplorerScreen(parameters: [name: "-3"], context: AppContext()) } throws: { error in
                (error as? DemoParameterError)?.parameter == name
            }
        }
        #expect { try GeometryExplorerScreen(parameters: ["colour": "red"], context: AppContext()) } throws: { error in
            (error as? DemoParameterError)?.parameter == "colour"
        }
    }

    @Test func keyBindingsListEveryParameterKey() throws {
        let keys = try makeScreen().keyBindings.map(\.keys)
        for key in ["i/I", "k/K", "p/P", "s/S", "d/D", "t", "=", "space", "←/→", "Home/End", "a", "v"] {
            #expect(keys.contains(key))
        }
    }

    @Test func allStartsModeMarksEveryWindowStart() throws {
        var screen = try makeScreen(["stride": "2"])
        send(&screen, .character("a"))
        let lines = render(screen).trimmedLines
        #expect(lines[5] == " 0  + · + · + · ·    · · ·")
        #expect(lines[6] == " 1  · · · · · · ·    · · ·")
    }
}
