import ConvEngine

// Bounds for command-line numbers that only the commands take; the shared ones (side, batch,
// examples, memory) are in ConvEngine's Limits.
extension Limits {
    /// Most threads `--threads` may ask for: far above any machine's cores, so the bound only
    /// stops a typo from asking the system for a million threads.
    static let threads = 256
    /// Most timed runs `bench --repetitions` may ask for.
    static let benchRepetitions = 1_000
    /// Longest `bench --filter`: far longer than all the workload names together.
    static let benchFilterCharacters = 1_000
    /// Most window terms (one input value times one weight, or one value compared, per output
    /// cell) one `compute` run may take: N·K·OH·OW·C·KH·KW for a conv, N·C·OH·OW·KH·KW for a
    /// pooling. About 4.3 billion, seconds of work, while a huge window over a padded input
    /// would otherwise run for hours.
    static let computeTerms = 1 << 32
}
