import Foundation
import Testing
@testable import ConvEngine
@testable import ConvFiles

/// ConvLab against PyTorch on the teaching net, through `Fixtures/training/teaching_net_torch.npz`
/// (made by `make_training_fixtures.py`): PyTorch's initial weights load by their state_dict
/// keys, give PyTorch's logits, and two SGD steps with momentum and weight decay on one batch
/// land on PyTorch's weights.
@Suite struct TrainingReferenceTests {
    static let keys = ["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias"]

    func load() throws -> (arrays: [String: Tensor], model: Sequential) {
        let arrays = try NumpyArchive.read(from: FixtureFiles.url("training/teaching_net_torch.npz"))
        var model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 0)
        #expect(model.stateDictionaryKeys == Self.keys)
        try model.loadStateDictionary(Dictionary(uniqueKeysWithValues: Self.keys.map { ($0, arrays[$0]!) }))
        return (arrays, model)
    }

    @Test func pyTorchWeightsGivePyTorchLogits() throws {
        var (arrays, model) = try load()
        let images = try #require(arrays["images"])
        let logits = model.forward(images)
        let difference = logits.maxAbsDifference(try #require(arrays["logits"]))
        #expect(logits.shape == [5, 10])
        #expect(difference < 1e-5, "max |logit difference| \(difference)")
    }

    @Test func twoSGDStepsLandOnPyTorchsWeights() throws {
        let (arrays, model) = try load()
        let settings = try #require(arrays["sgd"]).scalars
        let dataset = Dataset(images: try #require(arrays["images"]), labels: try #require(arrays["labels"]).scalars.map { Int($0) })
        // One unshuffled batch holding all five images per epoch: two epochs, two steps.
        var trainer = Trainer(
            model: model, trainingSet: dataset, testSet: dataset,
            configuration: TrainingConfiguration(
                epochs: 2, batchSize: 5, learningRate: settings[0], optimizer: .sgd, momentum: settings[1],
                weightDecay: settings[2], shuffle: false))
        for step in 1...2 {
            try trainer.trainEpoch()
            let state = trainer.model.stateDictionary
            for key in Self.keys {
                let difference = state[key]!.maxAbsDifference(try #require(arrays["step\(step).\(key)"]))
                #expect(difference < 1e-5, "step \(step) \(key): max |difference| \(difference)")
            }
        }
    }

    /// A checkpoint written with `NumpyArchive` in module order reads back into a fresh network
    /// with the same logits; a checkpoint of another network is refused, naming the key.
    @Test func checkpointRoundTripAndRefusal() throws {
        let (arrays, loaded) = try load()
        var model = loaded
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.npz")
        try NumpyArchive.write(model.parameters.map { (name: $0.name, tensor: $0.value) }, to: url)
        var restored = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 99)
        try restored.loadStateDictionary(try NumpyArchive.read(from: url))
        let images = try #require(arrays["images"])
        #expect(restored.forward(images) == model.forward(images))

        var lenet = try Sequential(spec: NamedArchitecture.lenet5.spec, seed: 0)
        #expect(throws: StateDictionaryError.shapeMismatch(key: "0.weight", expected: [6, 1, 5, 5], found: [8, 1, 3, 3])) {
            try lenet.loadStateDictionary(try NumpyArchive.read(from: url))
        }
    }
}
