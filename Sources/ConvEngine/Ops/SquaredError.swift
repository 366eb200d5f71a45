// Layout: predictions and targets N×D, one row per example (for a box, D = 4: x, y, w, h).

/// The L2 regression loss of a box head: the squared distance between each predicted row and
/// its target, averaged over the batch,
///
///     loss         = (1/N) Σ_n ‖p[n] − t[n]‖² = (1/N) Σ_n Σ_d (p[n, d] − t[n, d])²
///     dPredictions = 2 (p − t) / N
///
/// It sums over a row's coordinates rather than averaging them (PyTorch's
/// `MSELoss(reduction="sum")(p, t) / N`, or `D ×` its default mean), so one example's loss is
/// the plain ‖b̂ − b‖² of its box.
///
/// - Parameters:
///   - predictions: N×D.
///   - targets: N×D.
/// - Returns: the mean loss (0 for an empty batch) and dPredictions, N×D.
public func squaredErrorLoss(predictions: Tensor, targets: Tensor) -> (loss: Float, dPredictions: Tensor) {
    precondition(predictions.rank == 2, "squared error: predictions must be N×D, got \(Tensor.describe(predictions.shape))")
    precondition(predictions.shape == targets.shape,
                 "squared error: predictions \(Tensor.describe(predictions.shape)) and targets \(Tensor.describe(targets.shape)) differ")
    let batch = predictions.shape[0]
    guard batch > 0 else { return (0, predictions) }
    var dPredictions = predictions
    var total = 0.0
    let scale = 2 / Float(batch)
    for index in predictions.scalars.indices {
        let difference = predictions.scalars[index] - targets.scalars[index]
        total += Double(difference) * Double(difference)
        dPredictions.scalars[index] = scale * difference
    }
    return (Float(total / Double(batch)), dPredictions)
}
