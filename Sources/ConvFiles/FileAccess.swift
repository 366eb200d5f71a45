import ConvEngine
import Foundation

/// Reading a whole input file, for every reader in this folder, so each refuses the same things
/// in the same words: only a regular file is read, never more than `Limits.fileBytes`.
///
/// Foundation's `Data(contentsOf:)` reads a fifo or `/dev/zero` until memory runs out, and its
/// errors for a folder or a device are vague ("error 256", or "permission" as root), so the
/// path is checked with `stat` first and read with plain `read(2)`.
enum FileAccess {
    /// Why a path could not be read or written, in the user's terms. `reason` is the text that
    /// follows "cannot read:" or "cannot write:"; the wording of every case lives here.
    enum Problem: Error, Equatable {
        /// Nothing exists at the path.
        case missing
        /// A folder where a file was expected.
        case folder
        /// A fifo, device or socket: reading one may never end, writing one is not a save.
        case special(kind: String)
        /// Larger than `Limits.fileBytes`.
        case tooLarge(bytes: Int)
        /// The system's own words for anything else ("Permission denied").
        case system(reason: String)
        /// An output path that holds something other than a regular file, which a save must
        /// not replace: a device, a fifo, a folder, a symbolic link.
        case wontReplace(kind: String)
        /// An output path whose folder does not exist.
        case folderMissing(folder: String)
        /// An output path whose "folder" is something else.
        case notAFolder(folder: String)
        /// A folder that exists but takes no new file; `reason` says why.
        case folderRefuses(folder: String, reason: String)

        var reason: String {
            switch self {
            case .missing: "no such file"
            case .folder: "it is a folder, not a file"
            case let .special(kind): "it is \(kind), not a regular file"
            case let .tooLarge(bytes):
                "it holds \(bytes) bytes, more than the limit of \(Limits.fileBytes) (\(Limits.formatBytes(Limits.fileBytes)))"
            case let .system(reason): reason
            case let .wontReplace(kind): "it is \(kind), not a regular file; refusing to replace it"
            case let .folderMissing(folder): "the folder \(folder) does not exist"
            case let .notAFolder(folder): "\(folder) is not a folder"
            case let .folderRefuses(folder, reason): "cannot create a file in the folder \(folder): \(reason)"
            }
        }
    }

    /// The bytes of the regular file at `url`, at most `Limits.fileBytes` of them.
    static func readRegularFile(at url: URL) throws(Problem) -> Data {
        var status = stat()
        guard stat(url.path, &status) == 0 else { throw problem(errno: errno) }
        try requireRegular(status)
        // O_NONBLOCK: if the path was swapped for a fifo since `stat`, `open` must not wait for a
        // writer; `fstat` below then refuses it.
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw problem(errno: errno) }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0 else { throw problem(errno: errno) }
        try requireRegular(status)
        // The size from `fstat` is a hint (files in /proc say 0, a file may grow while it is read):
        // read until the end, but never past the limit.
        var contents = Data(count: Int(status.st_size))
        var filled = 0
        while true {
            if filled == contents.count {
                guard contents.count <= Limits.fileBytes else { throw .tooLarge(bytes: contents.count) }
                contents.count += max(1 << 16, min(contents.count, 1 << 26))
            }
            let count = contents.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw problem(errno: errno)
            }
            if count == 0 { break }
            filled += count
        }
        contents.count = filled
        guard filled <= Limits.fileBytes else { throw .tooLarge(bytes: filled) }
        return contents
    }

    /// Refuses anything but a regular file of at most `Limits.fileBytes`.
    private static func requireRegular(_ status: stat) throws(Problem) {
        if let kind = kind(of: status) {
            throw kind == "a folder" ? .folder : .special(kind: kind)
        }
        guard Int(status.st_size) <= Limits.fileBytes else { throw .tooLarge(bytes: Int(status.st_size)) }
    }

    /// "a folder", "a fifo", … for anything that is not a regular file; nil for a regular file.
    static func kind(of status: stat) -> String? {
        switch status.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a fifo"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "an unknown kind of file"
        }
    }

    /// The problem an `errno` from `stat`, `open` or `read` stands for.
    static func problem(errno code: Int32) -> Problem {
        switch code {
        case ENOENT: .missing
        case ENOTDIR: .system(reason: "a part of its path is not a folder")
        case EISDIR: .folder
        default: .system(reason: String(cString: strerror(code)))
        }
    }
}

extension ArrayFileError {
    /// The error for `problem` reading `file`: a missing file keeps its own case.
    init(reading file: String, _ problem: FileAccess.Problem) {
        self = problem == .missing ? .fileNotFound(file: file) : .unreadable(file: file, reason: problem.reason)
    }
}

extension DatasetFileError {
    /// The error for `problem` reading `file`: a missing file keeps its own case.
    init(reading file: String, _ problem: FileAccess.Problem) {
        self = problem == .missing ? .fileNotFound(file: file) : .unreadable(file: file, reason: problem.reason)
    }
}
