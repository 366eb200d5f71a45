import ConvEngine
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite struct ArchitectureScreenTests {
    private func render(_ screen: some Screen, width: Int = 80, height: Int = 22) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer
    }

    /// VGG16's header at 80×22: the total, the FC share 123,642,856 / 138,357,544 = 89.4%, the
    /// halving and doubling, and layer 0's count formula (3·3·3+1)·64 = 1,792.
    @Test func vgg16HeaderAndFirstRows() throws {
        let screen = try VGG16Screen(parameters: [:], context: AppContext())
        let lines = render(screen).trimmedLines
        #expect(Array(lines.prefix(7)) == [
            "vgg16: input 224×224×3 (H×W×C) → 1000 · 37 layers · 138,357,544 parameters",
            "FC layers: 123,642,856 of 138,357,544 = 89.4% · conv layers: 14,714,688 = 10.6%",
            "H×W 224→112→56→28→14→7 (÷2 each step) · C 3→64→128→256→512 (×2 after the first)",
            "layer 0 conv 64 3x3 pad 1: 224×224×3 → 224×224×64 · (3·3·3+1)·64 = 1,792",
            " # layer               out H×W×C    parameters (log scale, v toggles)",
            " 0 conv 64 3x3 pad 1   224×224×64  █████████████▍                          1,792",
            " 1 relu                224×224×64                                              0",
        ])
        #expect(lines.count == 22)
        #expect(lines[21].hasPrefix("16 maxpool 2           28×28×256"))
    }

    /// A spec using `floor` (ResNet's stem) shows the notes `convlab arch` prints under its
    /// floor layers, above the selected layer's line: (224 + 6 − 7)/2 + 1 = 112.5 drops a
    /// padding row and column, and so does the 3×3 stride-2 pool on 112.
    @Test func floorNotes() throws {
        let spec = "input 224x224x3 | conv 64 7x7 stride 2 pad 3 floor | maxpool 3 stride 2 pad 1 floor"
        let screen = try ArchitectureScreen(parameters: ["spec": spec], context: AppContext())
        let note = "floor (PyTorch's rounding down): layer 0 drops 1 padding row and 1 padding column, no input; layer 1 drops 1 padding row and 1 padding column, no input"
        #expect(screen.floorNotesText == note)
        let lines = render(screen).trimmedLines
        #expect(Array(lines[3...5]) == [
            "floor (PyTorch's rounding down): layer 0 drops 1 padding row and 1 padding",
            "column, no input; layer 1 drops 1 padding row and 1 padding column, no input",
            "layer 0 conv 64 7x7 stride 2 pad 3 floor: 224×224×3 → 112×112×64 · (7·7·3+1)·64",
        ])
        // Without floor layers there is no note line.
        #expect(try ArchitectureScreen(parameters: [:], context: AppContext()).floorNotesText == nil)
        // Nothing is cut mid-word at 80 columns, and 0×0 draws nothing without trapping.
        var empty = Buffer(width: 0, height: 0)
        screen.render(into: &empty, area: empty.area)
    }

    /// The numbers shown agree with the engine's summary: the total, the linear layers' sum
    /// and every row's count.
    @Test func numbersAgreeWithTheSummary() throws {
        let screen = try VGG16Screen(parameters: [:], context: AppContext()).architectureScreen
        let summary = try NamedArchitecture.vgg16.spec.summary()
        #expect(screen.summary == summary)
        #expect(summary.totalParameters == 138_357_544)
        let linear = summary.layers.filter { $0.text.hasPrefix("linear") }.map(\.parameters).reduce(0, +)
        #expect(screen.fullyConnectedParameters == linear)
        #expect(screen.fullyConnectedParameters + screen.convolutionParameters == summary.totalParameters)
        #expect(screen.spatialAndDepthSteps.sizes == [224, 112, 56, 28, 14, 7])
    }

    /// Down moves the selection and scrolls once it passes the last visible row; End goes to
    /// the last layer, whose formula is (4096+1)·1000 = 4,097,000; v switches the scale.
    @Test func keysSelectScrollAndToggleScale() throws {
        var screen = try VGG16Screen(parameters: ["layer": "15"], context: AppContext())
        #expect(render(screen).trimmedLines[21].hasPrefix("16 maxpool 2"))
        #expect(render(screen).trimmedLines[5].hasPrefix(" 0 conv 64"))
        _ = screen.update(.key(.down))
        _ = screen.update(.key(.down))
        let lines = render(screen).trimmedLines
        #expect(lines[3] == "layer 17 conv 512 3x3 pad 1: 28×28×256 → 28×28×512 · (3·3·256+1)·512 = 1,180,160")
        #expect(lines[21].hasPrefix("17 conv 512 3x3 pad 1"))
        #expect(lines[5].hasPrefix(" 1 relu"))
        _ = screen.update(.key(.end))
        #expect(render(screen).trimmedLines[3] == "layer 36 linear 1000: 4096 → 1000 · (4,096+1)·1000 = 4,097,000")
        _ = screen.update(.key(.character("v")))
        #expect(screen.architectureScreen.usesLogScale == false)
        #expect(render(screen).trimmedLines[4].hasSuffix("parameters (linear scale, v toggles)"))
        #expect(screen.statusLine == "layer 36/36: linear 1000 · linear scale · v toggles")
    }

    /// At 200×60 every layer fits, with the C×H×W and activation columns and the stage chart.
    @Test func wideLayoutShowsEveryLayerAndTheStages() throws {
        let lines = render(try VGG16Screen(parameters: [:], context: AppContext()), width: 200, height: 58).trimmedLines
        #expect(lines[5].hasPrefix(" 0 conv 64 3x3 pad 1   224×224×64   64×224×224     3,211,264 █"))
        #expect(lines[41].hasPrefix("36 linear 1000"))
        #expect(lines[43] == "each map (H×W×C) as it changes: size H (left) falls, depth C (right) rises")
        #expect(lines[53].hasPrefix("7×7×512     ██▌"))
    }

    /// Any spec works; a misspelt layer is refused with its column, a bad layer index by name.
    @Test func specsAndErrors() throws {
        let screen = try ArchitectureScreen(parameters: ["spec": "input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | flatten | linear 10"], context: AppContext())
        let lines = render(screen).trimmedLines
        #expect(lines[0] == "spec: input 28×28×1 (H×W×C) → 10 · 5 layers · 15,770 parameters")
        #expect(lines[1] == "FC layers: 15,690 of 15,770 = 99.5% · conv layers: 80 = 0.5%")
        #expect(throws: DemoParameterError(parameter: "spec", message: "column 43: expected a layer name (conv, maxpool, avgpool, relu, leakyrelu, sigmoid, tanh, flatten, linear), found \"maxpol\"; did you mean \"maxpool\"?")) {
            try ArchitectureScreen(parameters: ["spec": "input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpol 2"], context: AppContext())
        }
        #expect(throws: DemoParameterError.self) { try VGG16Screen(parameters: ["layer": "37"], context: AppContext()) }
        #expect(throws: DemoParameterError.self) { try VGG16Screen(parameters: ["spec": "lenet5"], context: AppContext()) }
        #expect(try ArchitectureScreen(parameters: [:], context: AppContext()).networkName == "lenet5")
    }
}
