import Foundation
import Lessons
import Testing

@Suite("Progress: atomic JSON under XDG_STATE_HOME, corrupt files kept aside")
struct ProgressStoreTests {
    /// A fresh empty folder per test.
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The folder's files but the lock file, which stays once made.
    func contents(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != ".progress.lock" }.sorted()
    }

    @Test("the folder follows XDG_STATE_HOME, falling back to ~/.local/state")
    func defaultDirectory() {
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/a"]).path == "/state/convlab")
        #expect(ProgressStore.defaultDirectory(environment: ["HOME": "/home/a"]).path == "/home/a/.local/state/convlab")
        // A relative XDG_STATE_HOME is invalid by the spec and ignored.
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/a"]).path == "/home/a/.local/state/convlab")
    }

    @Test("no file means empty progress; a save creates the folder and reads back equal, leaving no temporary file")
    func roundTrip() throws {
        let root = try temporaryFolder()
        let store = ProgressStore(directory: root.appendingPathComponent("convlab"))
        let empty = store.load()
        #expect(empty.progress == CourseProgress())
        #expect(empty.notice == nil)
        var progress = CourseProgress()
        progress[lessonID: "output-size"] = LessonProgress(finishedStep: 3, correctExercises: ["seven-by-three"], done: false)
        try store.save(progress)
        progress[lessonID: "pooling"].done = true
        try store.save(progress)
        #expect(store.load().progress == progress)
        #expect(try contents(of: store.directory) == ["progress.json"])
        let text = try String(contentsOf: store.fileURL, encoding: .utf8)
        #expect(text.contains("\"finishedStep\" : 3"))
    }

    @Test("a corrupt file is renamed with a timestamp, the learner told, and never overwritten")
    func corruptFileMovedAside() throws {
        let folder = try temporaryFolder()
        // 2026-11-25 20:15:00 UTC.
        let store = ProgressStore(directory: folder, now: { Date(timeIntervalSince1970: 1_795_637_700) })
        try Data("{ not json".utf8).write(to: store.fileURL)
        let load = store.load()
        #expect(load.progress == CourseProgress())
        #expect(load.canSave)
        let notice = try #require(load.notice)
        #expect(notice.contains("progress.json.corrupt-20261125T201500"))
        #expect(notice.contains("not valid progress JSON"))
        #expect(try contents(of: folder) == ["progress.json.corrupt-20261125T201500"])
        #expect(try String(contentsOf: folder.appendingPathComponent("progress.json.corrupt-20261125T201500"), encoding: .utf8) == "{ not json")

        // A second corrupt file in the same second gets its own name.
        try Data("[]".utf8).write(to: store.fileURL)
        _ = store.load()
        #expect(try contents(of: folder) == ["progress.json.corrupt-20261125T201500", "progress.json.corrupt-20261125T201500-2"])
    }

    @Test("a file from an older, unknown format version is kept aside")
    func unknownOlderFormat() throws {
        let folder = try temporaryFolder()
        let store = ProgressStore(directory: folder, now: { Date(timeIntervalSince1970: 0) })
        try Data(#"{"format": 0, "lessons": {}}"#.utf8).write(to: store.fileURL)
        let load = store.load()
        #expect(load.notice?.contains("format 0, not 1") == true)
        #expect(try contents(of: folder) == ["progress.json.corrupt-19700101T000000"])
    }

    @Test("saving into a folder that cannot be created throws a message naming the file")
    func unwritable() throws {
        let folder = try temporaryFolder()
        let blocker = folder.appendingPathComponent("file")
        try Data().write(to: blocker)
        let store = ProgressStore(directory: blocker.appendingPathComponent("convlab"))
        #expect(throws: ProgressError.self) { try store.save(CourseProgress()) }
    }
}
