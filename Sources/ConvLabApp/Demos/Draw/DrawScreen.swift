import ConvEngine
import TerminalUI

/// Draw your own input: a canvas the size of the network's input, edited with the keyboard
/// (and the mouse where the terminal reports it), and after every stroke the network's class
/// scores and every layer's maps for the drawing. `v` switches to what the network looks at:
/// the gradient map ∂score/∂pixel and the occlusion map for one of the top-3 classes, both
/// computed by `Saliency` in the engine. `w` writes the screen as text and the pictures as
/// PGM/PPM (an `Effect` the app runs).
///
/// The network comes from `NetworkSource`: the one trained earlier in this run, a checkpoint
/// (`--init`), or the built-in teaching net. It must take one square channel (a drawing).
public struct DrawScreen: DemoScreen {
    public static let demoName = "draw"
    // As the demo opens at the start of a run; once the dashboard has trained a network, the
    // demo opens on that one and its title says so.
    public static let defaultTitle = "Draw a digit: what built-in teaching-net sees"
    public static let summary = "Draw a digit and watch the prediction and every layer respond"

    /// The largest canvas side drawn: a 64×64 input already needs 64 columns.
    public static let maximumCanvasSide = 64
    /// The occlusion patch and its stride, in pixels: 6×6 patches centred every 2 pixels cover
    /// a 28×28 drawing in 14×14 positions, about a stroke's width each.
    public static let occlusionPatchSize = 6
    public static let occlusionStride = 2

    public static var parameterHelp: [KeyBinding] {
        NetworkSource.parameterHelp + [
            KeyBinding("thickness", "the pen's diameter in pixels, \(DrawCanvas.thicknessRange.lowerBound) to \(DrawCanvas.thicknessRange.upperBound) (default 2)"),
            KeyBinding("folder", "where s saves the screen and pictures (default: the current folder)"),
            KeyBinding("view", "what opens beside the canvas: layers (default) or looks-at"),
            KeyBinding("probe", "yes: open on a test digit instead of a blank canvas"),
        ]
    }

    /// What the body shows besides the canvas.
    public enum View: Hashable, Sendable {
        /// Every layer's maps (compact) and the class scores.
        case layers
        /// The gradient and occlusion maps for one of the top-3 classes.
        case looksAt
    }

    public let network: LoadedNetwork
    var canvas: DrawCanvas
    public private(set) var view: View = .layers
    /// Which of the top-3 classes the looks-at view explains: 0 is the most likely.
    public private(set) var explainedRank = 0
    /// Every layer's output for the drawing (1×C×H×W or 1×F each), in module order.
    public private(set) var layerOutputs: [Tensor] = []
    /// softmax of the last layer: one probability per class.
    public private(set) var probabilities: [Float] = []
    /// The looks-at maps for the drawing and `explainedClass`; nil in the layers view.
    public private(set) var saliency: SaliencyMaps?
    /// The test digit `p` loads next.
    /// The test digit last loaded, nil before the first.
    var shownProbe: Int?
    /// `m`: the arrows shift the whole drawing by a pixel instead of moving the pen.
    var arrowsShiftDrawing = false
    /// The page of channels the layers view shows (from 0), when not all fit; kept below the
    /// page count at 80×24, the most pages any supported size has (`layerPageLimit`).
    public private(set) var layerPage = 0
    let saveFolder: String?
    let colorCapability: ColorCapability
    /// What the last key did, for the status line.
    var notice = ""

    /// The gradient and occlusion maps of one class for the drawing.
    public struct SaliencyMaps: Sendable {
        public var classIndex: Int
        /// 1×1×H×W, ∂score/∂pixel.
        public var gradient: Tensor
        /// The occlusion map, possibly of an earlier drawing: it takes a forward pass per
        /// patch position (196 for the teaching net), too slow to redo on every stroke, so it
        /// is redone on the next clock tick (`isOcclusionCurrent` false until then).
        public var occlusion: OcclusionMap
        public var isOcclusionCurrent: Bool
    }

