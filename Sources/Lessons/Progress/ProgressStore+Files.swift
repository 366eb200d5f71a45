import Foundation

/// The file work behind `ProgressStore`: reading and classifying the file, the lock, the
/// atomic write and the clean-up of temporary files.
extension ProgressStore {
    /// What `progress.json` holds.
    enum FileState {
        case absent
        /// Progress of this format; `isReadOnly` when no one may write the file (its mode
        /// has no write bit), which a save must respect even as root.
        case usable(CourseProgress, isReadOnly: Bool)
        /// A format newer than this build reads: someone's progress, to be left alone.
        case newer(format: Int)
        /// Not progress this build can use; why, for the notice.
        case unusable(reason: String)
    }

    /// Only the version, read first, so a newer file's other fields are never judged.
    private struct FormatVersion: Decodable {
        var format: Int
    }

    func readFile() -> FileState {
        var status = stat()
        guard lstat(fileURL.path, &status) == 0 else {
            // No file there (a parent that is a file counts too); saving will say why not.
            return errno == ENOENT || errno == ENOTDIR ? .absent : .unusable(reason: "it cannot be examined (\(String(cString: strerror(errno))))")
        }
        // A fifo would block the read and a device never end: only a regular file is read.
        guard status.st_mode & S_IFMT == S_IFREG else { return .unusable(reason: "it is not a regular file") }
        let data: Data
        do { data = try Data(contentsOf: fileURL) } catch {
            return .unusable(reason: "it cannot be read")
        }
        do {
            let version = try JSONDecoder().decode(FormatVersion.self, from: data)
            if version.format > CourseProgress.currentFormat { return .newer(format: version.format) }
            guard version.format == CourseProgress.currentFormat else {
                return .unusable(reason: "it has format \(version.format), not \(CourseProgress.currentFormat)")
            }
            let progress = try JSONDecoder().decode(CourseProgress.self, from: data)
            return .usable(progress, isReadOnly: status.st_mode & 0o222 == 0)
        } catch let error as DecodingError {
            return .unusable(reason: "it is not valid progress JSON (\(Self.describe(error)))")
        } catch {
            return .unusable(reason: "it is not valid progress JSON")
        }
    }

    /// The file's permission bits, so a rewrite keeps them (a 0600 file stays 0600).
    func fileMode() -> mode_t? {
        var status = stat()
        guard stat(fileURL.path, &status) == 0 else { return nil }
        return status.st_mode & 0o7777
    }

    /// Runs `body` holding the exclusive lock on `.progress.lock` in the folder. `flock`
    /// locks belong to an open file, so two stores in one process exclude each other too.
    func withLock<T>(_ body: () throws(ProgressError) -> T) throws(ProgressError) -> T {
        let lockPath = directory.appendingPathComponent(Self.lockName).path
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw failure("the folder is not writable (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure("cannot lock \(lockPath) (\(String(cString: strerror(errno))))") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// `.progress.json.<UUID>.tmp` files: a save writes one and renames it within the lock,
    /// so any seen under the lock was left by a writer that was killed.
    func removeTemporaryFiles() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(".\(Self.fileName).") && name.hasSuffix(".tmp") {
            unlink(directory.appendingPathComponent(name).path)
        }
    }

    /// Writes `progress` to a temporary file (with `mode` when replacing a file), flushes it
    /// and renames it over `progress.json`, then flushes the folder so the rename lasts.
    func write(_ progress: CourseProgress, mode: mode_t?) throws(ProgressError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(progress) + Data("\n".utf8) } catch { throw failure("\(error)") }
        let temporary = directory.appendingPathComponent(".\(Self.fileName).\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode ?? 0o644)
        guard descriptor >= 0 else {
            throw failure("cannot create a temporary file in \(directory.path) (\(String(cString: strerror(errno))))")
        }
        var written = 0
        let problem: String? = data.withUnsafeBytes { bytes in
            while written < bytes.count {
                let count = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                written += count
            }
            // The umask narrows open's mode; the old file's bits are restored exactly.
            if let mode, fchmod(descriptor, mode) != 0 { return String(cString: strerror(errno)) }
            return fsync(descriptor) == 0 ? nil : String(cString: strerror(errno))
        }
        close(descriptor)
        if let problem {
            unlink(temporary)
            throw failure(problem)
        }
        guard rename(temporary, fileURL.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw failure(reason)
        }
        let folder = open(directory.path, O_RDONLY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .dataCorrupted(context), let .keyNotFound(_, context), let .typeMismatch(_, context), let .valueNotFound(_, context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
