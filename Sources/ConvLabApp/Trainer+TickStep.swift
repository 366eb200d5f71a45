import ConvEngine

extension Trainer {
    /// Trains one batch and, when it ends an epoch, closes the epoch; does nothing once every
    /// epoch is done. Demos that train a small net in-process call this on clock ticks, so no
    /// single update takes long and the screen stays responsive.
    ///
    /// A finite loss is expected at the demos' settings; a batch whose loss is not finite is
    /// skipped (the weights are left unchanged) and would show as low accuracy.
    mutating func trainOneBatchOnTick() {
        guard !isFinished else { return }
        if let result = try? trainNextBatch(), result.endsEpoch { finishEpoch() }
    }
}
