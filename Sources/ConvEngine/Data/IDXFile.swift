import Foundation

/// A file in the IDX format MNIST is distributed in: a big-endian header, then unsigned bytes.
///
///     bytes 0–1   zero
///     byte  2     element type (0x08 = unsigned byte; the only type read here)
///     byte  3     rank r
///     then r big-endian UInt32 extents, then the product of the extents in elements, row-major.
///
/// MNIST's images are rank 3 (count × 28 × 28) and its labels rank 1 (count). A name ending in
/// `.gz` (or bytes starting with gzip's magic) is decompressed first.
public struct IDXFile: Equatable, Sendable {
    /// The extents, outermost first.
    public var shape: [Int]
    /// The elements in row-major order.
    public var bytes: [UInt8]

    public init(shape: [Int], bytes: [UInt8]) {
        precondition(shape.reduce(1, *) == bytes.count, "IDX shape \(shape) needs \(shape.reduce(1, *)) bytes, got \(bytes.count)")
        self.shape = shape
        self.bytes = bytes
    }

    /// Reads and decodes the file at `url`.
    public static func read(from url: URL) throws(DatasetFileError) -> IDXFile {
        let file = url.path
        return try decode(try DatasetFileError.readContents(of: url, file: file), source: file)
    }

    /// Decodes IDX bytes (gzip-compressed or not); `source` names them in errors.
    public static func decode(_ contents: Data, source: String) throws(DatasetFileError) -> IDXFile {
        let data = Gzip.isGzip(contents) ? try Gzip.decompress(contents, file: source) : contents
        let bytes = [UInt8](data)
        guard bytes.count >= 4 else { throw .truncated(file: source, needed: 4, available: bytes.count) }
        let magic = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard bytes[0] == 0, bytes[1] == 0, bytes[3] > 0 else { throw .badIDXMagic(file: source, magic: magic) }
        guard bytes[2] == 0x08 else { throw .unsupportedIDXType(file: source, typeCode: bytes[2]) }
        let rank = Int(bytes[3])
        let headerLength = 4 + 4 * rank
        guard bytes.count >= headerLength else { throw .truncated(file: source, needed: headerLength, available: bytes.count) }
        let shape = (0..<rank).map { axis in
            bytes[(4 + 4 * axis)..<(8 + 4 * axis)].reduce(0) { $0 << 8 | Int($1) }
        }
        var elementCount = 1
        for extent in shape {
            let (product, overflowed) = elementCount.multipliedReportingOverflow(by: extent)
            // Extents whose product overflows describe more bytes than any file holds.
            guard !overflowed else { throw .truncated(file: source, needed: Int.max, available: bytes.count) }
            elementCount = product
        }
        let total = headerLength + elementCount
        guard bytes.count >= total else { throw .truncated(file: source, needed: total, available: bytes.count) }
        guard bytes.count == total else { throw .trailingData(file: source, extra: bytes.count - total) }
        return IDXFile(shape: shape, bytes: Array(bytes[headerLength...]))
    }

    /// The bytes of an uncompressed IDX file of unsigned bytes holding this array.
    public func encoded() -> Data {
        var header: [UInt8] = [0, 0, 0x08, UInt8(shape.count)]
        for extent in shape {
            header += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: extent >> $0) }
        }
        return Data(header + bytes)
    }
}
