import ConvEngine

/// The demos a lesson may open, with the parameters each takes. A lesson's `demo:` step is
/// checked against this list, so a misspelt demo or parameter is caught by
/// `convlab lessons check` instead of by a learner. The terminal app's demo screens read the
/// same names; add a demo here when its screen exists.
public enum DemoCatalog {
    /// What a parameter's value must be.
    public enum ValueKind: Hashable, Sendable {
        /// A built-in `SampleImage` name.
        case image
        /// A `KernelGallery` name.
        case kernel
        /// A whole number of at least `minimum`.
        case integer(minimum: Int)
        /// One of the listed words.
        case oneOf([String])
        /// true or false.
        case boolean
    }

    /// One demo parameter.
    public struct Parameter: Hashable, Sendable {
        public var name: String
        public var kind: ValueKind
        public var summary: String

        public init(_ name: String, _ kind: ValueKind, _ summary: String) {
            self.name = name
            self.kind = kind
            self.summary = summary
        }
    }

    /// One demo: its name, what it shows and its parameters.
    public struct Demo: Hashable, Sendable {
        public var name: String
        public var summary: String
        public var parameters: [Parameter]

        public init(name: String, summary: String, parameters: [Parameter]) {
            self.name = name
            self.summary = summary
            self.parameters = parameters
        }
    }

    /// Every parameter a lesson may give any demo: a line telling the learner what to try.
    public static let captionParameter = "caption"

    public static let demos: [Demo] = [
        // conv, geometry and pool mirror the parameters their screens take (ConvLabApp's
        // `parameterHelp`); a ConvLabApp test checks every course demo step against them.
        Demo(name: "conv", summary: "step a kernel across an image cell by cell", parameters: [
            Parameter("image", .image, "the input image (colour starts multi-channel mode)"),
            Parameter("kernel", .kernel, "the kernel from the gallery"),
            Parameter("padding", .integer(minimum: 0), "zero padding on every side"),
            Parameter("stride", .integer(minimum: 1), "step between windows"),
            Parameter("bias", .integer(minimum: -10), "added to every output"),
            Parameter("flip", .boolean, "true convolution: rotate the kernel 180° first"),
            Parameter("mode", .oneOf(["single", "multi"]), "one channel, or the colour image with 3-deep filters"),
            Parameter("view", .oneOf(["numbers", "heatmap"]), "numbers or heat maps"),
        ]),
        Demo(name: "geometry", summary: "change input, kernel, padding and stride; watch the output size formula", parameters: [
            Parameter("size", .integer(minimum: 1), "input width and height W"),
            Parameter("kernel", .integer(minimum: 1), "kernel size F"),
            Parameter("padding", .integer(minimum: 0), "padding P"),
            Parameter("stride", .integer(minimum: 1), "stride S"),
            Parameter("dilation", .integer(minimum: 1), "dilation D"),
        ]),
        Demo(name: "pool", summary: "max or average pooling, window by window", parameters: [
            Parameter("image", .image, "the image the activation map is made from"),
            Parameter("mode", .oneOf(["max", "avg"]), "max or average pooling"),
            Parameter("kernel", .integer(minimum: 1), "window size"),
            Parameter("stride", .integer(minimum: 1), "step between windows"),
            Parameter("padding", .integer(minimum: 0), "padding on every side, at most half the window"),
            Parameter("view", .oneOf(["numbers", "heatmap"]), "numbers or heat maps"),
        ]),
        Demo(name: "activations", summary: "plot an activation function and its derivative", parameters: [
            Parameter("function", .oneOf(["relu", "leakyrelu", "sigmoid", "tanh"]), "the function shown first"),
        ]),
        Demo(name: "kernels", summary: "the hand-designed kernel gallery applied to an image", parameters: [
            Parameter("image", .image, "the input image"),
            Parameter("kernel", .kernel, "the kernel shown first"),
        ]),
        Demo(name: "sharing", summary: "a fully connected matrix becoming a banded, shared one", parameters: [
            Parameter("inputs", .integer(minimum: 2), "how many inputs N"),
            Parameter("bandwidth", .integer(minimum: 1), "how many unique weights survive"),
        ]),
        Demo(name: "receptive", summary: "which input pixels one output of a stack of layers sees", parameters: [
            Parameter("layers", .integer(minimum: 1), "how many stacked layers"),
            Parameter("kernel", .integer(minimum: 1), "each layer's kernel size"),
            Parameter("stride", .integer(minimum: 1), "each layer's stride"),
        ]),
        Demo(name: "backprop", summary: "gradients flowing back through a conv or pooling layer", parameters: [
            Parameter("layer", .oneOf(["conv", "maxpool", "avgpool"]), "the layer to backpropagate through"),
        ]),
        Demo(name: "vgg16", summary: "VGG16 layer by layer: shapes and parameter counts", parameters: [
            Parameter("layer", .integer(minimum: 0), "the layer highlighted first"),
        ]),
        Demo(name: "dense", summary: "a fully connected layer on an image: its weight count", parameters: [
            Parameter("image", .image, "the input image"),
            Parameter("hidden", .integer(minimum: 1), "hidden units"),
        ]),
        Demo(name: "shift", summary: "shift an image: the conv output shifts with it, the pooled output barely changes", parameters: [
            Parameter("image", .image, "the input image"),
            Parameter("dx", .integer(minimum: -8), "columns to shift right"),
            Parameter("dy", .integer(minimum: -8), "rows to shift down"),
        ]),
    ]

    /// The demo names, in catalogue order.
    public static var names: [String] { demos.map(\.name) }

    /// The demo with this name, or nil.
    public static func demo(named name: String) -> Demo? {
        demos.first { $0.name == name }
    }

    /// Why `value` does not suit `parameter`, or nil when it does.
    public static func problem(with value: String, for parameter: Parameter) -> String? {
        switch parameter.kind {
        case .image:
            guard SampleImage.named(value) == nil else { return nil }
            let suggestion = NearestWord.suggestion(for: value, among: SampleImage.names).map { "; did you mean '\($0)'?" } ?? ""
            return "must be a built-in image (\(SampleImage.names.joined(separator: ", "))), found '\(value)'\(suggestion)"
        case .kernel:
            do {
                _ = try KernelGallery.kernel(named: value)
                return nil
            } catch {
                let suggestion = error.suggestion.map { "; did you mean '\($0)'?" } ?? ""
                return "must be a kernel from the gallery (\(KernelGallery.names.joined(separator: ", "))), found '\(value)'\(suggestion)"
            }
        case let .integer(minimum):
            guard let number = Int(value), number >= minimum else { return "must be a whole number of at least \(minimum), found '\(value)'" }
            return nil
        case let .oneOf(words):
            return words.contains(value.lowercased()) ? nil : "must be one of \(words.joined(separator: ", ")), found '\(value)'"
        case .boolean:
            return AnswerParser.truth(value) == nil ? "must be true or false, found '\(value)'" : nil
        }
    }
}
