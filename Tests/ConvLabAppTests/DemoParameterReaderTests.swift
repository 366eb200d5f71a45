import Testing
import ConvEngine
@testable import ConvLabApp

@Suite("DemoParameterReader: one reader and one wording for every demo's parameters")
struct DemoParameterReaderTests {
    static let help = [
        KeyBinding("size", "a size"), KeyBinding("rate", "a rate"), KeyBinding("mode", "a mode"),
        KeyBinding("shared", "a flag"), KeyBinding("seed", "a seed"), KeyBinding("lr", "a learning rate"),
    ]

    func reader(_ parameters: [String: String]) throws(DemoParameterError) -> DemoParameterReader {
        try DemoParameterReader(parameters, help: Self.help)
    }

    func refusal(_ read: () throws -> Void) -> DemoParameterError? {
        do { try read(); return nil } catch { return error as? DemoParameterError }
    }

    @Test("each kind of problem has one wording, naming the parameter, what was expected and what came")
    func wording() {
        #expect(refusal { _ = try reader(["colour": "red"]) }
            == DemoParameterError(parameter: "colour", message: "unknown parameter; expected one of size, rate, mode, shared, seed, lr"))
        #expect(refusal { _ = try reader(["size": "9"]).integer("size", in: 1...4, default: 2) }
            == DemoParameterError(parameter: "size", message: "expected a whole number from 1 to 4, got \"9\""))
        #expect(refusal { _ = try reader(["size": "2.5"]).integer("size", in: 1...4, default: 2) }
            == DemoParameterError(parameter: "size", message: "expected a whole number from 1 to 4, got \"2.5\""))
        #expect(refusal { _ = try reader(["rate": "fast"]).decimal("rate", in: -10...0.5, default: 0) }
            == DemoParameterError(parameter: "rate", message: "expected a number from -10 to 0.5, got \"fast\""))
        #expect(refusal { _ = try reader(["mode": "min"]).choice("mode", from: ["max", "avg"], default: "max") }
            == DemoParameterError(parameter: "mode", message: "expected max or avg, got \"min\""))
        #expect(refusal { _ = try reader(["mode": "x"]).choice("mode", from: ["a", "b", "c"], default: "a") }
            == DemoParameterError(parameter: "mode", message: "expected a, b or c, got \"x\""))
        #expect(refusal { _ = try reader(["shared": "maybe"]).flag("shared", default: true) }
            == DemoParameterError(parameter: "shared", message: "expected true or false, got \"maybe\""))
        #expect(refusal { _ = try reader(["seed": "-1"]).seed("seed", default: 1) }
            == DemoParameterError(parameter: "seed", message: "expected a whole number of at least 0, got \"-1\""))
        #expect(refusal { _ = try reader(["lr": "0"]).positiveDecimal("lr") }
            == DemoParameterError(parameter: "lr", message: "expected a positive number, got \"0\""))
    }

    @Test("values are read, trimmed, compared without case, and absent ones take the default")
    func values() throws {
        let read = try reader(["size": " 3 ", "mode": "AVG", "shared": "off", "seed": "18446744073709551615", "lr": "0.05"])
        #expect(try read.integer("size", in: 1...4, default: 2) == 3)
        #expect(try read.choice("mode", from: ["max", "avg"], default: "max") == "avg")
        #expect(try read.flag("shared", default: true) == false)
        #expect(try read.seed("seed", default: 1) == UInt64.max)
        #expect(try read.positiveDecimal("lr") == 0.05)
        #expect(try read.decimal("rate", in: 0...1, default: 0.25) == 0.25)
        #expect(try read.sampleImage("image", default: "edge").name == "edge")
        #expect(try read.galleryKernels("filters", default: ["sobel-x", "sobel-y"]).map(\.name) == ["sobel-x", "sobel-y"])
    }

    /// `convlab demo NAME --help` lists `parameterHelp`; the demo reads exactly those names.
    @Test("every demo takes exactly the parameters its help lists, and refuses others in the one wording")
    func helpIsWhatTheDemoReads() throws {
        for demo in DemoCatalog.demos {
            let known = demo.parameterHelp.map(\.keys)
            let unknown = refusal { _ = try demo.init(parameters: ["no-such-option": "1"], context: AppContext()) }
            #expect(unknown == .unknown("no-such-option", known: known), "\(demo.demoName)")
            for name in known {
                // A value no parameter takes: refused for what it is, never as unknown.
                let refused = refusal { _ = try demo.init(parameters: [name: "\u{7f}"], context: AppContext()) }
                #expect(refused?.message.hasPrefix("unknown parameter") != true, "\(demo.demoName) --\(name)")
            }
        }
    }
}
