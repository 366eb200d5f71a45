import TerminalUI

/// What a key of the draw demo does.
enum DrawAction: Hashable, Sendable {
    /// Move the cursor; with the pen down it draws.
    case move(rows: Int, columns: Int)
    case togglePen
    case toggleEraser
    /// Make the pen thicker (+1) or thinner (−1).
    case thickness(Int)
    case clear
    /// Move the whole drawing by a pixel.
    case shift(rows: Int, columns: Int)
    /// Load the next (+1) or previous (−1) test digit.
    case probe(Int)
    /// Arrows move the pen ↔ arrows move the whole drawing.
    case switchArrows
    /// Layers view ↔ what-it-looks-at view.
    case switchView
    /// Explain the next of the top-3 classes.
    case nextExplainedClass
    /// Show the next (+1) or previous (−1) page of every layer's channels.
    case layerPage(Int)
    /// Save the screen (text) and the pictures (PGM/PPM).
    case save
}

/// One row of the draw demo's key table: the keys, how the help writes them, what they do.
struct DrawKey: Sendable {
    var keys: [(key: Key, action: DrawAction)]
    var label: String
    var help: String
}

extension DrawScreen {
    /// Every key of the screen, in the order the `?` overlay and the status bar list them;
    /// `update` dispatches from this table, so the help cannot drift from what the keys do.
    /// The letters follow the app's key conventions (README, Keys): `i/I` image, `m` mode;
    /// `w` writes, as the training dashboard's `w` writes a checkpoint.
    static let keyTable: [DrawKey] = [
        DrawKey(keys: [(.character(" "), .togglePen)], label: "space", help: "pen down/up"),
        DrawKey(keys: [(.up, .move(rows: -1, columns: 0)), (.down, .move(rows: 1, columns: 0)),
                       (.left, .move(rows: 0, columns: -1)), (.right, .move(rows: 0, columns: 1))],
                label: "←↑→↓", help: "move (draws while the pen is down)"),
        DrawKey(keys: [(.character("e"), .toggleEraser)], label: "e", help: "eraser on/off"),
        DrawKey(keys: [(.character("+"), .thickness(1)), (.character("="), .thickness(1)), (.character("-"), .thickness(-1))],
                label: "+/-", help: "thicker / thinner pen"),
        DrawKey(keys: [(.character("x"), .clear)], label: "x", help: "clear: start again"),
        DrawKey(keys: [(.character("m"), .switchArrows)], label: "m", help: "mode: arrows move the pen / shift the drawing a pixel"),
        DrawKey(keys: [(.character("v"), .switchView)], label: "v", help: "layers ↔ what it looks at"),
        DrawKey(keys: [(.tab, .nextExplainedClass)], label: "tab", help: "explain the next of the top-3 classes"),
        DrawKey(keys: [(.character("i"), .probe(-1)), (.character("I"), .probe(1))], label: "i/I", help: "image: previous / next test digit"),
        DrawKey(keys: [(.pageUp, .layerPage(-1)), (.pageDown, .layerPage(1)), (.character("["), .layerPage(-1)), (.character("]"), .layerPage(1))],
                label: "PgUp/PgDn [ ]", help: "previous / next page of channels, when not all fit"),
        DrawKey(keys: [(.character("w"), .save)], label: "w", help: "write the screen (.txt) and pictures (.pgm/.ppm)"),
    ]

    /// The action `key` triggers, if any.
    static func action(for key: Key) -> DrawAction? {
        for entry in keyTable {
            if let match = entry.keys.first(where: { $0.key == key }) { return match.action }
        }
        return nil
    }
}
