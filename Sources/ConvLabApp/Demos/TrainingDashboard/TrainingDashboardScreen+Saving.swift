import ConvEngine
import TerminalUI

// Layout: NCHW. Activations are 1×C×H×W or 1×F, weights K×C×KH×KW (OIHW).

/// What Ctrl-P saves beside the dashboard's text, page by page, one pixel per value and on the
/// scales the page draws with: the overview's probe, every layer's activation maps (one range
/// per layer, as on the cards, but at full size where the cards shrink them) and the conv
/// filters it shows; the failures page's probe (the mistake shown); the strongest-images
/// page's nine images; the shift page's equivariance errors. The settings page has no picture.
extension TrainingDashboardScreen: PictureSaving {
    public var savedPictures: [SavedView.Picture] {
        switch inspection.page {
        case .overview: overviewPictures
        case .failures: probeImage.map { [SavedView.Picture(suffix: "probe", image: Self.greyImage($0), note: Self.imageNote)] } ?? []
        case .strongestImages: strongestPictures
        case .shiftBehaviour: shiftPictures
        case .settings: []
        }
    }

    static let imageNote = "pixels as they are: 0 black, 1 white"
    static let layerMapsNote = """
        one tile per channel, left to right then down, one mid-grey pixel between tiles; one scale for the whole layer, as on screen:
        grey from the layer's min (black) to its max (white), or, with negative values, blue (-max|v|) through white (0) to red (+max|v|)
        """
    static let filtersNote = """
        one row per input channel, one KH×KW tile per filter, one mid-grey pixel between tiles;
        one scale for the whole layer, as on screen: blue (-max|w|) through white (0) to red (+max|w|)
        """
    static let equivarianceNote = """
        one row per layer (from the first), one column per right shift (from 0); the relative error
        ‖F(shift x) − shift F(x)‖ / ‖F(x)‖ from 0 (black, equivariant) to 1 or more (white)
        """

    /// Channel 0 of a 1×C×H×W image in [0, 1] as a grey picture, as the pages draw it.
    static func greyImage(_ image: Tensor) -> Tensor {
        let (_, _, height, width) = image.nchw
        let rows = (0..<height).map { row in (0..<width).map { column in image[0, 0, row, column] } }
        return HeatPicture.picture(Heatmap(values: rows, colorMap: .sequential, range: 0...1))
    }

    /// The maps of one layer's 1×C×H×W output on the layer's one scale (`renderCard`'s).
    static func layerMaps(_ output: Tensor) -> [Heatmap] {
        let (_, channels, height, width) = output.nchw
        let planes = (0..<channels).map { channel in
            (0..<height).map { row in (0..<width).map { column in output[0, channel, row, column] } }
        }
        let colorMap = ColorMap.automatic(for: planes.flatMap { $0 })
        let range = colorMap.automaticRange(for: planes.flatMap { $0 })
        return planes.map { Heatmap(values: $0, colorMap: colorMap, range: range, showsLegend: false) }
    }

    private var overviewPictures: [SavedView.Picture] {
        var pictures: [SavedView.Picture] = []
        if let image = probeImage {
            pictures.append(SavedView.Picture(suffix: "probe", image: Self.greyImage(image), note: Self.imageNote))
        }
        let layers = setup.initialModel.spec.layers
        for (index, output) in probeActivations.enumerated() where output.rank == 4 && index < layers.count {
            let maps = Self.layerMaps(output)
            pictures.append(SavedView.Picture(suffix: "layer\(index)-\(layers[index].keyword)-maps",
                                              image: HeatPicture.grid(maps, columns: HeatPicture.squareColumns(maps.count)), note: Self.layerMapsNote))
        }
        for (weight, module) in zip(snapshot?.convolutionWeights ?? [], convolutionModuleIndices) {
            let range = Self.sharedRange(weight)
            let rows = (0..<weight.shape[1]).map { channel in
                (0..<weight.shape[0]).map { filter in
                    Heatmap(values: Self.kernelRows(weight, filter: filter, channel: channel), colorMap: .diverging, range: range, showsLegend: false)
                }
            }
            pictures.append(SavedView.Picture(suffix: "layer\(module)-conv-filters", image: HeatPicture.mosaic(rows), note: Self.filtersNote))
        }
        return pictures
    }

    private var strongestPictures: [SavedView.Picture] {
        guard let layer = topLayer, let entries = inspection.topActivations, let test = session.datasets?.test,
              inspection.topActivationsKey?.layer == layer, inspection.topActivationsKey?.channel == inspection.topChannel else { return [] }
        let tiles = entries.map { entry in
            let image = test.image(at: entry.index)
            let (height, width) = (image.shape[image.rank - 2], image.shape[image.rank - 1])
            let rows = (0..<height).map { row in (0..<width).map { column in image.scalars[row * width + column] } }
            return Heatmap(values: rows, colorMap: .sequential, range: 0...1, showsLegend: false)
        }
        let note = "the test images that excite layer \(layer), channel \(inspection.topChannel + 1) most, strongest first, 3 a row; " + Self.imageNote
        return [SavedView.Picture(suffix: "layer\(layer)-channel\(inspection.topChannel + 1)-strongest", image: HeatPicture.grid(tiles, columns: 3), note: note)]
    }

    private var shiftPictures: [SavedView.Picture] {
        guard let comparison = inspection.shiftComparison, !comparison.equivariance.layers.isEmpty else { return [] }
        let rows = comparison.equivariance.layers.map(\.errors)
        return [SavedView.Picture(suffix: "equivariance", image: HeatPicture.picture(Heatmap(values: rows, colorMap: .sequential, range: 0...1)),
                                  note: Self.equivarianceNote)]
    }
}
