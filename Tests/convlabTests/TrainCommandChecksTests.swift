import ConvEngine
@testable import ConvLabApp
import Foundation
import Testing
@testable import convlab

/// What `train` checks before training: memory, loaded weights, the test set.
@Suite struct TrainCommandChecksTests {
    /// A 64-channel conv padded by 1000 on a digit, then a linear layer: within every shape
    /// bound, but hundreds of gigabytes.
    @Test func aHugeNetworkIsRefusedWithItsEstimateAndAdvice() throws {
        let command = try TrainCommand.parse(["--arch", "input 28x28x1 | conv 64 3x3 pad 1000 | flatten | linear 10", "--batch", "32"])
        let spec = try ArchitectureSpec(parsing: command.arch)
        let error = try #require(throws: TrainCommandError.self) {
            try command.checkMemory(spec: spec, trainingCount: command.plannedTrainingCount, testCount: command.plannedTestCount)
        }
        let message = error.description
        #expect(message.hasPrefix("this run needs about "), "\(message)")
        #expect(message.contains("(activations "), "\(message)")
        #expect(message.hasSuffix("the limit is 8.6 GB: lower --batch or use smaller layers"), "\(message)")
        // The defaults fit.
        let teaching = try TrainCommand.parse([])
        #expect(throws: Never.self) {
            try teaching.checkMemory(spec: NamedArchitecture.teachingNet.spec, trainingCount: teaching.plannedTrainingCount,
                                     testCount: teaching.plannedTestCount)
        }
    }

    /// A million digits of 224×224×3 are data, not activations: the advice says which sizes.
    @Test func tooMuchDataAdvisesSmallerSets() throws {
        let command = try TrainCommand.parse(["--batch", "1", "--train-size", "1000000", "--test-size", "1000000"])
        let spec = try ArchitectureSpec(parsing: "input 224x224x3 | flatten | linear 10")
        let error = try #require(throws: TrainCommandError.self) {
            try command.checkMemory(spec: spec, trainingCount: 1_000_000, testCount: 1_000_000)
        }
        #expect(error.description.hasSuffix("lower --train-size or --test-size"), "\(error.description)")
    }

    /// The planned sizes follow the options, the headless defaults and the dashboard's.
    @Test func plannedSizesFollowTheOptions() throws {
        #expect(try TrainCommand.parse([]).plannedTrainingCount == TrainCommand.defaultTrainSize)
        #expect(try TrainCommand.parse(["--test-size", "7"]).plannedTestCount == 7)
        #expect(try TrainCommand.parse(["--tui"]).plannedTrainingCount == TrainingDashboardSetup.defaultTrainingCount)
        #expect(try TrainCommand.parse(["--data", "idx:somewhere"]).plannedTrainingCount == 0)
    }

    @Test func nonFiniteWeightsAreRefusedNamingTheTensor() throws {
        var model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 1)
        #expect(throws: Never.self) { try TrainCommand.requireFiniteWeights(model, file: "m.npz") }
        var index = 0
        model.updateParameters { parameter in
            // Infinities in the third tensor, the second conv's weight "3.weight" (its bound 1/√72 ≈ 0.118 leaves some above 0.1).
            if index == 2 { parameter.value = parameter.value.map { $0 > 0.1 ? .infinity : $0 } }
            index += 1
        }
        let error = try #require(throws: TrainCommandError.self) { try TrainCommand.requireFiniteWeights(model, file: "m.npz") }
        #expect(error.description.hasPrefix("m.npz: '3.weight' holds "), "\(error.description)")
        #expect(error.description.contains("NaN or infinite; a checkpoint must hold finite weights"), "\(error.description)")
        #expect(!error.description.contains("--lr"))
    }

    @Test func anEmptyTestSetIsNamed() {
        #expect(TrainCommandError.emptyTestSet(source: "mnist").description
            == "mnist: the test set is empty, so there is no accuracy to report; give it test images")
    }
}
