import Testing
@testable import ConvEngine

@Suite struct ArchitectureSpecParserTests {
    private func parseError(_ text: String) -> ArchitectureParseError? {
        do {
            _ = try ArchitectureSpec(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesTheTeachingNet() throws {
        let spec = try ArchitectureSpec(parsing:
            "input 28x28x1 | conv 8 3x3 pad 1 | relu | maxpool 2 | conv 16 3x3 pad 1 | relu | maxpool 2 | flatten | linear 10")
        #expect(spec == NamedArchitecture.teachingNet.spec)
        #expect(spec.inputShape == [1, 28, 28])
    }

    @Test func inputIsHeightWidthChannels() throws {
        #expect(try ArchitectureSpec(parsing: "input 32x24x3").inputShape == [3, 32, 24])
        #expect(try ArchitectureSpec(parsing: "input 32×24×3").inputShape == [3, 32, 24])
        #expect(try ArchitectureSpec(parsing: "input 784 | linear 10").inputShape == [784])
    }

    @Test func everyOptionParses() throws {
        let spec = try ArchitectureSpec(parsing:
            "INPUT 9x9x2 | Conv 4 3x5 nobias dilation 2 pad 1x2 stride 2x1 | leakyrelu 0.2 | avgpool 3 stride 2 pad 1 | tanh | sigmoid | flatten | linear 5 nobias")
        #expect(spec.layers == [
            .conv(Conv2DSpec(
                outputChannels: 4, kernelHeight: 3, kernelWidth: 5, strideHeight: 2, strideWidth: 1,
                padding: .explicit(height: 1, width: 2), dilationHeight: 2, dilationWidth: 2, bias: false)),
            .leakyRelu(slope: 0.2), .avgPool(kernelSize: 3, stride: 2, padding: 1), .tanh, .sigmoid, .flatten,
            .linear(outputFeatures: 5, bias: false),
        ])
        #expect(spec.specText
            == "input 9x9x2 | conv 4 3x5 stride 2x1 pad 1x2 dilation 2 nobias | leakyrelu 0.2 | avgpool 3 stride 2 pad 1 | tanh | sigmoid | flatten | linear 5 nobias")
    }

