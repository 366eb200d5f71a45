import CNcurses
import Foundation

/// Draws buffers on the real terminal through ncursesw. The only file that imports CNcurses.
///
/// Setup follows what ncurses needs for UTF-8 and colour: `setlocale(LC_ALL, "")` before the
/// screen is created, cbreak (keys arrive at once, Ctrl-C still signals), noecho, keypad (arrow
/// keys arrive as key codes), hidden cursor, and `start_color` + `use_default_colors` so
/// `Color.default` is the terminal's own colour (−1).
///
/// Colour pairs are allocated on demand: each distinct (foreground, background) palette pair
/// gets the next pair number through `init_extended_pair` and is cached; the number reaches
/// the cell through `setcchar`'s `opts` pointer (the shim's `convlab_put_wide`), which is how
/// ncurses accepts pair numbers above 32,767. When pairs run out, later combinations fall back
/// to the default pair rather than failing.
///
/// `draw` sends only the cells that changed since the previous frame; after a resize the whole
/// screen is redrawn. Main thread only: ncurses is not thread-safe.
///
/// While curses is on, a crash anywhere in the process (a Swift trap is SIGILL or SIGTRAP; also
/// SIGSEGV, SIGBUS, SIGABRT, SIGFPE) first gives the terminal back — the original tty settings
/// saved before `newterm`, and the terminal's own sgr0, cnorm and rmcup bytes, through
/// tcsetattr and write(2), which are async-signal-safe — and then ends the process with the
/// signal's default action, after one line saying how to get a backtrace. The Swift runtime's
/// backtracer is not used by default because, on a terminal, it waits for a key before
/// exiting; with `SWIFT_BACKTRACE` set to include `interactive=no` the crash is handed on to
/// it once the terminal is restored.
public final class NcursesBackend: Backend {
    public private(set) var size: (width: Int, height: Int)
    public let colorCapability: ColorCapability

