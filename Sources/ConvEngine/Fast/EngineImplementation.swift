import Foundation
import Synchronization

/// Which implementation of the engine's ops the layers call: the fast path (GEMM, direct
/// kernels, threads) or the readable reference loops the stepper mirrors.
///
/// One switch for the whole engine, so the app, `convlab train` and the test suites can all be
/// run on the reference to check the fast path against it: set the environment variable
/// `CONVLAB_ENGINE=reference` before starting (any other value, or none, means `fast`), or
/// assign `EngineImplementation.current` in code.
public enum EngineImplementation: String, Sendable, CaseIterable {
    case fast
    case reference

    /// The environment variable read once, at first use.
    public static let environmentVariable = "CONVLAB_ENGINE"

    /// The implementation named by `CONVLAB_ENGINE`, `fast` when unset or unrecognised.
    public static let fromEnvironment = named(ProcessInfo.processInfo.environment[environmentVariable])

    /// `reference` for the value "reference" (any case, surrounding spaces ignored), `fast`
    /// for anything else or nothing: the switch can only slow the engine down on purpose.
    public static func named(_ value: String?) -> EngineImplementation {
        value?.trimmingCharacters(in: .whitespaces).lowercased() == "reference" ? .reference : .fast
    }

    /// 0 = not set: use `fromEnvironment`.
    private static let stored = Atomic<Int>(0)

    /// The implementation every layer and op dispatcher uses from now on.
    public static var current: EngineImplementation {
        get {
            switch stored.load(ordering: .relaxed) {
            case 1: .fast
            case 2: .reference
            default: fromEnvironment
            }
        }
        set { stored.store(newValue == .fast ? 1 : 2, ordering: .relaxed) }
    }

    /// True when the fast path is in use.
    static var isFast: Bool { current == .fast }
}
