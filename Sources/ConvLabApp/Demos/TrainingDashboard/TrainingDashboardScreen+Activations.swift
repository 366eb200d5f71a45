import ConvEngine
import TerminalUI

// Every layer's output for the probe image, as cards that flow left to right and top to
// bottom: a label (module index, layer, shape) over the channels as small heat maps. Maps
// larger than a thumbnail are shrunk by the engine's bilinear resize for display; flat outputs
// (flatten, linear) are one row of values.

extension TrainingDashboardScreen {
    /// The largest map side drawn as is; larger maps are resized to it.
    var thumbnailSide: Int { 14 }

    /// One card: what it shows and how big it is.
    struct ActivationCard {
        var title: String
        /// 1×C×h×w maps to draw (already resized), or a flat 1×F output.
        var maps: Tensor
        var isFlat: Bool
        var width: Int
        var height: Int
    }

    /// The cards for the input and each layer, each at most `cardWidth` wide.
    func activationCards(cardWidth: Int) -> [ActivationCard] {
        guard let image = probeImage, !probeActivations.isEmpty else { return [] }
        let layers = setup.initialModel.spec.layers
        var cards: [ActivationCard] = []
        let outputs = [(title: "input", output: image)] + probeActivations.enumerated().map { index, output in
            (title: "\(index) \(index < layers.count ? layers[index].description : "")", output: output)
        }
        for (title, output) in outputs {
            if output.rank == 4 {
                let (_, channels, height, width) = output.nchw
                let side = thumbnailSide
                var maps = output
                if height > side || width > side {
                    let scale = max(Double(height) / Double(side), Double(width) / Double(side))
                    let newHeight = max(1, Int((Double(height) / scale).rounded())), newWidth = max(1, Int((Double(width) / scale).rounded()))
                    maps = output.resizedBilinear(height: newHeight, width: newWidth)
                }
                let (_, _, shownHeight, shownWidth) = maps.nchw
                let across = min(channels, max(1, (cardWidth + 1) / (shownWidth + 1)))
                let rows = (shownHeight + 1) / 2
                // The shape first; how many channels are drawn only when the card has room.
                var cardTitle = "\(title) → \(channels)×\(height)×\(width)"
                let hidden = " (\(across) of \(channels))"
                if channels > across, cardTitle.count + hidden.count <= max(cardWidth, across * (shownWidth + 1) - 1) { cardTitle += hidden }
                cards.append(ActivationCard(
                    title: cardTitle, maps: maps, isFlat: false,
                    width: max(across * (shownWidth + 1) - 1, min(cardTitle.count, cardWidth)), height: 1 + rows))
            } else {
                cards.append(ActivationCard(title: "\(title) → \(output.count) values", maps: output, isFlat: true, width: cardWidth, height: 2))
            }
        }
        return cards
    }

    /// Where each card goes when cards flow left to right in rows as wide as `area`, a gap of
    /// 3 columns and 1 row between them; nil for cards below the area.
    func flow(_ cards: [ActivationCard], in area: Rect) -> [Rect?] {
        var x = area.x, y = area.y, rowHeight = 0
        return cards.map { card in
            if x > area.x, x + card.width > area.maxX {
                x = area.x
                y += rowHeight + 1
                rowHeight = 0
            }
            guard y + card.height <= area.maxY else { return nil }
            defer {
                x += card.width + 3
                rowHeight = max(rowHeight, card.height)
            }
            return Rect(x: x, y: y, width: min(card.width, area.maxX - x), height: card.height)
        }
    }

    /// Every layer's card, with as many channels per card as still lets every layer fit
    /// (2 cards per row first, then 3, 4, …); what cannot fit is counted on the last row.
    func renderActivations(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.write("activations for the probe (\(probeDescription)), every layer", x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        let body = area.inset(top: 1)
        var cards: [ActivationCard] = []
        var places: [Rect?] = []
        for perRow in 2...6 {
            cards = activationCards(cardWidth: max(thumbnailSide, (body.width - 3 * (perRow - 1)) / perRow))
            places = flow(cards, in: body)
            if places.allSatisfy({ $0 != nil }) { break }
        }
        for (card, place) in zip(cards, places) {
            if let place { renderCard(card, into: &buffer, area: place) }
        }
        let missing = places.filter { $0 == nil }.count
        if missing > 0 {
            buffer.write("+\(missing) more layers (a taller terminal shows them)", x: area.x, y: area.maxY - 1, style: Self.dimStyle, clip: area)
        }
    }

    private func renderCard(_ card: ActivationCard, into buffer: inout Buffer, area: Rect) {
        buffer.write(card.title, x: area.x, y: area.y, style: Self.dimStyle, clip: area)
        let body = area.inset(top: 1)
        if card.isFlat {
            let values = card.maps.scalars
            Heatmap(values: [Array(values.prefix(body.width))], colorCapability: colorCapability == .none ? .none : colorCapability, showsLegend: false)
                .render(into: &buffer, area: body)
            return
        }
        let (_, channels, height, width) = card.maps.nchw
        // One range for all channels of a layer, so their strengths compare.
        let planes = (0..<channels).map { channel in
            (0..<height).map { row in (0..<width).map { column in card.maps[0, channel, row, column] } }
        }
        let colorMap = ColorMap.automatic(for: planes.flatMap { $0 })
        let range = colorMap.automaticRange(for: planes.flatMap { $0 })
        for (channel, plane) in planes.enumerated() {
            let left = body.x + channel * (width + 1)
            guard left + width <= body.maxX else { break }
            Heatmap(values: plane, colorMap: colorMap, range: range, colorCapability: colorCapability, showsLegend: false)
                .render(into: &buffer, area: Rect(x: left, y: body.y, width: width, height: body.height))
        }
    }
}
