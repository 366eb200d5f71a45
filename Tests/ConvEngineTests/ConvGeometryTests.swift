import Testing
@testable import ConvEngine

@Suite struct ConvGeometryTests {
    @Test func sevenByThreeGivesFive() {
        #expect(AxisGeometry(inputSize: 7, kernelSize: 3).outputSize == 5)
    }

    @Test func strideTwoGivesThree() {
        #expect(AxisGeometry(inputSize: 7, kernelSize: 3, stride: 2).outputSize == 3)
    }

    @Test func nonTilingReportsFractionAndUncoveredColumn() throws {
        let geometry = ConvGeometry(inputHeight: 7, inputWidth: 7, kernelSize: 3, stride: 3)
        guard case let .failure(error) = geometry.validated else {
            Issue.record("7, 3, stride 3 must not tile")
            return
        }
        #expect(error.description == "height: (7 − 3 + 2·0)/3 + 1 = 2.33, not an integer: the windows do not tile the input; input rows 6 would never be covered")
        #expect(geometry.height.exactOutput == (7, 3))
    }

    @Test func samePaddingForOddKernels() {
        #expect(AxisGeometry.samePadding(kernelSize: 3) == 1)
        #expect(AxisGeometry.samePadding(kernelSize: 5) == 2)
        #expect(AxisGeometry.samePadding(kernelSize: 4) == nil)
        #expect(AxisGeometry.samePadding(kernelSize: 3, dilation: 2) == 2)
        for kernel in [1, 3, 5, 7] {
            let padding = AxisGeometry.samePadding(kernelSize: kernel)!
            #expect(AxisGeometry(inputSize: 11, kernelSize: kernel, padding: padding).outputSize == 11)
        }
    }

    @Test func invalidValuesSayWhy() {
        #expect(AxisGeometry(inputSize: 5, kernelSize: 3, stride: 0).validated
            == .failure(.notPositive(quantity: "stride", value: 0, axis: nil)))
        let tooLarge = AxisGeometry(inputSize: 3, kernelSize: 7, padding: 1)
        #expect("\(GeometryError.kernelLargerThanInput(geometry: tooLarge, axis: "width"))"
            == "width: kernel 7 is larger than the padded input 3 + 2·1 = 5")
        #expect(AxisGeometry(inputSize: 5, kernelSize: 3, padding: -1).outputSize == nil)
        #expect(AxisGeometry(inputSize: 0, kernelSize: 1).outputSize == nil)
    }

    @Test func dilationWidensTheWindow() {
        let axis = AxisGeometry(inputSize: 7, kernelSize: 3, dilation: 2)
        #expect(axis.effectiveKernelSize == 5)
        #expect(axis.outputSize == 3)
        #expect(axis.inputIndex(output: 1, tap: 2) == 5)
    }

    @Test func windowsWalkRowMajorFromThePadding() {
        let geometry = ConvGeometry(inputHeight: 3, inputWidth: 3, kernelSize: 3, padding: 1, stride: 2)
        let windows = geometry.windows
        #expect(windows.count == 4)
        #expect(windows.map { [$0.inputRow, $0.inputColumn] } == [[-1, -1], [-1, 1], [1, -1], [1, 1]])
        #expect(windows[0].readsPadding(tapRow: 0, tapColumn: 1))
        #expect(!windows[0].readsPadding(tapRow: 1, tapColumn: 1))
    }

    @Test func strideBeyondKernelLeavesGaps() {
        #expect(AxisGeometry(inputSize: 5, kernelSize: 1, stride: 2).uncoveredInputs == [1, 3])
        #expect(AxisGeometry(inputSize: 7, kernelSize: 3).uncoveredInputs.isEmpty)
    }

    @Test func suggestionsTile() {
        let axis = AxisGeometry(inputSize: 7, kernelSize: 3, stride: 3)
        let suggestions = axis.tilingSuggestions()
        #expect(!suggestions.paddings.isEmpty && !suggestions.strides.isEmpty)
        for padding in suggestions.paddings {
            var trial = axis
            trial.padding = padding
            #expect(trial.outputSize != nil)
        }
        #expect(suggestions.strides.first == 2)
        #expect(suggestions.paddings.first == 1)
    }
}
