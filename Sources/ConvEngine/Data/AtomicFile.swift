import Foundation

/// Whole-file writes that either fully happen or leave the destination untouched.
///
/// The bytes go to a hidden temporary file in the destination's own folder (so both sit on the
/// same file system), which `rename(2)` then moves over the destination in one step. If
/// anything fails, the temporary file is removed and the old destination, if any, is intact.
enum AtomicFile {
    /// Writes `data` to `url`; `file` names the destination in errors.
    static func write(_ data: Data, to url: URL, file: String) throws(ArrayFileError) {
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .unwritable(file: file, reason: "the folder \(folder.path) does not exist")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(file: file, reason: ArrayFileError.systemReason(error))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(file: file, reason: reason)
        }
    }
}
