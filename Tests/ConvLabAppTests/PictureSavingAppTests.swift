import ConvEngine
import ConvFiles
import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

/// The dashboard's pages save their pictures, Ctrl-P writes them all and they read back, and
/// the draw demo pages its layers' channels.
@Suite struct PictureSavingAppTests {
    private func makeDashboard() throws -> TrainingDashboardScreen {
        let factory = FakeRunFactory(shape: TrainingDashboardInspectionTests.withMistakes)
        var screen = TrainingDashboardScreen(setup: try TrainingDashboardScreenTests.setup(), context: AppContext(colorCapability: .none),
                                             makeRun: { factory.make($0) })
        _ = screen.updatePerformingEffects(.tick(milliseconds: 100))
        return screen
    }

    /// A test image as a 1×1×H×W tensor, to compare with a picture's tile.
    private func testImage(_ index: Int) -> Tensor {
        let test = SyntheticDigits.testSet(count: 20, seed: 0)
        return test.image(at: index).reshaped([1] + test.imageShape)
    }

    private func expectImage(_ picture: Tensor, top: Int = 0, left: Int = 0, equals image: Tensor) {
        let (_, _, height, width) = image.nchw
        for row in 0..<height {
            for column in 0..<width {
                let expected = (255 * min(max(image[0, 0, row, column], 0), 1)).rounded() / 255
                if abs(picture[0, top + row, left + column] - expected) > 0.6 / 255 {
                    Issue.record("pixel (\(row), \(column)) is \(picture[0, top + row, left + column]), expected \(expected)")
                    return
                }
            }
        }
    }

    @Test func theDashboardSavesWhatEachPageShows() throws {
        var screen = try makeDashboard()
        // Overview: the probe, every layer's maps, the filters of the conv layers it shows.
        var pictures = screen.savedPictures
        let names = PictureSavingTests.names(pictures)
        #expect(names.first == "probe" && names.contains("layer0-conv-maps") && names.contains("layer0-conv-filters"))
        expectImage(pictures[0].image, equals: testImage(0))
        let activations = screen.probeActivations[0]
        let maps = try #require(pictures.first { $0.suffix == "layer0-conv-maps" }).image
        // One scale for the whole layer, as the cards draw it: tile 1's pixels over the layer's range.
        let (_, channels, height, width) = activations.nchw
        let columns = HeatPicture.squareColumns(channels)
        #expect(maps.shape[1...] == [(channels + columns - 1) / columns * (height + 1) - 1, columns * (width + 1) - 1])
        let magnitude = activations.scalars.map(abs).max()!, low = activations.scalars.min()!, high = activations.scalars.max()!
        let value = activations[0, 1, 5, 7]
        let expected = low < 0 ? PictureSavingTests.diverging(value, magnitude: magnitude) : [PictureSavingTests.grey(value, low, high)]
        #expect(PictureSavingTests.close(PictureSavingTests.pixel(maps, 5, width + 1 + 7), expected))
        let filters = try #require(pictures.first { $0.suffix == "layer0-conv-filters" }).image
        let weight = try #require(screen.snapshot).convolutionWeights[0]
        #expect(filters.shape == [3, 3, weight.shape[0] * 4 - 1])

        // Failures: the mistake the probe shows.
        _ = screen.update(.key(.character("f")))
        _ = screen.update(.key(.character("X")))
        pictures = screen.savedPictures
        #expect(PictureSavingTests.names(pictures) == ["probe"])
        expectImage(pictures[0].image, equals: testImage(3))

        // Strongest: the engine's nine, strongest first, three a row.
        _ = screen.update(.key(.character("t")))
        #expect(screen.savedPictures.isEmpty, "nothing before the ranking")
        let ranking = try #require(screen.inspection.pendingTopActivations).job.waitForResult()
        _ = screen.update(.tick(milliseconds: 100))
        pictures = screen.savedPictures
        #expect(PictureSavingTests.names(pictures) == ["layer0-channel1-strongest"])
        #expect(pictures[0].image.shape == [1, 3 * 29 - 1, 3 * 29 - 1])
        expectImage(pictures[0].image, equals: testImage(ranking[0].index))
        expectImage(pictures[0].image, top: 29, left: 29, equals: testImage(ranking[4].index))

        // Shift: one row per layer, one column per shift, the relative error 0 (black) … 1 (white).
        _ = screen.update(.key(.character("d")))
        let comparison = try #require(screen.inspection.pendingShiftComparison).job.waitForResult()
        _ = screen.update(.tick(milliseconds: 100))
        pictures = screen.savedPictures
        #expect(PictureSavingTests.names(pictures) == ["equivariance"])
        let layers = comparison.equivariance.layers
        #expect(pictures[0].image.shape == [1, layers.count, comparison.equivariance.shifts.count])
        for (row, layer) in layers.enumerated() {
            for (column, error) in layer.errors.enumerated() where error.isFinite {
                #expect(PictureSavingTests.close([pictures[0].image[0, row, column]], [PictureSavingTests.grey(error, 0, 1)]))
            }
        }
    }

