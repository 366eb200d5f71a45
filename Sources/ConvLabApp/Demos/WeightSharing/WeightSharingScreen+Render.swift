import ConvEngine
import TerminalUI

// Drawing for the weight sharing demo. Top: the fully connected matrix (every entry its own
// weight, numbered 1…n² and coloured in turn) beside the banded one (shared: letters a, b, …
// naming which shared weight, coloured by it; unshared: every in-band entry numbered), zeros
// as dim dots. Then the signal, the banded matrix times it and its convolution with the shared
// weights, equal. Bottom: the 2-D count.

extension WeightSharingScreen {
    private static let titleStyle = Style(bold: true)
    private static let labelStyle = Style(dim: true)
    private static let goodStyle = Style(foreground: .green, bold: true)
    private static let badStyle = Style(foreground: .red, bold: true)
    /// Distinct background colours, cycled: one per shared weight, or in turn for numbered entries.
    static let palette: [Color] = [
        .indexed(160), .indexed(28), .indexed(26), .indexed(136), .indexed(91), .indexed(30), .indexed(166),
        .indexed(63), .indexed(100), .indexed(125), .indexed(24), .indexed(94),
    ]

    func render(into buffer: inout Buffer, area: Rect) {
        guard area.width >= 40, area.height >= 10 else { return }
        let rightCellWidth = isShared ? 2 : String(bandEntryCount).count + 1
        // Number every fully connected weight when both matrices fit that way; otherwise each
        // is a two-column swatch (coloured in turn, or "w" without colour).
        let numbered = (String(inputs * inputs).count + 1) * inputs + 3 + rightCellWidth * inputs <= area.width
        let numberWidth = numbered ? String(inputs * inputs).count + 1 : 2
        let leftWidth = numberWidth * inputs
        let title = numbered ? fullyConnectedTitle : "dense: \(inputs)² = \(fullyConnectedCount) weights"
        // The band matrix starts after the wider of the dense matrix and its title, if it fits.
        let titledWidth = max(leftWidth, title.count)
        let rightX = area.x + (titledWidth + 3 + rightCellWidth * inputs <= area.width ? titledWidth : leftWidth) + 3
        let rightArea = Rect(x: rightX, y: area.y, width: max(area.maxX - rightX, 0), height: area.height)
        buffer.write(title, x: area.x, y: area.y, style: Self.titleStyle, clip: Rect(x: area.x, y: area.y, width: rightX - area.x - 1, height: 1))
        buffer.write(bandTitle, x: rightX, y: area.y, style: Self.titleStyle, clip: rightArea)
        var bandNumber = 0
        for row in 0..<inputs {
            let y = area.y + 1 + row
            for column in 0..<inputs {
                let index = row * inputs + column
                let label = numbered ? "\(index + 1)" : colorCapability == .none ? "w" : " "
                let text = NumberFormatting.aligned(label, width: numberWidth - 1, alignment: .right)
                buffer.write(text, x: area.x + column * numberWidth + 1, y: y, style: entryStyle(colour: index), clip: area)
                // Each band cell is a space then a right-aligned field of rightCellWidth − 1.
                let bandX = rightX + column * rightCellWidth + 1
                if let weight = bandIndex(row: row, column: column) {
                    bandNumber += 1
                    let label = isShared ? String(Self.weightLetter(weight)) : "\(bandNumber)"
                    let colour = isShared ? weight : bandNumber - 1
                    buffer.write(NumberFormatting.aligned(label, width: rightCellWidth - 1, alignment: .right),
                                 x: bandX, y: y, style: entryStyle(colour: colour), clip: area)
                } else {
                    buffer.write(NumberFormatting.aligned("·", width: rightCellWidth - 1, alignment: .right),
                                 x: bandX, y: y, style: Self.labelStyle, clip: area)
                }
            }
        }
        var y = area.y + 1 + inputs
        let lines = signalLines()
        let countLines = twoDimensionalLines()
        if area.maxY - y > lines.count + countLines.count { y += 1 }
        for (text, style) in lines where y < area.maxY {
            buffer.write(text, x: area.x, y: y, style: style, clip: area)
            y += 1
        }
        if area.maxY - y > countLines.count { y += 1 }
        for (index, text) in countLines.enumerated() where y < area.maxY {
            buffer.write(text, x: area.x, y: y, style: index == 1 || index == 2 ? Self.titleStyle : .plain, clip: area)
            y += 1
        }
        // With room to spare: how the two counts grow with the image.
        let table = growthTable
        let tableHeight = table.rows.count + 2
        guard area.maxY - y >= tableHeight + 3 else { return }
        y += 1
        buffer.write("as the image grows: fully connected as (H·W)², the conv layer not at all", x: area.x, y: y, style: Self.labelStyle, clip: area)
        table.render(into: &buffer, area: Rect(x: area.x, y: y + 1, width: area.width, height: tableHeight))
    }

