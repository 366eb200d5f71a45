import ConvEngine
import TerminalUI

// Where the network fails: the failures page (the last epoch's test confusion matrix beside
// the misclassified test image the probe shows, stepped with x/X) and the strongest-images
// page (the nine test images that excite one channel most, DeepVis style). The engine counts
// and ranks (`Trainer.evaluate`, `TopActivations`); this file only steers and draws.

extension TrainingDashboardScreen {
    /// The last epoch's misclassified test images, in test-set order.
    var mistakes: [MisclassifiedExample] { snapshot?.epochs.last?.misclassified ?? [] }

    /// Moves the probe to the next (`delta` 1) or previous (−1) misclassified test image,
    /// round the list.
    mutating func stepThroughMistakes(by delta: Int) {
        let list = mistakes
        guard snapshot?.epochs.isEmpty == false else {
            message = "mistakes are listed after the first epoch"
            return
        }
        guard !list.isEmpty else {
            message = "no test image is misclassified"
            return
        }
        let position: Int
        if let current = inspection.mistakePosition {
            position = ((current + delta) % list.count + list.count) % list.count
        } else {
            position = 0  // either direction starts at the first mistake
        }
        inspection.mistakePosition = position
        probe = .testImage(list[position].index)
        message = mistakeDescription(list[position], position: position, count: list.count)
    }

    func mistakeDescription(_ mistake: MisclassifiedExample, position: Int, count: Int) -> String {
        "mistake \(position + 1)/\(count): test image \(mistake.index + 1), a \(mistake.label) taken for a \(mistake.predicted)"
    }

    /// The mistake the probe shows, if it shows one of the current list.
    var shownMistake: (mistake: MisclassifiedExample, position: Int)? {
        guard let position = inspection.mistakePosition, position < mistakes.count,
              case let .testImage(index) = probe, mistakes[position].index == index else { return nil }
        return (mistakes[position], position)
    }

    // MARK: strongest images

    /// Module indices whose output is a map (conv, pool and activations before flatten): the
    /// layers whose channels have images that excite them.
    var spatialLayers: [Int] {
        guard let shapes = try? setup.initialModel.spec.outputShapes() else { return [] }
        return shapes.indices.filter { shapes[$0].count == 3 }
    }

    /// The layer the strongest-images page shows: the chosen one, else the first conv layer.
    var topLayer: Int? { inspection.topLayer ?? spatialLayers.first }

    /// Channels of `layer`'s output.
    func channelCount(of layer: Int) -> Int {
        ((try? setup.initialModel.spec.outputShapes())?[layer].first) ?? 0
    }

    mutating func chooseTopLayer(by delta: Int) {
        let layers = spatialLayers
        guard !layers.isEmpty, let current = topLayer, let position = layers.firstIndex(of: current) else { return }
        inspection.topLayer = layers[((position + delta) % layers.count + layers.count) % layers.count]
        inspection.topChannel = min(inspection.topChannel, max(channelCount(of: inspection.topLayer!) - 1, 0))
    }

    mutating func chooseTopChannel(by delta: Int) {
        guard let layer = topLayer else { return }
        let count = max(channelCount(of: layer), 1)
        inspection.topChannel = ((inspection.topChannel + delta) % count + count) % count
    }

    /// Starts ranking the test images for the chosen channel when the weights or the choice
    /// changed since the last ranking, and collects a finished ranking. Called on every poll
    /// while the page is up; a ranking runs off the UI thread.
    mutating func refreshTopActivations() {
        guard let snapshot, let layer = topLayer, let test = session.datasets?.test, test.count > 0 else { return }
        if let pending = inspection.pendingTopActivations, let result = pending.job.result {
            inspection.topActivations = result
            inspection.topActivationsKey = pending.key
            inspection.pendingTopActivations = nil
        }
        // While training runs, a ranking is redone at most once per epoch (or when paused).
        let batches = snapshot.status == .running ? snapshot.completedEpochs * max(snapshot.batchesPerEpoch, 1) : snapshot.batchLosses.count
        let key = DashboardInspection.TopActivationsKey(run: session.runNumber, batches: batches, layer: layer, channel: inspection.topChannel)
        guard key != inspection.topActivationsKey, key != inspection.pendingTopActivations?.key else { return }
        let model = snapshot.model, channel = inspection.topChannel
        let rankedSet = test.prefix(Self.topActivationImages)
        inspection.pendingTopActivations = (key, BackgroundComputation(name: "convlab-top-activations") {
            TopActivations.strongest(model: model, layer: layer, channel: channel, dataset: rankedSet, count: 9)
        })
    }

    /// The test images ranked (the first of the test set): enough to find strong ones, few
    /// enough that a debug build ranks them in a second or two.
    static let topActivationImages = 1_000

    // MARK: drawing

