import ConvEngine
import Foundation
import Testing
import TestSupport

/// The `floor` convention: PyTorch's ⌊(W − F + 2P)/S⌋ + 1, asked for by name, beside the exact
/// rule that refuses a geometry whose windows do not tile.
@Suite struct FloorGeometryTests {
    @Test("the literature's non-tiling cases: refused by the exact rule, floored on request")
    func literatureCases() throws {
        // (W, F, S, P, floored output): ResNet's stem, a stride-2 3×3 on 56 (both from He et
        // al.'s ResNet as PyTorch builds it), Dumoulin & Visin's i = 6, k = 3, s = 2, p = 1.
        let cases = [(224, 7, 2, 3, 112), (56, 3, 2, 1, 28), (6, 3, 2, 1, 3), (8, 3, 2, 0, 3)]
        for (input, kernel, stride, padding, expected) in cases {
            let exact = AxisGeometry(inputSize: input, kernelSize: kernel, padding: padding, stride: stride)
            guard case .failure(.doesNotTile) = exact.validated else {
                Issue.record("\(input), \(kernel)/\(stride)/\(padding) should not tile")
                continue
            }
            var floored = exact
            floored.convention = .floor
            #expect(try floored.requireOutputSize() == expected, "\(input), \(kernel)/\(stride)/\(padding)")
        }
    }

    @Test("what rounding down leaves unread: only padding for ResNet's stem and Dumoulin's case, input 7 of 8")
    func droppedPositions() {
        let stem = AxisGeometry(inputSize: 224, kernelSize: 7, padding: 3, stride: 2, convention: .floor)
        #expect(stem.remainder == 1)
        #expect(stem.droppedInputs.isEmpty)
        #expect(stem.droppedPadding == 1)

        let dumoulin = AxisGeometry(inputSize: 6, kernelSize: 3, padding: 1, stride: 2, convention: .floor)
        #expect(dumoulin.droppedInputs.isEmpty)
        #expect(dumoulin.droppedPadding == 1)

        let eight = AxisGeometry(inputSize: 8, kernelSize: 3, stride: 2, convention: .floor)
        #expect(Array(eight.droppedInputs) == [7])
        #expect(eight.droppedPadding == 0)

        // 9 wide, 3-wide kernel at stride 4 with padding 1: span 8, remainder 0 — it tiles.
        #expect(AxisGeometry(inputSize: 9, kernelSize: 3, padding: 1, stride: 4).remainder == 0)
        // 10 wide, kernel 2, stride 5, padding 1: span 10, remainder 0; 11 wide: remainder 1,
        // the right padding; 13 wide: remainder 3, one padding column and inputs 11 and 12.
        let thirteen = AxisGeometry(inputSize: 13, kernelSize: 2, padding: 1, stride: 5, convention: .floor)
        #expect(thirteen.remainder == 3)
        #expect(Array(thirteen.droppedInputs) == [11, 12])
        #expect(thirteen.droppedPadding == 1)
        // The rule agrees with the windows themselves: the last one ends just before them.
        let last = (thirteen.outputSize ?? 0) - 1
        #expect(thirteen.inputIndex(output: last, tap: thirteen.kernelSize - 1) == 10)
    }

    @Test func floorFormulaShowsTheBrackets() {
        let geometry = AxisGeometry(inputSize: 7, kernelSize: 3, stride: 3, convention: .floor)
        #expect(geometry.formula == "⌊(7 − 3 + 2·0)/3⌋ + 1")
        #expect(geometry.outputSize == 2)
        // Suggestions still name what tiles exactly, whatever the convention.
        #expect(geometry.tilingSuggestions().paddings == [1, 4])
    }

    @Test func aGeometryTooSmallForOneWindowIsRefusedUnderEitherConvention() {
        let geometry = AxisGeometry(inputSize: 2, kernelSize: 5, convention: .floor)
        guard case .failure(.kernelLargerThanInput) = geometry.validated else {
            Issue.record("a 5-wide kernel cannot fit 2 inputs, floored or not")
            return
        }
        #expect(geometry.remainder == 0)
        #expect(geometry.droppedInputs.isEmpty)
    }

