import ConvEngine

// The receptive field demo's state for lesson goals ("add a 3×3 layer until the field is 7×7").
extension ReceptiveFieldScreen: DemoGoalState {
    /// Six 7×7 layers at stride 3 see 1 + 6·(1 + 3 + 9 + 27 + 81 + 243) = 2,185 pixels.
    public static let fieldRange = 1...2_185

    public static var goalStateRanges: [String: ClosedRange<Int>] {
        ["layers": 0...maximumLayers, "field": fieldRange]
    }

    /// How many layers the stack has and the top cell's field width.
    public var goalState: [String: Int] { ["layers": layers.count, "field": fields.last!.size] }

    /// The keys build any stack of up to six layers of kernel 1, 2, 3, 5 or 7 and stride 1 to
    /// 3, so follow every reachable (layers, field, jump) through r_out = r + (k − 1)·j,
    /// j_out = j·s: a few thousand states, not the 15⁶ stacks.
    public static func canReach(_ conditions: [String: Int]) -> Bool {
        struct Reached: Hashable { var field: Int; var jump: Int }
        var level: Set<Reached> = [Reached(field: 1, jump: 1)]
        for count in 0...maximumLayers {
            if conditions["layers"] ?? count == count, level.contains(where: { conditions["field"] ?? $0.field == $0.field }) { return true }
            level = Set(level.flatMap { reached in
                kernelSizes.flatMap { kernel in
                    (1...3).map { stride in Reached(field: reached.field + (kernel - 1) * reached.jump, jump: reached.jump * stride) }
                }
            })
        }
        return false
    }
}
