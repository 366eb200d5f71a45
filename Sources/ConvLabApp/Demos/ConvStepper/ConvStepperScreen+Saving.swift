import ConvEngine
import TerminalUI

// Layout: NCHW. The input is 1×C×H×W, the weights K×C×KH×KW, the output 1×K×OH×OW.

/// What Ctrl-P saves beside the stepper's text: the input the conv reads, the kernel (every
/// filter's slices) and the whole output map, each channel on its own automatic scale as the
/// heat-map panels draw it (the output in full, also the cells the walk has not reached yet).
extension ConvStepperScreen: PictureSaving {
    public var savedPictures: [SavedView.Picture] {
        let input = state.input
        let inputTiles = (0..<input.shape[1]).map { Heatmap(values: Self.plane(input, channel: $0), showsLegend: false) }
        var pictures = [SavedView.Picture(suffix: "input", image: HeatPicture.mosaic([inputTiles]), note: Self.mapsNote)]
        let weight = state.weight
        let kernelRows = (0..<weight.shape[0]).map { filter in
            NetworkScreen.filterHeatmaps(weight, channel: filter, colorCapability: colorCapability)
        }
        pictures.append(SavedView.Picture(suffix: "kernel", image: HeatPicture.mosaic(kernelRows), note: NetworkScreen.filtersNote))
        if let output = state.output {
            let outputTiles = (0..<output.shape[1]).map { Heatmap(values: Self.plane(output, channel: $0), showsLegend: false) }
            pictures.append(SavedView.Picture(suffix: "output", image: HeatPicture.mosaic([outputTiles]), note: Self.mapsNote))
        }
        return pictures
    }

    static let mapsNote = """
        one tile per channel, left to right, one mid-grey pixel between tiles; each tile on its own scale, as on screen:
        grey from its min (black) to its max (white), or, with negative values, blue (-max|v|) through white (0) to red (+max|v|)
        """

    /// Channel `channel` of a 1×C×H×W tensor as H rows.
    static func plane(_ tensor: Tensor, channel: Int) -> [[Float]] {
        let (_, _, height, width) = tensor.nchw
        return (0..<height).map { row in (0..<width).map { column in tensor[0, channel, row, column] } }
    }
}
