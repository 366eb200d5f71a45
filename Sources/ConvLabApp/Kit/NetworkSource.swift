import ConvEngine
import ConvFiles
import Foundation
import Synchronization

/// Where a screen that looks inside a trained network gets it: the network trained earlier in
/// this run of the app (the training dashboard publishes its latest weights), a checkpoint
/// file, or the small teaching net the binary carries (`BundledNetwork`).
///
/// The draw demo and the network view share this, so both read their `--network`, `--init`
/// and `--arch` parameters the same way (`NetworkSource.parameterHelp`, `init(reading:)`).
public enum NetworkSource: Hashable, Sendable {
    /// The dashboard's latest model if one was trained in this run, else the bundled one.
    case automatic
    /// The teaching net trained on synthetic digits that ships inside the binary.
    case bundled
    /// The network the training dashboard trained earlier in this run.
    case trainedThisRun
    /// A `.npz` state dictionary (as `convlab train --save` writes) for the architecture
    /// `architecture` (a name or spec text, as `convlab arch` takes).
    case checkpoint(path: String, architecture: String)

    /// The parameters `init(reading:)` understands, for a demo's `parameterHelp`.
    public static let parameterHelp: [KeyBinding] = [
        KeyBinding("network", "auto (the network trained in this run, else the built-in one), builtin, or trained"),
        KeyBinding("init", "a checkpoint (.npz, as 'convlab train --save' writes) to look inside"),
        KeyBinding("arch", "the checkpoint's architecture, a name or spec (default teaching-net)"),
    ]

    /// The source a demo's parameters ask for; `--init` wins over `--network`.
    init(reading reader: DemoParameterReader) throws(DemoParameterError) {
        if let path = reader["init"] {
            guard !path.trimmingWhitespace.isEmpty else { throw DemoParameterError(parameter: "init", message: "expected a file name, got nothing") }
            self = .checkpoint(path: path, architecture: reader["arch"] ?? NamedArchitecture.teachingNet.name)
            return
        }
        if reader["arch"] != nil {
            throw DemoParameterError(parameter: "arch", message: "only used with --init CHECKPOINT")
        }
        switch reader["network"]?.trimmingWhitespace.lowercased() {
        case nil, "auto": self = .automatic
        case "builtin", "bundled": self = .bundled
        case "trained": self = .trainedThisRun
        case let other?: throw DemoParameterError(parameter: "network", message: "expected auto, builtin or trained, got \"\(other)\"")
        }
    }

    /// The network this source names.
    /// - Throws: `NetworkSourceError` naming the file, the spec or the missing run.
    /// - Parameter trained: where the dashboard publishes (tests give their own).
    public func load(trained: TrainedNetworks = .shared) throws(NetworkSourceError) -> LoadedNetwork {
        switch self {
        case .automatic:
            if let latest = trained.latest { return latest }
            return try BundledNetwork.load()
        case .trainedThisRun:
            guard let latest = trained.latest else { throw .noTrainedNetwork }
            return latest
        case .bundled:
            return try BundledNetwork.load()
        case let .checkpoint(path, architecture):
            return try Self.loadCheckpoint(path: path, architecture: architecture)
        }
    }

    private static func loadCheckpoint(path: String, architecture: String) throws(NetworkSourceError) -> LoadedNetwork {
        let spec: ArchitectureSpec
        do {
            spec = try ArchitectureSpec(nameOrSpec: architecture)
        } catch {
            throw .badArchitecture(text: architecture, problem: "\(error)")
        }
        let outputShape: [Int]
        do { outputShape = try spec.outputShape() } catch { throw .badArchitecture(text: architecture, problem: "\(error)") }
        guard outputShape.count == 1, spec.inputShape.count == 3 else {
            throw .badArchitecture(text: architecture, problem: "expected an image classifier (C×H×W in, class scores out)")
        }
        var model: Sequential
        do { model = try Sequential(spec: spec, seed: 0) } catch { throw .badArchitecture(text: architecture, problem: "\(error)") }
        do {
            try model.loadStateDictionary(try NumpyArchive.read(from: URL(fileURLWithPath: path)))
        } catch let error as StateDictionaryError {
            throw .badCheckpoint(file: path, problem: "\(error)")
        } catch {
            // The file readers' errors name the file already.
            throw .unreadableCheckpoint("\(error)")
        }
        guard model.parameters.allSatisfy({ $0.value.scalars.allSatisfy(\.isFinite) }) else {
            throw .badCheckpoint(file: path, problem: "it holds a weight that is not a finite number")
        }
        return LoadedNetwork(model: model, origin: "checkpoint \((path as NSString).lastPathComponent)")
    }
}

/// A network ready to run, and a few words saying where it came from for the title or status.
public struct LoadedNetwork: Sendable {
    public var model: Sequential
    /// "built-in teaching net", "trained in this run (epoch 2)", "checkpoint run.npz".
    public var origin: String

    public init(model: Sequential, origin: String) {
        self.model = model
        self.origin = origin
    }
}

/// Why a network could not be loaded.
public enum NetworkSourceError: Error, Hashable, Sendable, CustomStringConvertible {
    case noTrainedNetwork
    case badCheckpoint(file: String, problem: String)
    /// The checkpoint could not be read; the message names the file.
    case unreadableCheckpoint(String)
    case badArchitecture(text: String, problem: String)
    /// The bundled weights do not decode: a build problem, said plainly rather than trapped.
    case bundledNetworkDamaged(problem: String)

    public var description: String {
        switch self {
        case .noTrainedNetwork:
            "no network has been trained in this run yet; train one in the 'train' demo, or use --network builtin"
        case let .badCheckpoint(file, problem): "\(file): \(problem)"
        case let .unreadableCheckpoint(message): message
        case let .badArchitecture(text, problem): "architecture \"\(text)\": \(problem)"
        case let .bundledNetworkDamaged(problem): "the built-in network does not load: \(problem)"
        }
    }
}

/// The latest network trained in this run of the app, published by the training dashboard
/// (from the UI thread, on each snapshot it reads) and read by the screens that look inside a
/// network. `shared` is process-wide because the dashboard and those screens are separate
/// values the app makes independently; tests make their own. A Mutex because Swift 6 needs
/// shared mutable state to be guarded.
public final class TrainedNetworks: Sendable {
    /// The one the app uses.
    public static let shared = TrainedNetworks()

    private let storage = Mutex<LoadedNetwork?>(nil)

    public init() {}

    /// Records `model` as the network trained in this run; `description` says how far
    /// ("120 batches, 1 epochs done").
    public func publish(_ model: Sequential, description: String) {
        storage.withLock { $0 = LoadedNetwork(model: model, origin: "trained in this run (\(description))") }
    }

    /// The last network published, if any.
    public var latest: LoadedNetwork? { storage.withLock { $0 } }
}
