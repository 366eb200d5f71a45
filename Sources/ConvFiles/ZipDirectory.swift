import ConvEngine
import Foundation

/// The members of a zip archive, read from its central directory and checked against the
/// file before a single byte is inflated (PKWARE APPNOTE, sections 4.3 and 4.4):
///
///     [local header 1][data 1] … [local header n][data n]
///     [central directory: one record per member]
///     [zip64 end record + locator, only when a count or offset overflows 16/32 bits]
///     [end of central directory record: counts, directory size and offset, comment]
///
/// Every offset and size that the end record, the directory and the local headers give must
/// lie inside the file, before the directory, and agree with each other; a member's declared
/// uncompressed size is bounded by `Limits.fileBytes`, and so is their sum. A damaged or
/// hostile archive is therefore refused with a reason instead of being handed to a reader
/// that trusts its numbers (a directory offset of 0x7FFFFFFF made ZIPFoundation trap).
struct ZipDirectory {
    /// One file of the archive, as its central directory record describes it.
    struct Member {
        var name: String
        /// 0 = stored, 8 = deflated; anything else is reported by the reader.
        var method: Int
        var checksum: UInt32
        /// Where its compressed bytes lie in the archive.
        var dataRange: Range<Int>
        var uncompressedSize: Int
    }

    var members: [Member]

    /// Why the archive was refused, for `ArrayFileError.damagedArchive`.
    struct Damage: Error {
        var reason: String
        /// No end record at all: not a zip archive, or one cut short.
        var notZip = false
    }

