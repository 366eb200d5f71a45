import ConvEngine
import Foundation

/// Decompression of `.gz` files (RFC 1952), so MNIST's files can be read as downloaded.
///
/// Foundation on Linux has no gzip; a gzip member carries a raw deflate stream (RFC 1951,
/// see `Inflate`) between its header and its 8-byte trailer (CRC-32 and length mod 2³², both
/// little-endian). This parses the header, inflates the body and checks both trailer fields.
/// Only the first member is read (`gzip` writes one).
enum Gzip {
    /// True when `data` starts with gzip's magic bytes 1F 8B.
    static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// A gzip file holding `data`: a bare 10-byte header, the deflate stream, the CRC-32 and
    /// the length mod 2³².
    static func compress(_ data: Data) -> Data {
        var file = Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
        file.append(Inflate.deflate(data))
        for word in [Inflate.checksum(data), UInt32(truncatingIfNeeded: data.count)] {
            file.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) })
        }
        return file
    }

    /// The decompressed bytes of a gzip file, which its reader expects to number `limit`
    /// (what a header declares): inflation stops as soon as the output grows past it, so a
    /// small file cannot expand to gigabytes before it is refused. `file` names it in errors.
    static func decompress(_ data: Data, file: String, limit: Int) throws(DatasetFileError) -> Data {
        let (body, trailerStart) = try body(of: data, file: file)
        let output: (data: Data, checksum: UInt32)
        do {
            output = try Inflate.inflate(body, limit: limit)
        } catch {
            throw failure(error, file: file)
        }
        let bytes = data[trailerStart...]
        func word(_ offset: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[trailerStart + offset + $1]) << (8 * UInt32($1)) }
        }
        let expectedChecksum = word(0)
        let expectedLength = word(4)
        guard UInt32(truncatingIfNeeded: output.data.count) == expectedLength, output.checksum == expectedChecksum else {
            throw .badGzip(file: file, reason: "the data does not match its checksum (the file is damaged or truncated)")
        }
        return output.data
    }

    /// The first `count` decompressed bytes (fewer if the data ends sooner), for reading a
    /// header that says how large the whole is.
    static func decompressedPrefix(_ data: Data, file: String, count: Int) throws(DatasetFileError) -> Data {
        let (body, _) = try body(of: data, file: file)
        do {
            return try Inflate.prefix(body, count: count)
        } catch {
            throw failure(error, file: file)
        }
    }

    /// The deflate stream between the header and the 8-byte trailer, and where the trailer starts.
    private static func body(of data: Data, file: String) throws(DatasetFileError) -> (Data, Int) {
        let bytes = [UInt8](data.prefix(1 << 16))
        let bodyStart = try headerLength(bytes, file: file)
        guard data.count >= bodyStart + 8 else {
            throw .badGzip(file: file, reason: "the file ends inside its header or trailer")
        }
        let trailerStart = data.startIndex + data.count - 8
        return (data.subdata(in: (data.startIndex + bodyStart)..<trailerStart), trailerStart)
    }

    private static func failure(_ failure: Inflate.Failure, file: String) -> DatasetFileError {
        switch failure {
        case .truncated: .badGzip(file: file, reason: "the compressed data is cut short")
        case .damaged: .badGzip(file: file, reason: "the compressed data is damaged")
        case let .exceeds(limit): .inflatesPastDeclaredSize(file: file, declared: limit)
        }
    }

    /// The byte offset where the deflate stream starts: 10 fixed bytes, then the optional
    /// extra field, name, comment and header CRC that the flag byte announces.
    private static func headerLength(_ bytes: [UInt8], file: String) throws(DatasetFileError) -> Int {
        guard bytes.count >= 10, bytes[0] == 0x1F, bytes[1] == 0x8B else {
            throw .badGzip(file: file, reason: "it does not start with gzip's magic bytes 1F 8B")
        }
        guard bytes[2] == 8 else { throw .badGzip(file: file, reason: "compression method \(bytes[2]) is not deflate (8)") }
        let flags = bytes[3]
        var position = 10
        if flags & 0x04 != 0 {  // FEXTRA: a 2-byte length, then that many bytes
            guard bytes.count >= position + 2 else { throw .badGzip(file: file, reason: "the header is cut short") }
            position += 2 + Int(bytes[position]) + Int(bytes[position + 1]) << 8
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            while position < bytes.count, bytes[position] != 0 { position += 1 }
            position += 1
        }
        if flags & 0x02 != 0 { position += 2 }  // FHCRC
        guard position <= bytes.count else { throw .badGzip(file: file, reason: "the header is cut short") }
        return position
    }
}
