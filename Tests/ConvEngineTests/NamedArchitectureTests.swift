import Foundation
import Testing
@testable import ConvEngine

@Suite struct NamedArchitectureTests {
    @Test func teachingNetIsTheAgreedSpec() throws {
        let spec = NamedArchitecture.teachingNet.spec
        #expect(spec.specText
            == "input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | conv 16 3x3 pad 1 | relu | maxpool 2 | flatten | linear 10")
        #expect(try spec.outputShapes() == [
            [8, 28, 28], [8, 28, 28], [8, 14, 14], [16, 14, 14], [16, 14, 14], [16, 7, 7], [784], [10],
        ])
        // (9·1 + 1)·8 + (9·8 + 1)·16 + (784 + 1)·10
        #expect(try spec.parameterCount() == 80 + 1_168 + 7_850)
    }

    @Test func lenet5Has61706Parameters() throws {
        let spec = NamedArchitecture.lenet5.spec
        #expect(try spec.parameterCounts() == [156, 0, 0, 2_416, 0, 0, 0, 48_120, 0, 10_164, 0, 850])
        #expect(try spec.parameterCount() == 61_706)
        #expect(try spec.outputShapes()[5] == [16, 5, 5])
        #expect(try spec.outputShape() == [10])
    }

    @Test func vgg16ShapesAndCounts() throws {
        let spec = NamedArchitecture.vgg16.spec
        #expect(spec.layers.count == 13 * 2 + 5 + 6)
        let shapes = try spec.outputShapes()
        let counts = try spec.parameterCounts()
        #expect(try spec.parameterCount() == 138_357_544)
        #expect(counts[0] == 1_792)  // (3·3·3 + 1)·64
        #expect(counts[2] == 36_928)  // (3·3·64 + 1)·64

        // Every intermediate shape: each conv keeps H×W, each pool halves it.
        let blockChannels = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]]
        var size = 224
        var index = 0
        for block in blockChannels {
            for channels in block {
                #expect(shapes[index] == [channels, size, size], "conv \(index)")
                #expect(shapes[index + 1] == [channels, size, size], "relu \(index + 1)")
                index += 2
            }
            size /= 2
            #expect(shapes[index] == [block.last!, size, size], "maxpool \(index)")
            index += 1
        }
        #expect(size == 7)
        #expect(shapes[index] == [25_088])
        #expect(Array(shapes[(index + 1)...]) == [[4096], [4096], [4096], [4096], [1000]])
        #expect(counts[index + 1] == 25_088 * 4096 + 4096)
        #expect(counts[index + 3] == 4096 * 4096 + 4096)
        #expect(counts[index + 5] == 4096 * 1000 + 1000)
    }

    @Test func vgg16PoolSequenceHalvesTo7() throws {
        let spec = NamedArchitecture.vgg16.spec
        let shapes = try spec.outputShapes()
        let pooled = spec.layers.indices.filter { spec.layers[$0] == .maxPool(kernelSize: 2) }.map { shapes[$0][1] }
        #expect(pooled == [112, 56, 28, 14, 7])
    }

    @Test func lookupIgnoresCaseAndDashes() throws {
        #expect(try NamedArchitecture(named: "LeNet-5") == .lenet5)
        #expect(try NamedArchitecture(named: "teaching net") == .teachingNet)
        #expect(try NamedArchitecture(named: "VGG16") == .vgg16)
    }

    @Test func unknownNameListsTheKnownOnes() {
        #expect(throws: UnknownArchitectureError.self) { try NamedArchitecture(named: "vgg19") }
        do {
            _ = try NamedArchitecture(named: "lenet")
            Issue.record("lenet must not be found")
        } catch {
            #expect(error.description == "unknown architecture \"lenet\" (known: teaching-net, lenet5, vgg16); did you mean \"lenet5\"?")
        }
    }

    @Test func nameOrSpecAcceptsBoth() throws {
        #expect(try ArchitectureSpec(nameOrSpec: " lenet5 ") == NamedArchitecture.lenet5.spec)
        #expect(try ArchitectureSpec(nameOrSpec: "input 784 | linear 10").parameterCount() == 7_850)
        #expect(throws: ArchitectureParseError.self) { try ArchitectureSpec(nameOrSpec: "input 28x28 | relu") }
    }

    @Test func namedSpecsRoundTripThroughText() throws {
        for architecture in NamedArchitecture.allCases {
            #expect(try ArchitectureSpec(parsing: architecture.spec.specText) == architecture.spec)
        }
    }

    @Test func lenet5TableLineByLine() throws {
        let lines = try NamedArchitecture.lenet5.spec.summary().tableLines()
        let expected = [
            " #  layer             output (C×H×W)  parameters",
            "    input 28x28x1     1×28×28",
            " 0  conv 6 5x5 pad 2  6×28×28                156",
            " 1  relu              6×28×28                  0",
            " 2  maxpool 2         6×14×14                  0",
            " 3  conv 16 5x5       16×10×10             2,416",
            " 4  relu              16×10×10                 0",
            " 5  maxpool 2         16×5×5                   0",
            " 6  flatten           400                      0",
            " 7  linear 120        120                 48,120",
            " 8  relu              120                      0",
            " 9  linear 84         84                  10,164",
            "10  relu              84                       0",
            "11  linear 10         10                     850",
            "    total                                 61,706",
        ]
        #expect(lines.count == expected.count)
        for (line, wanted) in zip(lines, expected) { #expect(line == wanted) }
    }

    @Test func vgg16TotalIsGroupedInThousands() throws {
        let lines = try NamedArchitecture.vgg16.spec.summary().tableLines()
        #expect(lines.last?.hasSuffix("138,357,544") == true)
        #expect(lines.last?.hasPrefix("    total") == true)
        // Every line of a table has the same width up to its last column.
        #expect(Set(lines.filter { !$0.hasSuffix("1×224×224") && $0.contains(",") }.map(\.count)).count == 1)
    }

    @Test func groupingThousands() {
        #expect(ArchitectureSummary.grouped(0) == "0")
        #expect(ArchitectureSummary.grouped(999) == "999")
        #expect(ArchitectureSummary.grouped(1_000) == "1,000")
        #expect(ArchitectureSummary.grouped(138_357_544) == "138,357,544")
        #expect(ArchitectureSummary.grouped(-12_345) == "-12,345")
    }

    @Test func summaryEncodesAsJSON() throws {
        let summary = try NamedArchitecture.teachingNet.spec.summary()
        let data = try JSONEncoder().encode(summary)
        let decoded = try JSONDecoder().decode(ArchitectureSummary.self, from: data)
        #expect(decoded == summary)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["totalParameters"] as? Int == 9_098)
        let rows = object?["layers"] as? [[String: Any]]
        #expect(rows?.first?["text"] as? String == "conv 8 3x3 pad 1")
        #expect(rows?.first?["outputShape"] as? [Int] == [8, 28, 28])
        #expect(rows?.first?["parameters"] as? Int == 80)
    }
}
