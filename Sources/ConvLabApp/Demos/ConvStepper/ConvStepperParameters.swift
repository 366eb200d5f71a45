import Foundation
import ConvEngine

/// Reads the stepper's demo parameters (`convlab demo conv --image numbers --kernel box-blur`,
/// or a lesson step) into a starting state. All the wording of its errors lives here.
enum ConvStepperParameters {
    static let help: [KeyBinding] = [
        KeyBinding("image", "greyscale sample image: \(greyscaleImageNames.joined(separator: ", ")) (default edge); colour starts multi-channel mode"),
        KeyBinding("kernel", "a gallery kernel (\(KernelGallery.names.joined(separator: ", "))) or rows like 1,0,-1;2,0,-2;1,0,-1 (default sobel-x)"),
        KeyBinding("padding", "zeros around the image, \(DemoParameterError.rangeText(ConvStepperState.paddingRange)) (default 0)"),
        KeyBinding("stride", "step between windows, \(DemoParameterError.rangeText(ConvStepperState.strideRange)) (default 1)"),
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
        let reader = try DemoParameterReader(parameters, help: help)
        var multiChannel = false
        var image = SampleImage.named("edge")!
        if parameters["image"] != nil {
            let named = try reader.sampleImage("image", default: "edge")
            if named.channels == 1 { image = named } else { multiChannel = true }
        }
        let (kernelName, kernelRows) = try kernel(parameters["kernel"] ?? "sobel-x")
        let filters = try reader.galleryKernels("filters", default: defaultFilters)
        if parameters["filters"] != nil { multiChannel = true }
        switch try reader.choice("mode", from: ["single", "multi"], default: multiChannel ? "multi" : "single") {
        case "single" where multiChannel:
            throw DemoParameterError(parameter: "mode", message: "single conflicts with the colour image or filters; single-channel mode takes a greyscale image and one kernel")
        case "multi": multiChannel = true
        default: break
        }
        let padding = try reader.integer("padding", in: ConvStepperState.paddingRange, default: 0)
        let stride = try reader.integer("stride", in: ConvStepperState.strideRange, default: 1)
        let bias = try reader.decimal("bias", in: ConvStepperState.biasRange, default: 0)
        let flipped = try reader.flag("flip", default: false)
        let heatmap = try reader.choice("view", from: ["numbers", "heatmap"], default: "numbers") == "heatmap"
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
}
