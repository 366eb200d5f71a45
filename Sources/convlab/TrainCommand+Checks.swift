import ArgumentParser
import ConvEngine
import ConvLabApp
import Foundation

// What `convlab train` checks before it allocates or trains anything: every number against
// its bound, every output path, the run's memory, and loaded weights. A refused run costs
// nothing; a run that starts can finish and save.

extension TrainCommand {
    func validate() throws {
        // The trainer's own rules, reported with the option that set each value.
        do {
            try TrainingConfiguration.validate(
                epochs: epochs, batchSize: batch, learningRate: lr, momentum: momentum, weightDecay: weightDecay)
        } catch {
            throw TrainCommandError.setting(error)
        }
        for (option, size) in [("--train-size", trainSize), ("--test-size", testSize)] {
            if let size { _ = try Limits.check(size, option, in: 1...Limits.examples) }
        }
        if let threads { _ = try Limits.check(threads, "--threads", in: 1...Limits.threads) }
        guard data == "synthetic" || (data.hasPrefix("idx:") && data.count > 4) else { throw TrainCommandError.badDataSource(data) }
        if tui, json || exportLogits != nil {
            throw TrainCommandError.badValue(option: "--tui", value: json ? "with --json" : "with --export-logits", expected: "the dashboard alone (it prints nothing)")
        }
        if tui, epochs < 1 { throw TrainCommandError.badValue(option: "--epochs", value: "\(epochs)", expected: "1 or more with --tui") }
    }

    /// `--seed`'s reader: any whole number UInt64 holds, with a message that says why another
    /// value is refused (a negative seed would otherwise read as a missing value).
    static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else {
            throw ValidationError("expected a whole number from 0 to \(UInt64.max)")
        }
        return value
    }

    /// The files this run will write, with their options: --save (or, with --tui, the file
    /// the dashboard's w key writes) and --export-logits.
    var outputs: [(option: String, path: String)] {
        var outputs: [(option: String, path: String)] = []
        if let save { outputs.append(("--save", save)) } else if tui {
            outputs.append(("--save", TrainingDashboardSetup.defaultCheckpointPath))
        }
        if let exportLogits { outputs.append(("--export-logits", exportLogits)) }
        return outputs
    }

    /// How the data source is named in messages.
    var dataSourceName: String { data == "synthetic" ? "synthetic digits" : String(data.dropFirst(4)) }

    /// Training examples the run will draw or keep: the option, the synthetic default, or
    /// (IDX, unknown until read) 0.
    var plannedTrainingCount: Int {
        trainSize ?? (data != "synthetic" ? 0 : tui ? TrainingDashboardSetup.defaultTrainingCount : Self.defaultTrainSize)
    }

    /// Test examples, counted like `plannedTrainingCount`.
    var plannedTestCount: Int {
        testSize ?? (data != "synthetic" ? 0 : tui ? TrainingDashboardSetup.defaultTestCount : Self.defaultTestSize)
    }

    /// Refuses the run, before anything is allocated, when its estimated memory exceeds
    /// `Limits.memoryBytes`.
    func checkMemory(spec: ArchitectureSpec, trainingCount: Int, testCount: Int) throws {
        do {
            let estimate = try MemoryEstimate(
                architecture: spec, batchSize: batchSize, trainingCount: trainingCount, testCount: testCount, optimizer: optimizer)
            try estimate.check()
        } catch let error as MemoryEstimateError {
            throw TrainCommandError.memory(error)
        }
    }

    /// Refuses weights that hold NaN or infinity, naming the first such tensor: training from
    /// them fails on the first batch, and no learning rate would help.
    static func requireFiniteWeights(_ model: Sequential, file: String) throws {
        for parameter in model.parameters {
            let count = parameter.value.scalars.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
            if count > 0 { throw TrainCommandError.nonFiniteWeights(file: file, tensor: parameter.name, count: count) }
        }
    }
}

extension TrainCommand {
    /// The data options that give this run's data again, for the dashboard's run line:
    /// synthetic sizes always (so the line does not depend on defaults), the IDX folder and
    /// any limits on it, and --resize when it was asked for.
    var dashboardDataOptions: [String] {
        var words: [String] = []
        if data == "synthetic" {
            words = ["--train-size", String(plannedTrainingCount), "--test-size", String(plannedTestCount)]
        } else {
            words = ["--data", data]
            if let trainSize { words += ["--train-size", String(trainSize)] }
            if let testSize { words += ["--test-size", String(testSize)] }
        }
        if resize { words.append("--resize") }
        return words
    }
}
