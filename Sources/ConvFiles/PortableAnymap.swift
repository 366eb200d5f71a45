import ConvEngine
import Foundation

// Layout: an image is C×H×W (C = 1 for PGM, 3 for PPM), pixels in [0, 1].

/// Netpbm greyscale (PGM) and colour (PPM) images, the simplest formats a learner can make
/// their own pictures in (`convert photo.jpg -resize 28x28 digit.pgm`).
///
///     P2 / P5   greyscale, plain text / binary
///     P3 / P6   RGB, plain text / binary
///     header: magic, width, height, maxval (1…65535), separated by whitespace; `#` starts a
///     comment that runs to the end of the line. Binary samples follow one whitespace byte:
///     one byte each when maxval < 256, otherwise two bytes, most significant first.
///
/// A sample v becomes v / maxval, so 8-bit images (maxval 255) become v/255 like every other
/// source; nothing else is normalised.
public enum PortableAnymap {
    /// Reads the image at `url` as a C×H×W tensor.
    public static func read(from url: URL) throws(DatasetFileError) -> Tensor {
        try decode(try DatasetFileError.readContents(of: url, file: url.path), source: url.path)
    }

    /// Decodes PGM/PPM bytes; `source` names them in errors.
    public static func decode(_ data: Data, source: String) throws(DatasetFileError) -> Tensor {
        var scanner = Scanner(bytes: [UInt8](data), source: source)
        guard scanner.bytes.count >= 2, scanner.bytes[0] == UInt8(ascii: "P") else {
            throw .badAnymap(file: source, reason: "it does not start with P2, P3, P5 or P6")
        }
        let kind = scanner.bytes[1]
        let (channels, binary): (Int, Bool)
        switch kind {
        case UInt8(ascii: "2"): (channels, binary) = (1, false)
        case UInt8(ascii: "3"): (channels, binary) = (3, false)
        case UInt8(ascii: "5"): (channels, binary) = (1, true)
        case UInt8(ascii: "6"): (channels, binary) = (3, true)
        default:
            throw .badAnymap(file: source, reason: "magic P\(Character(UnicodeScalar(kind))) is not P2, P3, P5 or P6 (P1/P4 bitmaps and P7 are not supported)")
        }
        scanner.position = 2
        let width = try scanner.headerNumber("width")
        let height = try scanner.headerNumber("height")
        let maxValue = try scanner.headerNumber("maxval")
        guard width > 0, height > 0 else { throw .badAnymap(file: source, reason: "the size \(width)×\(height) is empty") }
        guard (1...65535).contains(maxValue) else {
            throw .badAnymap(file: source, reason: "maxval \(maxValue) is outside 1…65535")
        }
        // Every size is bounded before it is multiplied or allocated: sides by `Limits.side`,
        // then the pixel count, then the samples against the bytes actually present.
        for (quantity, value) in [("the width", width), ("the height", height)] where value > Limits.side {
            throw .beyondLimit(file: source, quantity: quantity, value: value, maximum: Limits.side)
        }
        let pixelCount = width * height
        guard pixelCount <= Limits.imagePixels else {
            throw .beyondLimit(file: source, quantity: "the pixel count \(width)×\(height)", value: pixelCount, maximum: Limits.imagePixels)
        }
        let sampleCount = pixelCount * channels
        let bytesPerSample = maxValue < 256 ? 1 : 2
        if binary {
            // Exactly one whitespace byte separates the header from the raster.
            scanner.position += 1
            let needed = scanner.position + sampleCount * bytesPerSample
            guard scanner.bytes.count >= needed else {
                throw .truncated(file: source, needed: needed, available: scanner.bytes.count)
            }
        } else {
            // Count the samples present before making room for them: a header may promise
            // millions that a short file does not hold.
            var counter = scanner
            var present = 0
            while present < sampleCount, counter.skipToken() { present += 1 }
            guard present == sampleCount else {
                throw .badAnymap(file: source, reason: "the image needs \(sampleCount) samples but the file ends after \(present)")
            }
        }
        // Samples are interleaved per pixel (R G B R G B …); the tensor wants planes, C×H×W.
        let maximum = Float(maxValue)  // divide, not multiply by 1/maxval: v/255 exactly
        var planes = [Float](repeating: 0, count: sampleCount)
        for index in 0..<sampleCount {
            let value: Int
            if binary {
                let offset = scanner.position + index * bytesPerSample
                value = bytesPerSample == 1
                    ? Int(scanner.bytes[offset]) : Int(scanner.bytes[offset]) << 8 | Int(scanner.bytes[offset + 1])
                guard value <= maxValue else {
                    throw .badAnymapSample(file: source, index: index, found: String(value), maxValue: maxValue)
                }
            } else {
                guard let token = scanner.nextToken(), let sample = Int(token), (0...maxValue).contains(sample) else {
                    throw .badAnymapSample(file: source, index: index, found: scanner.lastToken, maxValue: maxValue)
                }
                value = sample
            }
            planes[(index % channels) * pixelCount + index / channels] = Float(value) / maximum
        }
        return Tensor(shape: [channels, height, width], scalars: planes)
    }