    /// Ctrl-P on the network view writes the text and every picture, names them in the status
    /// line, and a PGM reads back as the picture it was made from.
    @Test func ctrlPWritesEveryPictureAndTheyReadBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-pictures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let context = AppContext(colorCapability: .none, saveFolder: folder.path)
        let screen = NetworkScreen(source: try NetworkScreenTests.source(), context: context)
        var app = App(root: screen, context: context)
        _ = app.update(event: .key(.control("p")))
        let pictures = screen.savedPictures
        #expect(pictures.count == 11)
        for picture in pictures {
            let name = App.fileName(SavedView(name: "network"), number: 1, picture: picture)
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("network-1.txt").path))
        let relu = try #require(pictures.first { $0.suffix == "layer1-relu-maps" })
        let file = folder.appendingPathComponent("network-1-layer1-relu-maps.pgm")
        let read = try PortableAnymap.read(from: file)
        #expect(read.shape == relu.image.shape)
        #expect(zip(read.scalars, relu.image.scalars).allSatisfy { abs($0 - $1) <= 0.6 / 255 })
        // The scale is stated in the file's header.
        let header = try String(decoding: Data(contentsOf: file).prefix(40), as: UTF8.self)
        #expect(header.hasPrefix("P5\n# one tile per channel"))
        // Eleven names do not fit 80 columns: the status line counts them.
        let status = app.frame().trimmedLines[23]
        #expect(status.hasPrefix(" saved network-1.txt and 11 pictures network-1-*.pgm/ppm in "), "\(status)")
        // Names that fit are each given, a picture by what it adds to the text file's name.
        let written = ["pool-1.txt", "pool-1-activations.pgm", "pool-1-pooled.pgm"]
        #expect(App.savedNotice(written, stem: "pool-1", place: nil, width: 80) == "saved pool-1.txt, -activations.pgm, -pooled.pgm")
        #expect(App.savedNotice(written, stem: "pool-1", place: "/a", width: 80) == "saved pool-1.txt, -activations.pgm, -pooled.pgm in /a")
        #expect(App.savedNotice(written, stem: "pool-1", place: "/a", width: 40) == "saved pool-1.txt and 2 pictures pool-1-*.pgm in /a")
    }

    // MARK: draw demo

    /// In the layers view the draw demo saves every layer's maps at full size, on the layer's
    /// one scale as its thumbnails are drawn.
    @Test func theDrawDemoSavesEveryLayersMaps() throws {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 1)
        var screen = try DrawScreen(network: LoadedNetwork(model: model, origin: "test net"))
        _ = screen.update(.key(.character("I")))  // a test digit, so the maps are not flat
        let pictures = screen.savedPictures
        #expect(PictureSavingTests.names(pictures) == [
            "canvas", "layer0-conv-maps", "layer1-relu-maps", "layer2-maxpool-maps", "layer3-conv-maps", "layer4-relu-maps", "layer5-maxpool-maps",
        ])
        let output = screen.layerOutputs[3]
        let maps = pictures[4].image
        // 16 maps of 14×14 in 4 columns.
        #expect(maps.shape[1...] == [4 * 15 - 1, 4 * 15 - 1])
        let low = output.scalars.min()!, high = output.scalars.max()!, magnitude = output.scalars.map(abs).max()!
        for (channel, row, column) in [(0, 0, 0), (5, 7, 3), (15, 13, 13)] {
            let value = output[0, channel, row, column]
            let expected = low < 0 ? PictureSavingTests.diverging(value, magnitude: magnitude) : [PictureSavingTests.grey(value, low, high)]
            let top = channel / 4 * 15 + row, left = channel % 4 * 15 + column
            #expect(PictureSavingTests.close(PictureSavingTests.pixel(maps, top, left), expected), "channel \(channel) (\(row), \(column))")
        }
    }

    // MARK: draw demo pages

    private func drawApp(width: Int, height: Int) throws -> App {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 1)
        let screen = try DrawScreen(network: LoadedNetwork(model: model, origin: "test net"), colorCapability: .full256)
        return App(root: screen, context: AppContext(colorCapability: .full256), width: width, height: height)
    }

    /// The channel ranges the layer labels show ("3 conv 16×14×14 ch 0–5"), by module index;
    /// a layer without a range shows every channel.
    private func shownRanges(_ lines: [String]) -> [Int: ClosedRange<Int>] {
        var result: [Int: ClosedRange<Int>] = [:]
        for line in lines {
            guard let match = line.firstMatch(of: /(\d+) \w+ \d+×\d+×\d+ ch (\d+)–(\d+)/),
                  let layer = Int(match.1), let first = Int(match.2), let last = Int(match.3) else { continue }
            result[layer] = first...last
        }
        return result
    }

    /// At 80×24 not every channel fits: PgDn pages through them all, "page N/M" in the title,
    /// and wraps; at 200×60 the same holds with fewer or no pages.
    @Test(arguments: [(80, 24), (200, 60)])
    func theDrawDemoPagesItsLayersChannels(width: Int, height: Int) throws {
        var app = try drawApp(width: width, height: height)
        let first = app.frame().trimmedLines
        guard let title = first.first(where: { $0.contains("every layer") }) else {
            Issue.record("no layers view: \(first)")
            return
        }
        let pages = title.firstMatch(of: /page 1\/(\d+)/).flatMap { Int($0.1) } ?? 1
        if width == 80 { #expect(pages > 1, "\(title)") }
        // Every channel of every paged layer appears on some page.
        var seen: [Int: Set<Int>] = [:]
        var lines = first
        for page in 1...pages {
            if pages > 1 { #expect(lines.contains { $0.contains("every layer · page \(page)/\(pages)") }, "page \(page)") }
            for (layer, range) in shownRanges(lines) { seen[layer, default: []].formUnion(range) }
            #expect(lines.allSatisfy { $0.count <= width })
            _ = app.update(event: .key(.pageDown))
            lines = app.frame().trimmedLines
        }
        // The keys wrap at 80×24's page count (the screen does not know the terminal's size).
        if width == 80 {
            #expect(lines.contains { $0.contains("page 1/\(pages)") }, "PgDn wraps to the first page")
            _ = app.update(event: .key(.character("[")))
            #expect(app.frame().trimmedLines.contains { $0.contains("page \(pages)/\(pages)") }, "[ goes back")
        }
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 1)
        let shapes = try model.spec.outputShapes()
        for (layer, channels) in seen {
            #expect(channels == Set(0..<shapes[layer][0]), "layer \(layer) shows \(channels.sorted())")
        }
    }
}
