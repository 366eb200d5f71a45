import Testing
@testable import convlab

@Suite struct AxisPairTests {
    @Test func oneNumberAppliesToBothAxes() {
        #expect(AxisPair(argument: "2") == AxisPair(2))
    }

    @Test func pairsAreHeightThenWidth() {
        #expect(AxisPair(argument: "2x1").map { [$0.height, $0.width] } == [2, 1])
        #expect(AxisPair(argument: "3×0").map { [$0.height, $0.width] } == [3, 0])
        #expect(AxisPair(argument: " 1 X 2 ").map { [$0.height, $0.width] } == [1, 2])
    }

    @Test func malformedValuesAreRefused() {
        for text in ["", "x", "2x", "2x1x1", "two", "2y", "1.5"] {
            #expect(AxisPair(argument: text) == nil, "\(text) should be refused")
        }
    }

    @Test func gradientFilesSitBesideTheOutput() {
        #expect(ArrayArgument.sibling(of: "out/y.npy", suffix: "grad_input") == "out/y.grad_input.npy")
        #expect(ArrayArgument.sibling(of: "y", suffix: "grad_bias") == "y.grad_bias.npy")
    }
}
