import ConvEngine
import ConvFiles
import Foundation
import TerminalUI

/// The kernel gallery demo: every hand-designed kernel (`KernelGallery`) applied to a built-in
/// image or the learner's own PGM/PPM, input and output side by side as heat maps, with the
/// kernel's weights and a line on what it detects.
///
/// The output is `conv2dForward` of the image with the kernel, "valid" by default (no padding,
/// H×W → (H − F + 1)×(W − F + 1), so the border shows no responses that zero padding made up)
/// or "same" (padding ⌊F/2⌋, p toggles). A colour image is read either with all three channels
/// at once — `NamedKernel.convWeight(channels: 3)`, each channel's weights divided by 3, which
/// is the kernel applied to the channel mean — or one channel at a time (c cycles). Drawing is
/// in `KernelsScreen+Render`.
struct KernelsScreen: DemoScreen {
    static let demoName = "kernels"
    static let defaultTitle = "Kernels: sobel-x on digit"
    static let summary = "The hand-designed kernel gallery on a built-in image or your own PGM/PPM"

    /// An image of the learner's is shrunk (bilinearly, by the engine) until its longer side is
    /// at most this many pixels, so input and output fit side by side.
    static let largestSide = 32

    /// What the kernel is applied to.
    struct Picture: Sendable {
        /// The sample image's name, or the file's name for the learner's own.
        var name: String
        /// C×H×W, values in [0, 1] (or the `numbers` image's small integers).
        var pixels: Tensor
        /// A note shown with the image (where it came from, a resize); may be empty.
        var note: String

        var channels: Int { pixels.shape[0] }
        var height: Int { pixels.shape[1] }
        var width: Int { pixels.shape[2] }
    }

    /// Which channels of a colour image the kernel reads.
    enum ChannelChoice: Int, CaseIterable, Sendable {
        case all, red, green, blue

        var displayName: String {
            switch self {
            case .all: "all channels"
            case .red: "red"
            case .green: "green"
            case .blue: "blue"
            }
        }
    }

    static var parameterHelp: [KeyBinding] {
        [
            KeyBinding("image", "a built-in image (\(SampleImage.names.joined(separator: ", ")); default digit) or a .pgm/.ppm file"),
            KeyBinding("kernel", "the gallery kernel shown first (\(KernelGallery.names.joined(separator: ", ")); default sobel-x)"),
            KeyBinding("channel", "for colour images: all, red, green or blue (default all)"),
            KeyBinding("padding", "valid (none) or same (⌊F/2⌋ zeros) (default valid)"),
        ]
    }

