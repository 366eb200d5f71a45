import ConvEngine

/// Reads a demo's `--name value` parameters. Every demo reads its parameters through one of
/// these, made from its `parameterHelp` (the same declarations `convlab demo NAME --help`
/// prints), so a parameter is refused, listed and read under one name; and every kind of
/// problem is worded once, in `DemoParameterError+Wording`.
struct DemoParameterReader {
    let parameters: [String: String]

    /// Refuses any parameter not in `help` (the demo's `parameterHelp`).
    init(_ parameters: [String: String], help: [KeyBinding]) throws(DemoParameterError) {
        let known = help.map(\.keys)
        for name in parameters.keys.sorted() where !known.contains(name) {
            throw .unknown(name, known: known)
        }
        self.parameters = parameters
    }

    /// A whole number in `range`, or `value` when the parameter is absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default value: Int) throws(DemoParameterError) -> Int {
        guard let text = parameters[name] else { return value }
        guard let number = Int(text.trimmingWhitespace), range.contains(number) else { throw .notWholeNumber(name, in: range, got: text) }
        return number
    }

    /// A random seed: a whole number of at least 0, or `value` when the parameter is absent.
    func seed(_ name: String, default value: UInt64) throws(DemoParameterError) -> UInt64 {
        guard let text = parameters[name] else { return value }
        guard let number = UInt64(text.trimmingWhitespace) else { throw .notSeed(name, got: text) }
        return number
    }

    /// A decimal number in `range`, or `value` when the parameter is absent.
    func decimal(_ name: String, in range: ClosedRange<Float>, default value: Float) throws(DemoParameterError) -> Float {
        guard let text = parameters[name] else { return value }
        guard let number = Float(text.trimmingWhitespace), range.contains(number) else { throw .notNumber(name, in: range, got: text) }
        return number
    }

    /// A finite number above 0, or nil when the parameter is absent.
    func positiveDecimal(_ name: String) throws(DemoParameterError) -> Float? {
        guard let text = parameters[name] else { return nil }
        guard let number = Float(text.trimmingWhitespace), number.isFinite, number > 0 else { throw .notPositive(name, got: text) }
        return number
    }

    /// One of `choices` (compared without case), or `value` when the parameter is absent.
    /// - Returns: the choice as `choices` spells it.
    func choice(_ name: String, from choices: [String], default value: String) throws(DemoParameterError) -> String {
        guard let text = parameters[name] else { return value }
        let wanted = text.trimmingWhitespace.lowercased()
        guard let chosen = choices.first(where: { $0.lowercased() == wanted }) else { throw .notOneOf(name, choices: choices, got: text) }
        return chosen
    }

    /// true/false (also yes/no, on/off, 1/0), or `value` when the parameter is absent.
    func flag(_ name: String, default value: Bool) throws(DemoParameterError) -> Bool {
        guard let text = parameters[name] else { return value }
        switch text.trimmingWhitespace.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw .notOneOf(name, choices: ["true", "false"], got: text)
        }
    }

    /// A built-in sample image by name, or the one called `value` when the parameter is absent.
    func sampleImage(_ name: String, default value: String, among images: [SampleImage] = SampleImage.all) throws(DemoParameterError) -> SampleImage {
        let chosen = try choice(name, from: images.map(\.name), default: value)
        return images.first { $0.name == chosen }!
    }

    /// Comma-separated gallery kernels of one size, one to four of them (`sobel-x,sobel-y`),
    /// or `value` when the parameter is absent.
    func galleryKernels(_ name: String, default value: [String]) throws(DemoParameterError) -> [NamedKernel] {
        let text = parameters[name] ?? value.joined(separator: ",")
        var kernels: [NamedKernel] = []
        for kernelName in text.split(separator: ",").map({ String($0).trimmingWhitespace }) {
            do {
                kernels.append(try KernelGallery.kernel(named: kernelName))
            } catch {
                throw DemoParameterError(parameter: name, message: "\(error)")
            }
        }
        guard (1...4).contains(kernels.count) else {
            throw DemoParameterError(parameter: name, message: "expected 1 to 4 comma-separated gallery kernels, got \(kernels.count)")
        }
        guard kernels.allSatisfy({ $0.kernelHeight == kernels[0].kernelHeight && $0.kernelWidth == kernels[0].kernelWidth }) else {
            let sizes = kernels.map { "\($0.name) \($0.kernelHeight)×\($0.kernelWidth)" }.joined(separator: ", ")
            throw DemoParameterError(parameter: name, message: "\(name) must share one size, got \(sizes)")
        }
        return kernels
    }

    subscript(_ name: String) -> String? { parameters[name] }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
