import ConvEngine
import Foundation

/// Where a course's files come from: a folder on disk (an author's working copy, or
/// `--lessons DIR`), or the copy compiled into the binary, so an installed `convlab` teaches
/// without any files beside it.
public enum CourseSource: Sendable {
    /// A folder holding `course.yaml`; `displayPath` prefixes file names in messages
    /// (`lessons` → `lessons/01-mlp-limits.yaml`).
    case directory(URL, displayPath: String)
    /// The course compiled in (`EmbeddedCourse`); files are named `lessons/NAME` in messages.
    case embedded

    /// The manifest's file name.
    public static let manifestName = "course.yaml"

    /// The folder named by `--lessons`, else by `$CONVLAB_LESSONS`, else the embedded course.
    public static func resolve(option: String?, environment: [String: String]) -> CourseSource {
        if let path = option ?? environment["CONVLAB_LESSONS"].flatMap({ $0.isEmpty ? nil : $0 }) {
            return .directory(URL(fileURLWithPath: path), displayPath: path)
        }
        return .embedded
    }

    /// `name` as messages show it.
    public func displayName(_ name: String) -> String {
        switch self {
        case let .directory(_, displayPath):
            if displayPath.isEmpty || displayPath == "." { return name }
            return displayPath.hasSuffix("/") ? displayPath + name : displayPath + "/" + name
        case .embedded:
            return "lessons/" + name
        }
    }

    /// Why the course folder cannot be used (it is missing, or is a file), or nil. Reported
    /// at the folder itself, so `lessons check /nonexistent` does not talk about course.yaml.
    public var folderProblem: LessonProblem? {
        guard case let .directory(url, displayPath) = self else { return nil }
        var isFolder: ObjCBool = false
        let location = SourceLocation(file: displayPath.isEmpty ? "." : displayPath, line: 0)
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            return LessonProblem(.missingFolder, at: location)
        }
        return isFolder.boolValue ? nil : LessonProblem(.notAFolder, at: location)
    }

    /// The text of file `name`; nil with a reason when it cannot be read.
    ///
    /// A folder's files are read only when `name` stays inside the folder (no absolute path,
    /// no `..`, no symlink leading out), is a regular file (a fifo would block, a device never
    /// end) and is at most `Limits.lessonFileBytes`. Nothing of a refused file is read, so no
    /// message can quote it.
    public func read(_ name: String) -> Result<String, LessonIssue> {
        switch self {
        case let .directory(url, _):
            let fileURL: URL
            switch Self.resolve(name, in: url) {
            case let .success(resolved): fileURL = resolved
            case let .failure(issue): return .failure(issue)
            }
            var status = stat()
            guard stat(fileURL.path, &status) == 0 else { return .failure(.missingLessonFile(name: name)) }
            guard status.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegularFile(name: name)) }
            guard Int(status.st_size) <= Limits.lessonFileBytes else {
                return .failure(.fileTooLarge(name: name, bytes: Int(status.st_size)))
            }
            do {
                let data = try Data(contentsOf: fileURL)
                guard data.count <= Limits.lessonFileBytes else { return .failure(.fileTooLarge(name: name, bytes: data.count)) }
                guard let text = String(data: data, encoding: .utf8) else {
                    return .failure(.unreadableFile(reason: "it is not UTF-8 text"))
                }
                return .success(text)
            } catch {
                // Foundation's message names an error domain, not the problem; the file was
                // found to be a regular file of a fair size, so what is left is permission.
                return .failure(.unreadableFile(reason: "it exists but cannot be read (check its permissions)"))
            }
        case .embedded:
            guard let text = EmbeddedCourse.files[name] else { return .failure(.missingLessonFile(name: name)) }
            return .success(text)
        }
    }

    /// `name` inside `folder`, with symlinks resolved, or why it leads elsewhere. A name that
    /// does not exist yet resolves to itself (the caller reports it missing).
    static func resolve(_ name: String, in folder: URL) -> Result<URL, LessonIssue> {
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !components.contains(".."), !name.contains("\0") else {
            return .failure(.pathOutsideFolder(name: name))
        }
        let fileURL = folder.appendingPathComponent(name)
        guard let realFolder = realPath(folder.path) else { return .success(fileURL) }
        guard let realFile = realPath(fileURL.path) else { return .success(fileURL) }
        guard realFile.hasPrefix(realFolder.hasSuffix("/") ? realFolder : realFolder + "/") else {
            return .failure(.pathOutsideFolder(name: name))
        }
        return .success(URL(fileURLWithPath: realFile))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Every `.yaml` file but the manifest, sorted: what the manifest should list.
    public func lessonFileNames() -> [String] {
        let names: [String]
        switch self {
        case let .directory(url, _):
            names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        case .embedded:
            names = Array(EmbeddedCourse.files.keys)
        }
        return names.filter { $0.hasSuffix(".yaml") && $0 != Self.manifestName }.sorted()
    }
}