    @Test("hostile numbers stay bounded: no trap, nothing dropped beyond the limits")
    func hostileNumbers() {
        let huge = AxisGeometry(inputSize: Int.max, kernelSize: 3, stride: 2, convention: .floor)
        #expect(huge.outputSize == nil)
        #expect(huge.remainder == 0)
        #expect(huge.droppedInputs.isEmpty)
        let widest = AxisGeometry(inputSize: Limits.side, kernelSize: 2, stride: Limits.side, convention: .floor)
        #expect(widest.outputSize == 1)
        #expect(widest.droppedInputs.count == Limits.side - 2)
    }
}

@Suite struct FloorSpecTests {
    @Test("the keyword: parsed on conv and pooling, written back, refused twice")
    func keyword() throws {
        let spec = try ArchitectureSpec(parsing: "input 224x224x3 | conv 64 7x7 stride 2 pad 3 FLOOR | maxpool 3 stride 2 pad 1 floor | avgpool 2 floor")
        guard case let .conv(conv) = spec.layers[0] else { Issue.record("layer 0 is a conv"); return }
        #expect(conv.convention == .floor)
        #expect(try conv.config().convention == .floor)
        #expect(spec.layers.map(\.convention) == [.floor, .floor, .floor])
        #expect(spec.specText == "input 224x224x3 | conv 64 7x7 stride 2 pad 3 floor | maxpool 3 stride 2 pad 1 floor | avgpool 2 floor")
        #expect(try ArchitectureSpec(parsing: spec.specText) == spec)
        #expect(try ArchitectureSpec(parsing: "input 8x8x1 | conv 2 3x3").layers[0].convention == .exact)
        #expect(try ArchitectureSpec(parsing: "input 8x8x1 | relu").layers[0].convention == nil)

        #expect(throws: ArchitectureParseError(column: 32, expected: "each option at most once", found: "floor")) {
            try ArchitectureSpec(parsing: "input 8x8x1 | conv 2 3x3 floor floor")
        }
        #expect(throws: ArchitectureParseError(
            column: 26, expected: "an option (stride, pad, dilation, nobias, floor), or \"|\" before the next layer",
            found: "flor", suggestion: "floor")) {
            try ArchitectureSpec(parsing: "input 8x8x1 | conv 2 3x3 flor")
        }
        #expect(throws: ArchitectureParseError(
            column: 25, expected: "an option (stride, pad, floor), or \"|\" before the next layer",
            found: "ceil", suggestion: nil)) {
            try ArchitectureSpec(parsing: "input 8x8x1 | maxpool 2 ceil")
        }
    }

    @Test("shapes: ResNet's stem and pool, 56 → 28, Dumoulin's 6 → 3")
    func shapes() throws {
        let resnet = try ArchitectureSpec(parsing: "input 224x224x3 | conv 64 7x7 stride 2 pad 3 floor | relu | maxpool 3 stride 2 pad 1 floor | conv 128 3x3 stride 2 pad 1 floor")
        #expect(try resnet.outputShapes() == [[64, 112, 112], [64, 112, 112], [64, 56, 56], [128, 28, 28]])
        let dumoulin = try ArchitectureSpec(parsing: "input 6x6x1 | conv 1 3x3 stride 2 pad 1 floor")
        #expect(try dumoulin.outputShape() == [1, 3, 3])
    }

    @Test("without floor the does-not-tile error stays and names the option")
    func errorNamesTheOption() throws {
        let spec = try ArchitectureSpec(parsing: "input 224x224x3 | conv 64 7x7 stride 2 pad 3")
        #expect(throws: LayerShapeError.self) { try spec.outputShapes() }
        do { _ = try spec.outputShapes() } catch {
            #expect(error.description == "layer 0 (conv 64 7x7 stride 2 pad 3) on input 3×224×224 (C×H×W): height: (224 − 7 + 2·3)/2 + 1 = 112.5, not an integer: the windows do not tile the input; add `floor` to round down as PyTorch does")
        }
        let pool = try ArchitectureSpec(parsing: "input 7x7x1 | maxpool 2")
        do {
            _ = try pool.outputShapes()
            Issue.record("7 under 2×2 pooling does not tile")
        } catch {
            #expect(error.description.hasSuffix("input rows 6 would never be covered; add `floor` to round down as PyTorch does"))
        }
    }

    @Test("the summary reports what floor drops, in the table and the JSON")
    func summaryReportsDroppedPositions() throws {
        let summary = try ArchitectureSpec(parsing: "input 8x7x1 | conv 1 3x3 stride 2 floor | relu | maxpool 2 floor | avgpool 1 floor").summary()
        #expect(summary.layers[0].convention == .floor)
        #expect(summary.layers[0].dropped == DroppedPositions(rows: [7], columns: [], paddingRows: 0, paddingColumns: 0))
        #expect(summary.layers[1].convention == nil)
        #expect(summary.layers[1].dropped == nil)
        #expect(summary.layers[2].dropped == DroppedPositions(rows: [2], columns: [2], paddingRows: 0, paddingColumns: 0))
        #expect(summary.layers[3].dropped?.isEmpty == true)
        #expect(summary.tableLines() == [
            "#  layer                      output (C×H×W)  parameters",
            "   input 8x7x1                1×8×7",
            "0  conv 1 3x3 stride 2 floor  1×3×3                   10",
            "   floor: drops input row 7",
            "1  relu                       1×3×3                    0",
            "2  maxpool 2 floor            1×1×1                    0",
            "   floor: drops input row 2 and input column 2",
            "3  avgpool 1 floor            1×1×1                    0",
            "   floor: tiles, drops nothing",
            "   total                                              10",
        ])

        let stem = try ArchitectureSpec(parsing: "input 224x224x3 | conv 64 7x7 stride 2 pad 3 floor").summary()
        #expect(stem.layers[0].dropped?.note == "floor: drops 1 padding row and 1 padding column, no input")

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(summary), as: UTF8.self)
        #expect(json.contains(#""convention":"floor","dropped":{"columns":[],"paddingColumns":0,"paddingRows":0,"rows":[7]},"index":0"#))
        #expect(try JSONDecoder().decode(ArchitectureSummary.self, from: Data(json.utf8)) == summary)
    }
}

