import Foundation
import Lessons
import Testing
@testable import convlab

@Suite struct QuizCommandTests {
    /// The message `run()` fails with before it reads the course or any input.
    func failure(_ arguments: [String]) throws -> String {
        let command = try QuizCommand.parse(arguments)
        do {
            try command.run()
            Issue.record("\(arguments) ran")
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func negativeAndHugeAttemptsAreRefusedForWhatTheyAre() throws {
        // Parsed as a value, not reported as "Missing value for '--attempt'".
        #expect(try QuizCommand.parse(["output-size", "--plain", "--attempt", "-3"]).attempt == -3)
        #expect(try failure(["output-size", "--plain", "--attempt", "-3"]) == "--attempt must be at least 0, got -3")
        #expect(try failure(["output-size", "--plain", "--attempt", "9223372036854775807"])
            == "--attempt must be at most 1000000000, got 9223372036854775807")
    }

    @Test func aFailedSaveIsToldOnceAndMarksTheQuizUnsaved() throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-quiz-\(UUID().uuidString)")
        try Data().write(to: blocker)
        let store = ProgressStore(directory: blocker.appendingPathComponent("convlab"))
        var warnings: [String] = []
        var saver = QuizProgressSaver(store: store, load: store.load()) { warnings.append($0) }
        for step in 0..<3 { saver.save(LessonProgress(finishedStep: step), lessonID: "output-size") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasSuffix("answers from here on are not saved") == true)
        let reason = try #require(saver.notSaved)
        #expect(reason.contains("cannot be created"))
        #expect("\(LessonsCommandError.progressNotSaved(reason: reason))".hasPrefix("progress was not saved: cannot save progress to "))
    }

    @Test func aLoadThatMayNotBeSavedStartsUnsavedWithoutWriting() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-quiz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = ProgressStore(directory: folder)
        let newer = Data(#"{"format": 7, "lessons": {}}"#.utf8)
        try newer.write(to: store.fileURL)
        var warnings: [String] = []
        var saver = QuizProgressSaver(store: store, load: store.load()) { warnings.append($0) }
        saver.save(LessonProgress(finishedStep: 0), lessonID: "output-size")
        #expect(warnings.isEmpty)
        #expect(saver.notSaved?.contains("written by a newer convlab") == true)
        #expect(try Data(contentsOf: store.fileURL) == newer)
    }
}
