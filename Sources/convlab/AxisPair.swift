import ArgumentParser
import ConvEngine
import Foundation

/// A per-axis option value written `2` (both axes) or `2x1` (height x width), as PyTorch takes
/// an int or a pair for stride, padding and dilation.
struct AxisPair: ExpressibleByArgument, Equatable {
    var height: Int
    var width: Int

    init(_ both: Int) {
        height = both
        width = both
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "×", omittingEmptySubsequences: false) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        switch numbers.count {
        case 1: (height, width) = (numbers[0], numbers[0])
        case 2: (height, width) = (numbers[0], numbers[1])
        default: return nil
        }
    }

    /// Throws a `LimitError` naming `option` when either axis lies outside `range`; run
    /// before any geometry, so no arithmetic sees an unbounded value.
    func check(_ option: String, in range: ClosedRange<Int>) throws(LimitError) {
        _ = try Limits.check(height, option, in: range)
        _ = try Limits.check(width, option, in: range)
    }

    var defaultValueDescription: String { height == width ? "\(height)" : "\(height)x\(width)" }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: CharacterSet) -> String {
        String(self).trimmingCharacters(in: set)
    }
}
