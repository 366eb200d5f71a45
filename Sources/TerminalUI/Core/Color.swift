/// A terminal colour as a widget asks for it.
///
/// Widgets may ask for any colour, including 24-bit RGB; the backend resolves it for what the
/// terminal can show with `resolved(for:)`. RGB becomes the nearest entry of xterm's 6×6×6
/// cube or 24-step grey ramp on 256-colour terminals and the nearest of the 8 basic colours on
/// 8-colour terminals; without colour every colour becomes `.default`.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background (ncurses colour −1).
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    /// An entry of the 256-colour palette: 0–15 system colours, 16–231 the 6×6×6 cube
    /// (16 + 36·r + 6·g + b), 232–255 the grey ramp (8 + 10·i).
    case indexed(UInt8)
    /// A 24-bit colour; quantised by `resolved(for:)` before it reaches the terminal.
    case rgb(red: UInt8, green: UInt8, blue: UInt8)

    /// The eight basic colours in palette order (index 0–7).
    public static let basicColors: [Color] = [.black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]

    /// The palette index a backend passes to the terminal: −1 for `.default`, 0–7 for the basic
    /// colours, the index itself for `.indexed`. RGB colours are first quantised to 256 colours.
    public var paletteIndex: Int {
        switch self {
        case .default: return -1
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .indexed(let index): return Int(index)
        case .rgb: return resolved(for: .full256).paletteIndex
        }
    }

    /// The colour the terminal can actually show under `capability`.
    ///
    /// - `.full256`: RGB → nearest cube or grey entry (`.indexed`); everything else unchanged.
    /// - `.eight`: RGB and indexed colours → the nearest of the 8 basic colours (indices 8–15 are
    ///   the bright variants of 0–7 and map onto them).
    /// - `.none`: `.default`.
    public func resolved(for capability: ColorCapability) -> Color {
        switch (capability, self) {
        case (.none, _), (_, .default):
            return .default
        case (.full256, .rgb(let red, let green, let blue)):
            return .indexed(Color.nearest256Index(red: red, green: green, blue: blue))
        case (.full256, _):
            return self
        case (.eight, .indexed(let index)) where index < 16:
            return Color.basicColors[Int(index) % 8]
        case (.eight, .indexed), (.eight, .rgb):
            let (red, green, blue) = rgbComponents
            return Color.nearestBasic(red: red, green: green, blue: blue)
        case (.eight, _):
            return self
        }
    }

    /// Approximate RGB of this colour using xterm's default palette; `.default` reads as black.
    public var rgbComponents: (red: UInt8, green: UInt8, blue: UInt8) {
        switch self {
        case .rgb(let red, let green, let blue): return (red, green, blue)
        case .default: return (0, 0, 0)
        case .indexed(let index): return Color.paletteRGB(index: Int(index))
        default: return Color.paletteRGB(index: paletteIndex)
        }
    }

    // MARK: quantisation

    /// The six intensities of each axis of xterm's colour cube.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB for the 16 system colours (0–7 normal, 8–15 bright).
    static let systemRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func paletteRGB(index: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        switch index {
        case 0..<16:
            return systemRGB[index]
        case 16..<232:
            let cubeIndex = index - 16
            return (UInt8(cubeLevels[cubeIndex / 36]), UInt8(cubeLevels[(cubeIndex / 6) % 6]), UInt8(cubeLevels[cubeIndex % 6]))
        default:
            let level = UInt8(8 + 10 * (index - 232))
            return (level, level, level)
        }
    }

    /// Squared Euclidean distance in RGB space; good enough to pick among palette entries.
    static func distanceSquared(_ first: (Int, Int, Int), _ second: (Int, Int, Int)) -> Int {
        let red = first.0 - second.0, green = first.1 - second.1, blue = first.2 - second.2
        return red * red + green * green + blue * blue
    }

    /// The nearest cube entry versus the nearest grey-ramp entry, whichever is closer.
    /// Cube axis level: the closest of `cubeLevels`; grey level i: 8 + 10·i, i ∈ 0…23.
    static func nearest256Index(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let target = (Int(red), Int(green), Int(blue))
        func nearestLevel(_ value: Int) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - value) < abs(cubeLevels[$1] - value) }!
        }
        let cube = (nearestLevel(target.0), nearestLevel(target.1), nearestLevel(target.2))
        let cubeRGB = (cubeLevels[cube.0], cubeLevels[cube.1], cubeLevels[cube.2])
        let cubeIndex = 16 + 36 * cube.0 + 6 * cube.1 + cube.2

        let average = (target.0 + target.1 + target.2) / 3
        let greyStep = min(max((average - 8 + 5) / 10, 0), 23)
        let greyLevel = 8 + 10 * greyStep
        let greyIndex = 232 + greyStep

        let cubeDistance = distanceSquared(target, cubeRGB)
        let greyDistance = distanceSquared(target, (greyLevel, greyLevel, greyLevel))
        return UInt8(greyDistance < cubeDistance ? greyIndex : cubeIndex)
    }

    static func nearestBasic(red: UInt8, green: UInt8, blue: UInt8) -> Color {
        let target = (Int(red), Int(green), Int(blue))
        let best = (0..<8).min { first, second in
            let a = systemRGB[first], b = systemRGB[second]
            return distanceSquared(target, (Int(a.0), Int(a.1), Int(a.2)))
                < distanceSquared(target, (Int(b.0), Int(b.1), Int(b.2)))
        }!
        return basicColors[best]
    }
}
