import ConvEngine
import ConvFiles
import Foundation
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

/// Ctrl-P saves, beside the text, every heat map and drawing a screen shows as a PGM/PPM
/// picture. Each test derives the expected pixels from the engine's own tensors with the
/// colour maps worked out here by hand (grey: (v − min)/(max − min); diverging: white at 0,
/// blending to (30, 60, 200) at −m and (178, 24, 43) at +m), never from the saving code.
@Suite struct PictureSavingTests {
    // MARK: colour maps by hand

    /// The grey level 0…1 of `value` over `low…high`, as a byte.
    static func grey(_ value: Float, _ low: Float, _ high: Float) -> Float {
        let level = high > low ? min(max((value - low) / (high - low), 0), 1) : 0.5
        return (255 * level).rounded() / 255
    }

    /// RGB 0…1 of `value` on the diverging scale −magnitude…magnitude.
    static func diverging(_ value: Float, magnitude: Float) -> [Float] {
        let end: [Float] = value < 0 ? [30, 60, 200] : [178, 24, 43]
        let amount = min(abs(value) / magnitude, 1)
        return end.map { (255 + ($0 - 255) * amount).rounded() / 255 }
    }

    /// Pixel (row, column) of a C×H×W picture, one value per channel.
    static func pixel(_ picture: Tensor, _ row: Int, _ column: Int) -> [Float] {
        (0..<picture.shape[0]).map { picture[$0, row, column] }
    }

    static func close(_ left: [Float], _ right: [Float]) -> Bool {
        left.count == right.count && zip(left, right).allSatisfy { abs($0 - $1) <= 0.6 / 255 }
    }

    /// Checks one tile of a mosaic against channel `channel` of a 1×C×H×W tensor on its own
    /// scale (grey when it has no negative value, else diverging).
    static func expectTile(_ picture: Tensor, top: Int, left: Int, of tensor: Tensor, channel: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let (_, _, height, width) = tensor.nchw
        let values = (0..<height).flatMap { row in (0..<width).map { tensor[0, channel, row, $0] } }
        let low = values.min() ?? 0, high = values.max() ?? 0
        let magnitude = values.map(abs).max() ?? 0
        for row in 0..<height {
            for column in 0..<width {
                let value = tensor[0, channel, row, column]
                var expected = low < 0 ? diverging(value, magnitude: magnitude) : [grey(value, low, high)]
                if picture.shape[0] == 3, expected.count == 1 { expected = Array(repeating: expected[0], count: 3) }
                let actual = pixel(picture, top + row, left + column)
                guard close(actual, expected) else {
                    Issue.record("pixel (\(top + row), \(left + column)) is \(actual), expected \(expected) for \(value)", sourceLocation: sourceLocation)
                    return
                }
            }
        }
    }

    static func names(_ pictures: [SavedView.Picture]) -> [String] { pictures.map(\.suffix) }

    // MARK: heat maps as pictures

    @Test func aMosaicKeepsEachTilesScaleAndGreyGaps() {
        let signed = Heatmap(values: [[-2, 0], [1, 2]])
        let positive = Heatmap(values: [[0, 4, 8]])
        let picture = HeatPicture.mosaic([[signed, positive]])
        // 2 + gap + 3 wide, 2 high; RGB because one tile is signed.
        #expect(picture.shape == [3, 2, 6])
        #expect(Self.close(Self.pixel(picture, 0, 0), Self.diverging(-2, magnitude: 2)))
        #expect(Self.close(Self.pixel(picture, 0, 1), [1, 1, 1]), "0 is white")
        #expect(Self.close(Self.pixel(picture, 1, 0), Self.diverging(1, magnitude: 2)))
        #expect(Self.close(Self.pixel(picture, 0, 2), Array(repeating: 128 / 255, count: 3)), "the gap")
        #expect(Self.close(Self.pixel(picture, 0, 4), Array(repeating: Self.grey(4, 0, 8), count: 3)))
        #expect(Self.close(Self.pixel(picture, 1, 3), Array(repeating: 128 / 255, count: 3)), "below the short tile")
        let grey = HeatPicture.picture(positive)
        #expect(grey.shape == [1, 1, 3] && grey.scalars == [0, Self.grey(4, 0, 8), 1])
    }

    // MARK: the network view

