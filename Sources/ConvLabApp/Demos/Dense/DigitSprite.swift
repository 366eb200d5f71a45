import ConvEngine

/// A small digit image with its class and its ink's bounding box, ready to paste into the
/// dense demo's windows and canvas.
struct DigitSprite: Sendable, Hashable {
    /// Side of the square image, in pixels.
    let size: Int
    /// size×size, row-major, values in [0, 1].
    let pixels: [Float]
    let label: Int
    /// The ink's box within the image (pixels brighter than `inkThreshold`), as (x, y, w, h)
    /// with x and y its top-left corner; the whole image when nothing is that bright.
    let inkBox: BoundingBox

    static let inkThreshold: Float = 0.3

    init(size: Int, pixels: [Float], label: Int) {
        precondition(pixels.count == size * size, "a \(size)×\(size) sprite needs \(size * size) pixels")
        (self.size, self.pixels, self.label) = (size, pixels, label)
        var (top, left, bottom, right) = (Int.max, Int.max, Int.min, Int.min)
        for y in 0..<size {
            for x in 0..<size where pixels[y * size + x] > Self.inkThreshold {
                (top, left, bottom, right) = (min(top, y), min(left, x), max(bottom, y), max(right, x))
            }
        }
        if top == Int.max { (top, left, bottom, right) = (0, 0, size - 1, size - 1) }
        inkBox = BoundingBox(x: Double(left), y: Double(top), width: Double(right - left + 1), height: Double(bottom - top + 1))
    }

    /// Every image of `dataset` (N×1×size×size) as a sprite.
    static func sprites(of dataset: Dataset) -> [DigitSprite] {
        let size = dataset.imageShape[2]
        return (0..<dataset.count).map { index in
            DigitSprite(size: size, pixels: dataset.image(at: index).scalars, label: dataset.labels[index])
        }
    }

    /// Writes the sprite into `scalars` (a height×width image, row-major) with its top-left
    /// corner at (`row`, `column`), which may lie outside; each pixel keeps the brighter of the
    /// two values, so neighbours that touch do not erase each other.
    func paste(into scalars: inout [Float], width: Int, height: Int, row: Int, column: Int) {
        for y in 0..<size where (0..<height).contains(row + y) {
            for x in 0..<size where (0..<width).contains(column + x) {
                let index = (row + y) * width + column + x
                scalars[index] = max(scalars[index], pixels[y * size + x])
            }
        }
    }

    /// The ink box once the sprite's corner is at (`row`, `column`).
    func inkBox(row: Int, column: Int) -> BoundingBox {
        BoundingBox(x: inkBox.x + Double(column), y: inkBox.y + Double(row), width: inkBox.width, height: inkBox.height)
    }
}
