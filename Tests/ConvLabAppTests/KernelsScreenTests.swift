import ConvEngine
import ConvFiles
import Foundation
import Testing
import TerminalUI
@testable import ConvLabApp

@Suite struct KernelsScreenTests {
    private func makeScreen(_ parameters: [String: String] = [:], color: ColorCapability = .none) throws -> KernelsScreen {
        try KernelsScreen(parameters: parameters, context: AppContext(colorCapability: color))
    }

    private func render(_ screen: KernelsScreen, width: Int = 80, height: Int = 22) -> [String] {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer.trimmedLines
    }

    private func send(_ screen: inout KernelsScreen, _ keys: Key...) {
        for key in keys { _ = screen.update(.key(key)) }
    }

    /// Lesson 6's step (edge, sobel-x) at 80×22: the header, what sobel-x detects, the kernel
    /// beside the input, and the output (full where dark meets bright, blank elsewhere). Without
    /// colour the maps have the colour view's aspect, so they are drawn at scale 3 and leave no
    /// room for the output's numbers.
    @Test func edgeWithSobelXAtEightyByTwentyTwo() throws {
        let lines = render(try makeScreen(["image": "edge", "kernel": "sobel-x"]))
        #expect(lines.count == 22)
        #expect(Array(lines.prefix(6)) == [
            "sobel-x 3×3 (6/11) on edge · valid, no padding: 8×8 → 6×6",
            "detects: horizontal change, smoothed vertically: finds vertical edges, positive",
            "where it gets brighter to the right",
            "",
            "input                      kernel         output",
            "            ████████████   -1  0  1             ██████",
        ])
        #expect(lines[7] == "            ████████████   -1  0  1             ██████")
        #expect(lines[9] == "            ████████████   sum 0                ██████")
        #expect(Array(lines.suffix(2)) == ["a vertical edge: dark left half, bright right half", "grey"])
    }

    /// The output drawn is the engine's conv2dForward of the image with the kernel, for every
    /// gallery kernel, both paddings.
    @Test func outputIsTheEnginesConvolution() throws {
        var screen = try makeScreen(["image": "shapes", "kernel": "identity"])
        let shapes = try #require(SampleImage.named("shapes"))
        for same in [false, true] {
            for kernel in KernelGallery.kernels {
                #expect(screen.kernel == kernel)
                let padding = same ? kernel.kernelHeight / 2 : 0
                let expected = conv2dForward(
                    input: shapes.pixels.reshaped([1, 1, 16, 16]), weight: kernel.convWeight(), bias: nil, config: Conv2DConfig(padding: padding))
                #expect(screen.output == expected)
                #expect(screen.output.shape == [1, 1, 16 + 2 * padding - kernel.kernelHeight + 1, 16 + 2 * padding - kernel.kernelWidth + 1])
                send(&screen, .character("K"))
            }
            send(&screen, .character("P"))
        }
    }

    /// Keys: K/→ next kernel, k/← previous (wrapping), i/I previous / next image, c/C previous /
    /// next channel of the colour picture.
    @Test func keysCycleKernelsImagesAndChannels() throws {
        var screen = try makeScreen()
        #expect(screen.picture.name == "digit")
        #expect(screen.kernel.name == "sobel-x")
        send(&screen, .right)
        #expect(screen.kernel.name == "sobel-y")
        send(&screen, .character("k"), .character("k"))
        #expect(screen.kernel.name == "sharpen")
        send(&screen, .character("I"))
        #expect(screen.picture.name == "gradient")
        send(&screen, .character("i"), .character("i"))
        #expect(screen.picture.name == "checkerboard")
        var colour = try makeScreen(["image": "colour", "kernel": "identity"])
        #expect(colour.channelText == "RGB, kernel ÷ 3 on each channel = kernel on the channel mean")
        // All channels: the identity kernel over 3 channels (÷ 3 each) gives the channel mean.
        let picture = colour.picture.pixels
        #expect(abs(colour.output[0, 0, 0, 0] - (picture[0, 1, 1] + picture[1, 1, 1] + picture[2, 1, 1]) / 3) < 1e-6)
        send(&colour, .character("c"))
        #expect(colour.channelChoice == .blue, "c goes back from all channels to the last choice")
        send(&colour, .character("C"), .character("C"))
        #expect(colour.channelChoice == .red)
        // The red square's pixel (2, 2) is 1 in the red channel: identity output (1, 1).
        #expect(colour.output[0, 0, 1, 1] == 1)
        #expect(render(colour)[0] == "identity 3×3 (1/11) on colour (red) · valid, no padding: 8×8 → 6×6")
        send(&colour, .character("C"), .character("C"), .character("C"))
        #expect(colour.channelChoice == .all)
    }

    /// The learner's own PGM is read, listed last and shrunk when large; errors name the file.
    @Test func learnersOwnImage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kernels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = folder.appendingPathComponent("mine.pgm")
        try Data("P2 4 3 255\n0 0 255 255\n0 0 255 255\n0 0 255 255\n".utf8).write(to: small)
        let screen = try makeScreen(["image": small.path, "kernel": "sobel-x"])
        #expect(screen.picture.name == "mine.pgm")
        #expect(screen.pictureIndex == SampleImage.all.count)
        #expect(screen.output.scalars == [4, 4])
        let big = folder.appendingPathComponent("big.pgm")
        try PortableAnymap.write(Tensor(shape: [1, 40, 64], repeating: 0.5), to: big)
        let shrunk = try makeScreen(["image": big.path])
        #expect(shrunk.picture.pixels.shape == [1, 20, 32])
        #expect(shrunk.picture.note == "your image, resized from 40×64 to 20×32")
        let missing = folder.appendingPathComponent("nothere.pgm").path
        do {
            _ = try makeScreen(["image": missing])
            Issue.record("a missing file was accepted")
        } catch let error as DemoParameterError {
            #expect(error.parameter == "image")
            #expect(error.message.contains("nothere.pgm"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func badParametersNameThemselves() throws {
        let names = SampleImage.names
        let expected = "expected \(names.dropLast().joined(separator: ", ")), \(names.last!) or a file ending in .pgm or .ppm, got \"moon\""
        #expect(throws: DemoParameterError(parameter: "image", message: expected)) {
            try makeScreen(["image": "moon"])
        }
        #expect(throws: DemoParameterError.self) { try makeScreen(["kernel": "sobel"]) }
        #expect(throws: DemoParameterError.self) { try makeScreen(["padding": "full"]) }
    }

    /// The built-in scene is 16×16 with edges in every direction.
    @Test func shapesSceneIsBuiltIn() throws {
        let shapes = try #require(SampleImage.named("shapes"))
        #expect(shapes.pixels.shape == [1, 16, 16])
        #expect(shapes.rows()[3][2] == 1)
        #expect(shapes.rows()[11][11] == 0.7)
        #expect(shapes.rows()[13][3] == 0.45)
        #expect(shapes.rows()[0][0] == 0.1)
    }
}