    @Test func theNetworkViewSavesEveryLayersMapsAndFilters() throws {
        let source = try NetworkScreenTests.source()
        let screen = NetworkScreenTests.screen(source)
        let inspection = NetworkInspection(model: source.latest!.model, probe: source.probe(at: 0)!.image)
        let pictures = screen.savedPictures
        #expect(Self.names(pictures) == [
            "input", "layer0-conv-maps", "layer0-conv-filters", "layer1-relu-maps", "layer2-conv-maps", "layer2-conv-filters",
            "layer3-leakyrelu-maps", "layer4-maxpool-maps", "layer5-conv-maps", "layer5-conv-filters", "layer6-flatten-features",
        ])
        let byName = Dictionary(uniqueKeysWithValues: pictures.map { ($0.suffix, $0.image) })
        // 4 maps of 28×28 in a 2×2 grid with one-pixel gaps; 6 of 14×14 in 3 columns.
        let conv0 = try #require(byName["layer0-conv-maps"])
        #expect(conv0.shape[1...] == [57, 57])
        for channel in 0..<4 {
            Self.expectTile(conv0, top: channel / 2 * 29, left: channel % 2 * 29, of: inspection.outputs[0], channel: channel)
        }
        let relu = try #require(byName["layer1-relu-maps"])
        #expect(relu.shape[0] == 1, "a ReLU's maps are never negative, so grey")
        Self.expectTile(relu, top: 29, left: 29, of: inspection.outputs[1], channel: 3)
        let conv2 = try #require(byName["layer2-conv-maps"])
        #expect(conv2.shape[1...] == [29, 44])
        Self.expectTile(conv2, top: 15, left: 30, of: inspection.outputs[2], channel: 5)
        // Filters: one row per output channel, one 4×4 tile per input channel, on the row's scale.
        let filters = try #require(byName["layer2-conv-filters"])
        #expect(filters.shape == [3, 6 * 4 + 5, 4 * 4 + 3])
        let weight = try #require(inspection.convolution(2)).weight.value
        let rowMagnitude = (0..<4).flatMap { input in (0..<4).flatMap { row in (0..<4).map { abs(weight[5, input, row, $0]) } } }.max()!
        for input in 0..<4 {
            for row in 0..<4 {
                for column in 0..<4 {
                    let expected = Self.diverging(weight[5, input, row, column], magnitude: rowMagnitude)
                    #expect(Self.close(Self.pixel(filters, 5 * 5 + row, input * 5 + column), expected))
                }
            }
        }
        // The flat output before the linear layer: 125 features, 16 a row.
        #expect(try #require(byName["layer6-flatten-features"]).shape[1...] == [8, 16])
        #expect(try #require(byName["input"]).shape == [1, 28, 28])
    }

    // MARK: the stepper, pooling, kernels, shift

    @Test func theStepperSavesItsInputKernelAndWholeOutput() throws {
        let screen = try #require(try DemoCatalog().make(DemoRequest(name: "conv"), context: AppContext()) as? ConvStepperScreen)
        let state = screen.state
        let pictures = screen.savedPictures
        #expect(Self.names(pictures) == ["input", "kernel", "output"])
        let output = conv2dForward(input: state.input, weight: state.weight, bias: state.biasTensor, config: state.config)
        let (_, _, height, width) = output.nchw
        #expect(pictures[2].image.shape[1...] == [height, width])
        Self.expectTile(pictures[0].image, top: 0, left: 0, of: state.input, channel: 0)
        Self.expectTile(pictures[2].image, top: 0, left: 0, of: output, channel: 0)
        #expect(pictures[1].image.shape == [3, state.kernelHeight, state.kernelWidth])
    }

    @Test func poolingSavesTheMapsAndThePooledMapsOnOneScale() throws {
        let screen = try #require(try DemoCatalog().make(DemoRequest(name: "pool"), context: AppContext()) as? PoolingScreen)
        let pictures = screen.savedPictures
        #expect(Self.names(pictures) == ["activations", "pooled"])
        let activation = screen.activation, pooled = try #require(screen.pooled)
        let (_, channels, height, width) = activation.nchw
        let high = activation.scalars.max()!
        #expect(pictures[0].image.shape == [1, height, channels * (width + 1) - 1])
        let (_, _, pooledHeight, pooledWidth) = pooled.nchw
        #expect(pictures[1].image.shape == [1, pooledHeight, channels * (pooledWidth + 1) - 1])
        for channel in 0..<channels {
            for row in 0..<pooledHeight {
                for column in 0..<pooledWidth {
                    let left = channel * (pooledWidth + 1)
                    #expect(Self.close([pictures[1].image[0, row, left + column]], [Self.grey(pooled[0, channel, row, column], 0, high)]))
                }
            }
        }
    }

    @Test func theKernelsDemoSavesInputKernelAndOutput() throws {
        let screen = try #require(try DemoCatalog().make(DemoRequest(name: "kernels"), context: AppContext()) as? KernelsScreen)
        let pictures = screen.savedPictures
        #expect(Self.names(pictures) == ["input", "kernel", "output"])
        let rows = screen.kernel.rows
        let magnitude = rows.joined().map(abs).max()!
        #expect(pictures[1].image.shape == [3, rows.count, rows[0].count])
        for (row, line) in rows.enumerated() {
            for (column, weight) in line.enumerated() {
                #expect(Self.close(Self.pixel(pictures[1].image, row, column), Self.diverging(weight, magnitude: magnitude)))
            }
        }
        let output = Tensor(shape: [1, 1, screen.outputRows.count, screen.outputRows[0].count], scalars: Array(screen.outputRows.joined()))
        Self.expectTile(pictures[2].image, top: 0, left: 0, of: output, channel: 0)
    }

    @Test func theShiftDemoSavesItsSixMaps() throws {
        let screen = try #require(try DemoCatalog().make(DemoRequest(name: "shift"), context: AppContext()) as? ShiftScreen)
        let pictures = screen.savedPictures
        #expect(Self.names(pictures) == ["shifted", "conv-of-shifted", "shift-of-conv", "difference", "pooled", "pooled-shifted-1px"])
        // conv∘shift and shift∘conv share one symmetric scale: the larger |v| of the two.
        let first = screen.convOfShifted, second = screen.shiftOfConv
        let magnitude = (first.scalars + second.scalars).map(abs).max()!
        let (_, _, height, width) = first.nchw
        #expect(pictures[1].image.shape == [3, height, width])
        for row in 0..<height {
            for column in 0..<width {
                #expect(Self.close(Self.pixel(pictures[2].image, row, column), Self.diverging(second[0, 0, row, column], magnitude: magnitude)))
            }
        }
    }
}
