@testable import ConvLabApp

extension Screen {
    /// `update(message)`, then the work effects (`.writeFile`, `.startTraining`) performed as the
    /// app performs them, each outcome handed back to the screen: a screen test that needs the
    /// training thread running, without an `App` around the screen.
    @discardableResult
    mutating func updatePerformingEffects(_ message: Message) -> [Effect] {
        let effects = update(message)
        for effect in effects {
            if let outcome = App.perform(effect) { effectFinished(outcome) }
        }
        return effects
    }
}
