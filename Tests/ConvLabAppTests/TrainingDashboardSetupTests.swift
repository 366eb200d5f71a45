import ConvEngine
import ConvFiles
import Foundation
import Testing
import TerminalUI
@testable import ConvLabApp

/// What the dashboard checks when its setup is made, before any interface starts: the probe
/// file, and the sizes and memory of the run.
@Suite struct TrainingDashboardSetupTests {
    /// The probe file is read and checked when the setup is made, before any interface: a
    /// missing file or a colour image is refused naming the file; `o` never reads the disk.
    /// `page` opens the dashboard on an inspection page (a lesson step sends the learner to
    /// the shift page); an unknown page is refused with the choices.
    @Test func pageParameterChoosesTheOpeningPage() throws {
        let shift = TrainingDashboardScreen(setup: try TrainingDashboardSetup(parameters: ["page": "shift", "train-size": "10", "test-size": "10"]),
                                            context: AppContext(colorCapability: .none))
        #expect(shift.page == .shiftBehaviour)
        let plain = TrainingDashboardScreen(setup: try TrainingDashboardSetup(parameters: ["train-size": "10", "test-size": "10"]),
                                            context: AppContext(colorCapability: .none))
        #expect(plain.page == .overview)
        do {
            _ = try TrainingDashboardSetup(parameters: ["page": "charts"])
            Issue.record("an unknown page was accepted")
        } catch {
            #expect(error.description == "page: expected overview, failures, strongest or shift, got \"charts\"")
        }
    }

    @Test func probeFileIsCheckedWhenTheSetupIsMade() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("absent.pgm").path
        let setup = try TrainingDashboardScreenTests.setup(probePath: missing)
        #expect(throws: DemoParameterError.self) { try setup.checkProbe() }
        do {
            try setup.checkProbe()
        } catch {
            #expect(error.parameter == "probe")
            #expect(error.message.contains("absent.pgm"))
        }
        #expect(throws: DemoParameterError.self) { try TrainingDashboardSetup(parameters: ["probe": missing]) }

        let colour = directory.appendingPathComponent("colour.ppm")
        try PortableAnymap.write(Tensor(shape: [3, 28, 28], repeating: 0.5), to: colour)
        do {
            try TrainingDashboardScreenTests.setup(probePath: colour.path).checkProbe()
            Issue.record("a colour probe for a greyscale network was accepted")
        } catch let error as DemoParameterError {
            #expect(error.message == "\(colour.path) has 3 channels, the network takes 1 (use a PGM)")
        }

        // Read once: removing the file after the setup is made does not change what o shows.
        let grey = directory.appendingPathComponent("grey.pgm")
        try PortableAnymap.write(Tensor(shape: [1, 28, 28], repeating: 0.25), to: grey)
        var screen = TrainingDashboardScreen(setup: try TrainingDashboardScreenTests.setup(probePath: grey.path), context: AppContext(colorCapability: .none),
                                             makeRun: { FakeRunFactory(shape: TrainingDashboardScreenTests.midRun).make($0) })
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        try FileManager.default.removeItem(at: grey)
        _ = screen.update(.key(.character("o")))
        #expect(screen.message == "probe \(grey.path)")
        #expect(screen.probeDescription == "grey.pgm")
    }

    /// Sizes are bounded before anything is drawn or allocated: a network whose run would pass
    /// the memory limit is refused with the estimate (93 GB for a padding of 3,000), and so are
    /// data sets, batches and epochs past their limits.
    @Test func runsPastTheLimitsAreRefusedBeforeAllocating() throws {
        func refusal(_ parameters: [String: String]) -> DemoParameterError? {
            do {
                _ = try TrainingDashboardSetup(parameters: parameters)
                return nil
            } catch {
                return error
            }
        }
        // A colour input is named in the order the spec writes it, beside the advice.
        let colour = refusal(["arch": "input 32x32x3 | flatten | linear 10"])
        #expect(colour?.message == "the network takes 32×32×3 (H×W×C) but the digits are 28×28×1; start the spec with 'input 28x28x1'")
        #expect(refusal(["arch": "input 784 | linear 10"])?.message == "the network takes 784 but the digits are 28×28×1; start the spec with 'input 28x28x1'")
        let huge = refusal(["arch": "input 28x28x1 | conv 64 3x3 pad 3000 | flatten | linear 10"])
        #expect(huge?.parameter == "arch")
        #expect(huge?.message == "layer 1 (flatten) on input 64×6026×6026 (C×H×W): flattened features must be at most 268435456, got 2324011264")
        // Within every shape bound, but hundreds of gigabytes: the engine's estimate refuses it.
        let large = refusal(["arch": "input 28x28x1 | conv 64 3x3 pad 1000 | flatten | linear 10"])
        #expect(large?.parameter == "arch")
        #expect(large?.message.hasPrefix("this run needs about ") == true, "\(String(describing: large))")
        #expect(large?.message.contains("for batch 32, weights 31.5 GB") == true, "\(String(describing: large))")
        #expect(large?.message.hasSuffix("the limit is \(Limits.formatBytes(Limits.memoryBytes))") == true)
        #expect(refusal(["train-size": "100000000000"])?.message == "expected a whole number from 1 to 1000000, got \"100000000000\"")
        #expect(refusal(["test-size": "1000001"])?.parameter == "test-size")
        #expect(refusal(["batch": "9223372036854775807"])?.message == "expected a whole number from 1 to 4096, got \"9223372036854775807\"")
        #expect(refusal(["epochs": "1001"])?.parameter == "epochs")
        #expect(refusal(["train-size": "1000000", "batch": "4096", "epochs": "1000"]) == nil)
    }
}
