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
    public static func decode(_ data: Data, source: String) throws(ArrayFileError) -> [String: Tensor] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .notZipArchive(file: source)
        }
        var arrays: [String: Tensor] = [:]
        for entry in archive {
            let member = entry.path
            guard entry.type == .file, member.hasSuffix(".npy") else {
                throw .foreignMember(file: source, member: member)
            }
            let name = String(member.dropLast(".npy".count))
            guard arrays[name] == nil else { throw .duplicateMember(file: source, name: name) }
            var contents = Data()
            do {
                // The streaming extract returns the CRC-32 it computed but leaves the comparison
                // with the recorded one to the caller.
                let checksum = try archive.extract(entry) { chunk in contents.append(chunk) }
                guard checksum == entry.checksum else { throw Archive.ArchiveError.invalidCRC32 }
            } catch {
                throw .unreadableMember(file: source, member: member, reason: extractionReason(error))
            }
            arrays[name] = try NumpyArray.decode(contents, source: "\(source)/\(member)")
        }
        return arrays
    }

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

    /// A reason for a failed extraction in the archive's terms rather than ZIPFoundation's.
    private static func extractionReason(_ error: any Error) -> String {
        switch error {
        case Archive.ArchiveError.invalidCRC32: "its checksum does not match (the archive is damaged)"
        case Archive.ArchiveError.invalidCompressionMethod: "it is compressed with a method other than stored or deflated"
        default: "the archive is damaged (\(error))"
        }
    }
}
