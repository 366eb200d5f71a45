import ArgumentParser
import ConvLabApp
import TerminalUI

/// `convlab demo NAME [--option value ...]`: opens one demo directly; back or quit from it
/// ends the program. `convlab demo --list` prints the demos and their options without a
/// terminal.
///
/// The options are checked by the demo itself before curses starts, so a mistake is one line
/// on stderr and the terminal is never left half set up.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open one demo directly, with options.",
        discussion: """
            Every demo takes its own options as --name value pairs; `convlab demo --list` shows \
            them, and `convlab demo NAME --help` shows one demo's. Leaving the demo (q or Esc) \
            ends the program.
            """)

    @Flag(help: "List the demos and their options (no terminal needed).") var list = false
    @Argument(help: "The demo to open (see --list).") var name: String?
    @Argument(parsing: .captureForPassthrough, help: "The demo's options: --name value ...") var options: [String] = []

    func run() throws {
        let catalog = DemoCatalog()
        if list {
            print(DemoListing.text(for: catalog))
            return
        }
        guard let name else { throw CommandError.missingDemoName(known: catalog.names) }
        let demo: any DemoScreen.Type
        do { demo = try catalog.requireDemo(named: name) } catch { throw CommandError.demo(error) }
        if DemoOptions.asksForHelp(options) {
            print(DemoListing.entry(for: demo, catalog: catalog).joined(separator: "\n"))
            return
        }
        let request = DemoRequest(name: name, parameters: try DemoOptions.parse(options))
        do { try catalog.validate(request, context: AppContext()) } catch { throw CommandError.demo(error) }
        try InteractiveSession.run(command: "convlab demo") { context in
            do throws(DemoCatalogError) {
                return try App.demo(request, catalog: catalog, context: context)
            } catch {
                throw CommandError.demo(error)
            }
        }
    }
}
