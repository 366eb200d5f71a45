/// A training setting outside the range the trainer accepts. The engine names the setting;
/// the command line names its own option for it (`--lr`), so the rule and its wording live
/// here once.
public struct TrainingConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which setting was refused.
    public enum Setting: String, Sendable, CaseIterable {
        case epochs = "the number of epochs"
        case batchSize = "the batch size"
        case learningRate = "the learning rate"
        case momentum = "the momentum"
        case weightDecay = "the weight decay"
    }

    public var setting: Setting
    /// The refused value as written: `-0.05`, `inf`, `nan`.
    public var value: String
    /// What the setting must be: "a positive finite number".
    public var expected: String

    public init(setting: Setting, value: String, expected: String) {
        self.setting = setting
        self.value = value
        self.expected = expected
    }

    /// The message with the setting called `name` (an option such as `--lr`).
    public func description(naming name: String) -> String { "\(name) must be \(expected), got \(value)" }

    public var description: String { description(naming: setting.rawValue) }
}
