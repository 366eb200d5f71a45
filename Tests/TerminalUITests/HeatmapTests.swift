import Testing
import TestSupport
@testable import TerminalUI

@Suite("Heatmap and ColorMap")
struct HeatmapTests {
    private let low = ColorMap.divergingLow, middle = ColorMap.divergingMiddle, high = ColorMap.divergingHigh

    @Test("diverging: blue at the minimum, white at 0, red at the maximum")
    func divergingEnds() {
        let map = ColorMap.diverging
        #expect(map.color(for: -1, range: -1...1) == .rgb(red: low.red, green: low.green, blue: low.blue))
        #expect(map.color(for: 0, range: -1...1) == .rgb(red: 255, green: 255, blue: 255))
        #expect(map.color(for: 1, range: -1...1) == .rgb(red: high.red, green: high.green, blue: high.blue))
        // Outside the range clamps; a lopsided range still puts 0 at white.
        #expect(map.color(for: -5, range: -1...1) == map.color(for: -1, range: -1...1))
        #expect(map.color(for: 0, range: -1...3) == .rgb(red: 255, green: 255, blue: 255))
        #expect(map.color(for: 3, range: -1...3) == map.color(for: 1, range: -1...1))
    }

    @Test("the diverging ends survive quantisation to 256 and to 8 colours")
    func divergingQuantised() {
        let map = ColorMap.diverging
        #expect(map.color(for: -1, range: -1...1).resolved(for: .full256) == .indexed(26))   // (0, 95, 215)
        #expect(map.color(for: 0, range: -1...1).resolved(for: .full256) == .indexed(231))
        #expect(map.color(for: 1, range: -1...1).resolved(for: .full256) == .indexed(124))   // (175, 0, 0)
        #expect(map.color(for: -1, range: -1...1).resolved(for: .eight) == .blue)
        #expect(map.color(for: 0, range: -1...1).resolved(for: .eight) == .white)
        #expect(map.color(for: 1, range: -1...1).resolved(for: .eight) == .red)
    }

    @Test("sequential: black to white; automatic map and ranges")
    func sequential() {
        #expect(ColorMap.sequential.color(for: 0, range: 0...4) == .rgb(red: 0, green: 0, blue: 0))
        #expect(ColorMap.sequential.color(for: 2, range: 0...4) == .rgb(red: 128, green: 128, blue: 128))
        #expect(ColorMap.sequential.color(for: 4, range: 0...4) == .rgb(red: 255, green: 255, blue: 255))
        #expect(ColorMap.automatic(for: [[0, 1], [2, 3]]) == .sequential)
        #expect(ColorMap.automatic(for: [[0, -1]]) == .diverging)
        #expect(ColorMap.diverging.automaticRange(for: [[-0.5, 2]]) == -2...2)
        #expect(ColorMap.sequential.automaticRange(for: [[1, 3]]) == 1...3)
        #expect(ColorMap.sequential.automaticRange(for: [[0, 0]]) == -1...1)
        #expect(ColorMap.diverging.color(for: .nan, range: -1...1) == .default)
    }

