import ConvEngine

/// The learner's drawing: a square of ink values in [0, 1] (0 is background, as in the
/// digits the network learned from), a cursor, and a round pen.
///
/// The pen leaves ink the way `SyntheticDigits` draws its strokes, so a drawn digit looks like
/// the training digits: a pixel's ink is its anti-aliased coverage by a disc of diameter
/// `thickness` around the cursor, clamp(thickness/2 + ½ − distance, 0, 1), with the distance
/// from the pixel's centre to the cursor pixel's centre, and ink only ever rises (the eraser
/// only lowers it). So thickness 1 inks one pixel, thickness 2 a plus sign with soft corners.
struct DrawCanvas: Hashable, Sendable {
    /// Pixels per side.
    let size: Int
    /// Row-major ink, size × size.
    private(set) var pixels: [Float]
    /// Where the pen is: (row, column), always inside the canvas.
    private(set) var cursor: (row: Int, column: Int)
    /// Whether moving the cursor leaves ink (or erases, with the eraser).
    var isPenDown = false
    /// Whether the pen removes ink instead of adding it.
    var isErasing = false
    /// The pen's diameter in pixels, `thicknessRange`.
    private(set) var thickness: Int

    static let thicknessRange = 1...5

    init(size: Int = SyntheticDigits.imageSize, thickness: Int = 2) {
        precondition(size >= 1, "a canvas needs at least one pixel")
        self.size = size
        pixels = Array(repeating: 0, count: size * size)
        cursor = (size / 2, size / 2)
        self.thickness = min(max(thickness, Self.thicknessRange.lowerBound), Self.thicknessRange.upperBound)
    }

    static func == (left: DrawCanvas, right: DrawCanvas) -> Bool {
        left.size == right.size && left.pixels == right.pixels && left.cursor == right.cursor
            && left.isPenDown == right.isPenDown && left.isErasing == right.isErasing && left.thickness == right.thickness
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(pixels)
        hasher.combine(cursor.row)
        hasher.combine(cursor.column)
    }

    /// The ink at (row, column).
    subscript(row: Int, column: Int) -> Float { pixels[row * size + column] }

    /// The drawing as the network's input: 1×1×size×size.
    var batch: Tensor { Tensor(shape: [1, 1, size, size], scalars: pixels) }

    /// The drawing as rows, for heatmaps.
    var rows: [[Float]] { (0..<size).map { Array(pixels[($0 * size)..<(($0 + 1) * size)]) } }

    /// Whether there is any ink at all.
    var isBlank: Bool { pixels.allSatisfy { $0 == 0 } }

    /// Moves the cursor by (rows, columns), stopping at the edges; with the pen down every
    /// pixel passed leaves ink (or is erased).
    mutating func move(rows: Int, columns: Int) {
        let steps = max(abs(rows), abs(columns))
        for _ in 0..<steps {
            cursor = (min(max(cursor.row + rows.signum(), 0), size - 1), min(max(cursor.column + columns.signum(), 0), size - 1))
            if isPenDown { dab() }
        }
    }

    /// Puts the cursor on (row, column), clamped to the canvas, and, with the pen down,
    /// leaves ink along the straight line from where it was (so a fast mouse drag leaves no
    /// gaps).
    mutating func moveTo(row: Int, column: Int, drawing: Bool) {
        let target = (min(max(row, 0), size - 1), min(max(column, 0), size - 1))
        if drawing {
            let steps = max(abs(target.0 - cursor.row), abs(target.1 - cursor.column))
            let start = cursor
            for step in 0...steps {
                let fraction = steps == 0 ? 1 : Float(step) / Float(steps)
                cursor = (start.row + Int((Float(target.0 - start.row) * fraction).rounded()),
                          start.column + Int((Float(target.1 - start.column) * fraction).rounded()))
                dab()
            }
        }
        cursor = target
    }

    /// Lowers or lifts the pen; lowering it inks the cursor's spot at once.
    mutating func togglePen() {
        isPenDown.toggle()
        if isPenDown { dab() }
    }

    /// Changes the pen's diameter by `change`, within `thicknessRange`.
    mutating func changeThickness(by change: Int) {
        thickness = min(max(thickness + change, Self.thicknessRange.lowerBound), Self.thicknessRange.upperBound)
    }

    /// Removes all ink; the cursor and pen stay.
    mutating func clear() {
        pixels = Array(repeating: 0, count: size * size)
    }

    /// Moves the whole drawing by (rows, columns) pixels; what leaves the canvas is lost and
    /// background comes in.
    mutating func shift(rows: Int, columns: Int) {
        var shifted = Array(repeating: Float(0), count: size * size)
        for row in 0..<size {
            for column in 0..<size {
                let sourceRow = row - rows, sourceColumn = column - columns
                guard (0..<size).contains(sourceRow), (0..<size).contains(sourceColumn) else { continue }
                shifted[row * size + column] = pixels[sourceRow * size + sourceColumn]
            }
        }
        pixels = shifted
    }

    /// Replaces the drawing with `image` (size × size values, clamped to [0, 1]).
    mutating func load(_ image: [Float]) {
        precondition(image.count == size * size, "expected \(size * size) pixels, got \(image.count)")
        pixels = image.map { min(max($0.isFinite ? $0 : 0, 0), 1) }
    }

    /// Inks (or erases) the pen's disc around the cursor.
    mutating func dab() {
        let radius = Float(thickness) / 2
        let reach = thickness / 2 + 1
        for row in max(cursor.row - reach, 0)...min(cursor.row + reach, size - 1) {
            for column in max(cursor.column - reach, 0)...min(cursor.column + reach, size - 1) {
                let distance = Float(((row - cursor.row) * (row - cursor.row) + (column - cursor.column) * (column - cursor.column))).squareRoot()
                let coverage = min(max(radius + 0.5 - distance, 0), 1)
                guard coverage > 0 else { continue }
                let index = row * size + column
                pixels[index] = isErasing ? min(pixels[index], 1 - coverage) : max(pixels[index], coverage)
            }
        }
    }
}
