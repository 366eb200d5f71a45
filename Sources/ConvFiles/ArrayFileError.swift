import ConvEngine
import Foundation

/// Why a `.npy` or `.npz` file could not be read or written. Every case renders as one line that
/// starts with the file (for an archive member, `archive.npz/member.npy`) and says what was
/// wrong and, where there is one, how to save the array so it can be read. The wording lives
/// here and nowhere else.
public enum ArrayFileError: Error, Equatable, Hashable, Sendable {
    /// Nothing exists at the path.
    case fileNotFound(file: String)
    /// The file exists but the system refused to read it (a folder, no permission, …).
    case unreadable(file: String, reason: String)
    /// The file (or its temporary sibling) could not be written or moved into place.
    case unwritable(file: String, reason: String)
    /// The first six bytes are not `\x93NUMPY`.
    case badMagic(file: String)
    /// A format version other than 1.0, 2.0 or 3.0.
    case unsupportedVersion(file: String, major: Int, minor: Int)
    /// The file ends before the header does.
    case truncatedHeader(file: String, needed: Int, available: Int)
    /// A header length field beyond `NumpyHeader.longestText`.
    case headerTooLong(file: String, length: Int)
    /// The header text is not a Python dict literal; `reason` says where parsing stopped.
    case malformedHeader(file: String, reason: String)
    /// One of `descr`, `fortran_order`, `shape` is absent.
    case missingHeaderKey(file: String, key: String)
    /// A key numpy never writes.
    case unexpectedHeaderKey(file: String, key: String)
    /// A header value of the wrong kind, e.g. a shape that is not a tuple of integers.
    case invalidHeaderValue(file: String, key: String, expected: String, found: String)
    /// Multi-byte elements stored most significant byte first, e.g. `>f4`.
    case bigEndian(file: String, descr: String)
    /// Column-major data (`fortran_order: True`).
    case fortranOrder(file: String)
    /// Pickled Python objects (`|O`), which cannot be read without running Python.
    case objectArray(file: String)
    /// A record dtype such as `[('x', '<f4'), ('y', '<i4')]`; `descr` is its Python spelling.
    case structuredDtype(file: String, descr: String)
    /// A dtype with no float meaning here: complex, strings, dates, ….
    case unsupportedDtype(file: String, descr: String)
    /// Fewer data bytes follow the header than the shape and dtype need.
    case truncatedData(file: String, array: String, needed: Int, available: Int)
    /// More bytes follow the data than the shape and dtype account for.
    case trailingData(file: String, array: String, extra: Int)
    /// A `.npz` that is not a readable zip archive (or one cut short, which loses the directory).
    case notZipArchive(file: String)
    /// A `.npz` member that is not a file named `NAME.npy`.
    case foreignMember(file: String, member: String)
    /// Two members with the same name.
    case duplicateMember(file: String, name: String)
    /// A `.npz` member that could not be extracted (bad checksum, unknown compression).
    case unreadableMember(file: String, member: String, reason: String)
    /// A shape and dtype that need more than `Limits.fileBytes` (nil: more than an `Int` holds).
    case arrayTooLarge(file: String, array: String, bytes: Int?)
    /// A `.npz` whose zip structure (end record, central directory, local headers) points
    /// outside the file or contradicts itself; `reason` says where.
    case damagedArchive(file: String, reason: String)
    /// A `.npz` member that inflates past the size `declaredBy` ("its .npy header", "the
    /// archive") says it has.
    case memberInflatesPastDeclaredSize(file: String, member: String, declared: Int, declaredBy: String)
}

extension ArrayFileError: CustomStringConvertible {
    /// One line: text from the file is cut to an excerpt and control characters are escaped.
    public var description: String { FileText.oneLine(text) }

    private var text: String {
        switch self {
        case let .fileNotFound(file):
            return "\(file): no such file"
        case let .unreadable(file, reason):
            return "\(file): cannot read: \(reason)"
        case let .unwritable(file, reason):
            return "\(file): cannot write: \(reason)"
        case let .badMagic(file):
            return "\(file): not a .npy file (it does not start with \\x93NUMPY)"
        case let .unsupportedVersion(file, major, minor):
            return "\(file): .npy format version \(major).\(minor) is not supported (only 1.0, 2.0 and 3.0)"
        case let .truncatedHeader(file, needed, available):
            return "\(file): truncated: the header needs \(needed) bytes but the file has \(available)"
        case let .headerTooLong(file, length):
            return "\(file): the header claims \(length) bytes of text, more than the \(NumpyHeader.longestText) a .npy header may take"
        case let .malformedHeader(file, reason):
            return "\(file): header is not a Python dict literal: \(reason)"
        case let .missingHeaderKey(file, key):
            return "\(file): header has no '\(FileText.excerpt(key))' key"
        case let .unexpectedHeaderKey(file, key):
            return "\(file): header has an unexpected key '\(FileText.excerpt(key))' (only 'descr', 'fortran_order', 'shape')"
        case let .invalidHeaderValue(file, key, expected, found):
            return "\(file): header '\(FileText.excerpt(key))' must be \(expected), found \(FileText.excerpt(found))"
        case let .bigEndian(file, descr):
            return "\(file): big-endian data ('\(FileText.excerpt(descr))') is not supported; save with dtype '<\(descr.dropFirst())'"
        case let .fortranOrder(file):
            return "\(file): Fortran-order data is not supported; save a C-order array (numpy.ascontiguousarray)"
        case let .objectArray(file):
            return "\(file): object arrays ('|O') are not supported; save a numeric array"
        case let .structuredDtype(file, descr):
            return "\(file): structured dtype \(FileText.excerpt(descr)) is not supported; save each field as its own array"
        case let .unsupportedDtype(file, descr):
            return "\(file): dtype '\(FileText.excerpt(descr))' is not supported; save as float32 ('<f4'), float64, float16, an integer type or bool"
        case let .truncatedData(file, array, needed, available):
            return "\(file): truncated: \(array) data needs \(needed) bytes but \(available) follow the header"
        case let .trailingData(file, array, extra):
            return "\(file): \(extra) unexpected bytes after the \(array) data"
        case let .notZipArchive(file):
            return "\(file): not a zip archive, or a truncated one (a .npz is a zip of .npy files)"
        case let .foreignMember(file, member):
            return "\(file): member '\(FileText.excerpt(member))' is not a .npy array"
        case let .duplicateMember(file, name):
            return "\(file): more than one array named '\(FileText.excerpt(name))'"
        case let .unreadableMember(file, member, reason):
            return "\(file)/\(FileText.excerpt(member)): cannot extract: \(reason)"
        case let .arrayTooLarge(file, array, bytes):
            let size = bytes.map(Limits.formatBytes) ?? "more than \(Limits.formatBytes(Int.max))"
            return "\(file): \(array) data is too large: it needs \(size) and the limit is \(Limits.formatBytes(Limits.fileBytes))"
        case let .damagedArchive(file, reason):
            return "\(file): damaged zip archive: \(reason)"
        case let .memberInflatesPastDeclaredSize(file, member, declared, declaredBy):
            return "\(file)/\(FileText.excerpt(member)): cannot extract: it grows past the \(declared) bytes \(declaredBy) declares; the archive is damaged"
        }
    }
}