    /// The built-in images, then the learner's own when one was given.
    private(set) var pictures: [Picture]
    private(set) var pictureIndex: Int
    private(set) var kernelIndex: Int
    private(set) var channelChoice: ChannelChoice
    private(set) var samePadding: Bool
    let colorCapability: ColorCapability

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        let reader = try DemoParameterReader(parameters, help: Self.parameterHelp)
        pictures = SampleImage.all.map { Picture(name: $0.name, pixels: $0.pixels, note: $0.summary) }
        let imageName = reader["image"] ?? "digit"
        if let index = pictures.firstIndex(where: { $0.name.lowercased() == imageName.lowercased() }) {
            pictureIndex = index
        } else if [".pgm", ".ppm", ".pnm"].contains(where: { imageName.lowercased().hasSuffix($0) }) {
            pictures.append(try Self.loadPicture(path: imageName))
            pictureIndex = pictures.count - 1
        } else {
            throw .notOneOf("image", choices: SampleImage.names + ["a file ending in .pgm or .ppm"], got: imageName)
        }
        let kernelName = reader["kernel"] ?? "sobel-x"
        do {
            let kernel = try KernelGallery.kernel(named: kernelName)
            kernelIndex = KernelGallery.kernels.firstIndex(of: kernel) ?? 0
        } catch {
            throw DemoParameterError(parameter: "kernel", message: "\(error)")
        }
        let channelName = (reader["channel"] ?? "all").lowercased()
        guard let choice = ChannelChoice.allCases.first(where: { $0.displayName.hasPrefix(channelName) }) else {
            throw .notOneOf("channel", choices: ChannelChoice.allCases.map(\.displayName), got: channelName)
        }
        channelChoice = choice
        switch (reader["padding"] ?? "valid").lowercased() {
        case "valid", "0", "none": samePadding = false
        case "same": samePadding = true
        case let other: throw .notOneOf("padding", choices: ["valid", "same"], got: other)
        }
        colorCapability = context.colorCapability
    }

    /// Reads the learner's PGM/PPM (errors name the file), shrinking it to `largestSide`.
    static func loadPicture(path: String) throws(DemoParameterError) -> Picture {
        let pixels: Tensor
        do {
            pixels = try PortableAnymap.read(from: URL(fileURLWithPath: path))
        } catch {
            throw DemoParameterError(parameter: "image", message: "\(error)")
        }
        let (channels, height, width) = (pixels.shape[0], pixels.shape[1], pixels.shape[2])
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard height >= 3, width >= 3 else {
            throw DemoParameterError(parameter: "image", message: "\(path) is \(height)×\(width); a kernel needs at least 3×3 pixels")
        }
        let longer = max(height, width)
        guard longer > largestSide else { return Picture(name: name, pixels: pixels, note: "your image, \(height)×\(width)") }
        let newHeight = max(3, height * largestSide / longer), newWidth = max(3, width * largestSide / longer)
        let resized = pixels.reshaped([1, channels, height, width])
            .resizedBilinear(height: newHeight, width: newWidth)
            .reshaped([channels, newHeight, newWidth])
        return Picture(name: name, pixels: resized, note: "your image, resized from \(height)×\(width) to \(newHeight)×\(newWidth)")
    }

    var title: String { "Kernels: \(kernel.name) on \(picture.name)" }

    /// What the keys do; the help and `update` both come from `keyMap`.
    enum KeyAction: Sendable {
        case kernel(Int), image(Int), channel(Int), samePadding(Bool)
    }

    static let keyMap = KeyMap<KeyAction>([
        .init(
            presses: [(.character("k"), .kernel(-1)), (.character("K"), .kernel(1)), (.left, .kernel(-1)), (.right, .kernel(1))], "previous / next kernel",
            aliases: [(.character("h"), .kernel(-1)), (.character("l"), .kernel(1))], label: "k/K ←/→"),
        .pair(lower: "i", raise: "I", "previous / next image", lower: .image(-1), raise: .image(1)),
        .pair(lower: "c", raise: "C", "colour images: previous / next channel choice (all, red, green, blue)", lower: .channel(-1), raise: .channel(1)),
        .pair(lower: "p", raise: "P", "padding: valid (none) / same", lower: .samePadding(false), raise: .samePadding(true)),
    ])

    var keyBindings: [KeyBinding] { Self.keyMap.bindings }

    // MARK: derived values (all from ConvEngine)

    var kernel: NamedKernel { KernelGallery.kernels[kernelIndex] }
    var picture: Picture { pictures[pictureIndex] }
    var isColour: Bool { picture.channels > 1 }

    /// What the kernel reads, 1×C×H×W: the whole picture, or one channel of a colour one.
    var input: Tensor {
        let picture = self.picture
        guard isColour, channelChoice != .all else {
            return picture.pixels.reshaped([1, picture.channels, picture.height, picture.width])
        }
        let plane = picture.height * picture.width
        let start = (channelChoice.rawValue - 1) * plane
        return Tensor(shape: [1, 1, picture.height, picture.width], scalars: Array(picture.pixels.scalars[start..<(start + plane)]))
    }

    /// The input as one H×W plane to draw: itself when it has one channel, else the channel
    /// mean, computed as the engine's 1×1 convolution with weights 1/C.
    var inputPlane: Tensor {
        let input = self.input
        let channels = input.shape[1]
        guard channels > 1 else { return input }
        let weight = Tensor(shape: [1, channels, 1, 1], repeating: 1 / Float(channels))  // 1×C×1×1
        return conv2dForward(input: input, weight: weight, bias: nil, config: Conv2DConfig())
    }

    var padding: Int { samePadding ? kernel.kernelHeight / 2 : 0 }

    /// The engine's output, 1×1×OH×OW.
    var output: Tensor {
        let input = self.input
        return conv2dForward(input: input, weight: kernel.convWeight(channels: input.shape[1]), bias: nil, config: Conv2DConfig(padding: padding))
    }

    /// `valid: 12×12 → 10×10` from the engine's geometry.
    var geometryText: String {
        let geometry = Conv2DConfig(padding: padding).geometry(inputHeight: picture.height, inputWidth: picture.width, kernelHeight: kernel.kernelHeight, kernelWidth: kernel.kernelWidth)
        let size: String
        if case let .success(output) = geometry.validated { size = "\(output.height)×\(output.width)" } else { size = "no output" }
        return "\(samePadding ? "same, padding \(padding)" : "valid, no padding"): \(picture.height)×\(picture.width) → \(size)"
    }

    /// How the channels are read: `grey`, or for colour what the kernel sees.
    var channelText: String {
        guard isColour else { return "grey" }
        switch channelChoice {
        case .all: return "RGB, kernel ÷ 3 on each channel = kernel on the channel mean"
        default: return "RGB, \(channelChoice.displayName) channel only"
        }
    }

    var statusLine: String { status.text }

    var status: StatusLine {
        StatusLine([
            StatusLine.Part("kernel \(kernelIndex + 1)/\(KernelGallery.kernels.count) \(kernel.name)", .essential),
            StatusLine.Part("image \(pictureIndex + 1)/\(pictures.count) \(picture.name)", .essential),
            StatusLine.Part(isColour ? channelChoice.displayName : "", .useful),
        ])
    }

    // MARK: update

    mutating func update(_ message: Message) -> [Effect] {
        guard case let .key(key) = message else { return [] }
        guard let action = Self.keyMap.action(for: key) else { return [] }
        let kernelCount = KernelGallery.kernels.count, choiceCount = ChannelChoice.allCases.count
        switch action {
        case .kernel(let delta): kernelIndex = (kernelIndex + delta + kernelCount) % kernelCount
        case .image(let delta): pictureIndex = (pictureIndex + delta + pictures.count) % pictures.count
        case .channel(let delta): channelChoice = ChannelChoice.allCases[(channelChoice.rawValue + delta + choiceCount) % choiceCount]
        case .samePadding(let same): samePadding = same
        }
        return []
    }
}
