import Testing
@testable import convlab

@Suite struct DemoOptionsTests {
    @Test func pairsBecomeParameters() throws {
        #expect(try DemoOptions.parse([]) == [:])
        #expect(try DemoOptions.parse(["--stride", "2", "--padding=1", "--shift", "-3"])
            == ["stride": "2", "padding": "1", "shift": "-3"])
        #expect(try DemoOptions.parse(["--image="]) == ["image": ""])
    }

    @Test func malformedOptionsAreOneLineErrors() {
        let cases: [([String], String)] = [
            (["2"], "expected an option such as --stride 2, got '2'"),
            (["--"], "expected an option such as --stride 2, got '--'"),
            (["--stride"], "--stride needs a value, as in --stride 2"),
            (["--stride", "--padding", "1"], "--stride needs a value, as in --stride 2"),
            (["--stride", "1", "--stride=2"], "--stride is given twice"),
        ]
        for (arguments, message) in cases {
            #expect(throws: (any Error).self) { try DemoOptions.parse(arguments) }
            do {
                _ = try DemoOptions.parse(arguments)
            } catch {
                #expect("\(error)" == message, "for \(arguments)")
            }
        }
    }

    @Test func helpIsRecognised() {
        #expect(DemoOptions.asksForHelp(["--stride", "2", "--help"]))
        #expect(DemoOptions.asksForHelp(["-h"]))
        #expect(!DemoOptions.asksForHelp(["--stride", "2"]))
    }

    @Test func noTerminalMessageNamesThePlainCommandsOnOneLine() {
        let message = CommandError.needsTerminal(command: "convlab").description
        #expect(message == "convlab needs a terminal for the interactive tutor; without one, use: convlab arch, convlab compute, convlab demo --list, convlab lessons, convlab quiz ID --plain")
        #expect(!message.contains("\n"))
    }
}