    /// The bytes of a binary PGM (1 channel, P5) or PPM (3 channels, P6) with maxval 255 holding
    /// a C×H×W image; values are clamped to [0, 1] and rounded to the nearest of 0…255.
    /// `comment`, when not empty, goes into the header as `#` lines (one per line of it), which
    /// every reader skips.
    public static func encode(_ image: Tensor, comment: String = "") -> Data {
        precondition(image.rank == 3 && [1, 3].contains(image.shape[0]),
                     "a PGM/PPM image must be 1×H×W or 3×H×W, got \(Tensor.describe(image.shape))")
        let (channels, height, width) = (image.shape[0], image.shape[1], image.shape[2])
        let commentLines = comment.isEmpty ? "" : comment.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)\n" }.joined()
        var bytes = Array("P\(channels == 1 ? 5 : 6)\n\(commentLines)\(width) \(height)\n255\n".utf8)
        for pixel in 0..<(width * height) {
            for channel in 0..<channels {
                let value = min(max(image.scalars[channel * width * height + pixel], 0), 1)
                bytes.append(UInt8((value * 255).rounded()))
            }
        }
        return Data(bytes)
    }

    /// Writes `image` as P5/P6 atomically (see `encode`).
    public static func write(_ image: Tensor, to url: URL) throws(DatasetFileError) {
        do {
            try AtomicFile.write(encode(image), to: url, file: url.path)
        } catch {
            if case let .unwritable(file, reason) = error { throw .unwritable(file: file, reason: reason) }
            throw .unwritable(file: url.path, reason: error.description)
        }
    }

    /// Reads whitespace-separated tokens, skipping `#` comments.
    private struct Scanner {
        let bytes: [UInt8]
        let source: String
        var position = 0

        static func isWhitespace(_ byte: UInt8) -> Bool { [9, 10, 11, 12, 13, 32].contains(byte) }

        /// The text of the token `nextToken` last returned.
        var lastToken = ""

        /// The next token, or nil at the end. Leaves `position` just after it.
        mutating func nextToken() -> String? {
            guard let range = nextTokenRange() else { return nil }
            lastToken = String(decoding: bytes[range], as: UTF8.self)
            return lastToken
        }

        /// Moves past the next token without making a string of it; false at the end.
        mutating func skipToken() -> Bool { nextTokenRange() != nil }

        private mutating func nextTokenRange() -> Range<Int>? {
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "#") {
                    while position < bytes.count, bytes[position] != 10, bytes[position] != 13 { position += 1 }
                } else if Self.isWhitespace(bytes[position]) {
                    position += 1
                } else {
                    break
                }
            }
            guard position < bytes.count else { return nil }
            let start = position
            while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: "#") { position += 1 }
            return start..<position
        }

        mutating func headerNumber(_ field: String) throws(DatasetFileError) -> Int {
            guard let token = nextToken() else {
                throw .badAnymap(file: source, reason: "the header ends before the \(field)")
            }
            guard let value = Int(token), value >= 0 else {
                throw .badAnymap(file: source, reason: "the \(field) is '\(FileText.excerpt(token))', expected a non-negative integer")
            }
            return value
        }
    }
}
