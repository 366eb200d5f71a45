import ArgumentParser
import ConvEngine
import Foundation

/// `convlab arch NAME|SPEC`: each layer's output shape and parameter count, and the total.
struct ArchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arch",
        abstract: "Show an architecture's layer shapes and parameter counts.",
        discussion: """
            NAME is one of: \(NamedArchitecture.allCases.map(\.name).joined(separator: ", ")).
            SPEC is one line of layers separated by '|', for example:
              convlab arch "input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | flatten | linear 10"
            Layers: input HxWxC, conv K FxF [stride S] [pad P|same] [dilation D] [nobias] [floor],
            maxpool K [stride S] [pad P] [floor], avgpool K [stride S] [pad P] [floor], relu,
            leakyrelu [SLOPE], sigmoid, tanh, flatten, linear N [nobias]. Sizes may be written 3 or
            3x1 (height x width).
            A conv or pooling layer whose windows do not tile its input, (W - F + 2P)/S + 1 not a
            whole number, is refused unless it says floor: then, as in PyTorch, the output is
            floor((W - F + 2P)/S) + 1 and the table notes the rows and columns it drops.
              convlab arch "input 224x224x3 | conv 64 7x7 stride 2 pad 3 floor"
            With --json, such a layer carries "convention": "floor" and "dropped".
            Output shapes are printed C×H×W (channels first, as the engine and PyTorch store
            them); the spec's input, like the course, is written height x width x channels.
            """)

    @Argument(help: "A named architecture or a spec in quotes.") var architecture: String
    @Flag(help: "Print the same table as JSON.") var json = false

    func run() throws {
        let summary = try ArchitectureSpec(nameOrSpec: architecture).summary()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(summary.renderTable())
        }
    }
}