    /// One row per side in `growthSides`: the image, both counts and their ratio.
    var growthTable: Table {
        let rows = growthSides.map { side -> [String] in
            let fullyConnected = fullyConnected2D(side: side), conv = convolution2D(side: side).weights
            return ["\(side)×\(side)×\(channels)" + (side == self.side ? " ◂" : ""), CountText.grouped(fullyConnected),
                    CountText.grouped(conv), CountText.power(fullyConnected / max(conv, 1))]
        }
        return Table(columns: [Table.Column("image"), Table.Column("fully connected", alignment: .right),
                               Table.Column("conv \(kernelSize)×\(kernelSize) × \(filters)", alignment: .right),
                               Table.Column("times fewer", alignment: .right)], rows: rows)
    }

    /// `a`, `b`, … for shared weight 0, 1, ….
    static func weightLetter(_ index: Int) -> Character { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(index))) }

    private func entryStyle(colour index: Int) -> Style {
        guard colorCapability != .none else { return .plain }
        return Style(foreground: .white, background: Self.palette[index % Self.palette.count])
    }

    /// `fully connected: 8² = 64 weights`.
    var fullyConnectedTitle: String { "fully connected: \(inputs)² = \(fullyConnectedCount) weights" }

    /// `banded, shared: 5 weights` or `banded, not shared: 36 weights`.
    var bandTitle: String {
        isShared ? "banded, shared: \(bandwidth) weights" : "banded, not shared: \(bandEntryCount) weights"
    }

    /// The shared weights, the signal, and the two equal outputs, with their styles.
    func signalLines() -> [(String, Style)] {
        func list(_ values: [Float]) -> String { values.map { NumberFormatting.fixed(Double($0), decimals: $0 == $0.rounded() ? 0 : 1) }.joined(separator: " ") }
        let weights = sharedWeights.enumerated().map { "\(Self.weightLetter($0.offset)) = \(list([$0.element]))" }.joined(separator: ", ")
        let matrix = matrixOutput.scalars, convolution = convolutionOutput.scalars
        let difference = matrixOutput.maxAbsDifference(convolutionOutput)
        let verdict = difference == 0 ? ("the same vector", Self.goodStyle) : ("differ by \(difference)", Self.badStyle)
        return [
            ("shared weights w: \(weights)" + (isShared ? "" : " (s shares them)"), isShared ? .plain : Self.labelStyle),
            ("x              = \(list(signal.scalars))", .plain),
            ("banded W · x   = \(list(matrix))", .plain),
            ("conv1d(x, w)   = \(list(convolution))   ← \(verdict.0)", verdict.1),
        ]
    }

    /// ` = 10¹²` or ` ≈ 4.8 × 10¹³`; nothing below 10,000, where the grouped number says it all.
    static func powerSuffix(_ value: Int) -> String {
        let power = CountText.power(value)
        guard value >= 10_000 else { return "" }
        return power.hasPrefix("≈") ? " " + power : " = " + power
    }

    /// The 2-D count in four lines.
    func twoDimensionalLines() -> [String] {
        let pixels = side * side
        let conv = convolution2D
        let biasText = conv.biases == 1 ? "+1 bias" : "+\(CountText.grouped(conv.biases)) biases"
        let ratio = fullyConnected2D / max(conv.weights, 1)
        return [
            "2-D: a \(side)×\(side)×\(channels) image, one hidden unit per pixel (\(CountText.grouped(pixels)) units)",
            "fully connected (H·W·C)·(H·W) = \(CountText.grouped(pixels * channels))·\(CountText.grouped(pixels)) = \(CountText.grouped(fullyConnected2D))\(Self.powerSuffix(fullyConnected2D))",
            "conv, \(filters) filter\(filters == 1 ? "" : "s") \(kernelSize)×\(kernelSize): F·F·C·K = \(kernelSize)·\(kernelSize)·\(channels)·\(filters) = \(CountText.grouped(conv.weights)) weights (\(biasText))",
            "sharing one small kernel across every position: \(CountText.power(ratio)) times fewer weights",
        ]
    }
}
