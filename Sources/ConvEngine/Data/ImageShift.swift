/// Moving an image by whole pixels, the operation the shift demo studies. Each channel of a
/// C×H×W (or N×C×H×W) tensor moves `right` columns and `down` rows; what leaves one edge
/// either comes back at the other (`wrap`, a circular shift) or is lost, the vacated pixels
/// becoming 0 (`zero`).
public enum ImageShift {
    public enum Fill: String, CaseIterable, Sendable {
        case zero, wrap
    }

    /// `image` (…×H×W, the last two axes spatial) shifted by (`down`, `right`) pixels.
    public static func shifted(_ image: Tensor, right: Int, down: Int, fill: Fill) -> Tensor {
        let height = image.shape[image.rank - 2], width = image.shape[image.rank - 1]
        let planes = image.count / (height * width)
        var scalars = [Float](repeating: 0, count: image.count)
        for plane in 0..<planes {
            let base = plane * height * width
            for row in 0..<height {
                for column in 0..<width {
                    var sourceRow = row - down, sourceColumn = column - right
                    if fill == .wrap {
                        sourceRow = ((sourceRow % height) + height) % height
                        sourceColumn = ((sourceColumn % width) + width) % width
                    }
                    guard sourceRow >= 0, sourceRow < height, sourceColumn >= 0, sourceColumn < width else { continue }
                    scalars[base + row * width + column] = image.scalars[base + sourceRow * width + sourceColumn]
                }
            }
        }
        return Tensor(shape: image.shape, scalars: scalars)
    }

    /// Each image of N×1×H×W moved (zero fill) so its ink's centre of mass lands on the image
    /// centre, to the nearest pixel: the synthetic digits come with a random offset of up to
    /// ±3 px, which the shift experiment has to remove before adding its own.
    public static func centred(_ images: Tensor) -> Tensor {
        let count = images.shape[0], height = images.shape[2], width = images.shape[3]
        var result: [Float] = []
        result.reserveCapacity(images.count)
        for index in 0..<count {
            let plane = Array(images.scalars[(index * height * width)..<((index + 1) * height * width)])
            var mass = 0.0, rowSum = 0.0, columnSum = 0.0
            for row in 0..<height {
                for column in 0..<width {
                    let value = Double(plane[row * width + column])
                    mass += value
                    rowSum += value * (Double(row) + 0.5)
                    columnSum += value * (Double(column) + 0.5)
                }
            }
            let image = Tensor(shape: [1, height, width], scalars: plane)
            guard mass > 0 else { result += plane; continue }
            let down = Int((Double(height) / 2 - rowSum / mass).rounded())
            let right = Int((Double(width) / 2 - columnSum / mass).rounded())
            result += shifted(image, right: right, down: down, fill: .zero).scalars
        }
        return Tensor(shape: images.shape, scalars: result)
    }
}
