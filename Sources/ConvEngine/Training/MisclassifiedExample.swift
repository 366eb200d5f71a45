/// One example the network got wrong: where it is in its dataset, its true class and the class
/// the network gave it. The trainer lists these for the test set after every epoch, from the
/// same predictions that fill the confusion matrix, so the list and the off-diagonal counts
/// always agree: `counts[t][p]` is the number of entries with `label == t, predicted == p`.
public struct MisclassifiedExample: Sendable, Hashable, Codable {
    /// The example's index in its dataset.
    public var index: Int
    public var label: Int
    public var predicted: Int

    public init(index: Int, label: Int, predicted: Int) {
        self.index = index
        self.label = label
        self.predicted = predicted
    }
}
