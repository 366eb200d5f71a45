import Testing
import TerminalUI

/// A readable report of how two sets of lines differ, or nil when they are equal.
/// Each differing row is shown as `row N` with the expected and actual text between `|` marks,
/// so trailing spaces are visible.
public func linesDifference(actual: [String], expected: [String]) -> String? {
    guard actual != expected else { return nil }
    var report = ["buffer lines differ (\(actual.count) actual, \(expected.count) expected):"]
    for row in 0..<max(actual.count, expected.count) {
        let actualLine = row < actual.count ? "|\(actual[row])|" : "(missing)"
        let expectedLine = row < expected.count ? "|\(expected[row])|" : "(missing)"
        if actualLine != expectedLine {
            report.append("row \(row): expected \(expectedLine)")
            report.append("        actual   \(actualLine)")
        }
    }
    return report.joined(separator: "\n")
}

/// Expects `buffer`'s lines to equal `expected`. With `trimmed` (the default) trailing spaces
/// are ignored on both sides (`Buffer.trimmedLines`); without, every row must be exactly
/// `buffer.width` characters.
public func expectLines(
    _ buffer: Buffer, _ expected: [String], trimmed: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let actual = trimmed ? buffer.trimmedLines : buffer.lines
    let wanted = trimmed ? expected.map(trimTrailingSpaces) : expected
    let difference = linesDifference(actual: actual, expected: wanted)
    #expect(difference == nil, "\(difference ?? "")", sourceLocation: sourceLocation)
}

/// The buffer as a mask: `marked` where `predicate` holds for the cell's style, `unmarked`
/// elsewhere. Lets a test check a highlight's extent with a picture:
/// `#expect(buffer.styleMask { $0.reverse } == ["..##", "..##"])`.
extension Buffer {
    public func styleMask(marked: Character = "#", unmarked: Character = ".", _ predicate: (Style) -> Bool) -> [String] {
        (0..<height).map { row in
            String((0..<width).map { predicate(style(x: $0, y: row)) ? marked : unmarked })
        }
    }
}

private func trimTrailingSpaces(_ line: String) -> String {
    var trimmed = Substring(line)
    while trimmed.last == " " { trimmed.removeLast() }
    return String(trimmed)
}
