/// A width × height grid of cells: what a frame will look like, as plain data.
///
/// Widgets render into a buffer; a backend draws it. Coordinates are columns `x` (0 at the
/// left) and rows `y` (0 at the top). Writes outside the buffer are silently dropped, so a
/// widget handed a rectangle hanging off the edge cannot crash.
///
/// For tests, `lines` gives each row as a `String` of exactly `width` characters (trailing
/// spaces kept, so a test sees where a widget stopped drawing); `trimmedLines` drops the
/// trailing spaces of each row for literals that are easier to write.
public struct Buffer: Hashable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// Row-major: cell (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]
    /// Every place a `write` stopped at its clip between two letters or digits, so a word or
    /// number was shown cut short. Only the writer knows what it dropped, so the buffer keeps
    /// the record; tests read `visibleWordCuts`. Not part of a buffer's equality.
    public private(set) var wordCuts: [WordCut] = []

    public init(width: Int, height: Int, filling cell: Cell = .blank) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        self.cells = Array(repeating: cell, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at the origin.
    public var area: Rect { Rect(width: width, height: height) }

    /// The cell at (x, y); reading outside the buffer gives `Cell.blank`.
    public subscript(x: Int, y: Int) -> Cell {
        get { area.contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if area.contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    /// The style at (x, y), for tests that check highlights.
    public func style(x: Int, y: Int) -> Style { self[x, y].style }

    /// The character at (x, y).
    public func character(x: Int, y: Int) -> Character { self[x, y].character }

    /// Sets one cell; ignored outside the buffer.
    public mutating func set(x: Int, y: Int, _ character: Character, style: Style = .plain) {
        self[x, y] = Cell(character, style: style)
    }

    /// Writes `text` left to right from (x, y), one character per column, clipped to `clip`
    /// (and to the buffer). Newlines are not interpreted; callers wrap first.
    /// - Returns: the column after the last character written (or that would have been).
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = clip.map { $0.intersection(area) } ?? area
        var column = x
        guard y >= bounds.y, y < bounds.maxY else { return x + text.count }
        var previous: Character?
        for character in text {
            if column >= bounds.maxX {
                if let previous, column - 1 >= bounds.x, WordCut.isWordCharacter(previous), WordCut.isWordCharacter(character) {
                    wordCuts.append(WordCut(x: column - 1, y: y, written: previous, dropped: character))
                }
                return x + text.count
            }
            if column >= bounds.x { cells[y * width + column] = Cell(character, style: style) }
            previous = character
            column += 1
        }
        return column
    }

    /// Writes styled spans one after another from (x, y), clipped like `write`.
    @discardableResult
    public mutating func write(_ spans: [Span], x: Int, y: Int, clip: Rect? = nil) -> Int {
        var column = x
        for span in spans { column = write(span.text, x: column, y: y, style: span.style, clip: clip) }
        return column
    }

    /// Fills `rect` (clipped to the buffer) with one character in one style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let target = rect.intersection(area)
        for row in target.y..<target.maxY {
            for column in target.x..<target.maxX { cells[row * width + column] = Cell(character, style: style) }
        }
    }

    /// Changes the style of every cell in `rect` (clipped), keeping the characters.
    public mutating func updateStyle(in rect: Rect, _ change: (inout Style) -> Void) {
        let target = rect.intersection(area)
        for row in target.y..<target.maxY {
            for column in target.x..<target.maxX { change(&cells[row * width + column].style) }
        }
    }

    /// Every row as text, `width` characters each, trailing spaces kept.
    public var lines: [String] {
        (0..<height).map { row in String(cells[(row * width)..<(row * width + width)].map(\.character)) }
    }

    /// Every row as text with trailing spaces removed.
    public var trimmedLines: [String] {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed.removeLast() }
            return String(trimmed)
        }
    }

    /// The cuts still on screen: those whose last written character was not drawn over since.
    public var visibleWordCuts: [WordCut] {
        wordCuts.filter { self[$0.x, $0.y].character == $0.written }
    }

    public static func == (left: Buffer, right: Buffer) -> Bool {
        left.width == right.width && left.height == right.height && left.cells == right.cells
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(cells)
    }

    /// The positions whose cells differ from `previous`; every position when the sizes differ.
    /// `NcursesBackend` draws only these.
    public func changedPositions(since previous: Buffer) -> [(x: Int, y: Int)] {
        var positions: [(x: Int, y: Int)] = []
        let sameSize = previous.width == width && previous.height == height
        for row in 0..<height {
            for column in 0..<width where !sameSize || previous.cells[row * width + column] != cells[row * width + column] {
                positions.append((column, row))
            }
        }
        return positions
    }
}

/// A word or number a `Buffer.write` cut at its clip: `written` is the last character shown,
/// at (x, y), and `dropped` the letter or digit that followed it and did not fit.
public struct WordCut: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var written: Character
    public var dropped: Character

    /// Letters and digits: cutting between two of them leaves a word or number that reads as
    /// whole but is not ("accura", "0.12" of 0.125).
    public static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