    public init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        let source = try NetworkSource(reading: reader)
        let thickness = try reader.integer("thickness", in: DrawCanvas.thicknessRange, default: 2)
        if let folder = reader["folder"], folder.trimmingWhitespace.isEmpty {
            throw DemoParameterError(parameter: "folder", message: "expected a folder name, got nothing")
        }
        let network: LoadedNetwork
        do {
            network = try source.load()
        } catch {
            throw DemoParameterError(parameter: reader["init"] != nil ? "init" : "network", message: error.description)
        }
        try self.init(network: network, thickness: thickness, saveFolder: reader["folder"], colorCapability: context.colorCapability)
        switch reader["view"]?.trimmingWhitespace.lowercased() {
        case nil, "layers": break
        case "looks-at", "looksat": view = .looksAt
        case let other?: throw DemoParameterError(parameter: "view", message: "expected layers or looks-at, got \"\(other)\"")
        }
        switch reader["probe"]?.trimmingWhitespace.lowercased() {
        case nil, "no": break
        case "yes": loadProbe(step: 1)
        case let other?: throw DemoParameterError(parameter: "probe", message: "expected yes or no, got \"\(other)\"")
        }
        recompute()
    }

    /// A screen on `network` directly (tests, the bench, a screen handing over its network).
    /// - Throws: when the network does not take a single square channel of at most
    ///   `maximumCanvasSide` pixels, or does not end in class scores.
    public init(network: LoadedNetwork, thickness: Int = 2, saveFolder: String? = nil, colorCapability: ColorCapability = .full256) throws(DemoParameterError) {
        let input = network.model.spec.inputShape
        guard input.count == 3, input[0] == 1, input[1] == input[2], (1...Self.maximumCanvasSide).contains(input[1]) else {
            throw DemoParameterError(
                parameter: "arch",
                message: "the draw demo needs a network taking one square channel of at most \(Self.maximumCanvasSide)×\(Self.maximumCanvasSide) pixels, not \(Tensor.describe(input))")
        }
        guard let output = try? network.model.spec.outputShape(), output.count == 1, output[0] >= 1 else {
            throw DemoParameterError(parameter: "arch", message: "the draw demo needs a network that ends in class scores")
        }
        self.network = network
        canvas = DrawCanvas(size: input[1], thickness: thickness)
        self.saveFolder = saveFolder
        self.colorCapability = colorCapability
        recompute()
    }

    public var title: String { "Draw a digit: what \(network.origin) sees" }

    // MARK: state the screen shows

    /// Classes from most to least likely.
    public var ranking: [Int] { probabilities.indices.sorted { probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1) } }
    /// The most likely class.
    public var prediction: Int { ranking.first ?? 0 }
    /// The class the looks-at view explains: the `explainedRank`-th most likely.
    public var explainedClass: Int { ranking.dropFirst(min(explainedRank, max(ranking.count - 1, 0))).first ?? 0 }
    /// The drawing's ink, row-major.
    public var pixels: [Float] { canvas.rows.flatMap { $0 } }

    public var statusLine: String { status.text }

    /// What the arrows do now comes first; the cursor's position is also drawn on the canvas.
    public var status: StatusLine {
        let pen = canvas.isPenDown ? (canvas.isErasing ? "erasing" : "pen down") : (canvas.isErasing ? "eraser up" : "pen up")
        let state = arrowsShiftDrawing
            ? [StatusLine.Part("arrows shift the drawing (m: back to the pen)", .essential)]
            : [StatusLine.Part(pen, .essential), StatusLine.Part("thickness \(canvas.thickness)", .useful),
               StatusLine.Part("(\(canvas.cursor.row), \(canvas.cursor.column))", .detail)]
        return StatusLine(StatusLine.message(notice) + state)
    }

    public var keyBindings: [KeyBinding] { Self.keyTable.map { KeyBinding($0.label, $0.help) } }

    // MARK: update

    public mutating func update(_ message: Message) -> [Effect] {
        guard case .key(let key) = message else {
            refreshOcclusion()
            return []
        }
        if case .mouse(let mouse) = key {
            handleMouse(mouse)
            return []
        }
        guard let action = Self.action(for: key) else { return [] }
        return perform(action)
    }

    /// Carries out one action of the key table.
    mutating func perform(_ action: DrawAction) -> [Effect] {
        notice = ""
        switch action {
        case let .move(rows, columns) where arrowsShiftDrawing:
            canvas.shift(rows: rows, columns: columns)
            recompute()
        case let .move(rows, columns):
            canvas.move(rows: rows, columns: columns)
            if canvas.isPenDown { recompute() }
        case .switchArrows:
            arrowsShiftDrawing.toggle()
        case .togglePen:
            canvas.togglePen()
            recompute()
        case .toggleEraser:
            canvas.isErasing.toggle()
        case let .thickness(change):
            canvas.changeThickness(by: change)
        case .clear:
            canvas.clear()
            notice = "cleared"
            recompute()
        case let .shift(rows, columns):
            canvas.shift(rows: rows, columns: columns)
            recompute()
        case let .probe(step):
            loadProbe(step: step)
            recompute()
        case .switchView:
            view = view == .layers ? .looksAt : .layers
            recompute()
        case .nextExplainedClass:
            explainedRank = (explainedRank + 1) % min(3, max(probabilities.count, 1))
            recompute()
        case let .layerPage(step):
            // The screen does not know the terminal's size here, so pages wrap at 80×24's
            // count; a larger terminal, with fewer pages, shows the last one for the rest.
            let count = layerPageLimit
            layerPage = ((layerPage + step) % count + count) % count
        case .save:
            return [.saveView(savedView)]
        }
        return []
    }

    /// A press inks (or erases) where it lands on the canvas and lowers the pen; a drag draws
    /// a line from the last point; a release lifts the pen.
    mutating func handleMouse(_ mouse: MouseEvent) {
        switch mouse.kind {
        case .release:
            canvas.isPenDown = false
            return
        case .press, .drag:
            guard let pixel = canvasPixel(atColumn: mouse.column, row: mouse.row, area: mouse.area) else { return }
            notice = ""
            canvas.moveTo(row: pixel.row, column: pixel.column, drawing: mouse.kind == .drag && canvas.isPenDown)
            canvas.isPenDown = true
            canvas.dab()
            recompute()
        }
    }

    /// Loads the next synthetic test digit (the same digits `convlab train` tests on), so the
    /// learner can start from a digit the network has seen the like of.
    private mutating func loadProbe(step: Int) {
        let digits = SyntheticDigits.testSet(count: 10, seed: 14)
        // The first press loads digit 0 (I) or the last (i); later ones walk from there.
        let start = shownProbe ?? (step > 0 ? -1 : 0)
        let index = ((start + step) % digits.count + digits.count) % digits.count
        shownProbe = index
        guard canvas.size == SyntheticDigits.imageSize else {
            notice = "test digits are \(SyntheticDigits.imageSize)×\(SyntheticDigits.imageSize); this canvas is \(canvas.size)×\(canvas.size)"
            return
        }
        let pixels = SyntheticDigits.imageSize * SyntheticDigits.imageSize
        canvas.load(Array(digits.images.scalars[(index * pixels)..<((index + 1) * pixels)]))
        notice = "test digit \(digits.labels[index])"
    }

    /// Runs the network on the drawing: every layer's output, the probabilities, and in the
    /// looks-at view the gradient and occlusion maps of the explained class.
    mutating func recompute() {
        let input = canvas.batch
        layerOutputs = network.model.layerOutputs(for: input)
        let logits = layerOutputs.last ?? Tensor.zeros([1, 1])
        probabilities = softmax(logits: logits.reshaped([1, logits.count])).scalars
        guard view == .looksAt else {
            saliency = nil
            return
        }
        let classIndex = explainedClass
        let gradient = Saliency.gradientMap(model: network.model, image: input, classIndex: classIndex)
        // The first map, or one for another class, is computed at once; after a stroke the old
        // one stays on screen until the next tick.
        guard let previous = saliency, previous.occlusion.classIndex == classIndex else {
            saliency = SaliencyMaps(classIndex: classIndex, gradient: gradient, occlusion: occlusionMap(classIndex: classIndex), isOcclusionCurrent: true)
            return
        }
        saliency = SaliencyMaps(classIndex: classIndex, gradient: gradient, occlusion: previous.occlusion, isOcclusionCurrent: false)
    }

    /// Brings a stale occlusion map up to date with the drawing.
    mutating func refreshOcclusion() {
        guard var current = saliency, !current.isOcclusionCurrent else { return }
        current.occlusion = occlusionMap(classIndex: current.classIndex)
        current.isOcclusionCurrent = true
        saliency = current
    }

    private func occlusionMap(classIndex: Int) -> OcclusionMap {
        Saliency.occlusionMap(
            model: network.model, image: canvas.batch, classIndex: classIndex,
            patchSize: Self.occlusionPatchSize, stride: Self.occlusionStride)
    }
}
