import ConvEngine
import Foundation

/// Whole-file writes that either fully happen or leave the destination untouched, and only
/// ever replace a regular file.
///
/// The bytes go to a hidden temporary file in the destination's own folder (so both sit on the
/// same file system), which `rename(2)` then moves over the destination in one step. If
/// anything fails, the temporary file is removed and the old destination, if any, is intact.
/// A destination that is a device, a fifo, a folder or a symbolic link is refused before
/// anything is written: renaming over `/dev/full` or a link would silently swap it for a
/// plain file. A replaced file keeps its permission bits.
public enum AtomicFile {
    /// Checks, without touching `url`, that a save there can succeed: its folder exists and
    /// takes new files (a temporary file is created there and removed at once), and `url` is
    /// absent or a regular file. Commands call this before long work whose result they save.
    public static func checkWritable(_ url: URL) throws(ArrayFileError) {
        if let reason = writeProblem(at: url) {
            throw .unwritable(file: NumpyArray.displayName(of: url), reason: reason)
        }
    }

    /// Why a save to `url` would fail, in the words that follow "cannot write:", or nil when
    /// it would succeed. Creates and removes a real temporary file beside `url`: the only test
    /// that also holds for root, read-only mounts and `/proc`, where access(2) says yes and
    /// the write still fails. The target itself is never touched.
    public static func writeProblem(at url: URL) -> String? {
        do {
            _ = try existingMode(of: url)
            let temporary = try createTemporary(besides: url)
            close(temporary.descriptor)
            unlink(temporary.path)
            return nil
        } catch {
            return error.reason
        }
    }

    /// Writes `data` to `url` atomically; errors name the file by its path.
    public static func write(_ data: Data, to url: URL) throws(ArrayFileError) {
        try write(data, to: url, file: url.path)
    }

    /// Writes `data` to `url`; `file` names the destination in errors.
    static func write(_ data: Data, to url: URL, file: String) throws(ArrayFileError) {
        do {
            try replace(url, with: data)
        } catch {
            throw .unwritable(file: file, reason: error.reason)
        }
    }

    private static func replace(_ url: URL, with data: Data) throws(FileAccess.Problem) {
        let mode = try existingMode(of: url)
        let temporary = try createTemporary(besides: url)
        var closed = false
        do throws(FileAccess.Problem) {
            try writeAll(data, to: temporary.descriptor)
            if let mode, fchmod(temporary.descriptor, mode) != 0 { throw FileAccess.problem(errno: errno) }
            // Flushed before the rename, so a crash never leaves the new name on missing bytes.
            if fsync(temporary.descriptor) != 0 { throw FileAccess.problem(errno: errno) }
            closed = true
            if close(temporary.descriptor) != 0 { throw FileAccess.problem(errno: errno) }
            if rename(temporary.path, url.path) != 0 {
                let code = errno
                throw code == EISDIR || code == ENOTEMPTY ? FileAccess.Problem.wontReplace(kind: "a folder") : FileAccess.problem(errno: code)
            }
        } catch {
            if !closed { close(temporary.descriptor) }
            unlink(temporary.path)
            throw error
        }
    }

    /// The permission bits of the regular file at `url`, nil when nothing is there yet; refuses
    /// anything else, and a path whose folder is missing or not a folder.
    private static func existingMode(of url: URL) throws(FileAccess.Problem) -> mode_t? {
        var status = stat()
        if lstat(url.path, &status) == 0 {
            if let kind = FileAccess.kind(of: status) { throw .wontReplace(kind: kind) }
            return status.st_mode & 0o7777
        }
        guard errno == ENOENT || errno == ENOTDIR else { throw FileAccess.problem(errno: errno) }
        let folder = url.deletingLastPathComponent().path
        guard stat(folder, &status) == 0 else {
            throw errno == ENOENT ? .folderMissing(folder: folder) : FileAccess.problem(errno: errno)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(folder: folder) }
        return nil
    }

    /// A new, empty, hidden file in `url`'s folder, open for writing.
    private static func createTemporary(besides url: URL) throws(FileAccess.Problem) -> (path: String, descriptor: Int32) {
        let folder = url.deletingLastPathComponent()
        let path = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            // The folder was checked to exist, so ENOENT here means it takes no new files
            // (`/proc` answers so); say that rather than "no such file".
            let reason = errno == ENOENT ? "it does not accept new files" : String(cString: strerror(errno))
            throw .folderRefuses(folder: folder.path, reason: reason)
        }
        return (path, descriptor)
    }

    private static func writeAll(_ data: Data, to descriptor: Int32) throws(FileAccess.Problem) {
        let failure: Int32? = data.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return nil
        }
        if let failure { throw FileAccess.problem(errno: failure) }
    }
}
