import ConvEngine

extension Trainer {
    /// Trains one batch and, when it ends an epoch, closes the epoch; does nothing once every
    /// epoch is done. Demos that train a small net in-process call this on clock ticks, so no
    /// single update takes long and the screen stays responsive.
    ///
    /// - Throws: the engine's `TrainingError` when the batch's loss is not finite. The weights
    ///   are left as they were and the batch is not counted, so ticking again would fail on the
    ///   same batch forever: the caller stops and says why.
    mutating func trainOneBatchOnTick() throws(TrainingError) {
        guard !isFinished else { return }
        if try trainNextBatch().endsEpoch { finishEpoch() }
    }
}
