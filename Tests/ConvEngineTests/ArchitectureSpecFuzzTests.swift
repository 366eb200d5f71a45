import Foundation
import Testing
@testable import ConvEngine

/// Seeded fuzz of the architecture language end to end: parse, infer shapes, count
/// parameters, summarise, render the table and find the receptive field. Every try must end
/// in a thrown error or a consistent summary; a trap fails the whole test run.
@Suite struct ArchitectureSpecFuzzTests {
    static let numbers = [
        "0", "1", "2", "3", "7", "28", "-1", "-3", "16384", "16385", "65536", "65537", "268435456", "268435457",
        "3037000500", "4611686018427387904", "9223372036854775807", "-9223372036854775808",
        "99999999999999999999999", "3x3", "2x1", "1x0", "28x28x1", "3037000500x3037000500x1", "16384x16384x65536",
        "0x0", "x", "3x", "+4", "1.5", "same",
    ]
    static let words = [
        "input", "conv", "maxpool", "avgpool", "relu", "leakyrelu", "sigmoid", "tanh", "flatten", "linear",
        "stride", "pad", "padding", "dilation", "nobias", "same", "|", "||", "", "×", "nan", "inf",
    ]
    static let seeds = [
        "input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | conv 16 3x3 pad 1 | relu | maxpool 2 | flatten | linear 10",
        "input 224x224x3 | conv 64 3x3 pad same | relu | maxpool 2 stride 2 | flatten | linear 4096 nobias",
        "input 784 | linear 120 | leakyrelu 0.2 | linear 10",
        "input 32x32x3 | conv 16 5x5 stride 2x1 pad 2x1 dilation 2 | avgpool 3 stride 1 pad 1 | tanh | sigmoid",
    ]

    /// A random spec: a seed, or layers made of random words and numbers.
    static func randomSpec(_ generator: inout SeededGenerator) -> String {
        if Bool.random(using: &generator) { return seeds.randomElement(using: &generator)! }
        var parts = ["input " + numbers.randomElement(using: &generator)!]
        for _ in 0..<Int.random(in: 0...6, using: &generator) {
            var layer: [String] = []
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                layer.append(Bool.random(using: &generator)
                    ? words.randomElement(using: &generator)! : numbers.randomElement(using: &generator)!)
            }
            parts.append(layer.joined(separator: " "))
        }
        return parts.joined(separator: " | ")
    }

    /// Truncates, deletes, duplicates or replaces a stretch, or splices in a hostile number.
    static func mutate(_ text: String, _ generator: inout SeededGenerator) -> String {
        var characters = Array(text)
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let position = characters.isEmpty ? 0 : Int.random(in: 0..<characters.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: characters = Array(characters.prefix(position))
            case 1: if !characters.isEmpty { characters.remove(at: position) }
            case 2: characters.insert(contentsOf: " " + numbers.randomElement(using: &generator)! + " ", at: position)
            case 3: characters.insert(contentsOf: " | ", at: position)
            default:
                let replacement: Character = ["9", "x", "|", " ", "-", "0", "é"].randomElement(using: &generator)!
                if !characters.isEmpty { characters[position] = replacement }
            }
        }
        return String(characters)
    }

    @Test func fuzzedSpecsThrowOrSummariseConsistently() throws {
        var generator = SeededGenerator(seed: 11)
        var parsed = 0, summarised = 0
        let tries = 4_000
        for _ in 0..<tries {
            var text = Self.randomSpec(&generator)
            if Bool.random(using: &generator) { text = Self.mutate(text, &generator) }
            let spec: ArchitectureSpec
            do {
                spec = try ArchitectureSpec(parsing: text)
            } catch {
                #expect(error.column >= 1 && error.column <= text.count + 1, "\(text): \(error)")
                continue
            }
            parsed += 1
            // The canonical text parses back to the same spec.
            #expect(try ArchitectureSpec(parsing: spec.specText) == spec, "\(text)")
            _ = try? spec.receptiveField()
            let summary: ArchitectureSummary
            do {
                summary = try spec.summary()
            } catch {
                #expect(error.layerIndex.map { spec.layers.indices.contains($0) } == true, "\(text): \(error)")
                #expect(!error.description.contains("\n"))
                continue
            }
            summarised += 1
            #expect(summary.layers.count == spec.layers.count)
            #expect(summary.layers.allSatisfy { $0.parameters >= 0 && $0.outputShape.allSatisfy { $0 >= 1 } }, "\(text)")
            #expect(summary.totalParameters == summary.layers.reduce(0) { $0 + $1.parameters })
            #expect(summary.tableLines().count == spec.layers.count + 3)
        }
        // The mix must reach every stage, or the fuzz proves little.
        #expect(parsed > tries / 4)
        #expect(summarised > tries / 8)
    }

    /// Every keyword with every hostile number in its first slot, then in each option: 1,860
    /// specs over three inputs (a small image, the largest allowed one, flat features).
    @Test func hostileSingleLayersNeverTrap() {
        var tries = 0
        for keyword in ["conv", "maxpool", "avgpool", "linear", "leakyrelu"] {
            let kernel = keyword == "conv" ? " 3" : ""
            var layers = Self.numbers.map { "\(keyword) \($0)\(kernel)" }
            for option in ["stride", "pad", "dilation"] {
                layers += Self.numbers.map { "\(keyword) 2\(kernel) \(option) \($0)" }
            }
            for layer in layers {
                for input in ["28x28x1", "16384x16384x65536", "784"] {
                    tries += 1
                    guard let spec = try? ArchitectureSpec(parsing: "input \(input) | \(layer)") else { continue }
                    if let summary = try? spec.summary() {
                        #expect(summary.totalParameters == summary.layers.reduce(0) { $0 + $1.parameters })
                    }
                }
            }
        }
        #expect(tries == 1_860)
    }
}
