import TerminalUI

/// What Ctrl-P saves beside the shift demo's text: its six maps, each on the scale the screen
/// draws it with (the two conv maps on one symmetric scale, the two pooled maps on one).
extension ShiftScreen: PictureSaving {
    var savedPictures: [SavedView.Picture] {
        mapValues.map { entry in
            let heatmap = Heatmap(values: entry.values, colorMap: entry.colorMap, range: entry.range, showsLegend: false)
            let scale = entry.colorMap == .diverging
                ? "blue (\(entry.range.lowerBound)) through white (0) to red (\(entry.range.upperBound))"
                : "grey from \(entry.range.lowerBound) (black) to \(entry.range.upperBound) (white)"
            return SavedView.Picture(suffix: entry.pictureName, image: HeatPicture.picture(heatmap), note: "\(entry.label), one pixel per value; \(scale)")
        }
    }
}