    /// The failures page: the confusion matrix, then the mistake the probe shows.
    func renderFailuresPage(_ snapshot: TrainingSnapshot, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let columns = area.split(.horizontal, [.length(Self.confusionColumnWidth), .fill], spacing: 2)
        renderConfusionMatrix(snapshot, into: &buffer, area: columns[0])
        let right = columns[1]
        let count = mistakes.count
        var y = right.y
        buffer.write(snapshot.epochs.isEmpty ? "mistakes: after epoch 1" : "\(count) mistake\(count == 1 ? "" : "s")",
                     x: right.x, y: y, style: Self.titleStyle, clip: right)
        y += 1
        buffer.write("x/X: previous/next", x: right.x, y: y, style: Self.dimStyle, clip: right)
        y += 1
        if let (mistake, position) = shownMistake {
            buffer.write("\(position + 1)/\(count): test image \(mistake.index + 1)", x: right.x, y: y, clip: right)
            buffer.write("true \(mistake.label), predicted \(mistake.predicted)", x: right.x, y: y + 1, style: Self.failureStyle, clip: right)
            y += 2
        } else {
            buffer.write("probe: \(probeDescription)", x: right.x, y: y, clip: right)
            y += 1
        }
        if let image = probeImage {
            drawImage(image, into: &buffer, area: Rect(x: right.x, y: y, width: right.width, height: right.maxY - y))
        }
    }

    /// A 1×C×H×W image (channel 0) as greys, shrunk by the engine's bilinear resize if it does
    /// not fit `area`.
    func drawImage(_ image: Tensor, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, image.rank == 4 else { return }
        let (_, _, height, width) = image.nchw
        let rowsPerPixel = colorCapability == .none ? 1.0 : 0.5
        let scale = max(1, Double(width) / Double(area.width), Double(height) * rowsPerPixel / Double(area.height))
        var shown = image
        if scale > 1 {
            shown = image.resizedBilinear(height: max(1, Int(Double(height) / scale)), width: max(1, Int(Double(width) / scale)))
        }
        let (_, _, shownHeight, shownWidth) = shown.nchw
        let rows = (0..<shownHeight).map { row in (0..<shownWidth).map { column in shown[0, 0, row, column] } }
        Heatmap(values: rows, colorMap: .sequential, range: 0...1, colorCapability: colorCapability, showsLegend: false)
            .render(into: &buffer, area: area)
    }

    /// The strongest-images page: nine test images, strongest first, each with its rank, index,
    /// label and peak value.
    func renderStrongestImagesPage(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        guard let layer = topLayer else {
            buffer.write("this network has no layer with channels", x: area.x, y: area.y, style: Self.dimStyle, clip: area)
            return
        }
        let name = setup.initialModel.spec.layers[layer].description
        buffer.write("strongest test images for layer \(layer) (\(name)), channel \(inspection.topChannel + 1)/\(channelCount(of: layer))",
                     x: area.x, y: area.y, style: Self.titleStyle, clip: area)
        let ranked = min(session.datasets?.test.count ?? 0, Self.topActivationImages)
        buffer.write("[ ] layer · c/C channel · peak value over \(ranked) test images", x: area.x, y: area.y + 1, style: Self.dimStyle, clip: area)
        let body = area.inset(top: 2)
        guard let entries = inspection.topActivations,
              inspection.topActivationsKey?.layer == layer, inspection.topActivationsKey?.channel == inspection.topChannel else {
            buffer.write("ranking the test images…", x: body.x, y: body.y, style: Self.dimStyle, clip: body)
            return
        }
        guard let test = session.datasets?.test else { return }
        // Tiles of 14 columns (the caption, over the digit at half size; smaller without
        // colour, where a pixel takes a whole cell), as many as fit.
        let side = colorCapability == .none ? 10 : 14
        let tileWidth = 14
        let tileHeight = (colorCapability == .none ? side : (side + 1) / 2) + 1
        let across = max(1, (body.width + 1) / (tileWidth + 1))
        for (rank, entry) in entries.enumerated() {
            let (row, column) = rank.quotientAndRemainder(dividingBy: across)
            let tile = Rect(x: body.x + column * (tileWidth + 1), y: body.y + row * (tileHeight + 1), width: tileWidth, height: tileHeight)
            guard tile.maxY <= body.maxY else { break }
            let caption = "\(rank + 1). a \(test.labels[entry.index]) " + NumberFormatting.fixed(Double(entry.value), decimals: 2)
            buffer.write(caption, x: tile.x, y: tile.y, style: rank == 0 ? Self.titleStyle : Self.dimStyle, clip: tile.intersection(body))
            let image = test.image(at: entry.index).reshaped([1] + test.imageShape)
            drawImage(image, into: &buffer, area: Rect(x: tile.x, y: tile.y + 1, width: side, height: tileHeight - 1).intersection(body))
        }
    }
}
