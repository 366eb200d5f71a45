/// Why training stopped on its own.
public enum TrainingError: Error, Equatable, Sendable {
    /// The loss of a batch was NaN or infinite, almost always a step size too large for the
    /// network: the weights overshoot and grow until the logits overflow.
    case nonFiniteLoss(epoch: Int, batch: Int, loss: Float, learningRate: Float)
    /// The first batch's loss, before any step, was NaN or infinite: the starting weights or
    /// the images are not finite, and no learning rate would help.
    case nonFiniteBeforeTraining(loss: Float)
}

extension TrainingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .nonFiniteLoss(epoch, batch, loss, learningRate):
            let suggestion = learningRate / 10
            return "the loss became \(loss.isNaN ? "NaN" : "infinite") at epoch \(epoch), batch \(batch): training diverged with learning rate \(learningRate); try a lower one, such as --lr \(suggestion)"
        case let .nonFiniteBeforeTraining(loss):
            return "the loss is \(loss.isNaN ? "NaN" : "infinite") on the first batch, before any step: the starting weights or the images hold values that are not finite"
        }
    }
}
