import Foundation

// Layout: logits N×classes, one row per example.

/// Row-wise softmax: p[n, j] = e^(z[n, j] − m) / Σ_k e^(z[n, k] − m) with m the row's
/// maximum. Subtracting m changes nothing mathematically but keeps every exponent ≤ 0, so
/// large logits cannot overflow.
///
/// - Parameter logits: N×classes.
/// - Returns: N×classes; each row is positive and sums to 1.
public func softmax(logits: Tensor) -> Tensor {
    precondition(logits.rank == 2, "softmax: logits must be N×classes, got \(Tensor.describe(logits.shape))")
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    var probabilities = Tensor.zeros(logits.shape)  // N×classes
    for n in 0..<batch {
        let row = logits.scalars[(n * classes)..<((n + 1) * classes)]
        let maximum = row.max() ?? 0
        var total: Float = 0
        for (j, logit) in row.enumerated() {
            let exponential = Foundation.exp(logit - maximum)
            probabilities.scalars[n * classes + j] = exponential
            total += exponential
        }
        for j in 0..<classes { probabilities.scalars[n * classes + j] /= total }
    }
    return probabilities
}

/// Softmax followed by the negative log-likelihood of the true labels, averaged over the batch:
///
///     loss    = (1/N) Σ_n −log p[n, label_n] = (1/N) Σ_n (log Σ_k e^(z[n, k] − m_n) − (z[n, label_n] − m_n))
///     dLogits = (p − onehot(labels)) / N
///
/// Computing −log p through the log-sum-exp form (rather than taking the log of a softmax
/// that may have rounded to 0) keeps the loss finite for confident wrong answers.
///
/// - Parameters:
///   - logits: N×classes.
///   - labels: N class indices, each in 0..<classes.
/// - Returns: the mean loss and dLogits, N×classes.
public func softmaxCrossEntropy(logits: Tensor, labels: [Int]) -> (loss: Float, dLogits: Tensor) {
    precondition(logits.rank == 2, "cross-entropy: logits must be N×classes, got \(Tensor.describe(logits.shape))")
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    precondition(
        labels.count == batch,
        "cross-entropy: \(labels.count) labels for logits \(Tensor.describe(logits.shape)) with \(batch) rows")
    var dLogits = softmax(logits: logits)  // N×classes, becomes (p − onehot)/N
    var totalLoss = 0.0
    for (n, label) in labels.enumerated() {
        precondition(label >= 0 && label < classes, "cross-entropy: label \(label) of example \(n) is outside 0..<\(classes)")
        let row = logits.scalars[(n * classes)..<((n + 1) * classes)]
        let maximum = row.max() ?? 0
        var total = 0.0
        for logit in row { total += Foundation.exp(Double(logit - maximum)) }
        totalLoss += Foundation.log(total) - Double(logits.scalars[n * classes + label] - maximum)
        dLogits.scalars[n * classes + label] -= 1
    }
    let scale = 1 / Float(batch)
    for index in dLogits.scalars.indices { dLogits.scalars[index] *= scale }
    return (Float(totalLoss / Double(batch)), dLogits)
}
