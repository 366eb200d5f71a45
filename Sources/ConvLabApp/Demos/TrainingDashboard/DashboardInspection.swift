import ConvEngine

/// What the dashboard's inspection pages hold: which page is up, where the learner is in the
/// list of mistakes, which channel's strongest images are shown, the shift measurement, and
/// the settings being edited. One stored value on the screen, so the pages live in their own
/// files (`+Failures`, `+ShiftBehaviour`, `+Settings`).
struct DashboardInspection {
    /// The dashboard's pages; the overview is the curves, filters and maps.
    enum Page: Hashable, Sendable {
        case overview, failures, strongestImages, shiftBehaviour, settings
    }

    var page: Page = .overview

    /// Position in the last epoch's list of misclassified test images that the probe shows.
    var mistakePosition: Int?

    /// The module and channel whose strongest test images the failures page shows.
    var topLayer: Int?
    var topChannel = 0
    /// The strongest images, once computed, and for which (run, epochs, layer, channel).
    var topActivations: [TopActivations.Entry]?
    var topActivationsKey: TopActivationsKey?
    var pendingTopActivations: (key: TopActivationsKey, job: BackgroundComputation<[TopActivations.Entry]>)?

    struct TopActivationsKey: Hashable {
        var run: Int
        var batches: Int
        var layer: Int
        var channel: Int
    }

    /// The shift measurement, once computed, and the one under way.
    var shiftComparison: ShiftComparison?
    var shiftComparisonKey: WeightsKey?
    var pendingShiftComparison: (key: WeightsKey, job: BackgroundComputation<ShiftComparison>)?

    /// The pending computations not started yet, for the app to start.
    var unstartedJobs: [BackgroundJob] {
        var jobs: [BackgroundJob] = []
        if let job = pendingTopActivations?.job, !job.isStarted { jobs.append(job.launch) }
        if let job = pendingShiftComparison?.job, !job.isStarted { jobs.append(job.launch) }
        return jobs
    }

    /// Which weights a measurement is for: the run, and its batches trained (counted in whole
    /// epochs while it runs, so a measurement is redone at most once an epoch).
    struct WeightsKey: Hashable {
        var run: Int
        var batches: Int
    }

    /// The settings page's fields.
    var settings = SettingsForm()
}
