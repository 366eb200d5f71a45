import Foundation
import ConvEngine

/// Reads the stepper's demo parameters (`convlab demo conv --image numbers --kernel box-blur`,
/// or a lesson step) into a starting state. All the wording of its errors lives here.
enum ConvStepperParameters {
    static let help: [KeyBinding] = [
        KeyBinding("image", "greyscale sample image: \(greyscaleImageNames.joined(separator: ", ")) (default edge); colour starts multi-channel mode"),
        KeyBinding("kernel", "a gallery kernel (\(KernelGallery.names.joined(separator: ", "))) or rows like 1,0,-1;2,0,-2;1,0,-1 (default sobel-x)"),
        KeyBinding("padding", "zeros around the image, \(range(ConvStepperState.paddingRange)) (default 0)"),
        KeyBinding("stride", "step between windows, \(range(ConvStepperState.strideRange)) (default 1)"),
        KeyBinding("bias", "added to every output, -10 to 10 (default 0)"),
        KeyBinding("flip", "true for true convolution (kernel rotated 180°), false for cross-correlation (default false)"),
        KeyBinding("filters", "multi-channel mode's filters, comma-separated gallery kernels of one size (default sobel-x,sobel-y,laplacian)"),
        KeyBinding("mode", "single or multi (multi-channel: the RGB image and 3-deep filters; default single)"),
        KeyBinding("view", "numbers or heatmap (default numbers)"),
    ]

    static var names: [String] { help.map(\.keys) }

    static var greyscaleImageNames: [String] { SampleImage.all.filter { $0.channels == 1 }.map(\.name) }

    static let defaultFilters = ["sobel-x", "sobel-y", "laplacian"]

    /// The starting state and view.
    static func parse(_ parameters: [String: String]) throws(DemoParameterError) -> (state: ConvStepperState, heatmap: Bool) {
        for name in parameters.keys.sorted() where !names.contains(name) {
            throw DemoParameterError(parameter: name, message: "unknown parameter; expected one of \(names.joined(separator: ", "))")
        }
        var multiChannel = false
        var image = SampleImage.named("edge")!
        if let name = parameters["image"] {
            guard let named = SampleImage.named(name) else {
                throw DemoParameterError(
                    parameter: "image",
                    message: "unknown image \"\(name)\"; expected one of \(SampleImage.names.joined(separator: ", "))")
            }
            if named.channels == 1 { image = named } else { multiChannel = true }
        }
        let (kernelName, kernelRows) = try kernel(parameters["kernel"] ?? "sobel-x")
        var filters = try filterList(parameters["filters"] ?? defaultFilters.joined(separator: ","))
        if parameters["filters"] != nil { multiChannel = true }
        if let mode = parameters["mode"] {
            switch mode.lowercased() {
            case "single":
                guard !multiChannel else {
                    throw DemoParameterError(parameter: "mode", message: "single conflicts with the colour image or filters; single-channel mode takes a greyscale image and one kernel")
                }
            case "multi": multiChannel = true
            default: throw DemoParameterError(parameter: "mode", message: "expected single or multi, got \"\(mode)\"")
            }
        }
        if filters.isEmpty { filters = try filterList(defaultFilters.joined(separator: ",")) }
        let padding = try integer(parameters["padding"], name: "padding", in: ConvStepperState.paddingRange, default: 0)
        let stride = try integer(parameters["stride"], name: "stride", in: ConvStepperState.strideRange, default: 1)
        var bias: Float = 0
        if let text = parameters["bias"] {
            guard let value = Float(text), ConvStepperState.biasRange.contains(value) else {
                throw DemoParameterError(parameter: "bias", message: "expected a number from -10 to 10, got \"\(text)\"")
            }
            bias = value
        }
        let flipped = try boolean(parameters["flip"], name: "flip")
        var heatmap = false
        if let view = parameters["view"] {
            switch view.lowercased() {
            case "numbers": heatmap = false
            case "heatmap": heatmap = true
            default: throw DemoParameterError(parameter: "view", message: "expected numbers or heatmap, got \"\(view)\"")
            }
        }
        let state = ConvStepperState(
            image: image, kernelName: kernelName, kernelRows: kernelRows, filters: filters,
            padding: padding, stride: stride, bias: bias, flipped: flipped, multiChannel: multiChannel)
        return (state, heatmap)
    }

    /// A gallery name, or rows of numbers separated by `;` with values separated by `,`.
    static func kernel(_ text: String) throws(DemoParameterError) -> (name: String, rows: [[Float]]) {
        if let named = try? KernelGallery.kernel(named: text) { return (named.name, named.rows) }
        let expected = "expected a gallery kernel (\(KernelGallery.names.joined(separator: ", "))) or rows of numbers like 1,0,-1;2,0,-2;1,0,-1"
        guard text.contains(",") || text.contains(";") || Float(text) != nil else {
            throw DemoParameterError(parameter: "kernel", message: "unknown kernel \"\(text)\"; \(expected)")
        }
        var rows: [[Float]] = []
        for rowText in text.split(separator: ";", omittingEmptySubsequences: false) {
            var row: [Float] = []
            for field in rowText.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                guard let value = Float(trimmed), value.isFinite else {
                    throw DemoParameterError(parameter: "kernel", message: "\"\(trimmed)\" is not a number; \(expected)")
                }
                row.append(value)
            }
            rows.append(row)
        }
        guard rows.allSatisfy({ $0.count == rows[0].count }) else {
            throw DemoParameterError(parameter: "kernel", message: "rows have different lengths (\(rows.map { String($0.count) }.joined(separator: ", "))); \(expected)")
        }
        guard rows.count <= 5, rows[0].count <= 5 else {
            throw DemoParameterError(parameter: "kernel", message: "at most 5×5 fits on screen, got \(rows.count)×\(rows[0].count)")
        }
        return ("custom", rows)
    }

    /// Comma-separated gallery names, all of one size (a conv layer's filters share KH×KW).
    static func filterList(_ text: String) throws(DemoParameterError) -> [NamedKernel] {
        var kernels: [NamedKernel] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            do {
                kernels.append(try KernelGallery.kernel(named: name))
            } catch {
                throw DemoParameterError(parameter: "filters", message: "\(error)")
            }
        }
        guard (1...4).contains(kernels.count) else {
            throw DemoParameterError(parameter: "filters", message: "expected 1 to 4 comma-separated gallery kernels, got \(kernels.count)")
        }
        guard kernels.allSatisfy({ $0.kernelHeight == kernels[0].kernelHeight && $0.kernelWidth == kernels[0].kernelWidth }) else {
            let sizes = kernels.map { "\($0.name) \($0.kernelHeight)×\($0.kernelWidth)" }.joined(separator: ", ")
            throw DemoParameterError(parameter: "filters", message: "filters must share one size, got \(sizes)")
        }
        return kernels
    }

    private static func integer(_ text: String?, name: String, in range: ClosedRange<Int>, default value: Int) throws(DemoParameterError) -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw DemoParameterError(parameter: name, message: "expected a whole number \(self.range(range)), got \"\(text)\"")
        }
        return number
    }

    private static func boolean(_ text: String?, name: String) throws(DemoParameterError) -> Bool {
        guard let text else { return false }
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw DemoParameterError(parameter: name, message: "expected true or false, got \"\(text)\"")
        }
    }

    private static func range(_ range: ClosedRange<Int>) -> String { "from \(range.lowerBound) to \(range.upperBound)" }
}
