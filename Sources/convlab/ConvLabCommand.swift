import ArgumentParser
import ConvLabApp
import Foundation

/// The `convlab` binary: an interactive tutor by default, plain subcommands for scripts.
@main
struct ConvLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convlab",
        abstract: "A terminal tutor for convolutional neural networks.",
        usage: "convlab [<subcommand>]",
        discussion: """
            Run without a subcommand to open the interactive tutor (it needs a terminal of at \
            least 80×24; ? lists every key, q goes back). `convlab demo NAME` opens one demo \
            directly and `convlab lesson ID` one lesson. The other subcommands work without a \
            terminal and print plain text.
            """,
        version: ConvLabVersion.current,
        subcommands: [
            ArchCommand.self, ComputeCommand.self, DemoCommand.self, LessonCommand.self, LessonsCommand.self, QuizCommand.self,
            TrainCommand.self, BenchCommand.self,
        ]
    )

    @OptionGroup var options: CourseOptions

    /// No subcommand: the interactive tutor, on the home screen, with the course's lessons.
    func run() throws {
        let library = options.loadLibrary(course: try options.loadCourse())
        try InteractiveSession.run(command: "convlab") { context in
            App.home(library: library, context: context)
        }
    }

    /// Parses and runs like ArgumentParser's own `main`, except that every error, a usage
    /// mistake included, is reported on exactly one line (`Error: …`) and exits with status 1.
    /// Help and `--version` still print in full and exit 0.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let exitCode = exitCode(for: error)
            if exitCode == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = self.message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
            Foundation.exit(1)
        }
    }
}

enum ConvLabVersion {
    static let current = "0.1.0"
}
