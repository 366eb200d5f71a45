import ConvEngine
import TerminalUI

/// The convolution stepper: a kernel slides over an image one window at a time, and the screen
/// shows every number of each step — the window over the (padded) input, the kernel (and its
/// 180° rotation in true-convolution mode), the element-wise products, their sum, the bias,
/// the output value and its ReLU — while the output map fills in.
///
/// In multi-channel mode the input is the RGB sample image and each of several filters is
/// 3 deep: the products and their sum are shown per channel, then summed over depth, and each
/// filter fills its own activation map.
///
/// All arithmetic comes from ConvEngine (`conv2dForward`, `conv2dWindowTerms`); this type only
/// keeps the learner's choices and reacts to keys. Drawing is in `ConvStepperScreen+Render`.
public struct ConvStepperScreen: DemoScreen {
    public static let demoName = "conv"
    public static let summary = "Step a kernel over an image, number by number"
    public static var parameterHelp: [KeyBinding] { ConvStepperParameters.help }

    /// Play intervals, slowest first; `+` moves right.
    public static let playIntervals = [2000, 1000, 500, 250, 125]

    public private(set) var state: ConvStepperState
    /// Heat maps instead of numbers for the input and output grids.
    public private(set) var showsHeatmap: Bool
    public private(set) var isPlaying = false
    public private(set) var speedIndex = 2
    /// Milliseconds of ticks since the last automatic step.
    private var elapsedSincePlayStep = 0
    /// Editing the single-channel kernel: the cell under the cursor and the text typed so far.
    public private(set) var isEditing = false
    public private(set) var editCursor = GridIndex(row: 0, column: 0)
    public private(set) var editEntry = ""
    /// One line about what the last key did (an error, a limit reached); cleared by the next key.
    public private(set) var message = ""
    let colorCapability: ColorCapability

