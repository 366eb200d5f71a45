import ConvEngine
import ConvFiles
import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite struct NetworkScreenTests {
    /// Padding 1, stride 2 with padding, a leaky ReLU, pooling and an unpadded conv: every way a
    /// window can sit over its input.
    static let spec = "input 28x28x1 | conv 4 3x3 pad 1 | relu | conv 6 4x4 stride 2 pad 1 | leakyrelu | maxpool 2 | conv 5 3x3 | flatten | linear 10"

    static func source(spec: String = spec, seed: UInt64 = 3) throws -> FixedNetworkFeed {
        let model = try Sequential(spec: try ArchitectureSpec(nameOrSpec: spec), seed: seed)
        return FixedNetworkFeed(model: model, caption: "test net", probes: SyntheticDigits.testSet(count: 4, seed: 0))
    }

    static func screen(_ source: FixedNetworkFeed, color: ColorCapability = .full256, layer: Int = 0, channel: Int = 0, row: Int = 0, column: Int = 0) -> NetworkScreen {
        NetworkScreen(source: source, context: AppContext(colorCapability: color), layer: layer, channel: channel, row: row, column: column)
    }

    /// The stepper's arithmetic for a unit, the network's own map cell, and the activation
    /// layer's cell after it, for units at corners (padding), edges and the middle.
    @Test(arguments: [
        (0, 0, 0, 0), (0, 3, 27, 27), (0, 2, 13, 5),
        (2, 0, 0, 0), (2, 5, 13, 13), (2, 4, 6, 9),
        (5, 0, 0, 0), (5, 4, 4, 4), (5, 2, 2, 3),
    ])
    func steppedUnitEqualsTheNetworksMapCell(layer: Int, channel: Int, row: Int, column: Int) throws {
        let source = try Self.source()
        let inspection = NetworkInspection(model: source.latest!.model, probe: source.probe(at: 1)!.image)
        let unit = try #require(inspection.unit(layer: layer, channel: channel, row: row, column: column))
        let state = ConvStepperState(unit: unit)
        let terms = try #require(state.currentTerms)
        #expect(terms.outputRow == row && terms.outputColumn == column)
        let networkCell = inspection.outputs[layer][0, channel, row, column]
        #expect(abs(terms.total - networkCell) <= 1e-4, "stepper \(terms.total), network \(networkCell)")
        #expect(abs(try #require(state.output)[0, 0, row, column] - networkCell) <= 1e-4)
        #expect(unit.networkMap[row][column] == networkCell)
        // Every input channel is summed: the window terms cover all of them.
        #expect(terms.inputChannels == inspection.input(ofLayer: layer).shape[1])
        if let activation = unit.activation {
            let activated = inspection.outputs[layer + 1][0, channel, row, column]
            #expect(abs(activation.value(terms.total) - activated) <= 1e-4)
        }
    }

    /// Keys select a layer, a channel and a cell; Enter opens the stepper on that cell, whose
    /// value is the network's; the stepper then walks to the next window as usual.
    @Test func enterOpensTheStepperOnTheSelectedCell() throws {
        let source = try Self.source()
        var screen = Self.screen(source)
        for key: Key in [.tab, .tab, .tab, .character("C"), .character("C"), .down, .down, .down, .right] {
            _ = screen.update(.key(key))
        }
        #expect(screen.selectedLayer == 3 && screen.selectedChannel == 2 && screen.selectedRow == 3 && screen.selectedColumn == 1)
        let effects = screen.update(.key(.enter))
        guard case let .push(handle)? = effects.first else {
            Issue.record("Enter gave \(effects)")
            return
        }
        var stepper = try #require(handle.screen as? ConvStepperScreen)
        let inspection = try #require(screen.inspection)
        // Layer 3 is the leaky ReLU after the stride-2 conv: the stepper walks that conv.
        let terms = try #require(stepper.state.currentTerms)
        #expect(abs(terms.total - inspection.outputs[2][0, 2, 3, 1]) <= 1e-4)
        #expect(stepper.title.contains("layer 2 conv 6 4x4 stride 2 pad 1, channel 2"))
        _ = stepper.update(.key(.right))
        let next = try #require(stepper.state.currentTerms)
        #expect(next.outputRow == 3 && next.outputColumn == 2)
        #expect(abs(next.total - inspection.outputs[2][0, 2, 3, 2]) <= 1e-4)
        _ = stepper.update(.key(.down))
        #expect(stepper.state.currentTerms?.outputRow == 4)
        // Keys that would change the computation are refused, not applied.
        _ = stepper.update(.key(.character("P")))
        #expect(stepper.state.config.paddingHeight == 1 && stepper.message.contains("fixed"))
    }

    @Test func enterOnAPoolingLayerSaysWhy() throws {
        var screen = Self.screen(try Self.source(), layer: 4)
        #expect(screen.update(.key(.enter)).isEmpty)
        #expect(screen.statusLine.contains("not a convolution"))
    }

    /// The stepper's unit view at 80×24 (in the app's frame) shows the window's numbers and a
    /// result equal to the network's cell; at 200×60 likewise; at 0×0 it draws nothing.
    @Test func unitStepperRendersAtEverySize() throws {
        let source = try Self.source()
        let inspection = NetworkInspection(model: source.latest!.model, probe: source.probe(at: 1)!.image)
        let unit = try #require(inspection.unit(layer: 2, channel: 1, row: 0, column: 13))
        let stepper = ConvStepperScreen(unit: unit, context: AppContext(colorCapability: .full256))
        let expected = NumberFormatting.fixed(Double(inspection.outputs[2][0, 1, 0, 13]), decimals: 2)
        for (width, height) in [(80, 24), (200, 60)] {
            var app = App(root: stepper, width: width, height: height)
            _ = app.send(.tick)
            let lines = app.frame().lines
            let output = try #require(lines.first { $0.contains("= output") }, "no result at \(width)×\(height):\n\(lines.joined(separator: "\n"))")
            let network = try #require(lines.first { $0.contains("network map") })
            #expect(output.contains(expected) && network.contains(expected))
            #expect(lines.contains { $0.contains("Sum per channel") })
            #expect(lines.contains { $0.contains("Input ch 0 of 4") })
            // At 200×60 every input channel is shown at once; at 80×24 one at a time.
            #expect(lines.contains { $0.contains("Input ch 3 of 4") } == (width == 200))
            // The line naming the unit keeps whole parts.
            #expect(!lines[1].contains("…"), "\(lines[1])")
        }
        var empty = Buffer(width: 0, height: 0)
        stepper.render(into: &empty, area: empty.area)
    }

    /// At 80×24 the first screen shows the selected layer's full text and shape, the first
    /// conv's column with its filters and the scores; nothing is cut in the middle of a word.
    @Test func rendersAt80x24() throws {
        let source = try Self.source(spec: "teaching-net")
        var app = App(root: Self.screen(source, color: .full256), width: 80, height: 24)
        _ = app.send(.tick)
        let lines = app.frame().lines
        #expect(lines[1].hasPrefix("test net · probe 0 (a "))
        #expect(lines[2].hasPrefix("layer 0 conv 8 3x3 pad 1 → 8×28×28 · ch 0 (0, 0) = "))
        #expect(lines[3].hasPrefix("0 conv"))
        #expect(lines[3].contains("Scores"))
        #expect(lines[4].hasPrefix("8×28×28"))
        #expect(lines[5].hasPrefix("ch 0"))
        // The first map row: 28 half blocks, a space, the filter (3 columns).
        #expect(lines[6].hasPrefix(String(repeating: "▀", count: 28) + " ▀▀▀"))
        #expect(lines.contains { $0.contains("1 of 8 channels") })
        for line in lines.prefix(5) { #expect(!line.contains("…"), "\(line)") }
    }

    /// At 200×60 the input and the first layers stand side by side; the selected channel is
    /// paged into view in its column.
    @Test func rendersAt200x60WithPaging() throws {
        let source = try Self.source(spec: "teaching-net")
        var app = App(root: Self.screen(source, layer: 3, channel: 13), width: 200, height: 60)
        _ = app.send(.tick)
        let lines = app.frame().lines
        let titles = lines[3]
        for title in ["input", "0 conv", "1 relu", "2 maxpool", "3 conv", "Scores"] {
            #expect(titles.contains(title), "\(titles)")
        }
        #expect(lines[4].contains("1×28×28") && lines[4].contains("16×14×14"))
        // Layer 3's 14×14 maps take 8 rows each (a label, 7 rows of half blocks): 6 to a page
        // of 54 rows, so channel 13 is on the third page, which starts at channel 12.
        let column = try #require(titles.range(of: "3 conv")).lowerBound
        let offset = titles.distance(from: titles.startIndex, to: column)
        let labels = lines.map { line in String(line.dropFirst(offset).prefix(5)) }
        #expect(labels.contains("ch 12") && labels.contains("ch 13") && !labels.contains("ch 11"))
    }

    @Test func rendersAt0x0AndWithoutColour() throws {
        let screen = Self.screen(try Self.source(), color: .none)
        var empty = Buffer(width: 0, height: 0)
        screen.render(into: &empty, area: empty.area)
        var small = Buffer(width: 80, height: 22)
        screen.render(into: &small, area: small.area)
        #expect(small.lines[0].hasPrefix("test net"))
    }

    /// The dashboard's `n` opens the view on the dashboard's own run and probe.
    @Test func dashboardOpensTheNetworkView() throws {
        let factory = FakeRunFactory(shape: TrainingDashboardScreenTests.midRun)
        var dashboard = TrainingDashboardScreen(
            setup: try TrainingDashboardScreenTests.setup(), context: AppContext(colorCapability: .none), makeRun: { factory.make($0) })
        _ = dashboard.updatePerformingEffects(.tick(milliseconds: 100))
        _ = dashboard.update(.key(.character("I")))
        guard case let .push(handle)? = dashboard.update(.key(.character("n"))).first else {
            Issue.record("i did not open a screen")
            return
        }
        var view = try #require(handle.screen as? NetworkScreen)
        #expect(view.probeIndex == 1)
        _ = view.update(.tick(milliseconds: 100))
        let inspection = try #require(view.inspection)
        let expected = factory.made[0].snapshot.model.layerOutputs(for: try #require(dashboard.probeImage))
        #expect(inspection.outputs.last == expected.last)
    }

    /// A view on a run of its own asks the app to start it: the screen starts no thread, and
    /// once the app has, the view shows the run's network.
    @Test func aRunOfItsOwnIsStartedByTheApp() throws {
        let factory = FakeRunFactory(shape: TrainingDashboardScreenTests.midRun)
        let session = TrainingSession(setup: try TrainingDashboardScreenTests.setup(), makeRun: { factory.make($0) })
        var view = NetworkScreen(source: TrainingNetworkFeed(session: session), context: AppContext(colorCapability: .none))
        let effects = view.update(.tick(milliseconds: 100))
        guard case let .startTraining(launch)? = effects.first, effects.count == 1 else {
            Issue.record("a tick returned \(effects), not one .startTraining")
            return
        }
        #expect(launch.session === session && factory.made.isEmpty && view.inspection == nil)
        var app = App(root: view)
        _ = app.tick(milliseconds: 0)
        #expect(factory.made.count == 1 && factory.made.first?.commands == ["start"])
        #expect((app.currentScreen as? NetworkScreen)?.inspection != nil)
        // A running session asks for nothing more.
        #expect(view.update(.tick(milliseconds: 100)).isEmpty)
    }

    /// The learner's own picture is shown until `n` moves to the test images.
    @Test func showsAFileProbeUntilNextProbe() throws {
        let source = try Self.source()
        let picture = Tensor(shape: [1, 1, 28, 28], repeating: 0.5)
        var screen = NetworkScreen(source: source, context: AppContext(), probeIndex: 2, fileProbe: ("mine.pgm", picture))
        #expect(try #require(screen.inspection).probe == picture)
        #expect(screen.headerParts().contains("probe mine.pgm"))
        _ = screen.update(.key(.character("I")))
        #expect(try #require(screen.inspection).probe == source.probe(at: 2)!.image)
        #expect(screen.headerParts().contains { $0.hasPrefix("probe 2 (a ") })
    }

    @Test func wholePartsNeverCutAWord() {
        #expect(WholeParts.fitted(["layer 3 conv", "16×14×14"], width: 30) == "layer 3 conv · 16×14×14")
        #expect(WholeParts.fitted(["layer 3 conv", "16×14×14"], width: 20) == "layer 3 conv")
        #expect(WholeParts.fitted(["layer 3 conv", "16×14×14"], width: 9) == "layer 3")
        #expect(WholeParts.fitted(["layer"], width: 3) == "")
        #expect(WholeParts.fitted(["layer"], width: 0) == "")
    }

    /// A checkpoint written by the engine opens with `init`; a missing one is refused by name.
    @Test func opensACheckpointAndRefusesABadOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("network-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 9)
        let path = folder.appendingPathComponent("net.npz").path
        try NumpyArchive.write(model.stateDictionary, to: URL(fileURLWithPath: path))
        let screen = try NetworkScreen(parameters: ["init": path, "layer": "3", "channel": "99"], context: AppContext())
        let inspection = try #require(screen.inspection)
        #expect(inspection.model.stateDictionary == model.stateDictionary)
        #expect(screen.selectedLayer == 3 && screen.selectedChannel == 15)
        #expect(screen.caption == "teaching-net from net.npz")
        #expect(throws: DemoParameterError.self) { _ = try NetworkScreen(parameters: ["init": folder.appendingPathComponent("missing.npz").path], context: AppContext()) }
        do {
            _ = try NetworkScreen(parameters: ["init": path, "arch": "lenet5"], context: AppContext())
            Issue.record("a teaching-net checkpoint opened as lenet5")
        } catch {
            #expect(error.parameter == "init")
        }
        #expect(throws: DemoParameterError.self) { _ = try NetworkScreen(parameters: ["probe": "100"], context: AppContext()) }
    }
}
