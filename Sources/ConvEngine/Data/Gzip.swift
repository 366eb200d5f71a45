import Foundation
import ZIPFoundation

/// Decompression of `.gz` files (RFC 1952), so MNIST's files can be read as downloaded.
///
/// Foundation on Linux has no gzip; ZIPFoundation's public `Data.decompress` inflates a raw
/// deflate stream (RFC 1951), which is what a gzip member carries between its header and its
/// 8-byte trailer (CRC-32 and length mod 2³², both little-endian). This parses the header,
/// inflates the body and checks both trailer fields. Only the first member is read (`gzip`
/// writes one).
enum Gzip {
    /// True when `data` starts with gzip's magic bytes 1F 8B.
    static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// The decompressed bytes of a gzip file; `file` names it in errors.
    static func decompress(_ data: Data, file: String) throws(DatasetFileError) -> Data {
        let bytes = [UInt8](data)
        let bodyStart = try headerLength(bytes, file: file)
        guard bytes.count >= bodyStart + 8 else {
            throw .badGzip(file: file, reason: "the file ends inside its header or trailer")
        }
        let trailerStart = bytes.count - 8
        let output = try inflate(Data(bytes[bodyStart..<trailerStart]), file: file)
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

    /// Inflates a raw deflate stream; returns the bytes and their CRC-32.
    ///
    /// ZIPFoundation's decoder tells zlib that every chunk is `bufferSize` bytes long and loops
    /// until the stream ends, so the provider pads the last chunk with zeros, and throws once
    /// the input is used up, which turns a truncated stream into an error instead of a loop.
    private static func inflate(_ body: Data, file: String) throws(DatasetFileError) -> (data: Data, checksum: UInt32) {
        struct InputExhausted: Error {}
        let bufferSize = 1 << 16
        var output = Data()
        do {
            let checksum = try Data.decompress(
                size: Int64(body.count), bufferSize: bufferSize, skipCRC32: false,
                provider: { position, size in
                    let start = Int(position)
                    // One chunk of zero padding past the end is allowed (the stream's end may
                    // straddle it); asking for more means the stream never ended.
                    guard start < body.count + size else { throw InputExhausted() }
                    var chunk = start < body.count ? body.subdata(in: start..<min(body.count, start + size)) : Data()
                    if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                    return chunk
                },
                consumer: { output.append($0) })
            return (output, checksum)
        } catch is InputExhausted {
            throw .badGzip(file: file, reason: "the compressed data is cut short")
        } catch {
            throw .badGzip(file: file, reason: "the compressed data is damaged")
        }
    }
}
