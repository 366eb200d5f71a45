import ConvEngine
import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

/// The dashboard's inspection pages: failures (confusion matrix, misclassified images),
/// strongest images, shift behaviour, and the settings page that changes the run.
@Suite struct TrainingDashboardInspectionTests {
    /// Test images 3 and 7 of the fake run's test set, listed as mistakes of the last epoch.
    static func withMistakes(_ snapshot: inout TrainingSnapshot) {
        TrainingDashboardScreenTests.midRun(&snapshot)
        let labels = SyntheticDigits.testSet(count: 20, seed: 0).labels
        snapshot.epochs[0].misclassified = [
            MisclassifiedExample(index: 3, label: labels[3], predicted: (labels[3] + 1) % 10),
            MisclassifiedExample(index: 7, label: labels[7], predicted: (labels[7] + 2) % 10),
        ]
    }

    private func makeScreen(_ factory: FakeRunFactory = FakeRunFactory(shape: withMistakes)) throws -> TrainingDashboardScreen {
        var screen = TrainingDashboardScreen(setup: try TrainingDashboardScreenTests.setup(), context: AppContext(colorCapability: .none),
                                             makeRun: { factory.make($0) })
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        return screen
    }

    private func render(_ screen: TrainingDashboardScreen, width: Int = 80, height: Int = 24) -> [String] {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer.trimmedLines
    }

    private func press(_ screen: inout TrainingDashboardScreen, _ keys: Key...) {
        for key in keys { screen.updatePerformingEffects(.key(key)) }
    }

    /// Every page draws at 0×0, 80×24 and 200×60 without a line longer than the width.
    private func expectRendersAtAllSizes(_ screen: TrainingDashboardScreen) {
        #expect(render(screen, width: 0, height: 0).isEmpty)
        for (width, height) in [(80, 24), (200, 60), (20, 5)] {
            let lines = render(screen, width: width, height: height)
            #expect(lines.count <= height && lines.allSatisfy { $0.count <= width }, "\(width)×\(height)")
        }
    }

    @Test func failuresPageShowsTheMatrixAndStepsThroughMistakes() throws {
        var screen = try makeScreen()
        let labels = SyntheticDigits.testSet(count: 20, seed: 0).labels
        press(&screen, .character("f"))
        #expect(screen.page == .failures)
        var lines = render(screen)
        #expect(lines[2].hasPrefix("test confusion, epoch 1: 8/10 right"))
        #expect(lines[2].hasSuffix("2 mistakes"))
        #expect(lines[3].hasSuffix("x/X: previous/next"))
        // The matrix rows: true 8 and 9 were predicted 0 (the fixture's two errors).
        #expect(lines.contains { $0.hasPrefix("8") && $0.contains(" 1 ") })
        press(&screen, .character("X"))
        #expect(screen.probe == .testImage(3))
        #expect(screen.statusLine == "mistake 1/2: test image 4, a \(labels[3]) taken for a \((labels[3] + 1) % 10)")
        lines = render(screen)
        #expect(lines[4].hasSuffix("1/2: test image 4"))
        #expect(lines[5].hasSuffix("true \(labels[3]), predicted \((labels[3] + 1) % 10)"))
        press(&screen, .character("X"))
        #expect(screen.probe == .testImage(7))
        press(&screen, .character("X"))
        #expect(screen.probe == .testImage(3), "wraps round")
        press(&screen, .character("x"))
        #expect(screen.probe == .testImage(7), "and back")
        expectRendersAtAllSizes(screen)
        press(&screen, .character("f"))
        #expect(screen.page == DashboardInspection.Page.overview)
    }

    @Test func mistakesWaitForTheFirstEpoch() throws {
        var screen = try makeScreen(FakeRunFactory())
        press(&screen, .character("x"))
        #expect(screen.statusLine == "mistakes are listed after the first epoch")
        #expect(screen.probe == .testImage(0))
    }

