import ConvEngine
import ConvFiles
import Foundation
import Testing
@testable import ConvLabApp

@Suite struct NetworkSourceTests {
    /// The built-in network really recognises digits: at least 90% of 200 synthetic test
    /// digits of a seed it was not trained on, by the engine's own forward pass.
    @Test func bundledNetworkRecognisesTestDigits() throws {
        let loaded = try NetworkSource.bundled.load()
        #expect(loaded.model.spec == NamedArchitecture.teachingNet.spec)
        let digits = SyntheticDigits.testSet(count: 200, seed: 99)
        var network = loaded.model
        let logits = network.forward(digits.images)
        var correct = 0
        for index in 0..<digits.count {
            let row = Array(logits.scalars[(index * 10)..<((index + 1) * 10)])
            if row.indices.max(by: { row[$0] < row[$1] }) == digits.labels[index] { correct += 1 }
        }
        print("built-in network: \(correct) of \(digits.count) synthetic test digits (seed 99) right")
        #expect(correct >= 180)
        #expect(BundledNetwork.trainingCommand.hasPrefix("convlab train --arch teaching-net"))
    }

    @Test func checkpointLoadsTheWeightsItHolds() throws {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 5)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-source-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: file) }
        try NumpyArchive.write(model.parameters.map { (name: $0.name, tensor: $0.value) }, to: file)
        let loaded = try NetworkSource.checkpoint(path: file.path, architecture: "teaching-net").load()
        #expect(loaded.model.stateDictionary == model.stateDictionary)
        #expect(loaded.origin == "checkpoint \(file.lastPathComponent)")
        // The same file for another architecture names the key that does not fit.
        #expect(throws: NetworkSourceError.self) { try NetworkSource.checkpoint(path: file.path, architecture: "lenet5").load() }
    }

    @Test func trainedThisRunIsWhatTheDashboardPublished() throws {
        let trained = TrainedNetworks()
        #expect(throws: NetworkSourceError.noTrainedNetwork) { try NetworkSource.trainedThisRun.load(trained: trained) }
        #expect(try NetworkSource.automatic.load(trained: trained).origin == "built-in teaching-net")
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 8)
        trained.publish(model, description: "3 batches")
        #expect(try NetworkSource.trainedThisRun.load(trained: trained).model.stateDictionary == model.stateDictionary)
        #expect(try NetworkSource.automatic.load(trained: trained).origin == "trained in this run (3 batches)")
    }
}
