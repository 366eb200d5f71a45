import Testing
import TerminalUI
@testable import ConvLabApp

/// Every demo built at both ends of each range its help declares ("…, 0 to 6 (default 2)") and
/// of its seed, then drawn: an allowed value must open and draw at every size.
@Suite("Every demo at the ends of its declared ranges")
struct DemoParameterExtremesTests {
    /// The parameter a help line is for, and the ends of the range it declares.
    struct DeclaredRange: Hashable, CustomStringConvertible {
        var demo: String
        var parameter: String
        var low: String
        var high: String
        var description: String { "\(demo) --\(parameter) \(low)…\(high)" }
    }

    /// The ranges declared as "N to M (default …)" in each demo's help, and every seed (a
    /// UInt64: 0 to 18446744073709551615).
    static var declaredRanges: [DeclaredRange] {
        let pattern = /(−?-?[0-9][0-9.]*) to (−?-?[0-9][0-9.]*) \(default/
        return DemoCatalog.demos.flatMap { demo in
            demo.parameterHelp.compactMap { binding -> DeclaredRange? in
                let parameter = String(binding.keys.split(separator: " ").first ?? "")
                if parameter == "seed" { return DeclaredRange(demo: demo.demoName, parameter: parameter, low: "0", high: "\(UInt64.max)") }
                guard let match = binding.action.firstMatch(of: pattern) else { return nil }
                func plain(_ text: Substring) -> String { text.replacingOccurrences(of: "−", with: "-") }
                return DeclaredRange(demo: demo.demoName, parameter: parameter, low: plain(match.1), high: plain(match.2))
            }
        }
    }

    /// The ranges this suite must find, so a reworded help line cannot silently drop one.
    @Test("the help declares the ranges the screens check")
    func rangesAreDeclared() {
        let found = Set(Self.declaredRanges.map { "\($0.demo) \($0.parameter)" })
        let expected: Set = [
            "receptive layers", "receptive kernel", "receptive stride", "sharing inputs", "sharing side", "sharing channels",
            "sharing kernel", "sharing filters", "geometry size", "geometry kernel", "geometry padding", "geometry stride",
            "geometry dilation", "dense stride", "dense examples", "activations slope", "activations x", "conv padding",
            "conv stride", "conv bias", "pool kernel", "pool stride", "shift dx", "shift dy", "backprop seed", "train seed",
        ]
        #expect(expected.subtracting(found).sorted() == [])
        #expect(found.count >= expected.count)
    }

    @Test("each declared end opens and draws", arguments: declaredRanges)
    func extremeOpensAndDraws(range: DeclaredRange) throws {
        let catalog = DemoCatalog()
        for value in [range.low, range.high] {
            let request = DemoRequest(name: range.demo, parameters: [range.parameter: value])
            let frames = try catalog.buildAndRender(request)
            #expect(frames.map(\.width) == DemoCatalog.renderCheckSizes.map(\.width))
            #expect(frames.allSatisfy { $0.trimmedLines.contains { !$0.isEmpty } }, "\(request)")
            let screen = try catalog.make(request, context: AppContext())
            for (width, height) in [(0, 0), (1, 1), (20, 5)] {
                var buffer = Buffer(width: width, height: height)
                screen.render(into: &buffer, area: buffer.area)
                #expect(buffer.height == height)
            }
        }
    }

    /// All of a demo's declared ranges at their low ends together, then at their high ends:
    /// some combinations are refused (a pooling padding bounded by its window), but only with
    /// the catalog's error, and what opens draws.
    @Test("all ends together open and draw, or are refused with an error", arguments: Set(declaredRanges.map(\.demo)).sorted())
    func allEndsTogether(demo: String) throws {
        let ranges = Self.declaredRanges.filter { $0.demo == demo }
        let catalog = DemoCatalog()
        var opened = 0
        for parameters in [Dictionary(uniqueKeysWithValues: ranges.map { ($0.parameter, $0.low) }),
                           Dictionary(uniqueKeysWithValues: ranges.map { ($0.parameter, $0.high) })] {
            do {
                let frames = try catalog.buildAndRender(DemoRequest(name: demo, parameters: parameters))
                #expect(frames.allSatisfy { $0.trimmedLines.contains { !$0.isEmpty } }, "\(demo) \(parameters)")
                opened += 1
            } catch {
                guard case .badParameter = error else { throw error }
            }
        }
        #expect(opened >= 1, "\(demo) opened at neither end")
    }

    /// One past each end is refused with the range in the message, before any screen exists.
    @Test("one past a declared integer end is refused, naming the range", arguments: declaredRanges.filter { Int($0.low) != nil && Int($0.high) != nil && $0.parameter != "seed" })
    func pastTheEndIsRefused(range: DeclaredRange) {
        let catalog = DemoCatalog()
        for value in [Int(range.low)! - 1, Int(range.high)! + 1] {
            let request = DemoRequest(name: range.demo, parameters: [range.parameter: "\(value)"])
            #expect(throws: DemoCatalogError.self, "\(range) at \(value)") { try catalog.buildAndRender(request) }
        }
    }
}
