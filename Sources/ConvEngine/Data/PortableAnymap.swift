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
        let sampleCount = width * height * channels
        var samples = [Int]()
        samples.reserveCapacity(sampleCount)
        if binary {
            // Exactly one whitespace byte separates the header from the raster.
            scanner.position += 1
            let bytesPerSample = maxValue < 256 ? 1 : 2
            let needed = scanner.position + sampleCount * bytesPerSample
            guard scanner.bytes.count >= needed else {
                throw .truncated(file: source, needed: needed, available: scanner.bytes.count)
            }
            for index in 0..<sampleCount {
                let offset = scanner.position + index * bytesPerSample
                let value = bytesPerSample == 1
                    ? Int(scanner.bytes[offset]) : Int(scanner.bytes[offset]) << 8 | Int(scanner.bytes[offset + 1])
                guard value <= maxValue else {
                    throw .badAnymapSample(file: source, index: index, found: String(value), maxValue: maxValue)
                }
                samples.append(value)
            }
        } else {
            for index in 0..<sampleCount {
                guard let token = scanner.nextToken() else {
                    throw .badAnymap(file: source, reason: "the image needs \(sampleCount) samples but the file ends after \(index)")
                }
                guard let value = Int(token), (0...maxValue).contains(value) else {
                    throw .badAnymapSample(file: source, index: index, found: token, maxValue: maxValue)
                }
                samples.append(value)
            }
        }
        // Samples are interleaved per pixel (R G B R G B …); the tensor wants planes, C×H×W.
        let maximum = Float(maxValue)  // divide, not multiply by 1/maxval: v/255 exactly
        var image = Tensor.zeros([channels, height, width])
        for pixel in 0..<(width * height) {
            for channel in 0..<channels {
                image.scalars[channel * width * height + pixel] = Float(samples[pixel * channels + channel]) / maximum
            }
        }
        return image
    }

    /// The bytes of a binary PGM (1 channel, P5) or PPM (3 channels, P6) with maxval 255 holding
    /// a C×H×W image; values are clamped to [0, 1] and rounded to the nearest of 0…255.
    public static func encode(_ image: Tensor) -> Data {
        precondition(image.rank == 3 && [1, 3].contains(image.shape[0]),
                     "a PGM/PPM image must be 1×H×W or 3×H×W, got \(Tensor.describe(image.shape))")
        let (channels, height, width) = (image.shape[0], image.shape[1], image.shape[2])
        var bytes = Array("P\(channels == 1 ? 5 : 6)\n\(width) \(height)\n255\n".utf8)
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

        /// The next token, or nil at the end. Leaves `position` just after it.
        mutating func nextToken() -> String? {
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
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        mutating func headerNumber(_ field: String) throws(DatasetFileError) -> Int {
            guard let token = nextToken() else {
                throw .badAnymap(file: source, reason: "the header ends before the \(field)")
            }
            guard let value = Int(token), value >= 0 else {
                throw .badAnymap(file: source, reason: "the \(field) is '\(token)', expected a non-negative integer")
            }
            return value
        }
    }
}
