import ConvEngine
import TerminalUI

// Layout: NCHW. The activation map is 1×C×H×W, the pooled map 1×C×OH×OW.

/// What Ctrl-P saves beside the pooling demo's text: the activation maps and the whole pooled
/// maps, one tile per channel, all on the one scale the heat-map view uses (0 to the largest
/// activation), so equal greys mean equal values.
extension PoolingScreen: PictureSaving {
    var savedPictures: [SavedView.Picture] {
        let range: ClosedRange<Float> = 0...max(activation.scalars.max() ?? 1, 1e-6)
        let note = "one tile per channel, left to right, one mid-grey pixel between tiles; every tile grey from 0 (black) to \(range.upperBound) (white)"
        func tiles(_ maps: Tensor) -> [Heatmap] {
            (0..<maps.shape[1]).map { Heatmap(values: ConvStepperScreen.plane(maps, channel: $0), colorMap: .sequential, range: range, showsLegend: false) }
        }
        var pictures = [SavedView.Picture(suffix: "activations", image: HeatPicture.mosaic([tiles(activation)]), note: note)]
        if let pooled {
            pictures.append(SavedView.Picture(suffix: "pooled", image: HeatPicture.mosaic([tiles(pooled)]), note: note))
        }
        return pictures
    }
}
