import ConvEngine
import TerminalUI

/// What Ctrl-P saves beside the kernels demo's text: the input (in colour when the screen
/// shows it in colour, else the grey plane the kernel reads), the kernel and the output, each
/// on the scale the screen draws it with.
extension KernelsScreen: PictureSaving {
    var savedPictures: [SavedView.Picture] {
        var pictures: [SavedView.Picture] = []
        if isColour, channelChoice == .all {
            let colour = picture.pixels
            pictures.append(SavedView.Picture(suffix: "input", image: colour.map { min(max($0, 0), 1) }, note: "the picture's own colours"))
        } else {
            let input = Heatmap(values: inputRows, colorMap: .sequential, showsLegend: false)
            pictures.append(SavedView.Picture(suffix: "input", image: HeatPicture.picture(input), note: Self.scaleNote(input)))
        }
        let kernelMap = Heatmap(values: kernel.rows, colorMap: .diverging, showsLegend: false)
        pictures.append(SavedView.Picture(suffix: "kernel", image: HeatPicture.picture(kernelMap), note: Self.scaleNote(kernelMap)))
        let output = Heatmap(values: outputRows, showsLegend: false)
        pictures.append(SavedView.Picture(suffix: "output", image: HeatPicture.picture(output), note: Self.scaleNote(output)))
        return pictures
    }

    /// "grey from 0.0 (black) to 1.0 (white)" or "blue (-4.0) through white (0) to red (4.0)".
    static func scaleNote(_ heatmap: Heatmap) -> String {
        let range = heatmap.resolvedRange
        return heatmap.colorMap == .diverging
            ? "one pixel per value; blue (\(range.lowerBound)) through white (0) to red (\(range.upperBound))"
            : "one pixel per value; grey from \(range.lowerBound) (black) to \(range.upperBound) (white)"
    }
}
