import ConvEngine
import TerminalUI

/// Heat maps as pictures for PGM/PPM files, in the colours the terminal shows them in.
///
/// A picture is made from the same `Heatmap` the screen draws, so it has the screen's colour
/// map and range: a `.sequential` map becomes a greyscale 1×H×W image (black at the range's
/// low end, white at its high end), a `.diverging` one a 3×H×W RGB image (blue below 0, white
/// at 0, red above, each side scaled by its end of the range). One pixel per value.
enum HeatPicture {
    /// The grey level of a gap between the tiles of a mosaic: mid grey, which a reader can
    /// tell from the black and white ends of every tile.
    static let gapLevel: Float = 128 / 255

    /// `heatmap` as a picture: 1×H×W for a sequential map, 3×H×W for a diverging one.
    static func picture(_ heatmap: Heatmap) -> Tensor {
        mosaic([[heatmap]])
    }

    /// Tiles side by side (`rows` of tiles, top to bottom), one gap pixel of mid grey between
    /// neighbours; each tile keeps its own colour map and range, as on screen. Grey when every
    /// tile is sequential, else RGB (a sequential tile as equal red, green and blue).
    static func mosaic(_ rows: [[Heatmap]]) -> Tensor {
        let tileHeights = rows.map { row in row.map(\.values.count).max() ?? 0 }
        let tileWidths = rows.map { row in row.map { $0.values.map(\.count).max() ?? 0 } }
        let height = tileHeights.reduce(0, +) + max(rows.count - 1, 0)
        let width = tileWidths.map { widths in widths.reduce(0, +) + max(widths.count - 1, 0) }.max() ?? 0
        let isColored = rows.joined().contains { $0.colorMap == .diverging }
        let channels = isColored ? 3 : 1
        var planes = [Float](repeating: gapLevel, count: channels * height * width)
        var top = 0
        for (rowIndex, row) in rows.enumerated() {
            var left = 0
            for (columnIndex, tile) in row.enumerated() {
                let range = tile.resolvedRange
                for (y, line) in tile.values.enumerated() {
                    for (x, value) in line.enumerated() {
                        let (red, green, blue) = tile.colorMap.color(for: value, range: range).rgbComponents
                        let pixel = (top + y) * width + left + x
                        planes[pixel] = Float(red) / 255
                        if isColored {
                            planes[height * width + pixel] = Float(green) / 255
                            planes[2 * height * width + pixel] = Float(blue) / 255
                        }
                    }
                }
                left += tileWidths[rowIndex][columnIndex] + 1
            }
            top += tileHeights[rowIndex] + 1
        }
        return Tensor(shape: [channels, height, width], scalars: planes)
    }

    /// Tiles in a grid of `columns` tiles a row (the last row may be short).
    static func grid(_ tiles: [Heatmap], columns: Int) -> Tensor {
        let perRow = max(columns, 1)
        return mosaic(stride(from: 0, to: tiles.count, by: perRow).map { Array(tiles[$0..<min($0 + perRow, tiles.count)]) })
    }

    /// Columns of a near-square grid of `count` tiles: ⌈√count⌉.
    static func squareColumns(_ count: Int) -> Int {
        var columns = 1
        while columns * columns < count { columns += 1 }
        return columns
    }

    /// A 3×H×W RGB image in [0, 1] of `values` (rows of equal length) under `colorMap`, over
    /// the map's automatic range (for `.diverging`, symmetric about 0: white is 0).
    static func colored(_ values: [[Float]], colorMap: ColorMap) -> Tensor {
        let height = values.count, width = values.first?.count ?? 0
        let range = colorMap.automaticRange(for: values)
        var planes = [Float](repeating: 0, count: 3 * height * width)
        for (row, line) in values.enumerated() {
            for (column, value) in line.prefix(width).enumerated() {
                guard case let .rgb(red, green, blue) = colorMap.color(for: value, range: range) else { continue }
                let pixel = row * width + column
                planes[pixel] = Float(red) / 255
                planes[height * width + pixel] = Float(green) / 255
                planes[2 * height * width + pixel] = Float(blue) / 255
            }
        }
        return Tensor(shape: [3, height, width], scalars: planes)
    }

    /// A 1×H×W greyscale image of values already in [0, 1] (a drawing).
    static func grey(_ values: [[Float]]) -> Tensor {
        Tensor(shape: [1, values.count, values.first?.count ?? 0], scalars: values.flatMap { $0 })
    }
}
