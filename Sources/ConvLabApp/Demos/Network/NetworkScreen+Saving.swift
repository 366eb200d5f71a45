import ConvEngine
import TerminalUI

// Layout: NCHW. Maps are 1×C×H×W, filters K×C×KH×KW (OIHW).

/// What Ctrl-P saves beside the network view's text: the probe, every layer's maps for it (one
/// mosaic per layer) and every conv layer's filters, each drawn with the `Heatmap` the screen
/// draws it with, so a saved picture has the colours and ranges the learner saw.
extension NetworkScreen: PictureSaving {
    public var savedPictures: [SavedView.Picture] {
        guard let inspection else { return [] }
        var pictures = [SavedView.Picture(suffix: "input", image: Self.mapMosaic(inspection.probe, colorCapability: colorCapability), note: Self.mapsNote)]
        for index in 0..<inspection.layerCount {
            let name = "layer\(index)-\(inspection.model.spec.layers[index].keyword)"
            let output = inspection.outputs[index]
            if output.rank == 4 {
                pictures.append(SavedView.Picture(suffix: "\(name)-maps", image: Self.mapMosaic(output, colorCapability: colorCapability), note: Self.mapsNote))
            } else if output.count > Self.listedFeatureLimit {
                pictures.append(SavedView.Picture(suffix: "\(name)-features", image: HeatPicture.picture(Self.featureHeatmap(output, colorCapability: colorCapability)), note: Self.featuresNote))
            }
            if let filters = inspection.convolution(index)?.weight.value {
                let rows = (0..<filters.shape[0]).map { Self.filterHeatmaps(filters, channel: $0, colorCapability: colorCapability) }
                pictures.append(SavedView.Picture(suffix: "\(name)-filters", image: HeatPicture.mosaic(rows), note: Self.filtersNote))
            }
        }
        return pictures
    }

    static let mapsNote = """
        one tile per channel, left to right then down, one mid-grey pixel between tiles; each tile on its own scale, as on screen:
        grey from its min (black) to its max (white), or, with negative values, blue (-max|v|) through white (0) to red (+max|v|)
        """
    static let featuresNote = "features 16 a row, in order; grey from min (black) to max (white), or with negatives blue (-max|v|), white (0), red (+max|v|)"
    static let filtersNote = """
        one row per output channel, one KH×KW tile per input channel, one mid-grey pixel between tiles;
        each row on its own scale, as on screen: blue (-max|w|) through white (0) to red (+max|w|), max over the row
        """

    /// Channel `channel` of a 1×C×H×W map as the screen draws it: its own automatic scale.
    static func mapHeatmap(_ output: Tensor, channel: Int, colorCapability: ColorCapability) -> Heatmap {
        let (_, _, height, width) = output.nchw
        let values = (0..<height).map { row in (0..<width).map { column in output[0, channel, row, column] } }
        return Heatmap(values: values, colorCapability: colorCapability, showsLegend: false)
    }

    /// Every channel of a 1×C×H×W map in a near-square grid.
    static func mapMosaic(_ output: Tensor, colorCapability: ColorCapability) -> Tensor {
        let channels = output.shape[1]
        let tiles = (0..<channels).map { mapHeatmap(output, channel: $0, colorCapability: colorCapability) }
        return HeatPicture.grid(tiles, columns: HeatPicture.squareColumns(channels))
    }

    /// The slices of filter `channel` (one per input channel) of K×C×KH×KW weights, on one
    /// diverging scale shared by the filter's slices.
    static func filterHeatmaps(_ filters: Tensor, channel: Int, colorCapability: ColorCapability) -> [Heatmap] {
        let (_, inputChannels, kernelHeight, kernelWidth) = filters.nchw
        let slices = (0..<inputChannels).map { input in
            (0..<kernelHeight).map { row in (0..<kernelWidth).map { column in filters[channel, input, row, column] } }
        }
        let range = ColorMap.diverging.automaticRange(for: slices.flatMap { $0 })
        return slices.map { Heatmap(values: $0, colorMap: .diverging, range: range, colorCapability: colorCapability, showsLegend: false) }
    }

    /// A long flat output as rows of 16 features, as the screen draws it.
    static func featureHeatmap(_ output: Tensor, colorCapability: ColorCapability) -> Heatmap {
        let values = output.scalars
        let rows = stride(from: 0, to: values.count, by: featureRowLength).map { Array(values[$0..<min($0 + featureRowLength, values.count)]) }
        return Heatmap(values: rows, colorCapability: colorCapability, showsLegend: false)
    }

    /// Features a row when a flat output is drawn as a block.
    static let featureRowLength = 16
}