/// The ops on a floored geometry, against small examples worked by hand and finite differences.
@Suite struct FloorOpsTests {
    /// x[r][c] = 5r + c on a 5×5 input; 2×2 windows at stride 2 read rows and columns {0, 1}
    /// and {2, 3}; row 4 and column 4 are dropped ((5 − 2)/2 + 1 = 2.5 → 2, as in PyTorch).
    static let input = Tensor(shape: [1, 1, 5, 5], scalars: (0..<25).map(Float.init))
    static let floorTwo = Pool2DConfig(kernelSize: 2, convention: .floor)

    /// With weights [[1, 2], [3, 4]], window (o, p) gives x[2o][2p] + 2·x[2o][2p+1]
    /// + 3·x[2o+1][2p] + 4·x[2o+1][2p+1] = 100o + 20p + 41; plus the bias 0.5.
    @Test func convForwardAndBackwardByHand() {
        let weight = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let bias = Tensor(shape: [1], scalars: [0.5])
        let config = Conv2DConfig(stride: 2, convention: .floor)
        let expected: [Float] = [41.5, 61.5, 141.5, 161.5]
        #expect(conv2dForward(input: Self.input, weight: weight, bias: bias, config: config).scalars == expected)
        #expect(referenceConv2dForward(input: Self.input, weight: weight, bias: bias, config: config).scalars == expected)

        // dOutput of ones: each of rows/columns 0–3 is read by exactly one window, through the
        // weight at (r mod 2, c mod 2); row 4 and column 4 get nothing. dWeight[a][b] =
        // Σ x[2o + a][2p + b] = 4·(5a + b) + 24; dBias = 4.
        let ones = Tensor(shape: [1, 1, 2, 2], scalars: [1, 1, 1, 1])
        var dInput = [Float](repeating: 0, count: 25)
        for row in 0..<4 { for column in 0..<4 { dInput[row * 5 + column] = [1, 2, 3, 4][(row % 2) * 2 + column % 2] } }
        for gradients in [
            conv2dBackward(dOutput: ones, input: Self.input, weight: weight, hasBias: true, config: config),
            referenceConv2dBackward(dOutput: ones, input: Self.input, weight: weight, hasBias: true, config: config),
        ] {
            #expect(gradients.dInput.scalars == dInput)
            #expect(gradients.dWeight.scalars == [24, 28, 44, 48])
            #expect(gradients.dBias?.scalars == [4])
        }
    }

