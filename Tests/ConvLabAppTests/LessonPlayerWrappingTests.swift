import Lessons
import Testing
import TerminalUI
@testable import ConvLabApp

@Suite struct LessonPlayerWrappingTests {
    /// A choice longer than the 78-column body wraps under its own text instead of being cut:
    /// every word is on screen at 80×24 and the continuation starts under the option's text
    /// (the body's 2-column margin, then "a) ").
    @Test func longChoicesWrapAtEightyByTwentyFour() {
        let long = "the output keeps the input's height and width because one ring of zeros on each side replaces the two positions a 3×3 kernel loses"
        let location = TestLesson.location
        let lesson = Lesson(
            id: "wrap", title: "Wrapping", summary: "A long choice.",
            steps: [Step(.exercise(Exercise(
                id: "long", kind: .choice(options: ["the output shrinks", long]), prompt: "What does padding 1 do to a 3×3 convolution?",
                statedAnswer: "b", explanation: "Padding 1 adds one ring of zeros.", location: location)), location: location)],
            location: location)
        let player = LessonPlayerScreen(lesson: lesson, progress: LessonProgress(finishedStep: -1))
        let lines = player.body().trimmedLines
        let first = lines.firstIndex { $0.hasPrefix("    b) the output keeps") }
        #expect(first != nil, "\(lines.joined(separator: "\n"))")
        guard let first else { return }
        var text = String(lines[first].dropFirst(7))
        var next = first + 1
        while next < lines.count, lines[next].hasPrefix("       "), !lines[next].trimmingCharacters(in: .whitespaces).isEmpty {
            text += " " + lines[next].trimmingCharacters(in: .whitespaces)
            next += 1
        }
        #expect(next > first + 1, "\(lines.joined(separator: "\n"))")
        #expect(text == long, "\(lines.joined(separator: "\n"))")
        #expect(!lines.joined().contains("…"))
        #expect(lines.contains("    a) the output shrinks"))
    }
}
