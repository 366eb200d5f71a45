import Foundation

/// The pen strokes of the ten digits, as polylines in a canonical box: x from −0.3 (left) to
/// 0.3 (right), y from −0.5 (top) to 0.5 (bottom), y pointing down as in images. Arcs and
/// curves are sampled into short segments, which the renderer draws as round-capped lines.
enum DigitStrokes {
    /// A point of the canonical box.
    typealias Point = SIMD2<Float>

    /// `segments[d]`: digit d as (start, end) pairs.
    static let segments: [[(Point, Point)]] = (0...9).map { digit in
        strokes(of: digit).flatMap { stroke in zip(stroke, stroke.dropFirst()).map { ($0, $1) } }
    }

    /// Points along an ellipse centred at `center` with radii `radii`, from `start` to `end`
    /// degrees (0° = right, 90° = down, as y points down), `steps` segments.
    static func arc(_ center: Point, _ radii: Point, from start: Float, to end: Float, steps: Int = 12) -> [Point] {
        (0...steps).map { step in
            let angle = (start + (end - start) * Float(step) / Float(steps)) * .pi / 180
            return center + radii * Point(cos(angle), sin(angle))
        }
    }

    /// Points along the quadratic Bézier curve from `start` to `end` pulled towards `control`.
    static func curve(_ start: Point, _ control: Point, _ end: Point, steps: Int = 8) -> [Point] {
        (0...steps).map { step in
            let t = Float(step) / Float(steps)
            return (1 - t) * (1 - t) * start + 2 * (1 - t) * t * control + t * t * end
        }
    }

    /// Each digit as one or more polylines.
    static func strokes(of digit: Int) -> [[Point]] {
        switch digit {
        case 0:
            return [arc(Point(0, 0), Point(0.27, 0.48), from: 0, to: 360, steps: 20)]
        case 1:
            return [[Point(-0.14, -0.32), Point(0.03, -0.5), Point(0.03, 0.5)]]
        case 2:
            let hook = arc(Point(0, -0.22), Point(0.26, 0.27), from: 200, to: 385)
            return [hook + [Point(-0.28, 0.5), Point(0.3, 0.5)]]
        case 3:
            return [
                arc(Point(0, -0.25), Point(0.24, 0.25), from: 200, to: 450),
                arc(Point(0, 0.25), Point(0.27, 0.25), from: 270, to: 520),
            ]
        case 4:
            return [
                [Point(0.12, -0.5), Point(-0.3, 0.2), Point(0.3, 0.2)],
                [Point(0.12, -0.5), Point(0.12, 0.5)],
            ]
        case 5:
            let bowl = arc(Point(-0.01, 0.19), Point(0.28, 0.3), from: 235, to: 500)
            return [[Point(0.27, -0.5), Point(-0.17, -0.5)] + bowl]
        case 6:
            return [
                curve(Point(0.22, -0.5), Point(-0.3, -0.32), Point(-0.26, 0.24)),
                arc(Point(0, 0.23), Point(0.26, 0.27), from: 0, to: 360, steps: 16),
            ]
        case 7:
            return [[Point(-0.3, -0.5), Point(0.3, -0.5), Point(-0.06, 0.5)]]
        case 8:
            return [
                arc(Point(0, -0.26), Point(0.21, 0.24), from: 0, to: 360, steps: 16),
                arc(Point(0, 0.24), Point(0.26, 0.26), from: 0, to: 360, steps: 16),
            ]
        case 9:
            return [
                arc(Point(0, -0.22), Point(0.26, 0.27), from: 0, to: 360, steps: 16),
                curve(Point(0.26, -0.22), Point(0.28, 0.2), Point(0.16, 0.5)),
            ]
        default:
            preconditionFailure("a digit is 0…9, got \(digit)")
        }
    }
}
