import Testing
@testable import TerminalUI

/// `Buffer.write` records where its clip cut a word or number, so a test can find text that
/// reads as whole but is not.
@Suite struct BufferWordCutTests {
    @Test func aWordCutAtTheClipIsRecorded() {
        var buffer = Buffer(width: 10, height: 2)
        buffer.write("accuracy 97%", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        #expect(buffer.trimmedLines[0] == "accur")
        #expect(buffer.wordCuts == [WordCut(x: 4, y: 0, written: "r", dropped: "a")])
        #expect(buffer.visibleWordCuts.count == 1)
    }

    @Test func numbersCountAsWords() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("0.125", x: 0, y: 0)
        #expect(buffer.wordCuts == [WordCut(x: 3, y: 0, written: "2", dropped: "5")])
    }

    /// A cut at a space, before punctuation, or of text shortened with "…" is no cut.
    @Test func cutsBetweenWordsAreNotRecorded() {
        var buffer = Buffer(width: 8, height: 3)
        buffer.write("stride 2", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 6, height: 1))
        buffer.write("row 3, col 4", x: 0, y: 1, clip: Rect(x: 0, y: 1, width: 5, height: 1))
        buffer.write("padding…", x: 0, y: 2)
        #expect(buffer.wordCuts.isEmpty)
    }

    /// A cut that later drawing covers is no longer visible, and a buffer's equality ignores
    /// the record.
    @Test func coveredCutsAreNotVisible() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.write("accuracy", x: 0, y: 0)
        buffer.write("  ", x: 3, y: 0)
        #expect(buffer.wordCuts.count == 1)
        #expect(buffer.visibleWordCuts.isEmpty)
        var same = Buffer(width: 5, height: 1)
        same.write("acc", x: 0, y: 0)
        #expect(buffer == same)
    }
}
