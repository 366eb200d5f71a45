import ConvEngine

// The stepper's state for lesson goals ("step to the window whose output is largest", "raise
// the stride until the output is 3×3").
extension ConvStepperScreen: DemoGoalState {
    /// Gallery and sample images stay within 32 pixels a side; a 1×1 kernel with padding 3
    /// gives at most 32 + 6 = 38 outputs a side.
    public static let sideRange = 0...38

    public static var goalStateRanges: [String: ClosedRange<Int>] {
        ["padding": ConvStepperState.paddingRange, "stride": ConvStepperState.strideRange,
         "output": 1...sideRange.upperBound, "row": sideRange, "column": sideRange,
         "largest": 0...1, "flip": 0...1]
    }

    public var goalState: [String: Int] { state.goalState }

    /// The image and kernel fix which output sizes and values exist, so with no starting state
    /// to search from only the ranges can be judged.
    public static func canReach(_ conditions: [String: Int]) -> Bool {
        conditions.allSatisfy { goalStateRanges[$0.key]?.contains($0.value) ?? false }
    }

    /// Searches what the padding, stride, flip and window keys reach from the step's image and
    /// kernel: 4 paddings × 4 strides × 2 flips × every window, a few thousand states.
    public func canReachFromHere(_ conditions: [String: Int]) -> Bool {
        for padding in ConvStepperState.paddingRange {
            for stride in ConvStepperState.strideRange {
                for flipped in [false, true] {
                    var candidate = state
                    candidate.setPadding(padding)
                    candidate.setStride(stride)
                    candidate.setFlipped(flipped)
                    for position in 0..<max(candidate.stepCount, 1) {
                        candidate.setPosition(position)
                        if conditions.allSatisfy({ candidate.goalState[$0.key] == $0.value }) { return true }
                    }
                }
            }
        }
        return false
    }
}

extension ConvStepperState {
    /// `padding`, `stride`, `flip` (1 for true convolution) always; `output` (the side of a
    /// square output map) while the geometry tiles; `row`, `column` and `largest` (1 when the
    /// current cell holds its map's largest value, ties included) while there is a window.
    var goalState: [String: Int] {
        var values = ["padding": padding, "stride": stride, "flip": flipped ? 1 : 0]
        if let size = outputSize, size.height == size.width { values["output"] = size.height }
        if let window = currentWindow, let output {
            values["row"] = window.outputRow
            values["column"] = window.outputColumn
            let filter = currentFilter
            let current = output[0, filter, window.outputRow, window.outputColumn]
            let largest = windows.map { output[0, filter, $0.outputRow, $0.outputColumn] }.max() ?? current
            values["largest"] = current >= largest ? 1 : 0
        }
        return values
    }
}
