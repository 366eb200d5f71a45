import ConvEngine

// The shift demo's state for lesson goals ("find a shift at which one more pixel changes no
// pooled cell").
extension ShiftScreen: DemoGoalState {
    /// A pooled map of an image at most 32 pixels a side has at most 32² cells (2×2 stride 1).
    public static let pooledCellRange = 0...1_024

    public static var goalStateRanges: [String: ClosedRange<Int>] {
        ["dx": shiftRange, "dy": shiftRange, "pooled-changes": pooledCellRange]
    }

    /// `dx`, `dy` (the shift) and `pooled-changes`: how many pooled cells one more pixel to the
    /// right changes, line (b) of the screen.
    public var goalState: [String: Int] {
        ["dx": shiftRight, "dy": shiftDown, "pooled-changes": pooledChanges(right: shiftRight, down: shiftDown)]
    }

    /// The pooled cells that differ between a shift of (`right`, `down`) and one more pixel
    /// right: `changedByOnePixel`'s count for any shift, not only the current one.
    func pooledChanges(right: Int, down: Int) -> Int {
        func pooled(_ right: Int) -> [Float] {
            let shifted = ImageShift.shifted(input, right: right, down: down, fill: fill)
            return maxPool2dForward(input: activationForward(convolved(shifted), .relu), config: poolConfig).output.scalars
        }
        return zip(pooled(right), pooled(right + 1)).filter { $0 != $1 }.count
    }

    /// Without the image, only the ranges can be judged.
    public static func canReach(_ conditions: [String: Int]) -> Bool {
        conditions.allSatisfy { goalStateRanges[$0.key]?.contains($0.value) ?? false }
    }

    /// Every shift the arrow keys reach with this image and kernel: 17 × 17 of them.
    public func canReachFromHere(_ conditions: [String: Int]) -> Bool {
        for right in Self.shiftRange {
            for down in Self.shiftRange {
                if let dx = conditions["dx"], dx != right { continue }
                if let dy = conditions["dy"], dy != down { continue }
                guard let wanted = conditions["pooled-changes"] else { return true }
                if pooledChanges(right: right, down: down) == wanted { return true }
            }
        }
        return false
    }
}
