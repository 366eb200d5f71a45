import ConvEngine
import Foundation

/// The network the view shows at one moment.
struct NetworkSnapshot {
    var model: Sequential
    /// Changes whenever the weights may have (a batch trained, a reset), so the view
    /// recomputes the maps only then.
    var version: Int
    /// One line: where the weights come from and how far training has gone.
    var caption: String
}

/// Where the network view gets its network and its probe images: fixed weights (a checkpoint,
/// or a small network carried by the binary), or a training run that goes on while the view is
/// open (the dashboard's own, or a short one the standalone view starts).
///
/// A class protocol because a source is shared: the dashboard and the network view opened from
/// it read the same run. Used from the UI thread only; every member returns at once.
protocol NetworkFeed: AnyObject {
    /// Collects what background work finished (the digits drawn); starts nothing.
    func advance()
    /// A training session to start, when the feed is a run that is not going yet (its digits
    /// are to be drawn, or are drawn and its run is to be made); the screen returns it as
    /// `Effect.startTraining`, for the app to start.
    var pendingLaunch: TrainingLaunch? { get }
    /// The network now; nil while none is ready.
    var latest: NetworkSnapshot? { get }
    /// How many probe images there are (0 while they are being drawn).
    var probeCount: Int { get }
    /// Probe `index` (taken modulo `probeCount`) as 1×C×H×W, with its label when known.
    func probe(at index: Int) -> (image: Tensor, label: Int?)?
}

/// Weights that do not change: a checkpoint read at start, probed with synthetic test digits.
final class FixedNetworkFeed: NetworkFeed {
    private let snapshot: NetworkSnapshot
    private let probes: Dataset

    /// - Parameter probes: images of the network's input shape, N×C×H×W.
    init(model: Sequential, caption: String, probes: Dataset) {
        snapshot = NetworkSnapshot(model: model, version: 0, caption: caption)
        self.probes = probes
    }

    func advance() {}
    var pendingLaunch: TrainingLaunch? { nil }
    var latest: NetworkSnapshot? { snapshot }
    var probeCount: Int { probes.count }

    func probe(at index: Int) -> (image: Tensor, label: Int?)? {
        guard probes.count > 0 else { return nil }
        let wrapped = ((index % probes.count) + probes.count) % probes.count
        return (probes.image(at: wrapped).reshaped([1] + probes.imageShape), probes.labels[wrapped])
    }
}

/// A training run seen while it learns: the dashboard's own, or a short one started for the view.
/// The weights are those of the run's latest snapshot, so the maps follow the training.
final class TrainingNetworkFeed: NetworkFeed {
    let session: TrainingSession

    init(session: TrainingSession) { self.session = session }

    func advance() { session.collectPreparedData() }
    var pendingLaunch: TrainingLaunch? { session.canStart ? TrainingLaunch(session) : nil }

    var latest: NetworkSnapshot? {
        guard let snapshot = session.run?.snapshot else { return nil }
        // Batches trained identify the weights within a run; the run number tells runs apart.
        let version = session.runNumber &* 1_000_003 &+ snapshot.batchLosses.count
        let epoch = min(snapshot.completedEpochs + 1, snapshot.epochCount)
        let state: String
        switch snapshot.status {
        case .notStarted: state = "starting"
        case .running: state = "training"
        case .paused: state = "paused"
        case .finished: state = "trained"
        case .stopped: state = "stopped"
        case .failed: state = "failed"
        }
        let accuracy = snapshot.testAccuracy.map { String(format: ", test accuracy %.1f%%", $0 * 100) } ?? ""
        return NetworkSnapshot(
            model: snapshot.model, version: version,
            caption: "\(session.setup.architectureName) \(state): epoch \(epoch)/\(snapshot.epochCount), batch \(snapshot.batchInEpoch)/\(snapshot.batchesPerEpoch)\(accuracy)")
    }

    var probeCount: Int { session.datasets?.test.count ?? 0 }

    func probe(at index: Int) -> (image: Tensor, label: Int?)? {
        guard let test = session.datasets?.test, test.count > 0 else { return nil }
        let wrapped = ((index % test.count) + test.count) % test.count
        return (test.image(at: wrapped).reshaped([1] + test.imageShape), test.labels[wrapped])
    }
}
