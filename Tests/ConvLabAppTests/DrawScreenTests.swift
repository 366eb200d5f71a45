import ConvEngine
import ConvFiles
import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite struct DrawScreenTests {
    /// A seeded, untrained teaching net: the tests check that the screen shows what the engine
    /// computes, whatever the weights.
    private func makeScreen(colorCapability: ColorCapability = .full256) throws -> DrawScreen {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 1)
        return try DrawScreen(network: LoadedNetwork(model: model, origin: "test net"), colorCapability: colorCapability)
    }

    private func press(_ screen: inout DrawScreen, _ keys: Key...) {
        for key in keys { _ = screen.update(.key(key)) }
    }

    private func inked(_ screen: DrawScreen) -> Set<Int> {
        Set(screen.pixels.indices.filter { screen.pixels[$0] > 0 })
    }

    @Test func penDownInksTheCursorAndArrowsDrawALine() throws {
        var screen = try makeScreen()
        #expect(inked(screen).isEmpty)
        press(&screen, .character("-"))  // thickness 1: exactly one pixel per dab
        press(&screen, .right)  // pen up: moving leaves no ink
        #expect(inked(screen).isEmpty)
        press(&screen, .character(" "))  // pen down at (14, 15)
        #expect(inked(screen) == [14 * 28 + 15])
        press(&screen, .down, .down, .down)
        #expect(inked(screen) == Set((14...17).map { $0 * 28 + 15 }))
        #expect(screen.pixels[17 * 28 + 15] == 1)
    }

    @Test func thicknessEraserClearAndShift() throws {
        var screen = try makeScreen()
        press(&screen, .character(" "))  // thickness 2 at (14, 14): the centre and its 4 neighbours
        #expect(screen.pixels[14 * 28 + 14] == 1)
        #expect(screen.pixels[13 * 28 + 14] == 0.5 && screen.pixels[14 * 28 + 15] == 0.5)
        let before = screen.pixels
        press(&screen, .character("m"), .right)  // arrows shift: right by one pixel
        for row in 0..<28 {
            for column in 1..<28 { #expect(screen.pixels[row * 28 + column] == before[row * 28 + column - 1]) }
            #expect(screen.pixels[row * 28] == 0)
        }
        press(&screen, .up, .character("m"))  // and up by one; then the arrows move the pen again
        #expect(screen.pixels[13 * 28 + 15] == 1)
        press(&screen, .character(" "), .character("e"), .character("+"), .character("+"))  // pen up, eraser, thickness 4
        press(&screen, .up, .right)  // cursor (13, 15): move with the pen up, then erase there
        press(&screen, .character(" "))
        #expect(screen.pixels[13 * 28 + 15] == 0)
        press(&screen, .character("x"))
        #expect(inked(screen).isEmpty)
    }

    /// The prediction and every score are the engine's forward pass on the drawing.
    @Test func scoresAreTheNetworkOnTheDrawing() throws {
        var screen = try makeScreen()
        press(&screen, .character(" "), .down, .down, .down, .down, .right, .right)
        var network = screen.network.model
        let logits = network.forward(Tensor(shape: [1, 1, 28, 28], scalars: screen.pixels))
        let expected = softmax(logits: logits).scalars
        #expect(screen.probabilities == expected)
        #expect(screen.prediction == expected.indices.max { expected[$0] < expected[$1] })
        #expect(screen.layerOutputs.count == 8)
        #expect(screen.layerOutputs[2].shape == [1, 8, 14, 14])
    }

    /// The looks-at view shows the engine's maps for the explained class; tab moves through
    /// the top-3.
    @Test func looksAtViewHoldsTheEngineMaps() throws {
        // The built-in network, so that its top class stays put under one small stroke.
        var screen = try DrawScreen(network: try BundledNetwork.load())
        press(&screen, .character("I"), .character("v"))
        let saliency = try #require(screen.saliency)
        let image = Tensor(shape: [1, 1, 28, 28], scalars: screen.pixels)
        #expect(saliency.classIndex == screen.ranking[0])
        #expect(saliency.gradient == Saliency.gradientMap(model: screen.network.model, image: image, classIndex: screen.ranking[0]))
        #expect(saliency.occlusion == Saliency.occlusionMap(model: screen.network.model, image: image, classIndex: screen.ranking[0], patchSize: 6, stride: 2))
        // After a stroke the gradient map follows at once, the occlusion map on the next tick.
        press(&screen, .character(" "), .down)
        let drawn = Tensor(shape: [1, 1, 28, 28], scalars: screen.pixels)
        let stroked = try #require(screen.saliency)
        #expect(stroked.gradient == Saliency.gradientMap(model: screen.network.model, image: drawn, classIndex: stroked.classIndex))
        #expect(!stroked.isOcclusionCurrent)
        _ = screen.update(.tick(milliseconds: 100))
        #expect(screen.saliency?.isOcclusionCurrent == true)
        #expect(screen.saliency?.occlusion == Saliency.occlusionMap(model: screen.network.model, image: drawn, classIndex: stroked.classIndex, patchSize: 6, stride: 2))
        press(&screen, .tab)
        #expect(screen.saliency?.classIndex == screen.ranking[1])
        #expect(screen.saliency?.isOcclusionCurrent == true)
        press(&screen, .tab, .tab)
        #expect(screen.saliency?.classIndex == screen.ranking[0])
        press(&screen, .character("v"))
        #expect(screen.saliency == nil)
    }

    /// A press on the canvas inks the pixel under it; the app narrows the mouse's area to the
    /// screen's body (the title bar is row 0), so the screen hit-tests with its own layout.
    @Test func mousePressInksThePixelUnderIt() throws {
        var app = App(root: try makeScreen(), width: 80, height: 24)
        // Canvas cell (column 5, text row 3) is terminal cell (1 + 5, 1 + 1 + 3): pixel row 6.
        let press = MouseEvent(column: 6, row: 5, kind: .press, area: Rect(width: 80, height: 24))
        _ = app.update(event: .key(.mouse(press)))
        let screen = try #require(app.currentScreen as? DrawScreen)
        #expect(screen.pixels[6 * 28 + 5] == 1)
        var drag = press
        drag.column = 10
        drag.kind = .drag
        _ = app.update(event: .key(.mouse(drag)))
        let dragged = try #require(app.currentScreen as? DrawScreen)
        #expect((5...9).allSatisfy { dragged.pixels[6 * 28 + $0] == 1 })
        var outside = press
        outside.column = 70
        _ = app.update(event: .key(.mouse(outside)))
        #expect((app.currentScreen as? DrawScreen)?.pixels == dragged.pixels)
    }

    @Test func rendersAt80x24LineByLine() throws {
        var screen = try makeScreen()
        press(&screen, .character("I"))
        var app = App(root: screen, width: 80, height: 24)
        _ = app.update(event: .tick)
        let lines = app.frame().trimmedLines
        #expect(lines[0].hasPrefix(" ConvLab — Draw a digit: what test net sees"))
        #expect(lines[1].hasPrefix("┌ 28×28 ───"))
        #expect(lines[1].contains("every layer"))
        #expect(lines[1].hasSuffix("class scores"))
        #expect(lines[2].contains("0 conv 8×28×28"))
        #expect(lines[16].hasPrefix("└────"))
        #expect(lines[17].hasPrefix("prediction: \(screen.prediction)"))
        #expect(lines[18].hasPrefix("top-3: \(screen.ranking[0]) "))
        for digit in 0..<10 {
            #expect(lines[2 + digit].contains("\(digit) ") && lines[2 + digit].hasSuffix("%"), "score row \(digit): \(lines[2 + digit])")
        }
        #expect(lines[23].contains("test digit"))
    }

    @Test func rendersAtEverySizeWithoutTrapping() throws {
        for capability in [ColorCapability.full256, .none] {
            var screen = try makeScreen(colorCapability: capability)
            press(&screen, .character("I"))
            for view in 0..<2 {
                if view == 1 { press(&screen, .character("v")) }
                for (width, height) in [(80, 24), (200, 60), (0, 0), (1, 1), (81, 23)] {
                    var app = App(root: screen, width: width, height: height)
                    let frame = app.frame()
                    #expect(frame.width == width)
                    _ = app.update(event: .tick)
                    var body = Buffer(width: width, height: height)
                    screen.render(into: &body, area: body.area)
                }
            }
        }
    }

    @Test func looksAtViewAt80x24ShowsBothMapsAndTop3() throws {
        var screen = try makeScreen()
        press(&screen, .character("I"), .character("v"))
        let app = App(root: screen, width: 80, height: 24)
        let lines = app.frame().trimmedLines
        #expect(lines[1].contains("what it looks at: class \(screen.ranking[0]) (top-1, score "))
        #expect(lines[2].contains("∂score/∂pixel") && lines[2].contains("drop, 6×6 grey"))
        #expect(lines[18].hasPrefix("top-3: "))
    }

    /// `s` is an effect; the app writes the frame as text and the drawing as a PGM that reads
    /// back as the canvas, then numbers the next save 2.
    @Test func saveWritesTextAndPictures() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-draw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 1)
        var screen = try DrawScreen(network: LoadedNetwork(model: model, origin: "test net"), saveFolder: folder.path)
        press(&screen, .character("I"), .character("v"))
        let expectedView = screen.savedView
        #expect(screen.update(.key(.character("w"))) == [.saveView(expectedView)])
        var app = App(root: screen, width: 80, height: 24)
        _ = app.update(event: .character("w"))
        #expect(app.statusError == nil)
        #expect(app.statusNotice == "saved draw-1.txt, -canvas.pgm, -gradient-\(screen.ranking[0]).ppm, -occlusion-\(screen.ranking[0]).ppm in \(folder.path)")
        let text = try String(contentsOf: folder.appendingPathComponent("draw-1.txt"), encoding: .utf8)
        #expect(text.contains("what it looks at: class"))
        let canvas = try PortableAnymap.read(from: folder.appendingPathComponent("draw-1-canvas.pgm"))
        #expect(canvas.shape == [1, 28, 28])
        #expect(zip(canvas.scalars, screen.pixels).allSatisfy { abs($0 - $1) <= 0.5 / 255 + 1e-6 })
        let gradient = try PortableAnymap.read(from: folder.appendingPathComponent("draw-1-gradient-\(screen.ranking[0]).ppm"))
        #expect(gradient.shape == [3, 28, 28])
        #expect(app.frame().trimmedLines[23].hasPrefix(" saved draw-1.txt"))
        _ = app.update(event: .character("w"))
        #expect(app.statusNotice?.hasPrefix("saved draw-2.txt") == true)
    }

    @Test func saveToAMissingFolderSaysWhy() throws {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 1)
        let screen = try DrawScreen(network: LoadedNetwork(model: model, origin: "test net"), saveFolder: "/nonexistent-convlab-folder")
        var app = App(root: screen, width: 80, height: 24)
        _ = app.update(event: .character("w"))
        #expect(app.statusNotice == nil)
        #expect(app.statusError?.contains("cannot write") == true)
        #expect(app.statusError?.contains("/nonexistent-convlab-folder") == true)
    }

    @Test func badParametersNameThemselves() {
        let context = AppContext()
        #expect(throws: DemoParameterError.self) { try DrawScreen(parameters: ["network": "mine"], context: context) }
        #expect(throws: DemoParameterError.self) { try DrawScreen(parameters: ["thickness": "9"], context: context) }
        #expect(throws: DemoParameterError.self) { try DrawScreen(parameters: ["arch": "lenet5"], context: context) }
        do {
            _ = try DrawScreen(parameters: ["init": "/nonexistent/weights.npz"], context: context)
            Issue.record("a missing checkpoint was accepted")
        } catch {
            #expect(error.parameter == "init")
            #expect(error.message.contains("/nonexistent/weights.npz"))
        }
        do {
            _ = try DrawScreen(parameters: ["init": "x.npz", "arch": "vgg16"], context: context)
            Issue.record("a colour network was accepted")
        } catch {
            #expect(error.message.contains("one square channel") || error.message.contains("x.npz"))
        }
    }

    /// The key table is the help: every binding the overlay lists comes from it, and every
    /// key in it does something.
    @Test func keyTableIsTheHelp() throws {
        let screen = try makeScreen()
        #expect(screen.keyBindings.map(\.keys) == DrawScreen.keyTable.map(\.label))
        for entry in DrawScreen.keyTable {
            for (key, action) in entry.keys { #expect(DrawScreen.action(for: key) == action) }
        }
        #expect(DrawScreen.action(for: .character("w")) == .save)
    }
}
