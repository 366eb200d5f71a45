import ConvEngine
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
    ///
    /// A compressed file is inflated twice over: first just its header, which says exactly how
    /// many bytes the whole holds, then the whole, stopping as soon as it grows past that size.
    public static func decode(_ contents: Data, source: String) throws(DatasetFileError) -> IDXFile {
        var data = contents
        if Gzip.isGzip(contents) {
            let start = try Gzip.decompressedPrefix(contents, file: source, count: largestHeader)
            let layout = try Layout(parsing: start, source: source)
            data = try Gzip.decompress(contents, file: source, limit: layout.totalBytes)
        }
        let layout = try Layout(parsing: data, source: source)
        guard data.count >= layout.totalBytes else {
            throw .truncated(file: source, needed: layout.totalBytes, available: data.count)
        }
        guard data.count == layout.totalBytes else {
            throw .trailingData(file: source, extra: data.count - layout.totalBytes)
        }
        return IDXFile(shape: layout.shape, bytes: [UInt8](data.dropFirst(layout.headerLength)))
    }

    /// The magic, a rank of at most 255 and 4 bytes per extent.
    static let largestHeader = 4 + 4 * 255

    /// What an IDX header says: the shape, and where the data starts and ends.
    struct Layout {
        var shape: [Int]
        var headerLength: Int
        var totalBytes: Int

        /// Reads the header at the start of `data`, refusing extents beyond `Limits`: the first
        /// axis counts examples (`Limits.examples`), the others are sides (`Limits.side`), and
        /// the whole file at most `Limits.fileBytes`.
        init(parsing data: Data, source: String) throws(DatasetFileError) {
            let bytes = [UInt8](data.prefix(IDXFile.largestHeader))
            guard bytes.count >= 4 else { throw .truncated(file: source, needed: 4, available: data.count) }
            let magic = bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard bytes[0] == 0, bytes[1] == 0, bytes[3] > 0 else { throw .badIDXMagic(file: source, magic: magic) }
            guard bytes[2] == 0x08 else { throw .unsupportedIDXType(file: source, typeCode: bytes[2]) }
            let rank = Int(bytes[3])
            let headerLength = 4 + 4 * rank
            self.headerLength = headerLength
            guard bytes.count >= headerLength else { throw .truncated(file: source, needed: headerLength, available: data.count) }
            var shape: [Int] = []
            for axis in 0..<rank {
                let extent = bytes[(4 + 4 * axis)..<(8 + 4 * axis)].reduce(0) { $0 << 8 | Int($1) }
                let (quantity, maximum) = axis == 0
                    ? ("the number of examples (IDX axis 0)", Limits.examples)
                    : ("the size of IDX axis \(axis)", Limits.side)
                guard extent <= maximum else {
                    throw .beyondLimit(file: source, quantity: quantity, value: extent, maximum: maximum)
                }
                shape.append(extent)
            }
            // Zero extents count as one for the bound, so later products cannot overflow.
            let bound = Limits.product(shape.map { max($0, 1) }).flatMap { Limits.sum([$0, headerLength]) }
            guard let bound, bound <= Limits.fileBytes else {
                throw .tooLarge(file: source, what: "the IDX data of shape \(Tensor.describe(shape))", bytes: bound)
            }
            self.shape = shape
            totalBytes = headerLength + shape.reduce(1, *)
        }
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
