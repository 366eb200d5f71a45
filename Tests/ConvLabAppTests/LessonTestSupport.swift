import Foundation
import Lessons
import TerminalUI
@testable import ConvLabApp

/// A small lesson written out in code, so the player's tests do not change when the course's
/// wording does: a text step with a list, a demo step, a shape exercise with two hints and a
/// choice exercise.
enum TestLesson {
    static let location = SourceLocation(file: "test.yaml", line: 1)

    static let lesson = Lesson(
        id: "sizes", title: "Output sizes", summary: "How big a convolution's output is.",
        steps: [
            Step(.text(RichText("""
                A 3×3 kernel on a 7×7 image gives a **5×5** output.

                - padding adds rings of zeros
                - stride skips positions
                """)!), location: location),
            Step(.demo(DemoStep(name: "geometry", parameters: ["size": "7", "kernel": "3"], caption: "Raise the padding to 1.")), location: location),
            Step(.exercise(Exercise(
                id: "seven", kind: .shape, prompt: "A 7×7 image, a 3×3 kernel, stride 1. What size is the output?",
                statedAnswer: "5x5", hints: ["Count the positions along one row.", "7 − 3 + 1"],
                explanation: "7 − 3 + 1 = 5 along each axis.", location: location)), location: location),
            Step(.exercise(Exercise(
                id: "pick", kind: .choice(options: ["1", "2", "3"]), prompt: "Which padding keeps a 5×5 kernel's output size?",
                statedAnswer: "b", explanation: "(5 − 1)/2 = 2.", location: location)), location: location),
        ],
        location: location)

    static let course = Course(title: "Test course", lessons: [lesson])

    /// A fresh temporary folder for a progress store.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-player-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension LessonPlayerScreen {
    /// Sends each key in order and returns every effect.
    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { update(.key($0)) }
    }

    /// Types `text` one character at a time.
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { update(.key(.character($0))) }
    }

    /// The body at 80×22, the area the app gives a screen at 80×24.
    func body(width: Int = 80, height: Int = 22) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        render(into: &buffer, area: buffer.area)
        return buffer
    }
}

extension App {
    /// Sends each character of `text` as a key.
    mutating func type(_ text: String) {
        for character in text { _ = update(event: .key(.character(character))) }
    }
}
