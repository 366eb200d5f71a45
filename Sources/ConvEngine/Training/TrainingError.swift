/// Why training stopped on its own.
public enum TrainingError: Error, Equatable, Sendable {
    /// The loss of a batch was NaN or infinite, almost always a step size too large for the
    /// network: the weights overshoot and grow until the logits overflow.
    case nonFiniteLoss(epoch: Int, batch: Int, loss: Float, learningRate: Float)
}

extension TrainingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .nonFiniteLoss(epoch, batch, loss, learningRate):
            let suggestion = learningRate / 10
            return "the loss became \(loss.isNaN ? "NaN" : "infinite") at epoch \(epoch), batch \(batch): training diverged with learning rate \(learningRate); try a lower one, such as --lr \(suggestion)"
        }
    }
}
