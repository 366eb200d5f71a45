import ConvEngine
import ConvFiles
import Foundation

/// The network view's parameters (`convlab demo network --option value`, lesson steps): which
/// network, which weights, and where the cursor starts.
struct NetworkParameters {
    var architectureName: String
    var checkpointPath: String?
    var seed: UInt64
    var epochs: Int
    var probeIndex: Int
    var layer: Int
    var channel: Int
    var row: Int
    var column: Int

    /// Synthetic digits the standalone run trains on: about ten seconds of training on two
    /// cores, enough for the first layer's filters to look like edge detectors.
    static let trainingCount = 2_000
    static let testCount = 200
    /// Probes shown with a checkpoint (no run draws test digits then).
    static let probeCount = 100

    static var help: [KeyBinding] {
        [
            KeyBinding("arch", "a named architecture or a spec taking 28x28x1 digits (default \(NamedArchitecture.teachingNet.name))"),
            KeyBinding("init", "a checkpoint (.npz) of that network, as convlab train --save or the dashboard's w writes it; without one, the network trains on synthetic digits while you look"),
            KeyBinding("epochs", "epochs of that training, 1 to 20 (default 1)"),
            KeyBinding("seed", "seeds the weights and the digits (default 0)"),
            KeyBinding("probe", "which test digit to show first, 0 to \(probeCount - 1) (default 0)"),
            KeyBinding("layer", "the layer the cursor starts on, from 0 (default 0)"),
            KeyBinding("channel", "the channel the cursor starts on, from 0 (default 0)"),
            KeyBinding("row", "the map row the cursor starts on, from 0 (default 0)"),
            KeyBinding("column", "the map column the cursor starts on, from 0 (default 0)"),
        ]
    }

    init(_ parameters: [String: String]) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.help)
        architectureName = reader["arch"] ?? NamedArchitecture.teachingNet.name
        checkpointPath = reader["init"]
        seed = 0
        if let text = reader["seed"] {
            guard let value = UInt64(text.trimmingWhitespace) else {
                throw DemoParameterError(parameter: "seed", message: "expected a whole number from 0 to \(UInt64.max), got \"\(text)\"")
            }
            seed = value
        }
        epochs = try reader.integer("epochs", in: 1...20, default: 1)
        probeIndex = try reader.integer("probe", in: 0...(Self.probeCount - 1), default: 0)
        // The cursor is clamped to the network once it is built, so any size up to the limits
        // of a map is accepted here.
        layer = try reader.integer("layer", in: 0...Limits.layers, default: 0)
        channel = try reader.integer("channel", in: 0...Limits.channels, default: 0)
        row = try reader.integer("row", in: 0...Limits.side, default: 0)
        column = try reader.integer("column", in: 0...Limits.side, default: 0)
    }

    /// The checkpoint's network, or a short training run of the named one.
    /// - Throws: a bad architecture (`arch`) or an unreadable or mismatched checkpoint (`init`),
    ///   naming the file and the key.
    func makeSource() throws(DemoParameterError) -> any NetworkSource {
        guard let checkpointPath else {
            let setup = try TrainingDashboardSetup(parameters: [
                "arch": architectureName, "seed": String(seed), "epochs": String(epochs),
                "train-size": String(Self.trainingCount), "test-size": String(Self.testCount),
            ])
            return TrainingNetworkSource(session: TrainingSession(setup: setup, makeRun: { TrainingController(trainer: $0) }))
        }
        var model = try TrainingDashboardSetup.model(architectureName: architectureName, seed: seed)
        do {
            try model.loadStateDictionary(try NumpyArchive.read(from: URL(fileURLWithPath: checkpointPath)))
        } catch let error as StateDictionaryError {
            throw DemoParameterError(parameter: "init", message: "\(checkpointPath): \(error.description) (is --arch the network it was saved from?)")
        } catch {
            throw DemoParameterError(parameter: "init", message: "\(error)")
        }
        for parameter in model.parameters where parameter.value.scalars.contains(where: { !$0.isFinite }) {
            throw DemoParameterError(parameter: "init", message: "\(checkpointPath): \"\(parameter.name)\" holds a value that is not finite")
        }
        let probes = SyntheticDigits.testSet(count: Self.probeCount, seed: seed)
        let name = URL(fileURLWithPath: checkpointPath).lastPathComponent
        return FixedNetworkSource(model: model, caption: "\(architectureName) from \(name)", probes: probes)
    }
}
