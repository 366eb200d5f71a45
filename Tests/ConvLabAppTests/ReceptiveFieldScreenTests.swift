import ConvEngine
import Testing
import TerminalUI
@testable import ConvLabApp

@Suite struct ReceptiveFieldScreenTests {
    private func makeScreen(_ parameters: [String: String] = [:]) throws -> ReceptiveFieldScreen {
        try ReceptiveFieldScreen(parameters: parameters, context: AppContext(colorCapability: .none))
    }

    private func render(_ screen: ReceptiveFieldScreen, width: Int = 80, height: Int = 22) -> [String] {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer.trimmedLines
    }

    private func send(_ screen: inout ReceptiveFieldScreen, _ keys: Key...) {
        for key in keys { _ = screen.update(.key(key)) }
    }

    /// Lesson 12's step (2 layers of 3×3) at 80×22: the recursion worked out, 18 against 25
    /// weights, and the 5×5 patch of the 7×7 input under the centre cell of the 3×3 top map.
    @Test func twoThreeByThreeConvsAtEightyByTwentyTwo() throws {
        let lines = render(try makeScreen(["layers": "2", "kernel": "3"]))
        #expect(lines.count == 22)
        #expect(Array(lines.prefix(20)) == [
            "input 7×7 → conv 3×3 → 5×5 → conv 3×3 → 3×3",
            "",
            "#  layer         r_out = r_in + (k − 1)·j_in   j_out = j_in·s   map",
            "0  input         1                             1                7×7",
            "1  conv 3×3      3 = 1 + (3 − 1)·1             1 = 1·1          5×5",
            "2  conv 3×3      5 = 3 + (3 − 1)·1             1 = 1·1          3×3",
            "",
            "this stack: 3·3 + 3·3 = 18 weights per channel pair",
            "one 5×5 conv, the same 5×5 field: 5·5 = 25 weights per channel pair",
            "",
            "input 7×7       1: 5×5      2: 3×3",
            "· · · · · · ·   · · · · ·   · · ·",
            "· ■ ■ ■ ■ ■ ·   · ■ ■ ■ ·   · ◆ ·",
            "· ■ ■ ■ ■ ■ ·   · ■ ■ ■ ·   · · ·",
            "· ■ ■ ■ ■ ■ ·   · ■ ■ ■ ·   sees 1×1",
            "· ■ ■ ■ ■ ■ ·   · · · · ·",
            "· ■ ■ ■ ■ ■ ·   sees 3×3",
            "· · · · · · ·",
            "sees 5×5",
            "",
        ])
    }

    /// Six 3×3 layers at 80 columns: the gap between maps narrows until every title and every
    /// "sees" line fits whole (at a 3-column gap the sixth map's "sees 1×1" was cut).
    @Test func sixLayersFitWholeAtEightyColumns() throws {
        let lines = render(try makeScreen(["layers": "6", "kernel": "3"]))
        let text = lines.joined(separator: "\n")
        for (index, side) in [15, 13, 11, 9, 7, 5, 3].enumerated() {
            let title = index == 0 ? "input \(side)×\(side)" : "\(index): \(side)×\(side)"
            #expect(text.contains(title), "title \(title)")
            // The centre cell of the 3×3 top map sees 13×13 of the input, 11×11 of map 1, …
            let seen = 13 - 2 * index
            #expect(text.contains("sees \(seen)×\(seen)"), "what map \(index) shows of the field")
        }
    }

    /// Presets: two 3×3 and one 5×5 see 5 (18 versus 25 weights); three 3×3 and one 7×7 see 7
    /// (27 versus 49), all from ReceptiveField and LayerSpec.
    @Test func presetsCompareStacksWithOneLargeKernel() throws {
        var screen = try makeScreen(["preset": "two-3x3"])
        #expect(screen.fields.last == ReceptiveField(size: 5, jump: 1))
        #expect(screen.weightsPerLayer.reduce(0, +) == 18)
        #expect(screen.singleLayerWeights == 25)
        send(&screen, .character("n"))
        #expect(screen.layers == [.conv(5)])
        #expect(screen.fields.last!.size == 5)
        send(&screen, .character("n"))
        #expect(screen.fields.last!.size == 7)
        #expect(screen.weightsPerLayer.reduce(0, +) == 27)
        #expect(screen.singleLayerWeights == 49)
        #expect(screen.comparisonLines == [
            "this stack: 3·3 + 3·3 + 3·3 = 27 weights per channel pair",
            "one 7×7 conv, the same 7×7 field: 7·7 = 49 weights per channel pair",
        ])
        send(&screen, .character("n"))
        #expect(screen.layers == [.conv(7)])
        #expect(screen.comparisonLines == ["this stack: 7·7 = 49 weights per channel pair"])
    }

    /// Adding, editing and deleting layers; the field always equals ReceptiveField(stack:) and
    /// the ArchitectureSpec's own receptive field, and the drawn input patch is that wide.
    @Test func editingTheStackKeepsTheEnginesField() throws {
        var screen = try makeScreen(["layers": "1"])
        send(&screen, .character("3"), .character("4"), .character("2"))
        #expect(screen.layers.map(\.text) == ["conv 3×3", "conv 3×3 s2", "maxpool 2×2", "conv 5×5"])
        send(&screen, .backTab, .character("K"), .character("S"))
        #expect(screen.layers[2] == ReceptiveFieldScreen.StackLayer(kind: .maxPool, kernelSize: 3, stride: 3))
        send(&screen, .tab, .character("x"))
        #expect(screen.layers.count == 3)
        let expected = try ReceptiveField(stack: screen.layers.map { ($0.kernelSize, $0.stride) })
        #expect(screen.fields.last == expected)
        let spec = ArchitectureSpec(inputShape: [1, 64, 64], layers: screen.layers.map(\.spec))
        #expect(try spec.receptiveField().height == expected)
        let sides = screen.sides
        for row in 0..<sides.last! {
            #expect(screen.patch(outputIndex: row)[0].count == expected.size)
        }
    }

    /// Arrow keys move the picked cell within the top map; each step moves the input patch by
    /// the jump j.
    @Test func movingTheOutputCellShiftsThePatchByTheJump() throws {
        var screen = try makeScreen(["layers": "3", "stride": "2"])
        #expect(screen.sides == [31, 15, 7, 3])
        let before = screen.patch(outputIndex: screen.outputColumn)[0]
        send(&screen, .right)
        let after = screen.patch(outputIndex: screen.outputColumn)[0]
        #expect(after.lowerBound - before.lowerBound == screen.fields.last!.jump)
        send(&screen, .right, .right, .down, .down, .down)
        #expect(screen.outputColumn == 2)
        #expect(screen.outputRow == 2)
    }

    @Test func badParameters() throws {
        #expect(throws: DemoParameterError.self) { try makeScreen(["preset": "nine"]) }
        #expect(throws: DemoParameterError.self) { try makeScreen(["layers": "9"]) }
        #expect(throws: DemoParameterError.self) { try makeScreen(["stride": "0"]) }
    }

    /// The stacks that trapped (index out of range drawing the grids): no input side up to 40
    /// tiled them, and the screen fell back to a single map. Working down from the top map
    /// always tiles: six 3×3 stride-2 convs see 127, the whole 127×127 input.
    @Test func stacksWhoseInputPassesFortyBuildAndDraw() throws {
        let screen = try makeScreen(["layers": "6", "kernel": "3", "stride": "2"])
        #expect(screen.sides == [127, 63, 31, 15, 7, 3, 1])
        #expect(screen.fields.last == ReceptiveField(size: 127, jump: 64))
        let lines = render(screen, width: 80, height: 24)
        #expect(lines[0].hasPrefix("input 127×127 → conv 3×3 s2 → 63×63"))
        #expect(lines.contains { $0.contains("sees 127×127") })
        #expect(try makeScreen(["layers": "5", "kernel": "3", "stride": "3"]).sides == [243, 81, 27, 9, 3, 1])
        #expect(try makeScreen(["layers": "3", "kernel": "7", "stride": "3"]).sides == [79, 25, 7, 1])
    }

    /// Every combination the options allow (layers 0–6, kernel 1–7, stride 1–3): the sides
    /// tile layer by layer (AxisGeometry agrees with each next side), the patch of the top cell
    /// covers the whole field, and the screen draws at 0×0, 20×5, 80×22 and 200×58.
    @Test func everyAllowedCombinationTilesAndDraws() throws {
        for layers in 0...ReceptiveFieldScreen.maximumLayers {
            for kernel in 1...7 {
                for stride in 1...3 {
                    let parameters = ["layers": "\(layers)", "kernel": "\(kernel)", "stride": "\(stride)"]
                    let screen = try makeScreen(parameters)
                    let sides = screen.sides
                    #expect(sides.count == layers + 1, "\(parameters)")
                    #expect(sides[0] >= 7, "\(parameters)")
                    for (index, layer) in screen.layers.enumerated() {
                        let geometry = AxisGeometry(inputSize: sides[index], kernelSize: layer.kernelSize, stride: layer.stride)
                        #expect(geometry.outputSize == sides[index + 1], "\(parameters) layer \(index + 1)")
                    }
                    #expect(screen.patch(outputIndex: screen.outputRow)[0].count == screen.fields.last!.size, "\(parameters)")
                    for (width, height) in [(0, 0), (20, 5), (80, 22), (200, 58)] {
                        let lines = render(screen, width: width, height: height)
                        #expect(lines.count == height)
                        if width >= 80 { #expect(lines[0].hasPrefix("input \(sides[0])×\(sides[0])"), "\(parameters)") }
                    }
                }
            }
        }
    }

    /// Keys build stacks the options cannot (mixed kernels, pooling, six layers of stride 3);
    /// each one still tiles and draws.
    @Test func stacksBuiltByKeysTileAndDraw() throws {
        var screen = try makeScreen(["layers": "0"])
        for key in [Key.character("3"), .character("2"), .character("4"), .character("3"), .character("2"), .character("3")] {
            send(&screen, key, .character("S"), .character("S"), .character("K"), .character("K"))
            let sides = screen.sides
            #expect(sides.count == screen.layers.count + 1)
            #expect(render(screen, width: 80, height: 22).count == 22)
        }
        #expect(screen.layers.count == 6)
        #expect(screen.layers.allSatisfy { $0.stride == 3 })
        send(&screen, .right, .right, .right, .down, .down, .down)
        #expect(screen.outputColumn <= screen.sides.last! - 1)
        #expect(render(screen, width: 200, height: 58).count == 58)
    }
}