    private var previousBuffer: Buffer?
    private var pairNumbers: [PairKey: Int32] = [:]
    private var nextPairNumber: Int32 = 1
    private let pairLimit: Int32
    private let hasDefaultColors: Bool
    private var isRestored = false
    /// Whether mouse reporting was switched on (and must be switched off on restore).
    private var hasMouse = false

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Enters curses mode.
    /// - Parameter environment: read for `TERM` and `NO_COLOR`.
    /// - Throws: `TerminalError.cannotOpenTerminal` when ncurses cannot use the terminal.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        setlocale(LC_ALL, "")
        let term = environment["TERM"] ?? ""
        convlab_save_terminal(STDIN_FILENO)
        // newterm instead of initscr: initscr exits the process on failure, newterm returns nil.
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
              let screen = newterm(term.isEmpty ? nil : term, output, input) else {
            throw TerminalError.cannotOpenTerminal(term: term)
        }
        // A terminal that cannot move the cursor (TERM=dumb) would show every frame as one
        // garbled line: refuse it before anything is drawn.
        guard convlab_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw TerminalError.cannotAddressCursor(term: term)
        }
        convlab_record_leave_sequence()
        let backtrace = environment["SWIFT_BACKTRACE"] ?? ""
        convlab_install_crash_handlers(backtrace.contains("interactive=no") ? 1 : 0)
        cbreak()
        noecho()
        keypad(convlab_stdscr(), true)
        // Home and End differ between terminal families (xterm's ESC O H / ESC O F against the
        // ESC [ 1 ~ / ESC [ 4 ~ of the VT220 family that tmux and screen send). When TERM names
        // one family and the terminal speaks the other, teach ncurses both spellings.
        for (sequence, key) in [("\u{1B}[1~", convlab_key_home()), ("\u{1B}[4~", convlab_key_end()),
                                ("\u{1B}[H", convlab_key_home()), ("\u{1B}[F", convlab_key_end()),
                                ("\u{1B}OH", convlab_key_home()), ("\u{1B}OF", convlab_key_end())]
        where key_defined(sequence) == 0 {
            define_key(sequence, key)
        }
        curs_set(0)
        set_escdelay(25)
        // Clicks and drags reach the screens that use them (the draw demo's canvas); where
        // the terminal reports no mouse, nothing changes.
        hasMouse = convlab_enable_mouse() != 0

        var capability = ColorCapability.none
        var defaultColors = false
        if has_colors() {
            start_color()
            defaultColors = use_default_colors() == convlab_ok()
            capability = ColorCapability.detect(hasColors: true, colorCount: Int(convlab_colors()), environment: environment)
        }
        colorCapability = capability
        hasDefaultColors = defaultColors
        pairLimit = convlab_color_pairs()
        size = (Int(convlab_cols()), Int(convlab_lines()))
    }

    deinit { restore() }

    public func draw(_ buffer: Buffer) {
        guard !isRestored else { return }
        let positions: [(x: Int, y: Int)]
        if let previousBuffer, previousBuffer.width == buffer.width, previousBuffer.height == buffer.height {
            positions = buffer.changedPositions(since: previousBuffer)
        } else {
            // First frame, after a resize, or a buffer of another size: nothing on screen can be
            // trusted, so clear and send every cell.
            erase()
            positions = (0..<buffer.height).flatMap { row in (0..<buffer.width).map { (x: $0, y: row) } }
        }
        for (x, y) in positions where x < size.width && y < size.height {
            let cell = buffer[x, y]
            let scalar = cell.character.unicodeScalars.first ?? " "
            _ = convlab_put_wide(Int32(y), Int32(x), wchar_t(bitPattern: scalar.value), attributes(of: cell.style), pairNumber(for: cell.style))
        }
        refresh()
        previousBuffer = buffer
    }

    public func readEvent(timeoutMilliseconds: Int) -> Event? {
        // A signal noted by TerminalSession ends input, so the run loop returns and the
        // terminal is given back here, on the main thread, between two curses calls.
        guard !isRestored, TerminalSession.pendingSignal == nil else { return nil }
        convlab_set_timeout(Int32(clamping: timeoutMilliseconds))
        var character: wint_t = 0
        switch convlab_get_wide(&character) {
        case convlab_key_code_yes():
            return keyCodeEvent(Int32(bitPattern: character))
        case convlab_ok():
            return characterEvent(UInt32(character))
        default:
            return .tick
        }
    }

    public func restore() {
        guard !isRestored else { return }
        isRestored = true
        curs_set(1)
        if hasMouse {
            // Drag tracking was switched on by hand, so it is switched off by hand.
            putp("\u{1B}[?1002l")
        }
        endwin()
        convlab_mark_terminal_restored()
        convlab_remove_crash_handlers()
    }

    /// Gives the terminal back from any thread without calling curses (which is not
    /// thread-safe: an `endwin` here while the main thread is inside `wget_wch` or `refresh`
    /// lets that call switch curses mode back on). Puts back the tty settings saved before
    /// curses started and writes the bytes that leave curses mode; does nothing once the
    /// terminal has been restored.
    public static func restoreFromAnyThread() {
        convlab_restore_terminal_raw()
    }

    // MARK: decoding input

    private func keyCodeEvent(_ code: Int32) -> Event {
        switch code {
        case convlab_key_resize():
            size = (Int(convlab_cols()), Int(convlab_lines()))
            previousBuffer = nil
            return .resize(width: size.width, height: size.height)
        case convlab_key_up(): return .key(.up)
        case convlab_key_down(): return .key(.down)
        case convlab_key_left(): return .key(.left)
        case convlab_key_right(): return .key(.right)
        case convlab_key_home(): return .key(.home)
        case convlab_key_end(): return .key(.end)
        case convlab_key_page_up(): return .key(.pageUp)
        case convlab_key_page_down(): return .key(.pageDown)
        case convlab_key_backspace(): return .key(.backspace)
        case convlab_key_delete(): return .key(.delete)
        case convlab_key_back_tab(): return .key(.backTab)
        case convlab_key_enter(): return .key(.enter)
        case (convlab_key_f0() + 1)...(convlab_key_f0() + 12): return .key(.function(Int(code - convlab_key_f0())))
        case convlab_key_mouse(): return mouseEvent()
        default: return .tick  // a key this interface does not use (mouse, keypad extras)
        }
    }

    /// The mouse event behind a KEY_MOUSE, or a tick for one this interface does not use.
    private func mouseEvent() -> Event {
        var x: Int32 = 0, y: Int32 = 0, kind: Int32 = -1
        guard convlab_read_mouse(&x, &y, &kind) == convlab_ok() else { return .tick }
        let kinds: [Int32: MouseEvent.Kind] = [0: .press, 1: .drag, 2: .release]
        guard let mouseKind = kinds[kind] else { return .tick }
        return .key(.mouse(MouseEvent(column: Int(x), row: Int(y), kind: mouseKind, area: Rect(width: size.width, height: size.height))))
    }

    private func characterEvent(_ value: UInt32) -> Event {
        switch value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.control(Character(Unicode.Scalar(value + 96)!)))
        default:
            guard let scalar = Unicode.Scalar(value) else { return .tick }
            return .key(.character(Character(scalar)))
        }
    }

    // MARK: styles

    private func attributes(of style: Style) -> attr_t {
        var attributes: attr_t = 0
        if style.bold { attributes |= convlab_a_bold() }
        if style.dim { attributes |= convlab_a_dim() }
        if style.reverse { attributes |= convlab_a_reverse() }
        if style.underline { attributes |= convlab_a_underline() }
        return attributes
    }

    /// The pair for the style's colours under this terminal's capability; 0 (the terminal's
    /// defaults) when both are default or no pair can be allocated.
    private func pairNumber(for style: Style) -> Int32 {
        guard colorCapability != .none else { return 0 }
        var foreground = Int32(style.foreground.resolved(for: colorCapability).paletteIndex)
        var background = Int32(style.background.resolved(for: colorCapability).paletteIndex)
        if foreground == -1, background == -1 { return 0 }
        if !hasDefaultColors {
            // Without use_default_colors, −1 is not a colour: assume white on black.
            if foreground == -1 { foreground = 7 }
            if background == -1 { background = 0 }
        }
        let key = PairKey(foreground: foreground, background: background)
        if let number = pairNumbers[key] { return number }
        guard nextPairNumber < pairLimit, init_extended_pair(nextPairNumber, foreground, background) == convlab_ok() else {
            return 0
        }
        pairNumbers[key] = nextPairNumber
        nextPairNumber += 1
        return nextPairNumber - 1
    }
}
