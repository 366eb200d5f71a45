// TerminalUI: a small immediate-mode terminal toolkit in the style of ratatui.
//
// Everything a screen draws goes into a `Buffer`, a plain grid of `Cell`s (a character plus a
// `Style`). Widgets are values that render into a `Buffer` over a `Rect` and never write
// outside it, so rendering is pure and tests compare `Buffer.lines` with string literals.
// Only a `Backend` touches the terminal: `NcursesBackend` draws buffers on a real terminal
// (diffing against the previous frame), `MemoryBackend` records them for tests and replays
// scripted `Event`s.
//
// Map of the module:
//   Core/     Color, ColorCapability, Style, Cell, Rect, Buffer, Layout, Key, Event
//   Text/     Span (styled text runs), NumberFormatting, Alignment, word wrapping
//   Widgets/  Widget, Paragraph, Box, NumberGrid (+ GridIndex), Heatmap, ColorMap, LineChart, BarChart,
//             Table, Gauge, KeyHelpBar
//   Backend/  Backend, MemoryBackend, NcursesBackend (the only importer of CNcurses),
//             TerminalSession (restoring the terminal on every exit path), TerminalError,
//             isInteractiveTerminal()
