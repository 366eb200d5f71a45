import ConvEngine
import TerminalUI

// The dashboard's inspection pages: which one is up, what each recomputes on a poll, and the
// switch that draws them in place of the overview (the header stays on every page).

extension TrainingDashboardScreen {
    /// The settings page takes typed text, so the app passes it `q`, `?` and Esc.
    public var capturesText: Bool { inspection.page == .settings }

    /// Which page is up (tests read it).
    var page: DashboardInspection.Page { inspection.page }

    /// Opens `page`, or goes back to the overview when it is already up.
    mutating func togglePage(_ page: DashboardInspection.Page) {
        inspection.page = inspection.page == page ? .overview : page
    }

    /// Keeps the page that is up current: collects finished background work and starts what
    /// the weights or the choices call for.
    mutating func refreshInspection() {
        switch inspection.page {
        case .strongestImages: refreshTopActivations()
        case .shiftBehaviour: refreshShiftComparison()
        case .overview, .failures, .settings: break
        }
    }

    func renderInspectionPage(_ snapshot: TrainingSnapshot, into buffer: inout Buffer, area: Rect) {
        switch inspection.page {
        case .overview: break
        case .failures: renderFailuresPage(snapshot, into: &buffer, area: area)
        case .strongestImages: renderStrongestImagesPage(into: &buffer, area: area)
        case .shiftBehaviour: renderShiftBehaviourPage(into: &buffer, area: area)
        case .settings: renderSettingsPage(into: &buffer, area: area)
        }
    }
}
