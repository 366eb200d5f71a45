import Foundation
import Synchronization

/// What loading progress gave: the progress (empty when there was none or it was unusable), a
/// notice for the learner when something was wrong, and whether saving is safe.
public struct ProgressLoad: Sendable {
    public var progress: CourseProgress
    /// Set when the file could not be used: says why and where it was kept.
    public var notice: String?
    /// False when saving would overwrite a file that must be kept: one that could not be
    /// moved aside, one written by a newer convlab, or a read-only one.
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
/// never half of one. Two processes may share the folder: a save takes an exclusive lock
/// (`flock` on `.progress.lock`), re-reads the file and writes it with only this store's
/// changes applied (`CourseProgress.merged(onto:base:)`), so every answer of both is kept.
/// Under the lock no other writer is busy, so temporary files left by a killed writer are
/// removed then.
///
/// A file that cannot be read or decoded is never overwritten: it is renamed to
/// `progress.json.corrupt-YYYYMMDDTHHMMSS` (UTC) and the learner is told. A file from a newer
/// format, or one made read-only, is left exactly as it is and progress is not saved.
public struct ProgressStore: Sendable {
    public static let fileName = "progress.json"
    static let lockName = ".progress.lock"

    public let directory: URL
    /// The clock used to name a corrupt file; injected by tests.
    let now: @Sendable () -> Date
    /// What this store last loaded, or was last given to save: the base its caller's changes
    /// are measured from. Shared by copies of the store, as the app copies it with its library.
    let base = Baseline()

    final class Baseline: Sendable {
        let progress = Mutex<CourseProgress?>(nil)
    }

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
        switch readFile() {
        case .absent:
            base.progress.withLock { $0 = CourseProgress() }
            return ProgressLoad(progress: CourseProgress(), notice: nil, canSave: true)
        case let .usable(progress, isReadOnly):
            base.progress.withLock { $0 = progress }
            guard !isReadOnly else {
                return ProgressLoad(progress: progress, notice: "progress file \(fileURL.path) is read-only; progress will not be saved", canSave: false)
            }
            return ProgressLoad(progress: progress, notice: nil, canSave: true)
        case let .newer(format):
            return ProgressLoad(progress: CourseProgress(), notice: Self.newerNotice(path: fileURL.path, format: format), canSave: false)
        case let .unusable(reason):
            base.progress.withLock { $0 = CourseProgress() }
            // Under the lock when it can be taken, so a writer's fresh file is not moved.
            let moved = try? withLock { () throws(ProgressError) -> ProgressLoad in
                if case let .unusable(reason) = readFile() { return moveAside(reason: reason) }
                return load()
            }
            return moved ?? moveAside(reason: reason)
        }
    }

    static func newerNotice(path: String, format: Int) -> String {
        "progress file \(path) was written by a newer convlab (format \(format); this one reads \(CourseProgress.currentFormat)); it is left as it is and progress will not be saved"
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

    /// Saves what changed in `progress` since this store last loaded or saved, merged under
    /// the lock with what the file holds now, and returns the merged progress (this
    /// process's answers and any another process saved meanwhile). Creates the folder if
    /// needed.
    @discardableResult
    public func save(_ progress: CourseProgress) throws(ProgressError) -> CourseProgress {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            // Foundation's own message names an error domain, not the problem.
            throw failure("the folder \(directory.path) cannot be created (a file is in the way, or a parent is not writable)")
        }
        // Like a read-only file, a folder without write bits is kept as it is, even by root.
        var folder = stat()
        if stat(directory.path, &folder) == 0, folder.st_mode & 0o222 == 0 {
            throw failure("the folder \(directory.path) is read-only")
        }
        return try withLock { () throws(ProgressError) -> CourseProgress in
            removeTemporaryFiles()
            let disk: CourseProgress
            var mode: mode_t?
            switch readFile() {
            case .absent:
                disk = CourseProgress()
            case let .usable(progress, isReadOnly):
                guard !isReadOnly else { throw failure("the file is read-only, so it was left as it is") }
                disk = progress
                mode = fileMode()
            case let .newer(format):
                throw failure("it was written by a newer convlab (format \(format)), so it was left as it is")
            case let .unusable(reason):
                // Changed since it was loaded: kept aside, never overwritten.
                let moved = moveAside(reason: reason)
                guard moved.canSave else { throw failure(moved.notice ?? reason) }
                disk = CourseProgress()
            }
            let merged = progress.merged(onto: disk, base: base.progress.withLock { $0 } ?? CourseProgress())
            try write(merged, mode: mode)
            // The next save's changes are measured from what the caller gave, not from the
            // merge: a caller that keeps its own copy has not removed the other's answers.
            base.progress.withLock { $0 = progress }
            return merged
        }
    }

    func failure(_ reason: String) -> ProgressError { ProgressError(path: fileURL.path, reason: reason) }
}
