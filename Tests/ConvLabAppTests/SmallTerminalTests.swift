import Foundation
import ConvEngine
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

/// The screens at 80×24, the smallest terminal the app runs in, each checked on the line that
/// matters: drawn in the app's frame (title bar, body, status line) into memory.
@Suite struct SmallTerminalTests {
    static func frame(_ request: DemoRequest, context: AppContext = AppContext(), keys: [Key] = []) throws -> [String] {
        var app = try App.demo(request, context: context)
        for key in keys { _ = app.update(event: .key(key)) }
        var buffer = Buffer(width: 80, height: 24)
        app.render(into: &buffer)
        return buffer.trimmedLines
    }

    /// Before the first window nothing has been sent back, so the pooled gradient's title says
    /// so instead of naming the empty range "windows 1–0"; then window 1, then 1–2.
    @Test func backpropPoolingTitleBeforeTheFirstWindow() throws {
        let lines = try Self.frame(DemoRequest(name: "backprop", parameters: ["layer": "maxpool"]))
        #expect(lines.contains { $0.contains("dL/dx, no window yet") })
        #expect(!lines.contains { $0.contains("windows 1–0") })
        #expect(BackpropScreen.poolGradientTitle(step: 1) == "dL/dx, window 1")
        #expect(BackpropScreen.poolGradientTitle(step: 2) == "dL/dx, windows 1–2")
    }

    /// An average of four values shown with one decimal (0.8 for 0.75) cannot be checked by
    /// hand against `sum 3.0 / 4 = 0.75`; the pooled grid shows the same two decimals.
    @Test func averagePoolingShowsTwoDecimals() throws {
        let screen = try PoolingScreen(parameters: ["mode": "avg"], context: AppContext())
        var buffer = Buffer(width: 80, height: 22)
        screen.render(into: &buffer, area: buffer.area)
        let lines = buffer.trimmedLines
        let header = try #require(lines.firstIndex { $0.contains("avg pooled") })
        // The first pooled value, the current window's, stands under the panel's title.
        let column = try #require(lines[header].range(of: "avg pooled")).lowerBound
        let value = String(lines[header + 1][column...]).split(separator: " ").first.map(String.init) ?? ""
        #expect(value.split(separator: ".").last?.count == 2, "pooled value '\(value)' in row |\(lines[header + 1])|")
        #expect(lines.contains { $0.contains("sum ") && $0.contains(" / 4 = ") })
    }

    /// Past index 9 the strip's labels are two digits written downwards: the tens row comes
    /// first, so column 12 reads 1 over 2.
    @Test func geometryStripReadsTensAboveUnits() throws {
        let lines = try Self.frame(DemoRequest(name: "geometry", parameters: ["size": "13"]), keys: [.character("v")])
        let units = try #require(lines.firstIndex { $0.contains("0123456789012") })
        let tens = lines[units - 1]
        #expect(tens.hasSuffix("111"), "row above the units: |\(tens)|")
        #expect(tens.trimmingCharacters(in: .whitespaces) == "111")
    }

    /// tanh′ and sigmoid′ are about 5e-5 at x = ±6: their markers sit on the zero axis's row,
    /// not a row above it.
    @Test(arguments: ["tanh", "sigmoid"]) func derivativeTailsSitOnTheZeroAxis(function: String) throws {
        let screen = try ActivationsScreen(parameters: ["function": function], context: AppContext(colorCapability: .none))
        var buffer = Buffer(width: 80, height: 22)
        screen.render(into: &buffer, area: buffer.area)
        let lines = buffer.lines.map(Array.init)
        let axisRow = try #require(lines.firstIndex { String($0).contains("0.00┤") })
        // The plot starts right after the axis mark: its first and last columns are x = −6 and 6.
        let first = try #require(lines[axisRow].firstIndex(of: "┤")) + 1
        let last = first + (lines[axisRow][first...].lastIndex { $0 != " " } ?? first) - first
        // At x = 6 f′ ≈ 5e-5 is drawn alone (f is 1 or 0.9999, at the top); at x = −6 tanh is
        // −1, at the bottom, while sigmoid's f ≈ 0.0025 shares the axis row and is drawn over f′.
        for column in function == "tanh" ? [first, last] : [last] {
            #expect(lines[axisRow][column] == "+", "f′ at column \(column) is not on the axis row |\(String(lines[axisRow]))|")
            #expect(lines[axisRow - 1][column] != "+", "f′ at column \(column) floats a row above the axis")
        }
    }

    /// The colour stepper with a stride that does not tile has one "No output" panel, not one
    /// per filter.
    @Test func colourStepperSaysOnceThatTheGeometryDoesNotTile() throws {
        let lines = try Self.frame(DemoRequest(name: "conv", parameters: ["mode": "multi", "stride": "4"]))
        #expect(lines.filter { $0.contains("No output") }.count == 1, "\(lines.joined(separator: "\n"))")
    }

