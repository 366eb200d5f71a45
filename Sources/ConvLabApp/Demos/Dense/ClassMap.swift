import ConvEngine

/// A box as (x, y, width, height) in pixels, x and y its top-left corner.
struct BoundingBox: Sendable, Hashable {
    var x, y, width, height: Double

    init(x: Double, y: Double, width: Double, height: Double) {
        (self.x, self.y, self.width, self.height) = (x, y, width, height)
    }

    /// (x, y, w, h) in order.
    var components: [Double] { [x, y, width, height] }

    /// (b̂ᵢ − bᵢ)² for each of (x, y, w, h), self being b̂.
    func squaredTerms(to other: BoundingBox) -> [Double] {
        zip(components, other.components).map { ($0 - $1) * ($0 - $1) }
    }

    /// ‖self − other‖² over (x, y, w, h): the L2 box-regression loss.
    func squaredDistance(to other: BoundingBox) -> Double { squaredTerms(to: other).reduce(0, +) }
}

/// The dense demo's net on every window of the canvas at one stride: per window its class
/// probabilities and the box head's box. Window (i, j) covers canvas rows i·stride…i·stride+13
/// and columns j·stride…j·stride+13; windows are numbered row by row, n = i·columns + j.
struct ClassMap: Sendable, Hashable {
    var stride: Int
    var rows: Int
    var columns: Int
    /// N×11: softmax of the class scores, 10 digits then background.
    var probabilities: Tensor
    /// N×4: the box head's (x, y, w, h) in pixels of the window, corner at the window's.
    var boxes: Tensor

    /// Window `n`'s most probable class and its probability.
    func prediction(_ n: Int) -> (label: Int, probability: Float) {
        let classes = probabilities.shape[1]
        let row = probabilities.scalars[(n * classes)..<((n + 1) * classes)]
        let best = row.indices.max { row[$0] < row[$1] }!
        return (best - n * classes, row[best])
    }

    /// Each window's predicted class, row by row.
    var classes: [[Int]] {
        (0..<rows).map { row in (0..<columns).map { prediction(row * columns + $0).label } }
    }

    /// Where window `n` sits on the canvas: its top-left corner.
    func origin(of n: Int) -> (row: Int, column: Int) { ((n / columns) * stride, (n % columns) * stride) }

    /// Window `n`'s box-head box moved to canvas pixels.
    func canvasBox(of n: Int) -> BoundingBox {
        let (row, column) = origin(of: n)
        return BoundingBox(x: Double(boxes[n, 0]) + Double(column), y: Double(boxes[n, 1]) + Double(row),
                           width: Double(boxes[n, 2]), height: Double(boxes[n, 3]))
    }

    /// Localising a digit of class `label`: the window most sure it holds `label` (the first
    /// such window, row by row, when several tie) and its box head's box in canvas pixels.
    func localisation(of label: Int) -> (window: Int, probability: Float, box: BoundingBox) {
        let classes = probabilities.shape[1]
        var best = 0
        for n in 1..<(rows * columns) where probabilities.scalars[n * classes + label] > probabilities.scalars[best * classes + label] {
            best = n
        }
        return (best, probabilities.scalars[best * classes + label], canvasBox(of: best))
    }
}
