import ConvEngine
import Foundation
import ZIPFoundation

/// Reading and writing numpy's `.npz` archives (`numpy.savez`, `numpy.savez_compressed`): a zip
/// file whose members are `NAME.npy` arrays. ConvLab keeps checkpoints in them, keyed by the
/// PyTorch `state_dict` names of the same model (`conv1.weight`, `conv1.bias`, …).
///
/// Members may be stored or deflated on read; each is decoded by `NumpyArray`, so the same
/// types are accepted and the same problems refused, with the member named as
/// `archive.npz/NAME.npy`. Members that are not `.npy` files are refused, not skipped, so a
/// wrong file is noticed.
///
/// Order: an archive is read into a dictionary (zip order carries no meaning for numpy either).
/// Writing a dictionary stores its arrays sorted by name; writing an array of pairs keeps the
/// given order, e.g. a model's parameter order. Either way the same arrays give the same bytes:
/// every member carries the same fixed timestamp.
public enum NumpyArchive {
    /// How members are stored: as is (`numpy.savez`) or deflated (`numpy.savez_compressed`).
    public enum Compression: Sendable {
        case stored, deflated
    }

    /// The timestamp every written member carries, 1 January 1980 (the earliest a zip can
    /// record), so output bytes do not depend on when they were written.
    static let memberDate = Date(timeIntervalSince1970: 315_532_800)

    /// Reads every array of a `.npz` file, keyed by member name without `.npy`.
    public static func read(from url: URL) throws(ArrayFileError) -> [String: Tensor] {
        let file = NumpyArray.displayName(of: url)
        return try decode(try NumpyArray.readContents(of: url, file: file), source: file)
    }

    /// Decodes the bytes of a `.npz` file; `source` names it in error messages.
    ///
    /// The zip structure is checked whole first (see `ZipDirectory`); then each member is
    /// inflated only up to the size it declares, in the archive and in its own `.npy` header.
    public static func decode(_ data: Data, source: String) throws(ArrayFileError) -> [String: Tensor] {
        let directory: ZipDirectory
        do {
            directory = try ZipDirectory(data)
        } catch {
            throw error.notZip ? .notZipArchive(file: source) : .damagedArchive(file: source, reason: error.reason)
        }
        var arrays: [String: Tensor] = [:]
        for member in directory.members {
            guard !member.name.hasSuffix("/"), member.name.hasSuffix(".npy") else {
                throw .foreignMember(file: source, member: member.name)
            }
            let name = String(member.name.dropLast(".npy".count))
            guard arrays[name] == nil else { throw .duplicateMember(file: source, name: name) }
            let contents = try extract(member, from: data, source: source)
            arrays[name] = try NumpyArray.decode(contents, source: "\(source)/\(FileText.excerpt(member.name))")
        }
        return arrays
    }

    /// The bytes of `member`, checked against its declared size and checksum.
    private static func extract(_ member: ZipDirectory.Member, from data: Data, source: String) throws(ArrayFileError) -> Data {
        let body = data.subdata(in: (data.startIndex + member.dataRange.lowerBound)..<(data.startIndex + member.dataRange.upperBound))
        func refuse(_ reason: String) -> ArrayFileError {
            .unreadableMember(file: source, member: member.name, reason: reason)
        }
        let contents: Data
        switch member.method {
        case 0:
            contents = body
        case 8:
            // The .npy header at the start says exactly how many bytes follow it; inflation
            // stops past that or past the archive's own figure, whichever is smaller.
            var limit = member.uncompressedSize
            var declaredBy = "the archive"
            if let start = try? Inflate.prefix(body, count: min(limit, headerPrefix)),
               let size = NumpyArray.declaredFileSize(start), size < limit {
                (limit, declaredBy) = (size, "its .npy header")
            }
            do {
                contents = try Inflate.inflate(body, limit: limit).data
            } catch .exceeds {
                throw .memberInflatesPastDeclaredSize(file: source, member: member.name, declared: limit, declaredBy: declaredBy)
            } catch .truncated {
                throw refuse("the compressed data is cut short (the archive is damaged)")
            } catch {
                throw refuse("the compressed data is damaged")
            }
        default:
            throw refuse("it is compressed with a method other than stored or deflated")
        }
        guard contents.count == member.uncompressedSize else {
            throw refuse("it holds \(contents.count) bytes but the archive declares \(member.uncompressedSize)")
        }
        guard Inflate.checksum(contents) == member.checksum else {
            throw refuse("its checksum does not match (the archive is damaged)")
        }
        return contents
    }

    /// How much of a deflated member is inflated to read its `.npy` header first: numpy's
    /// headers take 128 bytes; the longest one read has 12 bytes before its text.
    static let headerPrefix = 12 + NumpyHeader.longestText

    /// The bytes of a `.npz` archive holding `arrays` in the given order, each as `NAME.npy`.
    /// Names must be unique and non-empty (a programmer error otherwise).
    public static func encode(
        _ arrays: [(name: String, tensor: Tensor)], compression: Compression = .stored
    ) -> Data {
        let names = arrays.map(\.name)
        precondition(Set(names).count == names.count, "duplicate array names in \(names)")
        precondition(!names.contains(""), "an array name must not be empty")
        do {
            let archive = try Archive(accessMode: .create)
            for (name, tensor) in arrays {
                let member = NumpyArray.encode(tensor)
                try archive.addEntry(
                    with: "\(name).npy", type: .file, uncompressedSize: Int64(member.count),
                    modificationDate: memberDate,
                    compressionMethod: compression == .deflated ? .deflate : .none
                ) { position, size in
                    member.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { preconditionFailure("an in-memory archive has no data") }
            return data
        } catch {
            // Nothing here touches the file system: a failure is a bug, not a condition to report.
            preconditionFailure("building an in-memory zip archive failed: \(error)")
        }
    }

    /// Writes `arrays` as a `.npz` file in the given order, atomically (see `NumpyArray.write`).
    public static func write(
        _ arrays: [(name: String, tensor: Tensor)], to url: URL, compression: Compression = .stored
    ) throws(ArrayFileError) {
        try AtomicFile.write(encode(arrays, compression: compression), to: url, file: NumpyArray.displayName(of: url))
    }

    /// Writes `arrays` as a `.npz` file with members sorted by name, atomically.
    public static func write(
        _ arrays: [String: Tensor], to url: URL, compression: Compression = .stored
    ) throws(ArrayFileError) {
        let sorted = arrays.sorted { $0.key < $1.key }.map { (name: $0.key, tensor: $0.value) }
        try write(sorted, to: url, compression: compression)
    }
}
