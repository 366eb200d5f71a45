import ConvEngine

// The geometry explorer's state for lesson goals: the five settings and the output size.
extension GeometryExplorerScreen: DemoGoalState {
    /// The output is at most the padded input, W + 2P, reached with F = 1 and S = 1.
    static let outputRange = 1...(sizeRange.upperBound + 2 * paddingRange.upperBound)

    static var goalStateRanges: [String: ClosedRange<Int>] {
        ["size": sizeRange, "kernel": kernelRange, "padding": paddingRange, "stride": strideRange,
         "dilation": dilationRange, "output": outputRange]
    }

    /// `output` only while the geometry tiles: a task "until the output is 7×7" means the
    /// formula gives 7, not that 7 whole windows happen to fit.
    var goalState: [String: Int] {
        var state = ["size": inputSize, "kernel": kernelSize, "padding": padding, "stride": stride, "dilation": dilation]
        state["output"] = axis.outputSize
        return state
    }

    /// Every key changes one setting by one within its range, so any combination of settings
    /// is reachable; search them, each setting a goal names fixed to its value. At most
    /// 64·15·17·16·8 ≈ 2 million geometries when only the output is named, and a reachable
    /// goal usually stops far sooner.
    static func canReach(_ conditions: [String: Int]) -> Bool {
        func values(_ name: String, _ range: ClosedRange<Int>) -> [Int] {
            guard let fixed = conditions[name] else { return Array(range) }
            return range.contains(fixed) ? [fixed] : []
        }
        let wantedOutput = conditions["output"]
        if let wantedOutput, !outputRange.contains(wantedOutput) { return false }
        for size in values("size", sizeRange) {
            for padding in values("padding", paddingRange) {
                for kernel in values("kernel", kernelRange) {
                    for dilation in values("dilation", dilationRange) {
                        for stride in values("stride", strideRange) {
                            guard let wantedOutput else { return true }
                            let axis = AxisGeometry(inputSize: size, kernelSize: kernel, padding: padding, stride: stride, dilation: dilation)
                            if axis.outputSize == wantedOutput { return true }
                        }
                    }
                }
            }
        }
        return false
    }
}
