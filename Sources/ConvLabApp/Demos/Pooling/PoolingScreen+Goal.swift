import ConvEngine

// The pooling demo's state for lesson goals ("choose a window and stride so the pooled map is
// 3×3").
extension PoolingScreen: DemoGoalState {
    /// Sample images stay within 32 pixels a side, so a pooled side or window index does too
    /// (a 1-wide window at stride 1 keeps every pixel; padding needs a window of 2 or more).
    public static let sideRange = 0...34

    public static var goalStateRanges: [String: ClosedRange<Int>] {
        ["kernel": kernelRange, "stride": strideRange, "padding": 0...(kernelRange.upperBound / 2),
         "output": 1...sideRange.upperBound, "row": sideRange, "column": sideRange]
    }

    public var goalState: [String: Int] {
        Self.goalState(kernel: kernelSize, stride: stride, padding: padding, position: position, mapHeight: mapHeight, mapWidth: mapWidth)
    }

    /// `kernel`, `stride`, `padding` always; `output` (the side of a square pooled map) while
    /// the window tiles the map; `row` and `column` of the current window while there is one.
    static func goalState(kernel: Int, stride: Int, padding: Int, position: Int, mapHeight: Int, mapWidth: Int) -> [String: Int] {
        var values = ["kernel": kernel, "stride": stride, "padding": padding]
        let config = Pool2DConfig(kernelSize: kernel, stride: stride, padding: padding)
        if case let .success(size) = config.geometry(inputHeight: mapHeight, inputWidth: mapWidth).validated, size.width > 0 {
            if size.height == size.width { values["output"] = size.height }
            if position < size.height * size.width {
                values["row"] = position / size.width
                values["column"] = position % size.width
            }
        }
        return values
    }

    /// Without the map's size only the ranges can be judged.
    public static func canReach(_ conditions: [String: Int]) -> Bool {
        conditions.allSatisfy { goalStateRanges[$0.key]?.contains($0.value) ?? false }
    }

    /// Every window size, stride and padding the keys allow on this map, and every window of
    /// each: at most 4 · 4 · 3 · 34² states.
    public func canReachFromHere(_ conditions: [String: Int]) -> Bool {
        for kernel in Self.kernelRange {
            for stride in Self.strideRange {
                for padding in 0...(kernel / 2) {
                    let config = Pool2DConfig(kernelSize: kernel, stride: stride, padding: padding)
                    guard case let .success(size) = config.geometry(inputHeight: mapHeight, inputWidth: mapWidth).validated else {
                        let values = Self.goalState(kernel: kernel, stride: stride, padding: padding, position: 0, mapHeight: mapHeight, mapWidth: mapWidth)
                        if conditions.allSatisfy({ values[$0.key] == $0.value }) { return true }
                        continue
                    }
                    for position in 0..<max(size.height * size.width, 1) {
                        let values = Self.goalState(kernel: kernel, stride: stride, padding: padding, position: position, mapHeight: mapHeight, mapWidth: mapWidth)
                        if conditions.allSatisfy({ values[$0.key] == $0.value }) { return true }
                    }
                }
            }
        }
        return false
    }
}
