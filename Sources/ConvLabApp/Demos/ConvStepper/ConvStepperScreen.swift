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
struct ConvStepperScreen: DemoScreen {
    static let demoName = "conv"
    static let defaultTitle = "Convolution stepper"
    static let summary = "Step a kernel over an image, number by number"
    static var parameterHelp: [KeyBinding] { ConvStepperParameters.help }

    /// Play intervals, slowest first; `+` moves right.
    static let playIntervals = [2000, 1000, 500, 250, 125]

    internal(set) var state: ConvStepperState
    /// Heat maps instead of numbers for the input and output grids.
    private(set) var showsHeatmap: Bool
    /// Play, pause and speed: one step per `playInterval` while playing.
    private(set) var playback = Playback(intervals: playIntervals, speedIndex: 2)
    var isPlaying: Bool { playback.isPlaying }
    var speedIndex: Int { playback.speedIndex }
    /// Editing the single-channel kernel: the cell under the cursor and the text typed so far.
    private(set) var isEditing = false
    private(set) var editCursor = GridIndex(row: 0, column: 0)
    private(set) var editEntry = ""
    /// One line about what the last key did (an error, a limit reached); cleared by the next key.
    internal(set) var message = ""
    /// On a network's unit: the input channel whose window, kernel and products are shown.
    internal(set) var shownChannel = 0
    let colorCapability: ColorCapability

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let (state, heatmap) = try ConvStepperParameters.parse(parameters)
        self.state = state
        self.showsHeatmap = heatmap
        self.colorCapability = context.colorCapability
    }

    /// A stepper on a network's `unit`, its walk at the unit's cell (`ConvStepperScreen+Unit`).
    init(unit: ConvUnit, context: AppContext) {
        self.state = ConvStepperState(unit: unit)
        self.showsHeatmap = false
        self.colorCapability = context.colorCapability
    }

    var title: String { state.unit.map { "Convolution stepper: \($0.name)" } ?? "Convolution stepper" }

    var capturesText: Bool { isEditing }

    /// What the keys do; the help and `handleKey` both come from `keyMap`.
    enum KeyAction: Sendable {
        case step(Int), first, last, playOrPause, faster, slower, flip, switchView
        case image(Int), kernel(Int), padding(Int), stride(Int), bias(Float), edit, switchMode
    }

    static let keyMap = KeyMap<KeyAction>([
        .init(presses: [(.left, .step(-1)), (.right, .step(1))], "step back / forward", aliases: [(.character("h"), .step(-1)), (.character("l"), .step(1))]),
        .init(presses: [(.home, .first), (.end, .last)], "first / last window", aliases: [(.character("g"), .first), (.character("G"), .last)]),
        .init([.character(" ")], "play / pause", .playOrPause),
        .init(presses: [(.character("+"), .faster), (.character("-"), .slower)], "play faster / slower", aliases: [(.character("="), .faster), (.character("_"), .slower)]),
        .init([.character("f")], "cross-correlation / true convolution", .flip),
        .init([.character("v")], "numbers / heat map", .switchView),
        .pair(lower: "i", raise: "I", "previous / next image", lower: .image(-1), raise: .image(1)),
        .pair(lower: "k", raise: "K", "previous / next gallery kernel", lower: .kernel(-1), raise: .kernel(1)),
        .pair(lower: "p", raise: "P", "padding down / up", lower: .padding(-1), raise: .padding(1)),
        .pair(lower: "s", raise: "S", "stride down / up", lower: .stride(-1), raise: .stride(1)),
        .pair(lower: "b", raise: "B", "bias down / up by 0.5", lower: .bias(-0.5), raise: .bias(0.5)),
        .init([.character("e")], "edit the kernel: arrows move, type a number, Enter sets, Esc leaves", .edit),
        .init([.character("m")], "mode: one channel / RGB with several filters", .switchMode),
    ])

    /// While editing a kernel cell; digits, `.` and `-` are typed into the cell.
    enum EditAction: Sendable {
        case move(rows: Int, columns: Int), erase, set, leave
    }

    static let editKeyMap = KeyMap<EditAction>([
        .init(
            presses: [(.left, .move(rows: 0, columns: -1)), (.right, .move(rows: 0, columns: 1)), (.up, .move(rows: -1, columns: 0)), (.down, .move(rows: 1, columns: 0))],
            "move to another kernel cell", label: "arrows"),
        .init([.enter], "set the cell to the typed number", .set),
        .init([.backspace], "erase the last typed character", .erase, aliases: [.delete]),
        .init([.escape], "leave editing", .leave),
    ])

    var keyBindings: [KeyBinding] {
        if state.unit != nil { return unitKeyBindings }
        return isEditing ? Self.editKeyMap.bindings : Self.keyMap.bindings
    }

    /// Milliseconds between automatic steps while playing.
    var playInterval: Int { playback.interval }

    var statusLine: String { status.text }

    /// What an 80-column line keeps: how to edit while editing (over everything, since every
    /// key is read as part of the edit), otherwise the speed (playing or paused) and a refusal
    /// until the next key. The window is highlighted on screen and the setup line names the
    /// operation, so those make way first.
    var status: StatusLine {
        if state.unit != nil { return unitStatus }
        var parts: [StatusLine.Part] = []
        if isEditing {
            parts.append(StatusLine.Part("editing (\(editCursor.row), \(editCursor.column))", .useful))
            parts.append(StatusLine.Part("type a number, Enter sets, Esc leaves", .urgent, joiner: ": "))
        }
        if let window = state.currentWindow {
            let step = state.position % state.windows.count
            if state.multiChannel { parts.append(StatusLine.Part("filter \(state.currentFilter + 1)/\(state.filterCount)", .detail)) }
            parts.append(StatusLine.Part("window \(step + 1)/\(state.windows.count) at row \(window.outputRow), col \(window.outputColumn)", .useful))
        } else {
            parts.append(StatusLine.Part("no windows: the geometry does not tile", .essential))
        }
        if !isEditing { parts.append(StatusLine.Part("\(playback.stateText) at \(Self.speedText(playInterval))", .essential)) }
        parts += StatusLine.message(message)
        parts.append(StatusLine.Part(state.flipped ? "true convolution" : "cross-correlation", .detail))
        return StatusLine(parts)
    }

    /// 500 ms → "2 steps/s", 2000 ms → "0.5 steps/s".
    static func speedText(_ interval: Int) -> String {
        let rate = 1000 / Double(interval)
        let text = rate == rate.rounded() ? String(Int(rate)) : String(rate)
        return "\(text) step\(rate == 1 ? "" : "s")/s"
    }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        switch message {
        case .tick(let milliseconds):
            let position = playback.tick(milliseconds: milliseconds, position: state.position, count: state.stepCount)
            if position != state.position { state.setPosition(position) }
        case .key(let key):
            self.message = ""
            if isEditing { handleEditKey(key) } else { handleKey(key) }
        }
        return []
    }

    private mutating func handleKey(_ key: Key) {
        if state.unit != nil, handleUnitKey(key) { return }
        guard let action = Self.keyMap.action(for: key) else { return }
        switch action {
        case .step(let delta): state.setPosition(state.position + delta)
        case .first: state.setPosition(0)
        case .last: state.setPosition(state.stepCount - 1)
        case .playOrPause: togglePlay()
        case .faster: playback.faster()
        case .slower: playback.slower()
        case .flip: state.setFlipped(!state.flipped)
        case .switchView: showsHeatmap.toggle()
        case .image(let delta): changeImage(by: delta)
        case .kernel(let delta): changeKernel(by: delta)
        case .padding(let delta): changePadding(by: delta)
        case .stride(let delta): changeStride(by: delta)
        case .bias(let delta): state.setBias(state.bias + delta)
        case .edit: startEditing()
        case .switchMode: state.setMultiChannel(!state.multiChannel)
        }
    }

    private mutating func togglePlay() {
        let position = playback.playOrPause(position: state.position, count: state.stepCount)
        if position != state.position { state.setPosition(position) }
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

    /// The next (`delta` 1) or previous (-1) greyscale sample image, wrapping around.
    private mutating func changeImage(by delta: Int) {
        guard !state.multiChannel else {
            message = "multi-channel mode uses the colour image; m goes back to greyscale"
            return
        }
        let images = SampleImage.all.filter { $0.channels == 1 }
        let index = images.firstIndex { $0.name == state.image.name } ?? (delta > 0 ? -1 : 0)
        state.setImage(images[(index + delta + images.count) % images.count])
    }

    /// The next (`delta` 1) or previous (-1) gallery kernel, wrapping around.
    private mutating func changeKernel(by delta: Int) {
        guard !state.multiChannel else {
            message = "multi-channel filters come from the filters parameter; m goes back to one kernel"
            return
        }
        let kernels = KernelGallery.kernels
        let index = kernels.firstIndex { $0.name == state.kernelName } ?? (delta > 0 ? -1 : 0)
        let next = kernels[(index + delta + kernels.count) % kernels.count]
        state.setKernel(name: next.name, rows: next.rows)
    }

    // MARK: edit mode

    private mutating func startEditing() {
        guard !state.multiChannel else {
            message = "edit works on the single-channel kernel; m goes back to it"
            return
        }
        isEditing = true
        playback.pause()
        editEntry = ""
        editCursor = GridIndex(row: min(editCursor.row, state.kernelHeight - 1), column: min(editCursor.column, state.kernelWidth - 1))
    }

    private mutating func handleEditKey(_ key: Key) {
        switch Self.editKeyMap.action(for: key) {
        case .leave?:
            isEditing = false
            editEntry = ""
        case .move(let rows, let columns)?: moveCursor(rows: rows, columns: columns)
        case .erase?: if !editEntry.isEmpty { editEntry.removeLast() }
        case .set?: commitEntry()
        case nil:
            guard case let .character(character) = key, character.isNumber || character == "." || character == "-" else { return }
            if editEntry.count < 8 { editEntry.append(character) }
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
