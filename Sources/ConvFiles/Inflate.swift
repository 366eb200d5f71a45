import ConvEngine
import Foundation
import ZIPFoundation

/// Inflating a raw deflate stream (RFC 1951), the body of a gzip member and of a deflated zip
/// member, with a bound on the output: a stream may declare a few kilobytes and inflate to
/// gigabytes, so the caller says how much it expects and inflation stops one chunk past it.
///
/// ZIPFoundation's decoder tells zlib that every input chunk is `bufferSize` bytes long and
/// loops until the stream ends, so the provider pads the last chunk with zeros, and throws once
/// the input is used up, which turns a truncated stream into an error instead of a loop.
enum Inflate {
    enum Failure: Error, Equatable {
        /// The stream ends before its final block.
        case truncated
        /// The stream is not valid deflate data.
        case damaged
        /// The output grew past `limit` bytes.
        case exceeds(limit: Int)
    }

    /// Bytes zlib is offered per call, and the most the output may overshoot a limit in memory.
    static let chunkSize = 1 << 16

    /// The inflated bytes of `body` and their CRC-32, if they number at most `limit`.
    static func inflate(_ body: Data, limit: Int) throws(Failure) -> (data: Data, checksum: UInt32) {
        var output = Data()
        let checksum = try run(body) { chunk in
            output.append(chunk)
            return output.count > limit ? .exceeded(limit: limit) : .more
        }
        return (output, checksum ?? 0)
    }

    /// The first `count` inflated bytes of `body` (fewer if the stream ends sooner), without
    /// inflating much further: for reading a header before deciding how much to inflate.
    static func prefix(_ body: Data, count: Int) throws(Failure) -> Data {
        var output = Data()
        _ = try run(body) { chunk in
            output.append(chunk)
            return output.count >= count ? .enough : .more
        }
        return output.prefix(count)
    }

    /// The CRC-32 that gzip trailers and zip directories record for `data`.
    static func checksum(_ data: Data) -> UInt32 { data.crc32(checksum: 0) }

    /// The raw deflate stream of `data` (zlib's default level): the inverse of `inflate`, for
    /// writing gzip files and for tests that build compressed files, honest or hostile.
    static func deflate(_ data: Data) -> Data {
        var output = Data()
        do {
            _ = try Data.compress(size: Int64(data.count), bufferSize: chunkSize, provider: { position, size in
                let start = data.startIndex + Int(position)
                return data.subdata(in: start..<(start + size))
            }, consumer: { output.append($0) })
        } catch {
            // Nothing here reads a file: a failure is a bug, not a condition to report.
            preconditionFailure("deflating in memory failed: \(error)")
        }
        return output
    }

    /// What the consumer of an output chunk wants next.
    private enum Verdict {
        case more, enough
        case exceeded(limit: Int)
    }

    /// Runs the decoder, handing each output chunk to `consume`. Returns the CRC-32 of the
    /// whole output, or nil when `consume` had enough before the stream ended.
    private static func run(_ body: Data, consume: (Data) -> Verdict) throws(Failure) -> UInt32? {
        struct InputExhausted: Error {}
        struct Enough: Error {}
        do {
            return try Data.decompress(
                size: Int64(body.count), bufferSize: chunkSize, skipCRC32: false,
                provider: { position, size in
                    let start = Int(position)
                    // One chunk of zero padding past the end is allowed (the stream's end may
                    // straddle it); asking for more means the stream never ended.
                    guard start < body.count + size else { throw InputExhausted() }
                    let base = body.startIndex
                    var chunk = start < body.count
                        ? body.subdata(in: (base + start)..<(base + min(body.count, start + size))) : Data()
                    if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                    return chunk
                },
                consumer: { chunk in
                    switch consume(chunk) {
                    case .more: return
                    case .enough: throw Enough()
                    case let .exceeded(limit): throw Failure.exceeds(limit: limit)
                    }
                })
        } catch is InputExhausted {
            throw .truncated
        } catch is Enough {
            return nil
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .damaged
        }
    }
}
