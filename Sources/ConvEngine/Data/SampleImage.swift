/// Small built-in images for the demos and lessons: big enough to show a pattern, small enough
/// that every pixel's value fits on screen (5×5 to 16×16). Pixels are floats in [0, 1] (8-bit
/// value / 255), except `numbers`, whose small integers make sums easy to check by hand.
public struct SampleImage: Hashable, Sendable {
    /// Used by `--image NAME` and lesson files.
    public let name: String
    /// One line on what it shows and why it is useful.
    public let summary: String
    /// C×H×W: 1 channel for greyscale, 3 (R, G, B) for colour.
    public let pixels: Tensor

    public var channels: Int { pixels.shape[0] }
    public var height: Int { pixels.shape[1] }
    public var width: Int { pixels.shape[2] }

    /// Channel `channel` as rows of values, for number grids and heatmaps.
    public func rows(channel: Int = 0) -> [[Float]] {
        (0..<height).map { row in
            (0..<width).map { column in pixels.scalars[(channel * height + row) * width + column] }
        }
    }

    /// A greyscale image from text art: `#` is 1, `+` is 0.5, `.` (or space) is 0.
    static func art(_ name: String, _ summary: String, _ lines: [String]) -> SampleImage {
        let width = lines.map(\.count).max() ?? 0
        var values: [Float] = []
        for line in lines {
            let padded = Array(line) + Array(repeating: ".", count: width - line.count)
            values += padded.map { $0 == "#" ? 1 : $0 == "+" ? 0.5 : 0 }
        }
        return SampleImage(name: name, summary: summary, pixels: Tensor(shape: [1, lines.count, width], scalars: values))
    }

    /// A greyscale image from a function of (row, column).
    static func generated(_ name: String, _ summary: String, height: Int, width: Int, _ value: (Int, Int) -> Float) -> SampleImage {
        var values: [Float] = []
        for row in 0..<height {
            for column in 0..<width { values.append(value(row, column)) }
        }
        return SampleImage(name: name, summary: summary, pixels: Tensor(shape: [1, height, width], scalars: values))
    }
}

extension SampleImage {
    /// Every built-in image, in the order the demos cycle through them.
    public static let all: [SampleImage] = [
        art("edge", "a vertical edge: dark left half, bright right half", [
            "....####", "....####", "....####", "....####",
            "....####", "....####", "....####", "....####",
        ]),
        art("diagonal", "a bright diagonal line on a dark background", [
            "#.......", ".#......", "..#.....", "...#....",
            "....#...", ".....#..", "......#.", ".......#",
        ]),
        generated("checkerboard", "alternating 2×2 squares", height: 8, width: 8) { row, column in
            (row / 2 + column / 2) % 2 == 0 ? 1 : 0
        },
        art("digit", "a hand-drawn 7, like a tiny MNIST digit", [
            "............", "............", "..########..", "..########..",
            "........##..", ".......##...", "......##....", ".....##.....",
            "....##......", "...##.......", "...#........", "............",
        ]),
        generated("gradient", "brightness rising from left to right", height: 8, width: 8) { _, column in
            Float(column) / 7
        },
        art("cross", "a plus sign: one vertical and one horizontal stroke", [
            "...#...", "...#...", "...#...", "#######", "...#...", "...#...", "...#...",
        ]),
        generated("numbers", "a 7×7 grid of small whole numbers, for sums you can check by hand", height: 7, width: 7) { row, column in
            Float((row * 3 + column * 2) % 5)
        },
        colourSquares,
        shapes,
    ]

    /// Names of the built-in images, for error messages and help.
    public static var names: [String] { all.map(\.name) }

    /// The image with this name (case-insensitive), or nil.
    public static func named(_ name: String) -> SampleImage? {
        all.first { $0.name.lowercased() == name.lowercased() }
    }

    /// A 16×16 greyscale scene: a bright square, a grey disk and a dim triangle on a dark
    /// background. Its outlines run in every direction (vertical, horizontal, curved and
    /// diagonal), so each edge kernel lights up a different part of it.
    static let shapes: SampleImage = generated(
        "shapes", "a 16×16 scene: a bright square, a grey disk and a triangle on a dark background",
        height: 16, width: 16
    ) { row, column in
        if (2...6).contains(row) && (2...7).contains(column) { return 1 }
        let dy = Float(row) - 11, dx = Float(column) - 11.5
        if dy * dy + dx * dx <= 12.25 { return 0.7 }
        // A right triangle: its hypotenuse is the diagonal column = row − 7.
        if (9...14).contains(row) && (1...(row - 8)).contains(column) { return 0.45 }
        return 0.1
    }

    /// An 8×8 RGB picture: a red square, a green bar and a blue corner on grey, so each
    /// channel holds a different pattern.
    static let colourSquares: SampleImage = {
        let size = 8
        var red = [Float](repeating: 0.2, count: size * size)
        var green = red
        var blue = red
        for row in 0..<size {
            for column in 0..<size {
                let index = row * size + column
                if (1...3).contains(row) && (1...3).contains(column) { (red[index], green[index], blue[index]) = (1, 0, 0) }
                if (5...6).contains(row) { (red[index], green[index], blue[index]) = (0, 0.9, 0.1) }
                if row + (size - 1 - column) <= 2 { (red[index], green[index], blue[index]) = (0, 0.2, 1) }
            }
        }
        return SampleImage(
            name: "colour", summary: "an RGB picture: red square, green bar, blue corner",
            pixels: Tensor(shape: [3, size, size], scalars: red + green + blue))
    }()
}