    /// Reads and checks the directory of the archive `data`.
    init(_ data: Data) throws(Damage) {
        let reader = ByteReader(data: data)
        let end = try Self.endRecord(reader)
        var entryCount = try reader.integer(at: end + 10, size: 2)
        var directorySize = try reader.integer(at: end + 12, size: 4)
        var directoryOffset = try reader.integer(at: end + 16, size: 4)
        var directoryLimit = end  // the directory must end before this offset
        guard try reader.integer(at: end + 4, size: 2) == 0, try reader.integer(at: end + 6, size: 2) == 0 else {
            throw Damage(reason: "archives split over several disks are not supported")
        }
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            let zip64End = try Self.zip64EndRecord(reader, endRecord: end)
            entryCount = try reader.integer(at: zip64End + 32, size: 8)
            directorySize = try reader.integer(at: zip64End + 40, size: 8)
            directoryOffset = try reader.integer(at: zip64End + 48, size: 8)
            directoryLimit = zip64End
        }
        guard directoryOffset <= directoryLimit, directorySize <= directoryLimit - directoryOffset else {
            throw Damage(reason: "the central directory (offset \(directoryOffset), \(directorySize) bytes) lies outside the \(data.count)-byte file")
        }
        // A directory record takes at least 46 bytes.
        guard entryCount <= directorySize / 46 else {
            throw Damage(reason: "the end record counts \(entryCount) members but the central directory holds \(directorySize) bytes")
        }
        members = []
        var position = directoryOffset
        var totalSize = 0
        for index in 0..<entryCount {
            let member = try Self.member(reader, at: &position, index: index,
                                         directoryEnd: directoryOffset + directorySize, dataLimit: directoryOffset)
            totalSize += member.uncompressedSize
            guard totalSize <= Limits.fileBytes else {
                throw Damage(reason: "its members hold more than the \(Limits.formatBytes(Limits.fileBytes)) limit uncompressed")
            }
            members.append(member)
        }
    }

    /// The offset of the end of central directory record: the last signature from which the
    /// fixed 22 bytes and the comment they announce fit in the file.
    private static func endRecord(_ reader: ByteReader) throws(Damage) -> Int {
        let fixedSize = 22
        let count = reader.data.count
        guard count >= fixedSize else { throw Damage(reason: "it is too short for a zip archive", notZip: true) }
        for offset in stride(from: count - fixedSize, through: max(0, count - fixedSize - 0xFFFF), by: -1) {
            guard try reader.integer(at: offset, size: 4) == 0x0605_4B50 else { continue }
            let commentLength = try reader.integer(at: offset + 20, size: 2)
            if offset + fixedSize + commentLength <= count { return offset }
        }
        throw Damage(reason: "it has no end of central directory record", notZip: true)
    }

    /// The offset of the zip64 end record, found through the locator just before `endRecord`.
    private static func zip64EndRecord(_ reader: ByteReader, endRecord: Int) throws(Damage) -> Int {
        let locator = endRecord - 20
        guard locator >= 0, try reader.integer(at: locator, size: 4) == 0x0706_4B50 else {
            throw Damage(reason: "the end record needs a zip64 record, but there is none")
        }
        let offset = try reader.integer(at: locator + 8, size: 8)
        guard offset <= locator - 56, try reader.integer(at: offset, size: 4) == 0x0606_4B50 else {
            throw Damage(reason: "the zip64 end record (offset \(offset)) is missing or lies outside the file")
        }
        return offset
    }

    /// The member whose directory record starts at `position`, which moves past it. Its
    /// local header and data must end before `dataLimit` (the directory's start).
    private static func member(
        _ reader: ByteReader, at position: inout Int, index: Int, directoryEnd: Int, dataLimit: Int
    ) throws(Damage) -> Member {
        let record = position
        guard record + 46 <= directoryEnd, try reader.integer(at: record, size: 4) == 0x0201_4B50 else {
            throw Damage(reason: "central directory record \(index + 1) (offset \(record)) is missing or damaged")
        }
        let flags = try reader.integer(at: record + 8, size: 2)
        let method = try reader.integer(at: record + 10, size: 2)
        let checksum = UInt32(try reader.integer(at: record + 16, size: 4))
        var compressedSize = try reader.integer(at: record + 20, size: 4)
        var uncompressedSize = try reader.integer(at: record + 24, size: 4)
        let nameLength = try reader.integer(at: record + 28, size: 2)
        let extraLength = try reader.integer(at: record + 30, size: 2)
        let commentLength = try reader.integer(at: record + 32, size: 2)
        var localOffset = try reader.integer(at: record + 42, size: 4)
        position = record + 46 + nameLength + extraLength + commentLength
        guard position <= directoryEnd else {
            throw Damage(reason: "central directory record \(index + 1) runs past the directory's end")
        }
        let name = String(decoding: reader.data[(reader.base + record + 46)..<(reader.base + record + 46 + nameLength)], as: UTF8.self)
        let quoted = FileText.excerpt(name)  // for the reasons below
        guard flags & 1 == 0 else { throw Damage(reason: "member '\(quoted)' is encrypted") }
        // A zip64 extra field holds, in this order, whichever of the three is saturated.
        var extra = record + 46 + nameLength
        let extraEnd = extra + extraLength
        while extra + 4 <= extraEnd {
            let (identifier, size) = (try reader.integer(at: extra, size: 2), try reader.integer(at: extra + 2, size: 2))
            guard extra + 4 + size <= extraEnd else { break }
            if identifier == 1 {
                var field = extra + 4
                func next() throws(Damage) -> Int {
                    guard field + 8 <= extra + 4 + size else {
                        throw Damage(reason: "member '\(quoted)' has a zip64 field too short for its sizes")
                    }
                    defer { field += 8 }
                    return try reader.integer(at: field, size: 8)
                }
                if uncompressedSize == 0xFFFF_FFFF { uncompressedSize = try next() }
                if compressedSize == 0xFFFF_FFFF { compressedSize = try next() }
                if localOffset == 0xFFFF_FFFF { localOffset = try next() }
            }
            extra += 4 + size
        }
        guard uncompressedSize <= Limits.fileBytes else {
            throw Damage(reason: "member '\(quoted)' declares \(Limits.formatBytes(uncompressedSize)) uncompressed, more than the \(Limits.formatBytes(Limits.fileBytes)) limit")
        }
        guard method != 0 || compressedSize == uncompressedSize else {
            throw Damage(reason: "stored member '\(quoted)' declares \(compressedSize) bytes stored but \(uncompressedSize) uncompressed")
        }
        guard localOffset <= dataLimit - 30, try reader.integer(at: localOffset, size: 4) == 0x0403_4B50 else {
            throw Damage(reason: "the local header of member '\(quoted)' (offset \(localOffset)) is missing or lies outside the file")
        }
        let dataStart = localOffset + 30 + (try reader.integer(at: localOffset + 26, size: 2)) + (try reader.integer(at: localOffset + 28, size: 2))
        guard dataStart <= dataLimit, compressedSize <= dataLimit - dataStart else {
            throw Damage(reason: "the data of member '\(quoted)' (offset \(dataStart), \(compressedSize) bytes) runs past the members' end at \(dataLimit)")
        }
        return Member(name: name, method: method, checksum: checksum,
                      dataRange: dataStart..<(dataStart + compressedSize), uncompressedSize: uncompressedSize)
    }

    /// Little-endian integers at offsets into `data`, refusing any read past its end.
    private struct ByteReader {
        let data: Data
        var base: Int { data.startIndex }

        /// The unsigned little-endian integer of `size` bytes (at most 8) at `offset`. An 8-byte
        /// value above `Int.max` reads as `Int.max`, which every bound then refuses.
        func integer(at offset: Int, size: Int) throws(Damage) -> Int {
            guard offset >= 0, size <= data.count, offset <= data.count - size else {
                throw Damage(reason: "a field at offset \(offset) lies outside the \(data.count)-byte file")
            }
            var value: UInt64 = 0
            for byte in (0..<size).reversed() { value = value << 8 | UInt64(data[base + offset + byte]) }
            return value > UInt64(Int.max) ? Int.max : Int(value)
        }
    }
}
