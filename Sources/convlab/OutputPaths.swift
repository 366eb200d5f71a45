import Foundation

/// Checks the files a command will write before it does any work, so a long training run or a
/// large computation never ends by losing its result to a missing folder, a directory in the
/// way or two options naming the same file. The writes themselves stay atomic (temp file and
/// rename in the same folder); this only answers "could that write succeed?" up front.
enum OutputPaths {
    /// Throws `CommandError.outputPath` for the first output that cannot be written, or
    /// `CommandError.sameOutput` when two outputs name one file. `outputs` pairs each option
    /// (`--save`) with its path.
    static func check(_ outputs: [(option: String, path: String)]) throws {
        var seen: [String: String] = [:]
        for (option, path) in outputs {
            try checkOne(option: option, path: path)
            let key = canonical(path)
            if let earlier = seen[key] {
                throw CommandError.sameOutput(first: earlier, second: option, path: path)
            }
            seen[key] = option
        }
    }

    private static func checkOne(option: String, path: String) throws {
        guard !path.isEmpty else { throw CommandError.outputPath(option: option, path: path, problem: "the path is empty") }
        let url = URL(fileURLWithPath: path)
        var status = stat()
        if lstat(path, &status) == 0 {
            // The write renames a new file over the old one, so only a regular file may be
            // there: a directory cannot be replaced, and a link, fifo or device would be.
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR { throw CommandError.outputPath(option: option, path: path, problem: "it is a folder, not a file") }
            if kind != S_IFREG {
                throw CommandError.outputPath(option: option, path: path, problem: "it exists and is not a regular file (a link, device or pipe)")
            }
        }
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw CommandError.outputPath(option: option, path: path, problem: "the folder \(folder) does not exist")
        }
        guard isFolder.boolValue else {
            throw CommandError.outputPath(option: option, path: path, problem: "\(folder) is not a folder")
        }
        // A real file created and removed where the write will put its temporary file: the
        // only test that also holds for root, read-only mounts and /proc, where access(2)
        // says yes and the write still fails.
        let probe = URL(fileURLWithPath: folder).appendingPathComponent(".convlab-write-check.\(UUID().uuidString)").path
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CommandError.outputPath(option: option, path: path, problem: "the folder \(folder) is not writable (\(reason))")
        }
        close(descriptor)
        unlink(probe)
    }

    /// One spelling per file: absolute, `.` and `..` resolved, the folder's links followed.
    private static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath()
        return folder.appendingPathComponent(url.lastPathComponent).path
    }
}