    public init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let (state, heatmap) = try ConvStepperParameters.parse(parameters)
        self.state = state
        self.showsHeatmap = heatmap
        self.colorCapability = context.colorCapability
    }

    public var title: String { "Convolution stepper" }

    public var capturesText: Bool { isEditing }

    public var keyBindings: [KeyBinding] {
        [
            KeyBinding("→/l", "step forward"),
            KeyBinding("←/h", "step back"),
            KeyBinding("Home/g", "first window"),
            KeyBinding("End/G", "last window"),
            KeyBinding("space", "play / pause"),
            KeyBinding("+/-", "play faster / slower"),
            KeyBinding("f", "cross-correlation / true convolution"),
            KeyBinding("v", "numbers / heat map"),
            KeyBinding("i", "next image"),
            KeyBinding("k", "next gallery kernel"),
            KeyBinding("p/P", "padding down / up"),
            KeyBinding("s/S", "stride down / up"),
            KeyBinding("b/B", "bias down / up by 0.5"),
            KeyBinding("e", "edit the kernel: arrows move, type a number, Enter sets, Esc leaves"),
            KeyBinding("c", "single channel / RGB with several filters"),
        ]
    }

    /// Milliseconds between automatic steps while playing.
    public var playInterval: Int { Self.playIntervals[speedIndex] }

    /// Most useful first, since an 80-column status line keeps only its start: how to edit
    /// while editing; the window and the speed otherwise. The setup line names the operation
    /// too, so it comes last.
    public var statusLine: String {
        var parts: [String] = []
        if isEditing {
            parts.append("editing (\(editCursor.row), \(editCursor.column)): type a number, Enter sets, Esc leaves")
        }
        if let window = state.currentWindow {
            let step = state.position % state.windows.count
            if state.multiChannel { parts.append("filter \(state.currentFilter + 1)/\(state.filterCount)") }
            parts.append("window \(step + 1)/\(state.windows.count) at row \(window.outputRow), col \(window.outputColumn)")
        } else {
            parts.append("no windows: the geometry does not tile")
        }
        if !isEditing { parts.append("\(isPlaying ? "playing" : "paused") at \(Self.speedText(playInterval))") }
        if !message.isEmpty { parts.append(message) }
        parts.append(state.flipped ? "true convolution" : "cross-correlation")
        return parts.joined(separator: " · ")
    }

    /// 500 ms → "2 steps/s", 2000 ms → "0.5 steps/s".
    static func speedText(_ interval: Int) -> String {
        let rate = 1000 / Double(interval)
        let text = rate == rate.rounded() ? String(Int(rate)) : String(rate)
        return "\(text) step\(rate == 1 ? "" : "s")/s"
    }

    // MARK: update

    public mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .tick(let milliseconds):
            guard isPlaying else { return [] }
            elapsedSincePlayStep += milliseconds
            while isPlaying, elapsedSincePlayStep >= playInterval {
                elapsedSincePlayStep -= playInterval
                stepForwardWhilePlaying()
            }
        case .key(let key):
            self.message = ""
            if isEditing { handleEditKey(key) } else { handleKey(key) }
        }
        return []
    }

    private mutating func stepForwardWhilePlaying() {
        if state.position + 1 < state.stepCount {
            state.setPosition(state.position + 1)
        } else {
            isPlaying = false
            elapsedSincePlayStep = 0
        }
    }

    private mutating func handleKey(_ key: Key) {
        switch key {
        case .right, .character("l"): state.setPosition(state.position + 1)
        case .left, .character("h"): state.setPosition(state.position - 1)
        case .home, .character("g"): state.setPosition(0)
        case .end, .character("G"): state.setPosition(state.stepCount - 1)
        case .character(" "): togglePlay()
        case .character("+"), .character("="): speedIndex = min(speedIndex + 1, Self.playIntervals.count - 1)
        case .character("-"), .character("_"): speedIndex = max(speedIndex - 1, 0)
        case .character("f"): state.setFlipped(!state.flipped)
        case .character("v"): showsHeatmap.toggle()
        case .character("i"): nextImage()
        case .character("k"): nextKernel()
        // The app's convention: lowercase lowers a value, uppercase raises it.
        case .character("p"): changePadding(by: -1)
        case .character("P"): changePadding(by: 1)
        case .character("s"): changeStride(by: -1)
        case .character("S"): changeStride(by: 1)
        case .character("b"): state.setBias(state.bias - 0.5)
        case .character("B"): state.setBias(state.bias + 0.5)
        case .character("e"): startEditing()
        case .character("c"): state.setMultiChannel(!state.multiChannel)
        default: break
        }
    }

    private mutating func togglePlay() {
        if isPlaying {
            isPlaying = false
        } else {
            // Playing from the last window starts the walk again.
            if state.position + 1 >= state.stepCount { state.setPosition(0) }
            isPlaying = state.stepCount > 1
        }
        elapsedSincePlayStep = 0
    }

    private mutating func changePadding(by delta: Int) {
        let wanted = state.padding + delta
        guard ConvStepperState.paddingRange.contains(wanted) else {
            message = "padding stays \(rangeText(ConvStepperState.paddingRange))"
            return
        }
        state.setPadding(wanted)
    }

    private mutating func changeStride(by delta: Int) {
        let wanted = state.stride + delta
        guard ConvStepperState.strideRange.contains(wanted) else {
            message = "stride stays \(rangeText(ConvStepperState.strideRange))"
            return
        }
        state.setStride(wanted)
    }

    private func rangeText(_ range: ClosedRange<Int>) -> String { "from \(range.lowerBound) to \(range.upperBound)" }

    private mutating func nextImage() {
        guard !state.multiChannel else {
            message = "multi-channel mode uses the colour image; c goes back to greyscale"
            return
        }
        let images = SampleImage.all.filter { $0.channels == 1 }
        let index = images.firstIndex { $0.name == state.image.name } ?? -1
        state.setImage(images[(index + 1) % images.count])
    }

    private mutating func nextKernel() {
        guard !state.multiChannel else {
            message = "multi-channel filters come from the filters parameter; c goes back to one kernel"
            return
        }
        let kernels = KernelGallery.kernels
        let index = kernels.firstIndex { $0.name == state.kernelName } ?? -1
        let next = kernels[(index + 1) % kernels.count]
        state.setKernel(name: next.name, rows: next.rows)
    }

    // MARK: edit mode

    private mutating func startEditing() {
        guard !state.multiChannel else {
            message = "edit works on the single-channel kernel; c goes back to it"
            return
        }
        isEditing = true
        isPlaying = false
        editEntry = ""
        editCursor = GridIndex(row: min(editCursor.row, state.kernelHeight - 1), column: min(editCursor.column, state.kernelWidth - 1))
    }

    private mutating func handleEditKey(_ key: Key) {
        switch key {
        case .escape:
            isEditing = false
            editEntry = ""
        case .up: moveCursor(rows: -1, columns: 0)
        case .down: moveCursor(rows: 1, columns: 0)
        case .left: moveCursor(rows: 0, columns: -1)
        case .right: moveCursor(rows: 0, columns: 1)
        case .backspace, .delete: if !editEntry.isEmpty { editEntry.removeLast() }
        case .enter: commitEntry()
        case .character(let character) where character.isNumber || character == "." || character == "-":
            if editEntry.count < 8 { editEntry.append(character) }
        default: break
        }
    }

    private mutating func moveCursor(rows: Int, columns: Int) {
        editEntry = ""
        editCursor = GridIndex(
            row: min(max(editCursor.row + rows, 0), state.kernelHeight - 1),
            column: min(max(editCursor.column + columns, 0), state.kernelWidth - 1))
    }

    private mutating func commitEntry() {
        guard !editEntry.isEmpty else { return }
        guard let value = Float(editEntry), value.isFinite, abs(value) < 1000 else {
            message = "\"\(editEntry)\" is not a number between -1000 and 1000"
            editEntry = ""
            return
        }
        state.setKernelValue(value, row: editCursor.row, column: editCursor.column)
        editEntry = ""
    }
}
