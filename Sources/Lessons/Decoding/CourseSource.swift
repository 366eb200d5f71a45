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

    /// The text of file `name`; nil with a reason when it cannot be read.
    public func read(_ name: String) -> Result<String, LessonIssue> {
        switch self {
        case let .directory(url, _):
            let fileURL = url.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: fileURL.path) else {
                return .failure(.missingLessonFile(name: name))
            }
            do {
                let data = try Data(contentsOf: fileURL)
                guard let text = String(data: data, encoding: .utf8) else {
                    return .failure(.unreadableFile(reason: "it is not UTF-8 text"))
                }
                return .success(text)
            } catch {
                return .failure(.unreadableFile(reason: (error as NSError).localizedDescription))
            }
        case .embedded:
            guard let text = EmbeddedCourse.files[name] else { return .failure(.missingLessonFile(name: name)) }
            return .success(text)
        }
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
