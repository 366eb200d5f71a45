import ConvEngine
import ConvFiles
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
        if let problem = AtomicFile.writeProblem(at: URL(fileURLWithPath: path)) {
            throw CommandError.outputPath(option: option, path: path, problem: problem)
        }
    }

    /// One spelling per file: absolute, `.` and `..` resolved, the folder's links followed.
    private static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath()
        return folder.appendingPathComponent(url.lastPathComponent).path
    }
}
