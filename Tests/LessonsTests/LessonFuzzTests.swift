import ConvEngine
import Foundation
@testable import Lessons
import Testing

/// Random, truncated and mutated lesson files built from the real course: each must decode to
/// a lesson whose exercises prepare (or refuse with a problem in the file), or give problems
/// at `fuzz.yaml:LINE`, one line each. Never a trap, and no try takes long: aliases, nesting
/// and every number are bounded before any work that grows with them.
@Suite("Lesson decoder fuzz: seeded, mutated real lessons give file:line problems or valid lessons")
struct LessonFuzzTests {
    static let tries = 2_000
    static let file = "fuzz.yaml"

    /// Pieces that YAML, the decoder or the engine treat specially.
    static let tokens = [
        "*a", "&a ", "<<: *a\n", "{", "}", "[", "]", ": ", "- ", "|\n", ">\n", "'", "\"", "#", "\t", "\n", "    ",
        "!!binary ", "? ", "---\n", "...\n", "%YAML 1.1\n", "{size}", "{x}", "..", "x", "\u{0}", "é", "**", "\r",
        "vary: {size: -9223372036854775808..9223372036854775807}\n", "derive:\n", "seed: 18446744073709551616\n",
    ]
    /// Numbers past every bound, and the edges of them.
    static let numbers = [
        "-9223372036854775808", "9223372036854775807", "4611686018427387904", "3037000500", "99999999999999999999",
        "0", "-1", "16384", "16385", "65537", "1e300", "-0", "1_000_000", "0x10",
    ]

    static func pick<T>(_ items: [T], _ generator: inout SeededGenerator) -> T {
        items[generator.nextInt(below: items.count)]
    }

    /// One to three mutations of `text`, or now and then a document of random pieces.
    static func mutate(_ text: String, _ generator: inout SeededGenerator) -> String {
        if generator.nextInt(below: 10) == 0 {
            return (0..<generator.nextInt(below: 60)).map { _ in
                generator.nextInt(below: 2) == 0 ? pick(tokens, &generator) : pick(numbers, &generator)
            }.joined()
        }
        var characters = Array(text)
        for _ in 0...generator.nextInt(below: 3) {
            var lines = String(characters).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let line = generator.nextInt(below: max(lines.count, 1))
            switch generator.nextInt(below: 7) {
            case 0:
                characters = Array(characters.prefix(generator.nextInt(below: characters.count + 1)))
                continue
            case 1 where !lines.isEmpty:
                lines.remove(at: line)
            case 2 where !lines.isEmpty:
                lines.insert(lines[line], at: line)
            case 3 where !lines.isEmpty:
                lines.swapAt(line, generator.nextInt(below: lines.count))
            case 4 where !lines.isEmpty:
                lines[line] = generator.nextInt(below: 2) == 0 ? "  " + lines[line] : String(lines[line].dropFirst(2))
            case 5:
                // A number written in the lesson becomes one past every bound.
                let digits = characters.indices.filter { characters[$0].isNumber }
                guard let start = digits.isEmpty ? nil : pick(digits, &generator) else { continue }
                var end = start
                while end < characters.count, characters[end].isNumber { end += 1 }
                characters.replaceSubrange(start..<end, with: Array(pick(numbers, &generator)))
                continue
            default:
                let position = generator.nextInt(below: characters.count + 1)
                characters.insert(contentsOf: Array(pick(tokens, &generator)), at: position)
                continue
            }
            characters = Array(lines.joined(separator: "\n"))
        }
        return String(characters)
    }

    /// Lines as libyaml counts them: `\r\n`, `\r`, `\n` and the Unicode line breaks each end one.
    static func lineCount(_ text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        var breaks = 0
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\r": if index + 1 == scalars.count || scalars[index + 1] != "\n" { breaks += 1 }
            case "\n", "\u{85}", "\u{2028}", "\u{2029}": breaks += 1
            default: continue
            }
        }
        return breaks + 1
    }

    /// Why `problem` is not a proper report about `text`, or nil when it is.
    static func fault(in problem: LessonProblem, lineCount: Int) -> String? {
        if problem.location.file != file { return "names \(problem.location.file): \(problem)" }
        if !(1...lineCount + 1).contains(problem.location.line) { return "points at line \(problem.location.line) of \(lineCount): \(problem)" }
        if problem.description.contains("\n") { return "spans lines: \(problem)" }
        return nil
    }

    @Test("2,000 seeded mutations of the course's lessons: a valid lesson or file:line problems, never a trap")
    func mutatedLessons() {
        var generator = SeededGenerator(seed: 11)
        let sources = EmbeddedCourse.files.sorted { $0.key < $1.key }.map(\.value)
        var faults: [String] = []
        var decoded = 0
        var refused = 0
        for attempt in 0..<Self.tries {
            let text = Self.mutate(Self.pick(sources, &generator), &generator)
            let lineCount = Self.lineCount(text)
            var problems: [LessonProblem] = []
            let lesson = LessonDecoder(file: Self.file, demos: nil).decode(text, problems: &problems)
            faults += problems.compactMap { Self.fault(in: $0, lineCount: lineCount) }.map { "try \(attempt): \($0)" }
            guard let lesson else {
                refused += 1
                if problems.isEmpty { faults.append("try \(attempt): refused without a problem") }
                continue
            }
            decoded += 1
            if !problems.isEmpty { faults.append("try \(attempt): a lesson and problems") }
            for exercise in lesson.exercises {
                for drawn in [0, generator.nextInt(below: Limits.attempt + 1)] {
                    do { _ = try exercise.prepared(attempt: drawn) } catch {
                        if let fault = Self.fault(in: error, lineCount: lineCount) { faults.append("try \(attempt), attempt \(drawn): \(fault)") }
                    }
                }
            }
        }
        #expect(faults.isEmpty, "\(faults.count) faults, first: \(faults.prefix(5))")
        // Both outcomes occur, so the mutations neither break everything nor nothing.
        #expect(decoded > Self.tries / 20)
        #expect(refused > Self.tries / 2)
    }
}
