import Foundation

/// What loading progress gave: the progress (empty when there was none or it was unusable), a
/// notice for the learner when something was wrong, and whether saving is safe.
public struct ProgressLoad: Sendable {
    public var progress: CourseProgress
    /// Set when the file could not be used: says why and where it was kept.
    public var notice: String?
    /// False only when an unusable file could not be moved aside: saving would overwrite it.
    public var canSave: Bool
}

/// Saving progress failed; the message names the file and the reason.
public struct ProgressError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot save progress to \(path): \(reason)" }
}

/// Reads and writes `progress.json` in one folder, by default `$XDG_STATE_HOME/convlab/`
/// (`~/.local/state/convlab/` when unset, as the XDG base directory spec says).
///
/// Writes are atomic: the JSON goes to a temporary file in the same folder, is flushed to disk
/// (fsync), then renamed over `progress.json`, so a crash leaves the old file or the new one,
/// never half of one. A file that cannot be read or decoded is never overwritten: it is renamed
/// to `progress.json.corrupt-YYYYMMDDTHHMMSS` (UTC) and the learner is told.
public struct ProgressStore: Sendable {
    public static let fileName = "progress.json"

    public let directory: URL
    /// The clock used to name a corrupt file; injected by tests.
    let now: @Sendable () -> Date

    public init(directory: URL, now: @escaping @Sendable () -> Date = { Date() }) {
        self.directory = directory
        self.now = now
    }

    /// `$XDG_STATE_HOME/convlab` when that is an absolute path, else `$HOME/.local/state/convlab`.
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("convlab")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/convlab")
    }

    public var fileURL: URL { directory.appendingPathComponent(Self.fileName) }

    public func load() -> ProgressLoad {
        let path = fileURL.path
        guard FileManager.default.fileExists(atPath: path) else {
            return ProgressLoad(progress: CourseProgress(), notice: nil, canSave: true)
        }
        let reason: String
        do {
            let data = try Data(contentsOf: fileURL)
            let progress = try JSONDecoder().decode(CourseProgress.self, from: data)
            if progress.format == CourseProgress.currentFormat {
                return ProgressLoad(progress: progress, notice: nil, canSave: true)
            }
            reason = "it has format \(progress.format), not \(CourseProgress.currentFormat)"
        } catch let error as DecodingError {
            reason = "it is not valid progress JSON (\(Self.describe(error)))"
        } catch {
            reason = "it cannot be read (\((error as NSError).localizedDescription))"
        }
        return moveAside(reason: reason)
    }

    /// Renames the unusable file to `progress.json.corrupt-<timestamp>` (adding `-2`, `-3`, …
    /// if that name is taken).
    private func moveAside(reason: String) -> ProgressLoad {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        let stem = "\(Self.fileName).corrupt-\(formatter.string(from: now()))"
        var target = directory.appendingPathComponent(stem)
        var suffix = 2
        while FileManager.default.fileExists(atPath: target.path) {
            target = directory.appendingPathComponent("\(stem)-\(suffix)")
            suffix += 1
        }
        if rename(fileURL.path, target.path) == 0 {
            return ProgressLoad(
                progress: CourseProgress(),
                notice: "progress file \(fileURL.path) was unusable: \(reason); kept it as \(target.path) and started afresh",
                canSave: true)
        }
        let failure = String(cString: strerror(errno))
        return ProgressLoad(
            progress: CourseProgress(),
            notice: "progress file \(fileURL.path) was unusable: \(reason), and could not be moved aside (\(failure)); progress will not be saved",
            canSave: false)
    }

    /// Writes `progress` atomically, creating the folder if needed.
    public func save(_ progress: CourseProgress) throws(ProgressError) {
        let failure = { (reason: String) in ProgressError(path: self.fileURL.path, reason: reason) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw failure((error as NSError).localizedDescription)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(progress) } catch { throw failure("\(error)") }
        let temporary = directory.appendingPathComponent(".\(Self.fileName).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw failure("cannot create a temporary file in \(directory.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data + Data("\n".utf8))
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw failure((error as NSError).localizedDescription)
        }
        guard rename(temporary.path, fileURL.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw failure(reason)
        }
        // Make the rename itself durable: fsync the folder's entry list.
        let folder = open(directory.path, O_RDONLY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .dataCorrupted(context), let .keyNotFound(_, context), let .typeMismatch(_, context), let .valueNotFound(_, context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
