import ConvEngine

/// The dense demo's training set: windows cut as the sliding classifier will see them on the
/// canvas, each labelled with a class and, for digits, the box the box head should predict.
///
/// A digit window holds one digit placed up to `digitOffset` px left or right and
/// `verticalOffset` px up or down of centre, with neighbours that may poke in at the sides, as
/// on the canvas where digits stand side by side. A background window sits between digits:
/// every digit in it is at least `backgroundOffset` px off centre, or the window is empty.
/// Offsets in between are left out: a window there sees most of a digit, and either answer is
/// fair. The box target is the centred digit's ink box in window pixels divided by the
/// window's side, so its four numbers are near [0, 1].
struct DenseTrainingWindows: Sendable {
    static let digitOffset = 2
    static let verticalOffset = 4
    static let backgroundOffset = 6
    /// How often a window is background rather than a digit.
    static let backgroundShare = 0.3

    /// The windows, N×1×size×size, and their classes (`backgroundClass` for background).
    let examples: Dataset
    /// N×4: (x, y, w, h) / size of the digit's ink box; zeros for background windows.
    let boxes: Tensor
    let backgroundClass: Int

    var count: Int { examples.count }

    init(count: Int, sprites: [DigitSprite], backgroundClass: Int, generator: inout SeededGenerator) {
        precondition(!sprites.isEmpty, "the dense demo needs digits to cut windows from")
        let size = sprites[0].size
        var images: [Float] = [], labels: [Int] = [], boxes: [Float] = []
        images.reserveCapacity(count * size * size)
        func offset(_ limit: Int) -> Int { generator.nextInt(below: 2 * limit + 1) - limit }
        func anySprite() -> DigitSprite { sprites[generator.nextInt(below: sprites.count)] }
        func maybe(_ probability: Double) -> Bool { Double(generator.nextInt(below: 1000)) < probability * 1000 }
        for _ in 0..<count {
            var window = [Float](repeating: 0, count: size * size)
            func place(_ sprite: DigitSprite, column: Int) {
                sprite.paste(into: &window, width: size, height: size, row: offset(Self.verticalOffset), column: column)
            }
            if maybe(Self.backgroundShare) {
                // Between two digits: the left one 6–14 px off centre, the right one after a 0–2 px gap.
                let left = -(Self.backgroundOffset + generator.nextInt(below: size - Self.backgroundOffset + 1))
                let right = left + size + generator.nextInt(below: 3)
                if maybe(0.85) { place(anySprite(), column: left) }
                if right >= Self.backgroundOffset, maybe(0.85) { place(anySprite(), column: right) }
                labels.append(backgroundClass)
                boxes += [0, 0, 0, 0]
            } else {
                let sprite = anySprite()
                let (row, column) = (offset(Self.verticalOffset), offset(Self.digitOffset))
                sprite.paste(into: &window, width: size, height: size, row: row, column: column)
                if maybe(0.6) { place(anySprite(), column: column - size - generator.nextInt(below: 3)) }
                if maybe(0.6) { place(anySprite(), column: column + size + generator.nextInt(below: 3)) }
                labels.append(sprite.label)
                boxes += sprite.inkBox(row: row, column: column).components.map { Float($0 / Double(size)) }
            }
            images += window
        }
        examples = Dataset(images: Tensor(shape: [count, 1, size, size], scalars: images), labels: labels)
        self.boxes = Tensor(shape: [count, 4], scalars: boxes)
        self.backgroundClass = backgroundClass
    }

    /// The examples at `indices`: images B×1×size×size, labels, boxes B×4.
    func batch(_ indices: [Int]) -> (images: Tensor, labels: [Int], boxes: Tensor) {
        let (images, labels) = examples.batch(indices: indices)
        return (images, labels, boxes.rows(indices))
    }
}