    /// The multi-channel stepper at the last window, where the window reaches the input's
    /// bottom rows: its marks are on screen in each channel's input panel.
    @Test(arguments: ["0", "2"]) func multiChannelStepperKeepsTheWindowRowOnScreen(padding: String) throws {
        for view in ["numbers", "heatmap"] {
            let lines = try Self.frame(DemoRequest(name: "conv", parameters: ["mode": "multi", "padding": padding, "view": view]), keys: [.end])
            let inputTitle = try #require(lines.firstIndex { $0.contains("Input R") })
            // The input panels end at the next row of panel titles (or at the status line).
            let nextTitles = lines.indices.dropFirst(inputTitle + 1).first { row in
                ["input × weight", "Map ", "Filter ", "Kernel "].contains { lines[row].contains($0) }
            } ?? lines.count - 1
            let panel = lines[(inputTitle + 1)..<nextTitles]
            // A heat map marks the window's cells `[]`; numbers are labelled with their input
            // row, and the window's last row is the image's last (plus the padding).
            let screen = try ConvStepperScreen(parameters: ["mode": "multi", "padding": padding], context: AppContext())
            let lastRow = String(screen.state.activeImage.height - 1 + Int(padding)!)
            let marked = panel.contains { $0.contains("[]") }
            let labelled = panel.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(lastRow + " ") }
            #expect(marked || labelled, "the window is off screen (\(view), padding \(padding)):\n\(lines.joined(separator: "\n"))")
        }
    }

    /// Paused, the stepper's status line keeps the speed within what 80 columns show.
    @Test func stepperStatusKeepsTheSpeed() throws {
        let status = try #require(try Self.frame(DemoRequest(name: "conv")).last)
        #expect(status.contains("paused at 2 steps/s"), "|\(status)|")
    }

    /// The dashboard at 80×24: the probabilities of all ten classes, and a line saying where
    /// the activation maps went.
    @Test func dashboardShowsTenClassesAndWhereTheMapsAre() throws {
        let lines = try GoldenScreenTests.frame(GoldenScreenTests.dashboardApp(context: AppContext()), width: 80, height: 24).trimmedLines
        let title = try #require(lines.firstIndex { $0.contains("P(class) for the probe") })
        let titleColumn = try #require(lines[title].range(of: "P(class)")).lowerBound.utf16Offset(in: lines[title])
        for digit in 0...9 {
            #expect(lines.dropFirst(title + 1).contains { line in
                let text = Array(line)
                guard text.count > titleColumn + 1 else { return false }
                return String(text[titleColumn...]).trimmingCharacters(in: .whitespaces).hasPrefix("\(digit) ")
                    || String(text[titleColumn...]).hasPrefix("▶\(digit) ")
            }, "class \(digit) is missing:\n\(lines.joined(separator: "\n"))")
        }
        // The charts' column, 45 wide at 80 columns, wraps the hint onto two lines.
        let chartColumn = lines.map { String($0.prefix(45)).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(chartColumn.contains(TrainingDashboardScreen.activationsHint), "\(lines.joined(separator: "\n"))")
        let tall = GoldenScreenTests.frame(try GoldenScreenTests.dashboardApp(context: AppContext()), width: 200, height: 60).trimmedLines
        #expect(!tall.contains { $0.contains(TrainingDashboardScreen.activationsHint) })
    }

    /// Stride 3 leaves the canvas's last row unseen (4 = 18 − 14 is not a multiple of 3): the
    /// screen says so; stride 2 tiles both axes and says nothing.
    @Test func denseStrideThatDoesNotTileIsReported() throws {
        let screen = try DenseScreen(parameters: ["stride": "3", "examples": "200"], context: AppContext())
        let note = try #require(screen.tilingNote)
        #expect(note.hasPrefix("stride 3 does not tile the 18×44 canvas: height (18 − 14 + 2·0)/3 + 1 = 2.33, so the last 1 row gets no window"))
        #expect(try DenseScreen(parameters: ["stride": "2", "examples": "200"], context: AppContext()).tilingNote == nil)
        let lines = try Self.frame(DemoRequest(name: "dense", parameters: ["stride": "3", "examples": "200"]))
        #expect(lines.contains { $0.contains("stride 3 does not tile") })
        // The class map's size comes from the floored geometry: ⌊4/3⌋ + 1 = 2 rows, ⌊30/3⌋ + 1 = 11 columns.
        let geometry = DenseDetectionExperiment.windowGeometry(stride: 3)
        #expect(geometry.outputSize.height == 2 && geometry.outputSize.width == 11)
    }
}
