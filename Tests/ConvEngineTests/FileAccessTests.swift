import Foundation
import Testing
@testable import ConvEngine
@testable import ConvFiles

/// What every reader and writer does with paths that are not plain files: one line each, no
/// endless read of a device or fifo, and no save that swaps a device, fifo, folder or link for
/// a regular file.
@Suite struct FileAccessTests {
    static let tensor = Tensor(shape: [2], scalars: [1, 2])

    private func readError(_ url: URL) -> String? {
        arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.read(from: url) }
    }

    private func writeError(_ url: URL) -> String? {
        arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.write(Self.tensor, to: url) }
    }

    private func makeFifo(in folder: URL) throws -> URL {
        let fifo = folder.appendingPathComponent("pipe.npy")
        try #require(mkfifo(fifo.path, 0o644) == 0)
        return fifo
    }

    private func fileType(_ url: URL) -> mode_t {
        var status = stat()
        return lstat(url.path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    // MARK: reading

    @Test func readingRefusesEverythingButARegularFileInOneLine() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(readError(folder) == "\(folder.path): cannot read: it is a folder, not a file")
        // A fifo with no writer: reading it would wait forever, so it is refused at once.
        let fifo = try makeFifo(in: folder)
        #expect(readError(fifo) == "\(fifo.path): cannot read: it is a fifo, not a regular file")
        #expect(readError(URL(fileURLWithPath: "/dev/zero")) == "/dev/zero: cannot read: it is a character device, not a regular file")
        let missing = folder.appendingPathComponent("absent.npy")
        #expect(readError(missing) == "\(missing.path): no such file")
        let plain = folder.appendingPathComponent("plain.npy")
        try NumpyArray.write(Self.tensor, to: plain)
        let throughAFile = plain.appendingPathComponent("inner.npy")
        #expect(readError(throughAFile) == "\(throughAFile.path): cannot read: a part of its path is not a folder")
        // The other readers share the same checks and words.
        #expect(throws: DatasetFileError.unreadable(file: fifo.path, reason: "it is a fifo, not a regular file")) {
            try PortableAnymap.read(from: fifo)
        }
        #expect(throws: DatasetFileError.unreadable(file: folder.path, reason: "it is a folder, not a file")) {
            try IDXFile.read(from: folder)
        }
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArchive.read(from: URL(fileURLWithPath: "/dev/zero")) }
            == "/dev/zero: cannot read: it is a character device, not a regular file")
    }

    @Test func readingRefusesAFileLargerThanTheLimitWithoutReadingIt() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A sparse file one byte over the limit: refused from its size, before any read.
        let huge = folder.appendingPathComponent("huge.npy")
        try #require(FileManager.default.createFile(atPath: huge.path, contents: nil))
        try #require(truncate(huge.path, off_t(Limits.fileBytes + 1)) == 0)
        #expect(readError(huge) == "\(huge.path): cannot read: it holds 2147483649 bytes, more than the limit of 2147483648 (2.1 GB)")
    }

    // Root reads any file whatever its mode, so there is nothing to refuse then.
    @Test(.enabled(if: geteuid() != 0, "root reads files whatever their mode"))
    func readingAFileWithoutPermissionSaysSo() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let locked = folder.appendingPathComponent("locked.npy")
        try NumpyArray.write(Self.tensor, to: locked)
        try #require(chmod(locked.path, 0) == 0)
        #expect(readError(locked) == "\(locked.path): cannot read: Permission denied")
    }

    // MARK: writing

    @Test func savingRefusesToReplaceDevicesFifosFoldersAndLinks() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = try makeFifo(in: folder)
        #expect(writeError(fifo) == "\(fifo.path): cannot write: it is a fifo, not a regular file; refusing to replace it")
        #expect(fileType(fifo) == S_IFIFO)
        let full = URL(fileURLWithPath: "/dev/full")
        #expect(writeError(full) == "/dev/full: cannot write: it is a character device, not a regular file; refusing to replace it")
        #expect(fileType(full) == S_IFCHR)
        let target = folder.appendingPathComponent("target.npy")
        try NumpyArray.write(Self.tensor, to: target)
        let link = folder.appendingPathComponent("link.npy")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(writeError(link) == "\(link.path): cannot write: it is a symbolic link, not a regular file; refusing to replace it")
        #expect(fileType(link) == S_IFLNK)
        let subfolder = folder.appendingPathComponent("taken.npy")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: false)
        #expect(writeError(subfolder) == "\(subfolder.path): cannot write: it is a folder, not a regular file; refusing to replace it")
        // Nothing was added beside them: no temporary file survives a refusal.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == ["link.npy", "pipe.npy", "taken.npy", "target.npy"])
    }

    @Test func savingIntoAFolderThatTakesNoFilesSaysWhy() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("file.npy")
        try NumpyArray.write(Self.tensor, to: file)
        let underAFile = file.appendingPathComponent("out.npy")
        #expect(writeError(underAFile) == "\(underAFile.path): cannot write: \(file.path) is not a folder")
        let missing = folder.appendingPathComponent("missing/out.npy")
        #expect(writeError(missing) == "\(missing.path): cannot write: the folder \(folder.path)/missing does not exist")
        // /proc/version is a regular file in a folder that takes no new files: the message says
        // so instead of "no such file".
        if FileManager.default.fileExists(atPath: "/proc/version") {
            #expect(writeError(URL(fileURLWithPath: "/proc/version"))
                == "/proc/version: cannot write: cannot create a file in the folder /proc: it does not accept new files")
        }
    }

    @Test func replacingARegularFileKeepsItsPermissions() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("kept.npy")
        try NumpyArray.write(Tensor(shape: [1], scalars: [0]), to: url)
        try #require(chmod(url.path, 0o640) == 0)
        try NumpyArray.write(Self.tensor, to: url)
        var status = stat()
        try #require(stat(url.path, &status) == 0)
        #expect(status.st_mode & 0o7777 == 0o640)
        #expect(try NumpyArray.read(from: url) == Self.tensor)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.npy"])
    }

    @Test func checkWritableValidatesAPathWithoutWritingIt() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func checkError(_ url: URL) -> String? {
            arrayFileErrorMessage { () throws(ArrayFileError) in try AtomicFile.checkWritable(url) }
        }
        let fresh = folder.appendingPathComponent("fresh.npz")
        #expect(checkError(fresh) == nil)
        let existing = folder.appendingPathComponent("existing.npz")
        try NumpyArchive.write(["a": Self.tensor], to: existing)
        let before = try Data(contentsOf: existing)
        #expect(checkError(existing) == nil)
        #expect(try Data(contentsOf: existing) == before)
        // The probe file it creates to test the folder is gone again.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["existing.npz"])
        #expect(checkError(folder) == "\(folder.path): cannot write: it is a folder, not a regular file; refusing to replace it")
        let missing = folder.appendingPathComponent("missing/run.npz")
        #expect(checkError(missing) == "\(missing.path): cannot write: the folder \(folder.path)/missing does not exist")
        #expect(checkError(URL(fileURLWithPath: "/dev/full"))
            == "/dev/full: cannot write: it is a character device, not a regular file; refusing to replace it")
        if FileManager.default.fileExists(atPath: "/proc/version") {
            #expect(checkError(URL(fileURLWithPath: "/proc/version"))
                == "/proc/version: cannot write: cannot create a file in the folder /proc: it does not accept new files")
        }
    }
}
