// Layout: NCHW. Images are N×C×H×W; a layer's output is N×K×OH×OW (or N×F for flat layers).

/// The images that excite one channel most, as the Deep Visualization Toolbox shows them
/// (Yosinski et al., 2015): run every image through the network, take the channel's largest
/// value anywhere in its map, and keep the images with the largest such values.
///
/// Ties (equal peaks, common for a ReLU channel that is 0 everywhere) go to the lower index, so
/// the answer is one list whatever the batching.
public enum TopActivations {
    /// One image's peak response in the channel.
    public struct Entry: Sendable, Hashable {
        /// The image's index in the dataset.
        public var index: Int
        /// The channel's largest value over all positions for this image.
        public var value: Float
        /// Where that value is in the map (the first such position in row-major order); (0, 0)
        /// for a flat layer, whose "channel" is one feature.
        public var row: Int
        public var column: Int
    }

    /// The `count` images of `dataset` whose `channel` of layer `layer` (a module index of
    /// `model`) peaks highest, strongest first. The dataset is run in batches of `batchSize`.
    /// Non-finite values never rank (a diverged network shows nothing rather than NaNs).
    public static func strongest(
        model: Sequential, layer: Int, channel: Int, dataset: Dataset, count: Int = 9, batchSize: Int = 128
    ) -> [Entry] {
        precondition(model.layers.indices.contains(layer), "layer \(layer) is not a module of the network")
        precondition(count >= 0 && batchSize > 0, "count must be ≥ 0 and batchSize > 0")
        var entries: [Entry] = []
        for indices in dataset.batchIndices(batchSize: batchSize) {
            let (images, _) = dataset.batch(indices: indices)  // B×C×H×W
            let output = model.layerOutputs(for: images)[layer]  // B×K×OH×OW or B×F
            let channels = output.shape[1]
            precondition(channel >= 0 && channel < channels, "channel \(channel) of a layer with \(channels)")
            let (height, width) = output.rank == 4 ? (output.shape[2], output.shape[3]) : (1, 1)
            let plane = height * width
            for (offset, index) in indices.enumerated() {
                let base = (offset * channels + channel) * plane
                var best: Entry?
                for position in 0..<plane {
                    let value = output.scalars[base + position]
                    guard value.isFinite, best == nil || value > best!.value else { continue }
                    best = Entry(index: index, value: value, row: position / width, column: position % width)
                }
                if let best { entries.append(best) }
            }
            // Keep only what can still make the list, so memory stays O(count + batch).
            entries = Array(entries.sorted(by: isStronger).prefix(count))
        }
        return entries
    }

    /// Higher value first; on equal values, the lower index.
    static func isStronger(_ first: Entry, _ second: Entry) -> Bool {
        first.value != second.value ? first.value > second.value : first.index < second.index
    }
}
