import ArgumentParser
import ConvEngine
import ConvLabApp
import Foundation
import Lessons

/// `convlab lesson ID`: opens the lesson player on one lesson; leaving it ends the program.
/// Progress is read from and saved to `$XDG_STATE_HOME/convlab/progress.json`, and the lesson
/// resumes after the furthest step finished.
///
/// The id is checked before curses starts, so a mistake is one line on stderr listing the
/// lessons that exist.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Open one lesson in the interactive player.",
        discussion: """
            → or n moves to the next step, ← or b back; an exercise takes a typed answer (Enter \
            submits), h shows a hint, s the answer, r asks again. ? lists every key. Answers and \
            steps are saved as you go; 'convlab lessons list' shows the lesson ids and your progress.
            """)

    @Argument(help: "The lesson's id (see 'convlab lessons list').") var id: String
    @OptionGroup var options: CourseOptions

    func run() throws {
        let course = try options.loadCourse()
        guard course.lesson(id: id) != nil else {
            let known = course.lessons.map(\.id)
            throw LessonsCommandError.unknownLesson(id, known: known, suggestion: NearestWord.suggestion(for: id, among: known))
        }
        let library = options.loadLibrary(course: course)
        try InteractiveSession.run(command: "convlab lesson") { context in
            guard let app = App.lesson(id, library: library, context: context) else {
                throw LessonsCommandError.unknownLesson(id, known: course.lessons.map(\.id), suggestion: nil)
            }
            return app
        }
    }
}