    @Test func shorthandsAndDefaults() throws {
        let spec = try ArchitectureSpec(parsing: "input 8x8x1 | conv 2 3 pad same | leakyrelu | maxpool 2x2 | maxpool 2 stride 1")
        #expect(spec.layers == [
            .conv(Conv2DSpec(outputChannels: 2, kernelHeight: 3, kernelWidth: 3, padding: .same)),
            .leakyRelu(slope: 0.01), .maxPool(kernelSize: 2), .maxPool(kernelSize: 2, stride: 1),
        ])
        #expect(spec.specText == "input 8x8x1 | conv 2 3x3 pad same | leakyrelu | maxpool 2 | maxpool 2 stride 1")
        #expect(try spec.outputShape() == [2, 3, 3])
    }

    @Test func canonicalTextRoundTrips() throws {
        let texts = [
            "input 28x28x1 | conv 6 5x5 pad 2 | relu | maxpool 2 | conv 16 5x5 | relu | maxpool 2 | flatten | linear 120 | relu | linear 84 | relu | linear 10",
            "input 9x7x3 | conv 4 3x5 pad same | sigmoid", "input 9x7x3 | conv 4 3x5 stride 2x1 pad 1 | sigmoid",
            "input 16x16x2 | conv 3 3x3 dilation 2 nobias | avgpool 2x3 stride 1x2 pad 1 | tanh | flatten | linear 4 nobias",
            "input 100 | linear 10 | leakyrelu 0.25",
        ]
        for text in texts {
            let spec = try ArchitectureSpec(parsing: text)
            #expect(spec.specText == text)
            #expect(try ArchitectureSpec(parsing: spec.specText) == spec)
            #expect(spec.description == spec.specText)
        }
    }

    @Test func missingKernelNamesColumnAndFoundWord() {
        // "input 28x28x1 | conv 8 pad 1": "pad" starts at column 24.
        let error = parseError("input 28x28x1 | conv 8 pad 1")
        #expect(error == ArchitectureParseError(column: 24, expected: "a kernel size like 3x3", found: "pad"))
        #expect(error?.description == "column 24: expected a kernel size like 3x3, found \"pad\"")
    }

    @Test func misspeltLayerGetsASuggestion() {
        let error = parseError("input 28x28x1 | maxpol 2")
        #expect(error?.column == 17)
        #expect(error?.found == "maxpol")
        #expect(error?.suggestion == "maxpool")
        #expect(error?.description
            == "column 17: expected a layer name (conv, maxpool, avgpool, relu, leakyrelu, sigmoid, tanh, flatten, linear), found \"maxpol\"; did you mean \"maxpool\"?")
        #expect(parseError("input 4x4x1 | conv 2 3x3 strid 1")?.suggestion == "stride")
        #expect(parseError("input 4x4x1 | lineer 3")?.suggestion == "linear")
        #expect(parseError("input 4x4x1 | avg 2")?.suggestion == "avgpool")
        #expect(parseError("input 4x4x1 | banana")?.suggestion == nil)
    }

    @Test func inputMustComeFirstAndOnlyFirst() {
        let missing = parseError("conv 8 3x3")
        #expect(missing?.column == 1)
        #expect(missing?.expected == "\"input\" and a shape first, like input 28x28x1")
        #expect(parseError("inptu 28x28x1")?.suggestion == "input")
        #expect(parseError("input 28x28x1 | input 3")?.column == 17)
        #expect(parseError("input 28x28")?.expected == ArchitectureSpecParser.inputExpectation)
        #expect(parseError("input 0x28x1")?.column == 7)
    }

    @Test func runningOutPointsAtTheBarOrTheEnd() {
        // "input 4x4x1 | conv 8 | relu": the `|` after "conv 8" is column 22.
        #expect(parseError("input 4x4x1 | conv 8 | relu")
            == ArchitectureParseError(column: 22, expected: "a kernel size like 3x3", found: "|"))
        let end = parseError("input 4x4x1 | linear")
        #expect(end == ArchitectureParseError(column: 21, expected: "a number of output features like 10", found: nil))
        #expect(end?.description == "column 21: expected a number of output features like 10, found the end of the text")
        #expect(parseError("")?.column == 1)
        #expect(parseError("input 4x4x1 |")?.found == nil)
        #expect(parseError("input 4x4x1 | | relu")?.found == "|")
    }

    @Test func extraWordsAndBadValues() {
        #expect(parseError("input 4x4x1 | relu 3")
            == ArchitectureParseError(column: 20, expected: "\"|\" before the next layer, or the end of the text", found: "3"))
        #expect(parseError("input 4x4x1 | conv 0 3x3")?.expected == "a number of output channels like 8, from 1 to 65536")
        #expect(parseError("input 4x4x1 | conv 2 3x3 stride 0")?.expected == "a stride like 2 or 2x1, each from 1 to 16384")
        #expect(parseError("input 4x4x1 | conv 2 3x3 pad -1")?.expected == "a padding like 1, 1x2 or same, each from 0 to 16384")
        #expect(parseError("input 4x4x1 | conv 2 3x3x3")?.found == "3x3x3")
        #expect(parseError("input 4x4x1 | leakyrelu steep")?.expected == "a slope like 0.01, or \"|\" before the next layer")
        #expect(parseError("input 4x4x1 | conv 2 3x3 pad 1 pad 1")?.expected == "each option at most once")
        #expect(parseError("input 4x4x1 | maxpool 2 nobias")?.expected == "an option (stride, pad, floor), or \"|\" before the next layer")
    }

    @Test func samePaddingChecksStrideAndKernel() {
        // "input 8x8x1 | conv 2 3x3 stride 2 pad same": "same" is column 39.
        #expect(parseError("input 8x8x1 | conv 2 3x3 stride 2 pad same")
            == ArchitectureParseError(column: 39, expected: "pad same only with stride 1", found: "stride 2"))
        #expect(parseError("input 8x8x1 | conv 2 4x4 pad same")
            == ArchitectureParseError(column: 22, expected: "an odd kernel extent with pad same, like 3x3", found: "4x4"))
    }

    @Test func editDistance() {
        #expect(NearestWord.editDistance("kitten", "sitting") == 3)
        #expect(NearestWord.editDistance("", "abc") == 3)
        #expect(NearestWord.editDistance("relu", "relu") == 0)
    }
}
