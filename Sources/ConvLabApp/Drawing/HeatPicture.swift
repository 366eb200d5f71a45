import ConvEngine
import TerminalUI

/// Heat maps as pictures for PGM/PPM files, in the colours the terminal shows them in.
enum HeatPicture {
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