    @Test func poolingByHand() {
        // Max of each window is its bottom-right x[2o+1][2p+1] = 10o + 2p + 6.
        let pooled = maxPool2dForward(input: Self.input, config: Self.floorTwo)
        #expect(pooled.output.scalars == [6, 8, 16, 18])
        #expect(pooled.routes == [6, 8, 16, 18])
        let dMax = maxPool2dBackward(dOutput: Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4]), inputShape: [1, 1, 5, 5], routes: pooled.routes)
        var expectedMax = [Float](repeating: 0, count: 25)
        for (route, gradient) in zip([6, 8, 16, 18], [Float(1), 2, 3, 4]) { expectedMax[route] = gradient }
        #expect(dMax.scalars == expectedMax)

        // The mean of window (o, p) is (x00 + x01 + x10 + x11)/4 shifted: 3 + 10o + 2p.
        #expect(avgPool2dForward(input: Self.input, config: Self.floorTwo).scalars == [3, 5, 13, 15])
        let dAverage = avgPool2dBackward(dOutput: Tensor(shape: [1, 1, 2, 2], scalars: [1, 1, 1, 1]), inputShape: [1, 1, 5, 5], config: Self.floorTwo)
        for row in 0..<5 {
            for column in 0..<5 {
                #expect(dAverage.scalars[row * 5 + column] == (row < 4 && column < 4 ? 0.25 : 0))
            }
        }
    }

    /// Floored geometries with padding, dilation and a rectangular input: height 6 with
    /// 3/2/1 floors 2.5 → 3 (Dumoulin's case), width 8 with stride 3 floors 2.67 → 3 and drops
    /// input column 7 (and the padding).
    @Test func convGradientsMatchFiniteDifferences() {
        var generator = SeededGenerator(seed: 12)
        let input = Tensor.uniform([2, 2, 6, 8], low: -1, high: 1, using: &generator)
        for config in [
            Conv2DConfig(strideHeight: 2, strideWidth: 3, paddingHeight: 1, paddingWidth: 0, convention: .floor),
            Conv2DConfig(stride: 2, padding: 1, dilation: 2, convention: .floor),
        ] {
            let weight = Tensor.uniform([3, 2, 3, 3], low: -1, high: 1, using: &generator)
            let bias = Tensor.uniform([3], low: -1, high: 1, using: &generator)
            let output = conv2dForward(input: input, weight: weight, bias: bias, config: config)
            let upstream = Tensor.uniform(output.shape, low: -1, high: 1, using: &generator)
            let gradients = conv2dBackward(dOutput: upstream, input: input, weight: weight, hasBias: true, config: config)
            expectGradientMatches("floored conv dInput", analytic: gradients.dInput, at: input) { probe in
                weightedSum(conv2dForward(input: probe, weight: weight, bias: bias, config: config), upstream: upstream)
            }
            expectGradientMatches("floored conv dWeight", analytic: gradients.dWeight, at: weight) { probe in
                weightedSum(conv2dForward(input: input, weight: probe, bias: bias, config: config), upstream: upstream)
            }
        }
        // The first configuration's output: ⌊(6 − 3 + 2)/2⌋ + 1 = 3 rows, ⌊(8 − 3)/3⌋ + 1 = 2 columns.
        let shape = conv2dForward(
            input: input, weight: Tensor.zeros([1, 2, 3, 3]), bias: nil,
            config: Conv2DConfig(strideHeight: 2, strideWidth: 3, paddingHeight: 1, paddingWidth: 0, convention: .floor)).shape
        #expect(shape == [2, 1, 3, 2])
    }

    @Test func poolGradientsMatchFiniteDifferences() {
        var generator = SeededGenerator(seed: 56)
        // Distinct values a nudge of 0.01 cannot reorder, so every max keeps its winner.
        var values = (0..<(2 * 7 * 7)).map { Float($0) * 0.1 }
        values.shuffle(using: &generator)
        let input = Tensor(shape: [1, 2, 7, 7], scalars: values)
        let config = Pool2DConfig(kernelSize: 3, stride: 2, padding: 1, convention: .floor)
        // ResNet's pool on 7: ⌊(7 − 3 + 2)/2⌋ + 1 = 4, which tiles; on 6 it floors 3.5 → 3.
        let cropped = Tensor(shape: [1, 2, 6, 7], scalars: (0..<2).flatMap { channel in Array(values[(channel * 49)..<(channel * 49 + 42)]) })
        for sample in [input, cropped] {
            let pooled = maxPool2dForward(input: sample, config: config)
            let upstream = Tensor.uniform(pooled.output.shape, low: -1, high: 1, using: &generator)
            let dMax = maxPool2dBackward(dOutput: upstream, inputShape: sample.shape, routes: pooled.routes)
            expectGradientMatches("floored max pool", analytic: dMax, at: sample) { probe in
                weightedSum(maxPool2dForward(input: probe, config: config).output, upstream: upstream)
            }
            let dAverage = avgPool2dBackward(dOutput: upstream, inputShape: sample.shape, config: config)
            expectGradientMatches("floored average pool", analytic: dAverage, at: sample) { probe in
                weightedSum(avgPool2dForward(input: probe, config: config), upstream: upstream)
            }
        }
        #expect(maxPool2dForward(input: cropped, config: config).output.shape == [1, 2, 3, 4])
    }

    @Test("a network built from a floor spec runs forward and backward, and the dropped row gets no gradient")
    func sequentialRuns() throws {
        let spec = try ArchitectureSpec(parsing: "input 10x10x1 | conv 2 3x3 stride 2 floor | relu | maxpool 2 floor | flatten | linear 3")
        var network = try Sequential(spec: spec, seed: 1)
        var generator = SeededGenerator(seed: 2)
        let batch = Tensor.uniform([2, 1, 10, 10], low: -1, high: 1, using: &generator)
        let output = network.forward(batch)
        // 10 → ⌊(10 − 3)/2⌋ + 1 = 4 (row and column 9 dropped) → 2 after pooling: 2·2·2 = 8
        // features into linear 3.
        #expect(output.shape == [2, 3])
        let dInput = network.backward(Tensor.uniform([2, 3], low: -1, high: 1, using: &generator))
        #expect(dInput.shape == [2, 1, 10, 10])
        var lastRowAndColumn: [Int] = []
        for image in 0..<2 {
            for index in 0..<10 {
                lastRowAndColumn.append(image * 100 + 90 + index)
                lastRowAndColumn.append(image * 100 + index * 10 + 9)
            }
        }
        #expect(lastRowAndColumn.allSatisfy { dInput.scalars[$0] == 0 })
        #expect(dInput.scalars.contains { $0 != 0 })
    }
}
