import ConvEngine
import ConvLabApp

/// Errors the plain commands report: one line naming what was wrong and where. The wording of
/// every command-line error lives here. ArgumentParser prints `Error: <description>` and exits 1.
enum CommandError: Error, CustomStringConvertible {
    case wrongRank(file: String, role: String, expected: String, shape: [Int])
    case channelMismatch(inputFile: String, inputChannels: Int, weightFile: String, weightChannels: Int)
    case biasMismatch(file: String, shape: [Int], filters: Int)
    case gradientShape(file: String, shape: [Int], expected: [Int])
    case geometry(GeometryError)
    /// A geometry that does not tile, from a command that could round down with `--floor`.
    case geometryNeedsFloor(GeometryError)
    case badPair(option: String, value: String)
    case unknownArchitecture(String, known: [String])
    case poolPadding(padding: Int, kernel: Int)
    case needsTerminal(command: String)
    case missingDemoName(known: [String])
    case demoOption(String)
    case demo(DemoCatalogError)
    case outputPath(option: String, path: String, problem: String)
    case sameOutput(first: String, second: String, path: String)
    case tooMuchWork(what: String, terms: Int?, limit: Int)
    case benchMemory(bytes: Int?, batch: Int)
    case benchFilter(String, known: [String])
    case benchFilterNeedsTSV
    case benchFormat
    case benchDrawFormat
    case benchBatchWithTSV
    case firstFrameLaunch(String)

    /// The commands that work without a terminal, named when an interactive one cannot run.
    static let plainCommands = [
        "convlab arch", "convlab compute", "convlab demo --list", "convlab lessons", "convlab quiz ID --plain",
    ]

    var description: String {
        switch self {
        case let .wrongRank(file, role, expected, shape):
            "\(file): the \(role) must be \(expected), got shape \(Tensor.describe(shape))"
        case let .channelMismatch(inputFile, inputChannels, weightFile, weightChannels):
            "\(weightFile): each filter spans \(weightChannels) channels, but \(inputFile) has \(inputChannels) (a filter's depth must match the input's)"
        case let .biasMismatch(file, shape, filters):
            "\(file): the bias must hold one value per filter (shape \(filters)), got shape \(Tensor.describe(shape))"
        case let .gradientShape(file, shape, expected):
            "\(file): the output gradient must have the output's shape \(Tensor.describe(expected)), got \(Tensor.describe(shape))"
        case let .geometry(error):
            "the geometry does not work: \(error)"
        case let .geometryNeedsFloor(error):
            "the geometry does not work: \(error); add --floor to round down as PyTorch does"
        case let .badPair(option, value):
            "\(option): expected a number like 2 or a pair like 2x1 (height x width), got '\(value)'"
        case let .poolPadding(padding, kernel):
            "--padding: pooling padding may be at most half the window (\(kernel) / 2), got \(padding)"
        case let .needsTerminal(command):
            "\(command) needs a terminal for the interactive tutor; without one, use: \(Self.plainCommands.joined(separator: ", "))"
        case let .missingDemoName(known):
            known.isEmpty
                ? "name a demo to open; no demos are installed in this build"
                : "name a demo to open: \(known.joined(separator: ", ")) (convlab demo --list shows their options)"
        case let .demoOption(problem):
            problem
        case let .demo(error):
            error.description
        case let .outputPath(option, path, problem):
            "\(option) \(path): cannot write there: \(problem); nothing was computed"
        case let .sameOutput(first, second, path):
            "\(first) and \(second) both name \(path); the second write would replace the first: give them different files"
        case let .tooMuchWork(what, terms, limit):
            "\(what) takes \(terms.map(String.init) ?? "more than 9223372036854775807") window terms; the limit is \(limit): use a smaller window, padding or input"
        case let .benchMemory(bytes, batch):
            "this benchmark needs \(bytes.map { "about \(Limits.formatBytes($0))" } ?? "more memory than a 64-bit count can hold") for batch \(batch); the limit is \(Limits.formatBytes(Limits.memoryBytes)): lower --batch"
        case let .benchFilter(filter, known):
            "--filter '\(filter)' matches no workload; the workloads are: \(known.joined(separator: ", "))"
        case .benchFilterNeedsTSV:
            "--filter selects workloads of --tsv: add --tsv"
        case .benchBatchWithTSV:
            "--batch sizes the table's conv layers; the --tsv workloads fix their own batches: drop --batch"
        case .benchFormat:
            "--tsv and --json are two formats of different measurements: choose one"
        case .benchDrawFormat:
            "--draw prints its own table: leave out --tsv and --json"
        case let .firstFrameLaunch(problem):
            "first_frame: launching convlab as a child process failed: \(problem)"
        case let .unknownArchitecture(name, known):
            "unknown architecture '\(name)': use one of \(known.joined(separator: ", ")) or a spec such as 'input 28x28x1 | conv 8 3x3 pad 1 | relu'"
        }
    }
}
