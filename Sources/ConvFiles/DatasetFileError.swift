import ConvEngine
import Foundation

/// Why an image or dataset file (IDX, PGM/PPM, gzip) could not be read or written. Every case
/// renders as one line that starts with the file and says what was wrong and what was expected.
/// The wording lives here and nowhere else.
public enum DatasetFileError: Error, Equatable, Hashable, Sendable {
    /// Nothing exists at the path.
    case fileNotFound(file: String)
    /// The file exists but the system refused to read it.
    case unreadable(file: String, reason: String)
    /// The file could not be written.
    case unwritable(file: String, reason: String)
    /// An IDX file whose first two bytes are not zero, or whose rank byte is zero.
    case badIDXMagic(file: String, magic: UInt32)
    /// An IDX element type other than unsigned byte (0x08), the one MNIST uses.
    case unsupportedIDXType(file: String, typeCode: UInt8)
    /// The file ends before the header or the data it announces.
    case truncated(file: String, needed: Int, available: Int)
    /// More bytes follow the data than the header accounts for.
    case trailingData(file: String, extra: Int)
    /// An IDX file of the wrong rank for its role (images need 3, labels 1).
    case wrongIDXRank(file: String, role: String, expected: Int, found: Int)
    /// Images and labels disagree on how many examples there are.
    case countMismatch(imagesFile: String, images: Int, labelsFile: String, labels: Int)
    /// A gzip file that is damaged or not gzip at all.
    case badGzip(file: String, reason: String)
    /// A PGM/PPM header that does not parse; `reason` says what was expected.
    case badAnymap(file: String, reason: String)
    /// A plain (P2/P3) sample that is not a number, or exceeds the maxval.
    case badAnymapSample(file: String, index: Int, found: String, maxValue: Int)
    /// A folder with none of the expected files.
    case missingDatasetFile(folder: String, name: String)
    /// The images are not the size the network takes.
    case sizeMismatch(file: String, found: [Int], expected: [Int])
    /// A header value beyond what ConvLab accepts (see `Limits`), e.g. an image side.
    case beyondLimit(file: String, quantity: String, value: Int, maximum: Int)
    /// A header whose sizes add up to more bytes than `Limits.fileBytes` (nil: more than an
    /// `Int` holds).
    case tooLarge(file: String, what: String, bytes: Int?)
    /// Compressed data that inflates past the size its header declares.
    case inflatesPastDeclaredSize(file: String, declared: Int)
}

extension DatasetFileError: CustomStringConvertible {
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
        case let .badIDXMagic(file, magic):
            return "\(file): not an IDX file (magic 0x\(String(magic, radix: 16, uppercase: true)), expected 0x00000801 or 0x00000803 style: two zero bytes, a type byte, a rank byte)"
        case let .unsupportedIDXType(file, code):
            return "\(file): IDX element type 0x\(String(code, radix: 16, uppercase: true)) is not supported (only unsigned bytes, 0x08, as in MNIST)"
        case let .truncated(file, needed, available):
            return "\(file): truncated: needs \(needed) bytes but has \(available)"
        case let .trailingData(file, extra):
            return "\(file): \(extra) unexpected bytes after the data"
        case let .wrongIDXRank(file, role, expected, found):
            return "\(file): \(role) must be a rank-\(expected) IDX array, found rank \(found)"
        case let .countMismatch(imagesFile, images, labelsFile, labels):
            return "\(imagesFile) holds \(images) images but \(labelsFile) holds \(labels) labels"
        case let .badGzip(file, reason):
            return "\(file): cannot decompress: \(reason); try `gunzip \(file)` and use the uncompressed file"
        case let .badAnymap(file, reason):
            return "\(file): not a readable PGM/PPM file: \(reason)"
        case let .badAnymapSample(file, index, found, maxValue):
            return "\(file): sample \(index) is '\(FileText.excerpt(found))', expected an integer from 0 to \(maxValue)"
        case let .missingDatasetFile(folder, name):
            return "\(folder): no \(name) (or \(name).gz); expected MNIST's four IDX files: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte"
        case let .sizeMismatch(file, found, expected):
            return "\(file): images are \(Self.size(found)) but the network takes \(Self.size(expected)); pass --resize to resize them (bilinear)"
        case let .beyondLimit(file, quantity, value, maximum):
            return "\(file): \(LimitError(quantity: quantity, value: value, range: 0...maximum))"
        case let .tooLarge(file, what, bytes):
            return "\(file): \(what) would take \(Self.bytes(bytes)), more than the \(Limits.formatBytes(Limits.fileBytes)) limit"
        case let .inflatesPastDeclaredSize(file, declared):
            return "\(file): the compressed data grows past the \(declared) bytes its header declares; the file is damaged"
        }
    }

    /// "4.3 GB", or "more than 9.2 EB" for a size that overflowed.
    static func bytes(_ count: Int?) -> String {
        count.map(Limits.formatBytes) ?? "more than \(Limits.formatBytes(Int.max))"
    }

    /// `28×28` for one channel, `32×32×3` otherwise (height × width × channels, as specs write).
    static func size(_ shape: [Int]) -> String {
        guard shape.count == 3 else { return Tensor.describe(shape) }
        return shape[0] == 1 ? "\(shape[1])×\(shape[2])" : "\(shape[1])×\(shape[2])×\(shape[0])"
    }
}

extension DatasetFileError {
    /// The bytes of `url`, or the reason they cannot be had (see `FileAccess`); `file` names it
    /// in errors.
    static func readContents(of url: URL, file: String) throws(DatasetFileError) -> Data {
        do {
            return try FileAccess.readRegularFile(at: url)
        } catch {
            throw DatasetFileError(reading: file, error)
        }
    }
}
