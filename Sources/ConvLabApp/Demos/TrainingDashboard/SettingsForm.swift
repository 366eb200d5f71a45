import Foundation
import ConvEngine

/// The dashboard's settings page as data: one text per setting (the architecture spec, the
/// optimiser, learning rate, momentum, batch size, epochs and seed), the field being typed in,
/// and the last refusal. `makeSetup` checks the texts with the same rules as the command line
/// and the spec language (whose errors carry a column, shown under the spec).
struct SettingsForm {
    enum Field: Int, CaseIterable {
        case architecture, optimizer, learningRate, momentum, batchSize, epochs, seed

        var label: String {
            switch self {
            case .architecture: "architecture"
            case .optimizer: "optimizer"
            case .learningRate: "learning rate"
            case .momentum: "momentum"
            case .batchSize: "batch size"
            case .epochs: "epochs"
            case .seed: "seed"
            }
        }

        /// What the field takes, shown beside it.
        var hint: String {
            switch self {
            case .architecture: ""
            case .optimizer: "sgd or adam"
            case .learningRate: "> 0"
            case .momentum: "0 to 1 (sgd)"
            case .batchSize: "1 to \(TrainingDashboardSetup.maximumBatchSize)"
            case .epochs: "1 to \(TrainingDashboardSetup.maximumEpochs)"
            case .seed: "whole number ≥ 0"
            }
        }
    }

    /// Why the texts do not make a run: the field, the message, and for a spec error the
    /// column (from 1) in the field's text.
    struct Refusal: Error, Equatable {
        var field: Field
        var message: String
        var column: Int?
    }

    var texts: [Field: String] = [:]
    var focus: Field = .architecture
    var refusal: Refusal?

    init() {}

    /// The form filled from `setup`: the architecture as spec text (a named one spelt out, so
    /// it can be edited layer by layer).
    init(setup: TrainingDashboardSetup) {
        let configuration = setup.configuration
        texts = [
            .architecture: setup.initialModel.spec.description,
            .optimizer: configuration.optimizer.rawValue,
            .learningRate: RunCommandLine.number(configuration.learningRate),
            .momentum: RunCommandLine.number(configuration.momentum),
            .batchSize: String(configuration.batchSize),
            .epochs: String(configuration.epochs),
            .seed: String(configuration.seed),
        ]
    }

    func text(_ field: Field) -> String { texts[field] ?? "" }

    mutating func type(_ character: Character) {
        // A spec is at most a few hundred characters; a bound keeps a held key from growing it.
        guard text(focus).count < 2_000 else { return }
        texts[focus, default: ""].append(character)
        refusal = nil
    }

    mutating func deleteBackward() {
        if !text(focus).isEmpty { texts[focus]!.removeLast() }
        refusal = nil
    }

    mutating func clearField() {
        texts[focus] = ""
        refusal = nil
    }

    mutating func moveFocus(by delta: Int) {
        let count = Field.allCases.count
        focus = Field(rawValue: ((focus.rawValue + delta) % count + count) % count)!
    }

    /// A setup from the texts, based on `current` (its data, files and probe).
    /// - Parameter datasetCounts: the training and test sets' sizes, for the memory estimate.
    func makeSetup(from current: TrainingDashboardSetup, datasetCounts: (training: Int, test: Int)) throws(Refusal) -> TrainingDashboardSetup {
        let architectureText = text(.architecture)
        let leading = architectureText.prefix { $0 == " " }.count
        let trimmed = architectureText.trimmingCharacters(in: .whitespaces)
        do {
            _ = try ArchitectureSpec(nameOrSpec: trimmed)
        } catch let error as ArchitectureParseError {
            throw Refusal(field: .architecture, message: error.description, column: error.column + leading)
        } catch {
            throw Refusal(field: .architecture, message: "\(error)", column: nil)
        }
        guard let optimizer = OptimizerKind(rawValue: text(.optimizer).trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw Refusal(field: .optimizer, message: "expected sgd or adam, got \"\(text(.optimizer))\"")
        }
        let learningRate: Float = try number(.learningRate, expected: "a positive number") { $0 > 0 && $0.isFinite }
        let momentum: Float = try number(.momentum, expected: "a number from 0 to 1") { (0...1).contains($0) }
        let batchSize: Int = try number(.batchSize, expected: "a whole number from 1 to \(TrainingDashboardSetup.maximumBatchSize)") {
            (1...TrainingDashboardSetup.maximumBatchSize).contains($0)
        }
        let epochs: Int = try number(.epochs, expected: "a whole number from 1 to \(TrainingDashboardSetup.maximumEpochs)") {
            (1...TrainingDashboardSetup.maximumEpochs).contains($0)
        }
        let seed: UInt64 = try number(.seed, expected: "a whole number ≥ 0") { _ in true }
        let model: Sequential
        do {
            model = try TrainingDashboardSetup.model(
                architectureName: trimmed, seed: seed, batchSize: batchSize,
                trainingCount: datasetCounts.training, testCount: datasetCounts.test, optimizer: optimizer)
        } catch {
            throw Refusal(field: .architecture, message: error.message, column: nil)
        }
        var configuration = current.configuration
        configuration.optimizer = optimizer
        configuration.learningRate = learningRate
        configuration.momentum = momentum
        configuration.batchSize = batchSize
        configuration.epochs = epochs
        configuration.seed = seed
        var setup = TrainingDashboardSetup(
            architectureName: trimmed, initialModel: model, data: current.data, configuration: configuration,
            checkpointPath: current.checkpointPath, probePath: current.probePath)
        setup.dataOptions = current.dataOptions
        return setup
    }

    private func number<Value: LosslessStringConvertible>(
        _ field: Field, expected: String, where isValid: (Value) -> Bool
    ) throws(Refusal) -> Value {
        let text = text(field).trimmingCharacters(in: .whitespaces)
        guard let value = Value(text), isValid(value) else {
            throw Refusal(field: field, message: "\(field.label): expected \(expected), got \"\(text)\"")
        }
        return value
    }
}