    @Test func strongestImagesAreTheEnginesRanking() throws {
        var screen = try makeScreen()
        press(&screen, .character("t"))
        #expect(render(screen).contains("ranking the test images…"))
        let ranking = try #require(screen.inspection.pendingTopActivations).job.waitForResult()
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        let test = SyntheticDigits.testSet(count: 20, seed: 0)
        let expected = TopActivations.strongest(model: try #require(screen.snapshot).model, layer: 0, channel: 0, dataset: test, count: 9)
        #expect(ranking == expected)
        let lines = render(screen)
        #expect(lines[2] == "strongest test images for layer 0 (conv 8 3x3 pad 1), channel 1/8")
        let caption = "1. a \(test.labels[expected[0].index]) " + NumberFormatting.fixed(Double(expected[0].value), decimals: 2)
        #expect(lines[4].hasPrefix(caption), "\(lines[4])")
        expectRendersAtAllSizes(screen)
        // C: channel 2 of the same layer; ]: the next layer with maps (relu), channel kept.
        press(&screen, .character("C"), .character("]"))
        #expect(screen.inspection.pendingTopActivations?.key.channel == 1)
        #expect(screen.inspection.pendingTopActivations?.key.layer == 1)
        #expect(render(screen)[2].hasPrefix("strongest test images for layer 1 (relu), channel 2/8"))
    }

    @Test func shiftPageShowsEachLayerAndBothConsistencies() throws {
        var screen = try makeScreen()
        // The page asks the app to start the measurement's thread; the screen starts none.
        let effects = screen.update(.key(.character("d")))
        #expect(screen.page == .shiftBehaviour)
        let pending = try #require(screen.inspection.pendingShiftComparison).job
        guard case let .startBackgroundJob(job)? = effects.first, effects.count == 1 else {
            Issue.record("d returned \(effects), not one .startBackgroundJob")
            return
        }
        #expect(job.name == "convlab-shift" && !pending.isStarted)
        #expect(App.perform(effects[0]) == nil && pending.isStarted)
        #expect(screen.update(.tick(milliseconds: 100)).isEmpty)
        let comparison = try #require(screen.inspection.pendingShiftComparison).job.waitForResult()
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        let lines = render(screen)
        #expect(lines[2] == "shift behaviour: ‖F(shift x) − shift F(x)‖ / ‖F(x)‖ per layer")
        #expect(lines[4].hasPrefix("layer \\ shift"))
        #expect(lines[5].hasPrefix("0 conv 8 3x3 pad 1"))
        // Shift 0 is exact everywhere; the pool (cumulative stride 2) marks odd shifts with ~.
        #expect(comparison.equivariance.layers.allSatisfy { $0.errors[0] == 0 })
        #expect(lines[7].hasPrefix("2 maxpool 2") && lines[7].contains("~"))
        let percent = NumberFormatting.fixed(comparison.networkConsistency * 100, decimals: 1) + "%"
        #expect(lines.contains { $0.hasPrefix("network: \(percent), 9098 parameters") })
        #expect(lines.contains { $0.hasPrefix("perceptron: ") && $0.contains("parameters") })
        #expect(comparison.perceptronSpec == "input 28x28x1 | flatten | linear 11 | relu | linear 10")
        expectRendersAtAllSizes(screen)
    }

    @Test func settingsRefuseABadSpecAtItsColumn() throws {
        var screen = try makeScreen()
        press(&screen, .character("e"))
        #expect(screen.capturesText)
        #expect(screen.inspection.settings.text(.architecture) == NamedArchitecture.teachingNet.spec.description)
        press(&screen, .control("u"))
        for character in "input 28x28x1 | conv 8 3x3 | relu | flatten | linaer 10" { press(&screen, .character(character)) }
        press(&screen, .enter)
        let refusal = try #require(screen.inspection.settings.refusal)
        // "linaer" starts at column 47.
        #expect(refusal == SettingsForm.Refusal(field: .architecture, message: refusal.message, column: 47))
        #expect(refusal.message.hasPrefix("column 47: expected a layer"), "\(refusal.message)")
        #expect(screen.page == .settings)
        let lines = render(screen)
        #expect(lines.contains { $0.contains("column 47: expected a layer") })
        expectRendersAtAllSizes(screen)
        // q types into the field instead of leaving; Esc leaves the page, not the dashboard.
        press(&screen, .escape)
        #expect(screen.page == DashboardInspection.Page.overview && !screen.capturesText)
    }

    @Test func settingsContinueWithTheWeightsWhoseShapesMatch() throws {
        let factory = FakeRunFactory(shape: Self.withMistakes)
        var screen = try makeScreen(factory)
        let oldFirstWeight = try #require(screen.snapshot).model.stateDictionary["0.weight"]
        press(&screen, .character("e"), .control("u"))
        let spec = "input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpool 4 | flatten | linear 10"
        for character in spec { press(&screen, .character(character)) }
        press(&screen, .tab, .tab, .control("u"), .character("0"), .character("."), .character("1"))
        press(&screen, .control("k"))
        #expect(screen.statusLine == "continued: 2 of 4 weight tensors kept, the rest fresh")
        #expect(screen.page == DashboardInspection.Page.overview)
        #expect(factory.made.count == 2 && factory.made[0].commands.contains("stop"))
        #expect(screen.setup.architectureName == spec)
        #expect(screen.setup.configuration.learningRate == 0.1)
        #expect(screen.setup.initialModel.stateDictionary["0.weight"] == oldFirstWeight)
        #expect(screen.runCommandLine == "convlab train --tui --arch '\(spec)' --optimizer sgd --lr 0.1 --momentum 0.9 --batch 10 --epochs 2 --seed 0")
        // Enter instead starts from fresh weights (seeded, so not the old ones).
        press(&screen, .character("e"), .enter)
        #expect(screen.statusLine == "started again with the new settings from fresh weights")
        #expect(factory.made.count == 3)
    }

    @Test func theRunLineIsShownAndSaved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-runline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var setup = try TrainingDashboardScreenTests.setup(checkpointPath: folder.appendingPathComponent("mine.npz").path)
        setup.dataOptions = ["--train-size", "40", "--test-size", "20"]
        var screen = TrainingDashboardScreen(setup: setup, context: AppContext(colorCapability: .none), makeRun: { FakeRunFactory(shape: Self.withMistakes).make($0) })
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        press(&screen, .character("e"))
        let lines = render(screen, width: 200, height: 60)
        #expect(lines.contains("this run as a command (Ctrl-W saves it):"))
        #expect(lines.contains("convlab train --tui --arch teaching-net --optimizer sgd --lr 0.05 --momentum 0.9 --batch 10 --epochs 2 --seed 0 --train-size 40 --test-size 20"))
        // Ctrl-W asks the app to write the line; the screen writes nothing.
        let effects = screen.update(.key(.control("w")))
        #expect(effects == [.writeFile(FileWrite(path: screen.runLineURL.path, contents: .text(screen.runCommandLine + "\n")))])
        #expect(!FileManager.default.fileExists(atPath: screen.runLineURL.path))
        for effect in effects { if let outcome = App.perform(effect) { screen.effectFinished(outcome) } }
        #expect(screen.statusLine == "saved the run's command line to \(folder.standardizedFileURL.path)/convlab-run.txt")
        let saved = try String(contentsOf: folder.appendingPathComponent("convlab-run.txt"), encoding: .utf8)
        #expect(saved == screen.runCommandLine + "\n")
    }

    @Test func wrappingBreaksAfterSpacesAndKeepsOffsets() {
        let lines = TrainingDashboardScreen.wrap("input 28x28x1 | conv 8", width: 10)
        #expect(lines.map(\.text) == ["input ", "28x28x1 | ", "conv 8"])
        #expect(lines.map(\.start) == [0, 6, 16])
    }
}
