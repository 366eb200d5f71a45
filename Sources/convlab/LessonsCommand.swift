import ArgumentParser
import ConvEngine
import ConvLabApp
import Foundation
import Lessons

/// `convlab lessons list|check|export`: the course as plain text, its validation, and every
/// exercise's derived answer as JSON.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List, check or export the course's lessons.",
        subcommands: [List.self, Check.self, Export.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the lessons with their steps, exercises and your progress.",
            discussion: "PROGRESS is 'done', exercises answered correctly (3/5), or '-' when not started.")

        @OptionGroup var options: CourseOptions

        func run() throws {
            let course = try options.loadCourse()
            let progress = options.loadProgress().progress
            let rows = course.lessons.map { lesson in
                [lesson.id, lesson.title, String(lesson.steps.count), String(lesson.exercises.count),
                 progress[lessonID: lesson.id].mark(for: lesson)]
            }
            print(PlainTable.render(header: ["ID", "TITLE", "STEPS", "EXERCISES", "PROGRESS"], rows: rows, rightAligned: [2, 3]))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the course and re-derive every answer the engine can compute.",
            discussion: """
                Prints 'file:line: message' for each problem and exits 1, or prints one OK line. \
                DIR defaults to --lessons, then $CONVLAB_LESSONS, then the built-in course.
                """)

        @Argument(help: "A lessons folder (holding course.yaml).") var directory: String?
        @OptionGroup var options: CourseOptions

        func run() throws {
            let source = directory.map { CourseSource.directory(URL(fileURLWithPath: $0), displayPath: Self.trimmed($0)) } ?? options.source
            let report = CourseChecker.check(source, demos: DemoCatalog().lessonDemos())
            if report.isSound {
                print(report.summary)
                return
            }
            for problem in report.problems { print(problem.description) }
            print("\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") found")
            // Not a thrown error: the problems above are the message, and ConvLabCommand.main
            // would add an "Error:" line of its own.
            fflush(nil)
            Foundation.exit(1)
        }

        /// `lessons/` → `lessons`, so messages read `lessons/01-x.yaml`.
        static func trimmed(_ path: String) -> String {
            var path = path
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            return path
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every exercise with its expected answer (as the engine derives it) as JSON.",
            discussion: "Parametric exercises are shown with their first set of numbers (attempt 0).")

        @Flag(help: "Write JSON (the only format).") var json = false
        @OptionGroup var options: CourseOptions

        func run() throws {
            guard json else { throw LessonsCommandError.exportNeedsJSON }
            let course = try options.loadCourse()
            var records: [ExportedExercise] = []
            for lesson in course.lessons {
                for exercise in lesson.exercises {
                    let prepared: PreparedExercise
                    do { prepared = try exercise.prepared(attempt: 0) } catch {
                        throw LessonsCommandError.brokenCourse([error])
                    }
                    records.append(ExportedExercise(lesson: lesson.id, prepared: prepared))
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(records), as: UTF8.self))
        }
    }
}

/// One exercise in `lessons export --json`.
struct ExportedExercise: Encodable {
    var lesson: String
    var id: String
    var kind: String
    /// What the exercise tests: understanding, recall or arithmetic (`tests:` or its kind's default).
    var tests: String
    var prompt: String
    /// The expected answer as a learner would type it.
    var answer: String
    /// Whether the engine derived `answer` (else it is as the lesson states it).
    var derived: Bool
    /// How it was derived, e.g. `(7 − 3 + 2·0)/1 + 1 = 5`.
    var working: String?
    var options: [String]?
    var hints: [String]
    var explanation: String
    /// The placeholder values of a parametric exercise's attempt 0.
    var values: [String: Int]?
    /// What an engine-built exercise shows under its prompt (its maps or its table).
    var details: [String]?
    /// The command of the demo that opens after answering (`then:`).
    var then: String?

    init(lesson: String, prepared: PreparedExercise) {
        self.lesson = lesson
        id = prepared.exercise.id
        kind = prepared.kind.name
        tests = prepared.exercise.category.rawValue
        prompt = prepared.prompt
        answer = prepared.typedAnswer
        derived = prepared.exercise.isDerived
        working = prepared.working
        if case let .choice(choices) = prepared.kind { options = choices }
        hints = prepared.hints
        explanation = prepared.explanation
        values = prepared.values.isEmpty ? nil : prepared.values
        details = prepared.kind.isStructured ? prepared.kind.detailLines : nil
        then = prepared.exercise.then?.command
    }
}

/// Columns padded to their widest cell, two spaces apart, for plain listings.
enum PlainTable {
    static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                if column == row.count - 1 && !rightAligned.contains(column) { return row[column] }
                return rightAligned.contains(column) ? padding + row[column] : row[column] + padding
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
