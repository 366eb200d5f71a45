import Foundation
@testable import ConvEngine
@testable import ConvFiles

/// Zip archives assembled field by field, so tests can build the damaged and hostile ones no
/// writer would make: sizes that lie, offsets past the end, streams that inflate to gigabytes.
struct ZipBuilder {
    struct Member {
        var name: String
        /// 0 = stored, 8 = deflated.
        var method: Int
        /// The bytes as they lie in the archive (already deflated when `method` is 8).
        var payload: Data
        var checksum: UInt32
        /// What the central directory claims the member inflates to.
        var declaredSize: Int
    }

    var members: [Member] = []

    /// A stored member holding `contents`, described truthfully.
    mutating func store(_ name: String, _ contents: Data) {
        members.append(Member(name: name, method: 0, payload: contents, checksum: contents.crc32(), declaredSize: contents.count))
    }

    /// A deflated member holding `contents`; `declaredSize` overrides the true size.
    mutating func deflate(_ name: String, _ contents: Data, declaredSize: Int? = nil, keepBytes: Int? = nil) {
        var payload = Inflate.deflate(contents)
        if let keepBytes { payload = payload.prefix(keepBytes) }
        members.append(Member(name: name, method: 8, payload: payload, checksum: contents.crc32(),
                              declaredSize: declaredSize ?? contents.count))
    }

    /// The archive: local headers and data, the central directory, the end record.
    var data: Data {
        var archive = Data()
        var directory = Data()
        for member in members {
            let offset = archive.count
            let name = Array(member.name.utf8)
            archive += Self.fields([(0x0403_4B50, 4), (20, 2), (0, 2), (member.method, 2), (0, 4), (Int(member.checksum), 4),
                                    (member.payload.count, 4), (member.declaredSize, 4), (name.count, 2), (0, 2)])
            archive += name + member.payload
            directory += Self.fields([(0x0201_4B50, 4), (20, 2), (20, 2), (0, 2), (member.method, 2), (0, 4),
                                      (Int(member.checksum), 4), (member.payload.count, 4), (member.declaredSize, 4),
                                      (name.count, 2), (0, 2), (0, 2), (0, 2), (0, 2), (0, 4), (offset, 4)])
            directory += name
        }
        let directoryOffset = archive.count
        archive += directory
        archive += Self.fields([(0x0605_4B50, 4), (0, 2), (0, 2), (members.count, 2), (members.count, 2),
                                (directory.count, 4), (directoryOffset, 4), (0, 2)])
        return archive
    }

    /// Little-endian fields of the given widths.
    static func fields(_ values: [(Int, Int)]) -> Data {
        Data(values.flatMap { value, size in (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } })
    }
}

extension Data {
    /// zlib's CRC-32 of these bytes.
    func crc32() -> UInt32 { Inflate.checksum(self) }
}
