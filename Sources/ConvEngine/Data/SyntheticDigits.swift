import Foundation

// Layout: NCHW; every image is 1×28×28.

/// Handwriting-like digits drawn procedurally, so the trainer has data without any download.
///
/// Each digit is a set of pen strokes (`DigitStrokes`) put through a random affine map —
/// rotation ±15°, scale 0.8–1.2 (digit height 16–24 px), slant, a little width change, shift
/// ±3 px — bent by a smooth random wobble, and drawn with a random pen thickness. A pixel's
/// ink is its anti-aliased coverage by the nearest stroke, `clamp(thickness/2 + ½ − distance,
/// 0, 1)` with the distance from the pixel centre to the closest segment; then a little
/// uniform noise is added and the result clamped to [0, 1].
///
/// Image i depends only on (seed, stream, i): its generator is seeded from the three, so a set
/// is reproducible, can be made in any order, and the training and test sets (streams 0 and 1)
/// never share an image. Labels cycle 0, 1, …, 9, so every class has ⌊N/10⌋ or ⌈N/10⌉ examples.
public enum SyntheticDigits {
    /// Images are 28×28 like MNIST's.
    public static let imageSize = 28
    /// The training stream; the test set uses `testStream`.
    public static let trainStream: UInt64 = 0
    public static let testStream: UInt64 = 1

    /// `count` digits of stream `stream` for `seed`: images count×1×28×28 in [0, 1].
    public static func make(count: Int, seed: UInt64, stream: UInt64) -> Dataset {
        precondition(count >= 0, "count must be non-negative, got \(count)")
        let pixels = imageSize * imageSize
        var scalars = [Float](repeating: 0, count: count * pixels)
        var labels = [Int](repeating: 0, count: count)
        scalars.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<count {
                labels[index] = index % 10
                var generator = SeededGenerator(seed: imageSeed(seed: seed, stream: stream, index: index))
                let image = UnsafeMutableBufferPointer(rebasing: buffer[(index * pixels)..<((index + 1) * pixels)])
                draw(digit: index % 10, into: image, generator: &generator)
            }
        }
        return Dataset(images: Tensor(shape: [count, 1, imageSize, imageSize], scalars: scalars), labels: labels)
    }

    /// A training set of `count` digits.
    public static func trainingSet(count: Int, seed: UInt64) -> Dataset { make(count: count, seed: seed, stream: trainStream) }
    /// A test set of `count` digits, disjoint from the training set of the same seed.
    public static func testSet(count: Int, seed: UInt64) -> Dataset { make(count: count, seed: seed, stream: testStream) }

    /// Mixes seed, stream and index into one generator seed (SplitMix64's finaliser on a
    /// combination that differs for every triple in practice).
    static func imageSeed(seed: UInt64, stream: UInt64, index: Int) -> UInt64 {
        var z = seed &+ stream &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Draws one digit into a zeroed 28×28 buffer (row-major).
    static func draw(digit: Int, into image: UnsafeMutableBufferPointer<Float>, generator: inout SeededGenerator) {
        let size = Float(imageSize)
        let angle = generator.nextFloat(in: -15..<15) * .pi / 180
        let scale = generator.nextFloat(in: 0.8..<1.2) * 20  // canonical height 1 → 16…24 px
        let slant = generator.nextFloat(in: -0.15..<0.15)
        let widthFactor = generator.nextFloat(in: 0.85..<1.15)
        let shift = SIMD2<Float>(generator.nextFloat(in: -3..<3), generator.nextFloat(in: -3..<3))
        let halfThickness = generator.nextFloat(in: 0.6..<1.4)
        let noise = generator.nextFloat(in: 0..<0.12)
        // A smooth wobble, as a hand never draws the same curve twice: each canonical point moves
        // by up to 0.06 (about 1 px) along a sine across the other axis.
        let wobbleAmplitude = SIMD2<Float>(generator.nextFloat(in: -0.06..<0.06), generator.nextFloat(in: -0.06..<0.06))
        let wobbleFrequency = SIMD2<Float>(generator.nextFloat(in: 2..<6), generator.nextFloat(in: 2..<6))
        let wobblePhase = SIMD2<Float>(generator.nextFloat(in: 0..<6.283), generator.nextFloat(in: 0..<6.283))
        let (cosine, sine) = (cos(angle), sin(angle))
        let centre = SIMD2<Float>(size / 2, size / 2) + shift

        /// Canonical point → pixel coordinates (x right, y down; pixel (r, c) has centre (c + ½, r + ½)).
        func transform(_ canonical: SIMD2<Float>) -> SIMD2<Float> {
            let point = canonical + wobbleAmplitude * SIMD2<Float>(
                sin(wobbleFrequency.x * canonical.y + wobblePhase.x), sin(wobbleFrequency.y * canonical.x + wobblePhase.y))
            let slanted = SIMD2<Float>((point.x - slant * point.y) * widthFactor, point.y) * scale
            return centre + SIMD2<Float>(cosine * slanted.x - sine * slanted.y, sine * slanted.x + cosine * slanted.y)
        }

        let reach = halfThickness + 0.5  // beyond this distance a pixel gets no ink
        for (start, end) in DigitStrokes.segments[digit] {
            let a = transform(start), b = transform(end)
            let direction = b - a
            let lengthSquared = max((direction * direction).sum(), 1e-12)
            // Only pixels within `reach` of the segment's bounding box can be touched.
            let lowest = SIMD2<Float>(min(a.x, b.x), min(a.y, b.y)) - reach
            let highest = SIMD2<Float>(max(a.x, b.x), max(a.y, b.y)) + reach
            let firstColumn = max(0, Int((lowest.x - 0.5).rounded(.up))), lastColumn = min(imageSize - 1, Int((highest.x - 0.5).rounded(.down)))
            let firstRow = max(0, Int((lowest.y - 0.5).rounded(.up))), lastRow = min(imageSize - 1, Int((highest.y - 0.5).rounded(.down)))
            guard firstColumn <= lastColumn, firstRow <= lastRow else { continue }
            for row in firstRow...lastRow {
                for column in firstColumn...lastColumn {
                    let pixel = SIMD2<Float>(Float(column) + 0.5, Float(row) + 0.5)
                    let offset = pixel - a
                    let t = min(max((offset * direction).sum() / lengthSquared, 0), 1)
                    let away = offset - t * direction
                    let coverage = reach - (away * away).sum().squareRoot()
                    if coverage > image[row * imageSize + column] { image[row * imageSize + column] = min(coverage, 1) }
                }
            }
        }
        if noise > 0 {
            for index in image.indices {
                image[index] = min(max(image[index] + noise * (generator.nextUnitFloat() - 0.5) * 2, 0), 1)
            }
        }
    }
}
