import Dispatch
import Foundation
import Lessons
import Testing

@Suite("Progress shared and protected: merged under a lock, nothing lost, kept files kept")
struct ProgressSharingTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-sharing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test("two stores saving at the same time to one folder keep every answer of both")
    func concurrentWritersMerge() throws {
        let folder = try temporaryFolder()
        let answersEach = 25
        let failures = SendableCounter()
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            // A store of its own per writer, as a second convlab process would have.
            let store = ProgressStore(directory: folder)
            var progress = store.load().progress
            for answer in 0..<answersEach {
                progress[lessonID: "shared"].recordCorrect("w\(writer)-\(answer)")
                progress[lessonID: "only-\(writer)"].finish(step: answer)
                do { try store.save(progress) } catch { failures.add() }
            }
        }
        #expect(failures.value == 0)
        let saved = ProgressStore(directory: folder).load().progress
        let expected = (0..<2).flatMap { writer in (0..<answersEach).map { "w\(writer)-\($0)" } }.sorted()
        #expect(saved[lessonID: "shared"].correctExercises == expected)
        #expect(saved[lessonID: "only-0"].finishedStep == answersEach - 1)
        #expect(saved[lessonID: "only-1"].finishedStep == answersEach - 1)
    }

    @Test("a store writes only what it changed: another's answers stay, and its own reset still resets")
    func mergeKeepsOthersAndResets() throws {
        let folder = try temporaryFolder()
        let first = ProgressStore(directory: folder)
        let second = ProgressStore(directory: folder)
        var mine = first.load().progress
        var theirs = second.load().progress
        mine[lessonID: "pooling"].recordCorrect("a")
        try first.save(mine)
        theirs[lessonID: "output-size"].recordCorrect("b")
        let merged = try second.save(theirs)
        #expect(merged.lessons.keys.sorted() == ["output-size", "pooling"])
        // The first store resets pooling; the second's lesson is untouched by that.
        mine.lessons["pooling"] = nil
        try first.save(mine)
        let saved = ProgressStore(directory: folder).load().progress
        #expect(saved.lessons.keys.sorted() == ["output-size"])
        #expect(saved[lessonID: "output-size"].correctExercises == ["b"])
    }

    @Test("temporary files left by killed writers are removed under the lock")
    func staleTemporaryFilesRemoved() throws {
        let folder = try temporaryFolder()
        for _ in 0..<3 {
            try Data(repeating: 65, count: 4096).write(to: folder.appendingPathComponent(".progress.json.\(UUID().uuidString).tmp"))
        }
        let store = ProgressStore(directory: folder)
        try store.save(CourseProgress(lessons: ["x": LessonProgress(finishedStep: 0)]))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == [".progress.lock", "progress.json"])
    }

    @Test("a rewrite keeps the file's permissions")
    func permissionsKept() throws {
        let folder = try temporaryFolder()
        let store = ProgressStore(directory: folder)
        try store.save(CourseProgress(lessons: ["x": LessonProgress(finishedStep: 0)]))
        #expect(chmod(store.fileURL.path, 0o600) == 0)
        try store.save(CourseProgress(lessons: ["x": LessonProgress(finishedStep: 1)]))
        #expect(try mode(of: store.fileURL.path) == 0o600)
        #expect(ProgressStore(directory: folder).load().progress[lessonID: "x"].finishedStep == 1)
    }

    @Test("a read-only file is neither replaced nor made writable: loading says so, saving refuses")
    func readOnlyFileKept() throws {
        let folder = try temporaryFolder()
        let store = ProgressStore(directory: folder)
        try store.save(CourseProgress(lessons: ["x": LessonProgress(finishedStep: 0)]))
        #expect(chmod(store.fileURL.path, 0o444) == 0)
        let before = try Data(contentsOf: store.fileURL)
        let load = store.load()
        #expect(!load.canSave)
        #expect(load.notice == "progress file \(store.fileURL.path) is read-only; progress will not be saved")
        #expect(load.progress[lessonID: "x"].finishedStep == 0)
        #expect(throws: ProgressError.self) { try store.save(CourseProgress(lessons: ["x": LessonProgress(finishedStep: 5)])) }
        do { try store.save(CourseProgress(lessons: ["x": LessonProgress(finishedStep: 5)])) } catch {
            #expect(error.description == "cannot save progress to \(store.fileURL.path): the file is read-only, so it was left as it is")
        }
        #expect(try Data(contentsOf: store.fileURL) == before)
        #expect(try mode(of: store.fileURL.path) == 0o444)
    }

    @Test("a read-only folder is refused with one message naming it")
    func readOnlyFolder() throws {
        let folder = try temporaryFolder()
        #expect(chmod(folder.path, 0o555) == 0)
        defer { chmod(folder.path, 0o755) }
        let store = ProgressStore(directory: folder)
        do {
            try store.save(CourseProgress(lessons: ["x": LessonProgress(finishedStep: 0)]))
            Issue.record("saved into a read-only folder")
        } catch {
            #expect(error.description == "cannot save progress to \(store.fileURL.path): the folder \(folder.path) is read-only")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a file from a newer format is left alone with a message, never moved aside or overwritten")
    func newerFormatLeftAlone() throws {
        let folder = try temporaryFolder()
        let store = ProgressStore(directory: folder)
        let newer = Data(#"{"format": 2, "lessons": {"x": {"stars": 3}}, "badges": []}"#.utf8)
        try newer.write(to: store.fileURL)
        let load = store.load()
        #expect(!load.canSave)
        #expect(load.notice == "progress file \(store.fileURL.path) was written by a newer convlab (format 2; this one reads 1); it is left as it is and progress will not be saved")
        do {
            try store.save(CourseProgress(lessons: ["x": LessonProgress(finishedStep: 0)]))
            Issue.record("saved over a newer file")
        } catch {
            #expect(error.reason == "it was written by a newer convlab (format 2), so it was left as it is")
        }
        #expect(try Data(contentsOf: store.fileURL) == newer)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") } == ["progress.json"])
    }

    @Test("the three-way merge: added and removed answers, steps that only move back on a reset, done as changed")
    func mergeRules() {
        let base = LessonProgress(finishedStep: 2, correctExercises: ["a", "b"], done: false)
        let disk = LessonProgress(finishedStep: 4, correctExercises: ["a", "b", "c"], done: true)
        let mine = LessonProgress(finishedStep: 3, correctExercises: ["b", "d"], done: false)
        let merged = CourseProgress(lessons: ["l": mine]).merged(onto: CourseProgress(lessons: ["l": disk]), base: CourseProgress(lessons: ["l": base]))
        #expect(merged.lessons["l"] == LessonProgress(finishedStep: 4, correctExercises: ["b", "c", "d"], done: true))
        let reset = LessonProgress(finishedStep: 0, correctExercises: [], done: false)
        let afterReset = CourseProgress(lessons: ["l": reset]).merged(onto: CourseProgress(lessons: ["l": disk]), base: CourseProgress(lessons: ["l": base]))
        #expect(afterReset.lessons["l"] == LessonProgress(finishedStep: 0, correctExercises: ["c"], done: true))
    }
}

/// A counter the concurrent writers share.
final class SendableCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
