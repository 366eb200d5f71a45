import TerminalUI

/// How much room each grid takes: one rung of the ladder the renderer climbs down.
struct StepperDensity {
    enum BigGrid {
        /// Numbers with `decimals` digits, fields `extraWidth` wider than the widest value.
        case numbers(decimals: Int, extraWidth: Int)
        /// A marked heat map `scale` columns per value.
        case heatmap(scale: Int)
    }

    /// How the input and output maps are drawn (the kernel and products are always numbers).
    var bigGrid: BigGrid
    var labels: Bool
    var legends: Bool
    var smallExtraWidth: Int
    /// The sum written out term by term (single-channel mode), where there is room.
    var showsWorking = false
    /// In numbers view on a big terminal, the input and output maps drawn once more as heat
    /// maps this many columns per value, so the numbers and the picture are seen together.
    var pictureScale: Int?
    var columnGap: Int
    var rowGap: Int

    /// Roomiest first. Numbers view tries numbers at every size before falling back to heat
    /// maps; heat map view tries a large scale, then a small one.
    static func ladder(heatmap: Bool, colorCapability: ColorCapability) -> [StepperDensity] {
        let small = colorCapability == .none ? 1 : 2
        let large = colorCapability == .none ? 2 : 4
        let heatmaps = [
            StepperDensity(bigGrid: .heatmap(scale: large), labels: false, legends: true, smallExtraWidth: 1, showsWorking: true, columnGap: 3, rowGap: 1),
            StepperDensity(bigGrid: .heatmap(scale: small), labels: false, legends: true, smallExtraWidth: 0, columnGap: 2, rowGap: 1),
            StepperDensity(bigGrid: .heatmap(scale: small), labels: false, legends: true, smallExtraWidth: 0, columnGap: 2, rowGap: 0),
            StepperDensity(bigGrid: .heatmap(scale: small), labels: false, legends: false, smallExtraWidth: 0, columnGap: 2, rowGap: 0),
        ]
        if heatmap { return heatmaps }
        let roomiest = StepperDensity(bigGrid: .numbers(decimals: 2, extraWidth: 1), labels: true, legends: true, smallExtraWidth: 1, showsWorking: true, columnGap: 3, rowGap: 1)
        let pictures = [large, small].map { scale in
            var density = roomiest
            density.pictureScale = scale
            return density
        }
        return pictures + [
            roomiest,
            StepperDensity(bigGrid: .numbers(decimals: 2, extraWidth: 0), labels: true, legends: true, smallExtraWidth: 0, columnGap: 2, rowGap: 1),
            StepperDensity(bigGrid: .numbers(decimals: 2, extraWidth: 0), labels: false, legends: true, smallExtraWidth: 0, columnGap: 2, rowGap: 0),
            StepperDensity(bigGrid: .numbers(decimals: 1, extraWidth: 0), labels: false, legends: true, smallExtraWidth: 0, columnGap: 2, rowGap: 0),
        ] + heatmaps.dropFirst()
    }
}
