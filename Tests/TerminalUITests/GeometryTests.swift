import Testing
@testable import TerminalUI

@Suite("Rect and Layout")
struct GeometryTests {
    @Test("inset never goes below zero")
    func inset() {
        #expect(Rect(x: 1, y: 2, width: 10, height: 5).inset(by: 1) == Rect(x: 2, y: 3, width: 8, height: 3))
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 1).isEmpty)
        #expect(Rect(x: 0, y: 0, width: 6, height: 4).inset(horizontal: 2, vertical: 0) == Rect(x: 2, y: 0, width: 2, height: 4))
        #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
    }

    @Test("intersection and clamping")
    func intersectionAndClamping() {
        let area = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(area.intersection(Rect(x: 8, y: 5, width: 5, height: 10)) == Rect(x: 8, y: 5, width: 2, height: 5))
        #expect(area.intersection(Rect(x: 20, y: 0, width: 3, height: 3)).isEmpty)
        // A popup hanging off the right edge moves in and keeps its size.
        #expect(Rect(x: 8, y: 8, width: 4, height: 4).clamped(to: area) == Rect(x: 6, y: 6, width: 4, height: 4))
        #expect(Rect(x: -5, y: 2, width: 20, height: 3).clamped(to: area) == Rect(x: 0, y: 2, width: 10, height: 3))
        #expect(area.centered(width: 4, height: 2) == Rect(x: 3, y: 4, width: 4, height: 2))
        #expect(area.contains(x: 9, y: 9) && !area.contains(x: 10, y: 0))
    }

    @Test("lengths and a fill share the height")
    func verticalLengthsAndFill() {
        let rects = Layout(.vertical, [.length(3), .fill, .length(1)]).split(Rect(x: 2, y: 1, width: 5, height: 10))
        #expect(rects == [
            Rect(x: 2, y: 1, width: 5, height: 3),
            Rect(x: 2, y: 4, width: 5, height: 6),
            Rect(x: 2, y: 10, width: 5, height: 1),
        ])
    }

    @Test("percentages floor and leave the remainder unused")
    func percentages() {
        let rects = Rect(width: 11, height: 2).split(.horizontal, [.percentage(50), .percentage(50)])
        #expect(rects == [Rect(x: 0, y: 0, width: 5, height: 2), Rect(x: 5, y: 0, width: 5, height: 2)])
    }

    @Test("fill weights share proportionally, remainder to the first")
    func fillWeights() {
        #expect(Layout(.horizontal, [.fill(1), .fill(2)]).sizes(total: 10) == [4, 6])
        #expect(Layout(.horizontal, [.min(2), .fill]).sizes(total: 10) == [2, 8])
        // Without fills, mins grow equally.
        #expect(Layout(.horizontal, [.min(2), .min(3)]).sizes(total: 11) == [5, 6])
    }

    @Test("overflow cuts the last pieces; spacing separates pieces")
    func overflowAndSpacing() {
        #expect(Layout(.vertical, [.length(5), .length(5)]).split(Rect(width: 3, height: 7)).map(\.height) == [5, 2])
        #expect(Layout(.vertical, [.length(5), .length(5), .length(1)]).split(Rect(width: 3, height: 4)).map(\.height) == [4, 0, 0])
        let spaced = Layout(.horizontal, [.fill, .fill], spacing: 1).split(Rect(width: 9, height: 1))
        #expect(spaced == [Rect(x: 0, y: 0, width: 4, height: 1), Rect(x: 5, y: 0, width: 4, height: 1)])
    }

    @Test("an empty area splits into empty pieces")
    func emptyArea() {
        let rects = Layout(.vertical, [.length(2), .fill, .percentage(30)]).split(.zero)
        #expect(rects.count == 3 && rects.allSatisfy(\.isEmpty))
        #expect(Layout(.vertical, []).split(Rect(width: 4, height: 4)).isEmpty)
    }
}