    @Test("half blocks: foreground is the upper pixel, background the lower")
    func halfBlocks() {
        let heatmap = Heatmap(values: [[-1, 0], [1, 0.5]], showsLegend: false)
        var buffer = Buffer(width: 3, height: 2)
        heatmap.render(into: &buffer, area: buffer.area)
        expectLines(buffer, ["▀▀", ""])
        #expect(buffer.style(x: 0, y: 0) == Style(
            foreground: .rgb(red: low.red, green: low.green, blue: low.blue),
            background: .rgb(red: high.red, green: high.green, blue: high.blue)))
        #expect(buffer.style(x: 1, y: 0) == Style(
            foreground: .rgb(red: 255, green: 255, blue: 255),
            background: .rgb(red: 217, green: 140, blue: 149)))   // halfway white → red, rounded
        #expect(heatmap.preferredSize == (width: 2, height: 1))
    }

    @Test("an odd last row leaves the lower half default; ragged rows leave blanks")
    func oddRows() {
        let heatmap = Heatmap(values: [[0, 2], [4], [4, 4]], colorMap: .sequential, range: 0...4, showsLegend: false)
        var buffer = Buffer(width: 2, height: 2)
        heatmap.render(into: &buffer, area: buffer.area)
        #expect(buffer.style(x: 1, y: 0) == Style(foreground: .rgb(red: 128, green: 128, blue: 128), background: .default))
        #expect(buffer.style(x: 0, y: 1) == Style(foreground: .rgb(red: 255, green: 255, blue: 255), background: .default))
    }

    @Test("legend shows the range ends around a colour ramp")
    func legend() {
        let heatmap = Heatmap(values: [[-1, 1]])
        var buffer = Buffer(width: 20, height: 2)
        heatmap.render(into: &buffer, area: buffer.area)
        expectLines(buffer, ["▀▀", "-1.00 ▀▀▀▀▀▀▀▀▀ 1.00"])
        #expect(buffer.style(x: 6, y: 1).background == ColorMap.diverging.color(for: -1, range: -1...1))
        #expect(buffer.style(x: 14, y: 1).background == ColorMap.diverging.color(for: 1, range: -1...1))
        #expect(buffer.style(x: 10, y: 1).background == .rgb(red: 255, green: 255, blue: 255))
    }

    @Test("without colour: two pixel rows to a text row as in colour, zero a dot, sign by shape")
    func asciiFallback() {
        // Diverging over −1…1: four circles below zero, "·" at zero, four shades above it.
        let heatmap = Heatmap(values: [[-1, -0.5, 0, 0.5, 1], [-1, -0.5, 0, 0.5, 1], [0.25, -0.25, 0.05, 0, 0.75]],
                              colorCapability: .none)
        var buffer = Buffer(width: 24, height: 3)
        heatmap.render(into: &buffer, area: buffer.area)
        expectLines(buffer, ["●○·▒█", "░◦··▓", "-1.00 ●◐○◦·░▒▓█ 1.00"])
        #expect(heatmap.preferredSize == (width: 5, height: 3))
        #expect(buffer.styleMask { $0 != .plain } == Array(repeating: String(repeating: ".", count: 24), count: 3))
    }

    @Test("without colour a cell shows the mean of its two pixels; sequential runs from blank to full")
    func asciiMeanAndSequential() {
        let heatmap = Heatmap(values: [[0, 1, 1, -1], [1, 1, 0, 1]], range: -1...1, colorCapability: .none, showsLegend: false)
        var buffer = Buffer(width: 4, height: 1)
        heatmap.render(into: &buffer, area: buffer.area)
        expectLines(buffer, ["▒█▒·"])
        let sequential = Heatmap(values: [[0, 0.25, 0.5, 0.75, 1]], colorMap: .sequential, colorCapability: .none)
        var line = Buffer(width: 16, height: 2)
        sequential.render(into: &line, area: line.area)
        expectLines(line, [" ░▒▓█", "0.00  ░▒▓█ 1.00"])
        #expect(ColorMap.diverging.asciiShade(for: .nan, range: -1...1) == "?")
        // A lopsided range still puts 0 at the zero symbol and each side's end at full strength.
        #expect(ColorMap.diverging.asciiShade(for: 0, range: -0.1...4) == "·")
        #expect(ColorMap.diverging.asciiShade(for: -0.1, range: -0.1...4) == "●")
        #expect(ColorMap.diverging.asciiShade(for: 4, range: -0.1...4) == "█")
    }

    @Test("scale repeats each value in a block; the image clips to the area")
    func scaleAndClip() {
        let heatmap = Heatmap(values: [[0, 1]], colorMap: .sequential, colorCapability: .none, scale: 2, showsLegend: false)
        var buffer = Buffer(width: 3, height: 3)
        heatmap.render(into: &buffer, area: buffer.area)
        expectLines(buffer, ["  █", "", ""])
    }

    @Test("0×0 and 1×1 areas")
    func tinyAreas() {
        let heatmap = Heatmap(values: [[-1, 1], [1, -1]])
        var one = Buffer(width: 1, height: 1)
        heatmap.render(into: &one, area: one.area)
        expectLines(one, ["▀"])
        var none = Buffer(width: 0, height: 0)
        heatmap.render(into: &none, area: none.area)
        #expect(none.lines.isEmpty)
        var empty = Buffer(width: 4, height: 2)
        Heatmap(values: []).render(into: &empty, area: empty.area)
        expectLines(empty, ["0.00", ""])
    }
}
