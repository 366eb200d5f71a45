import Foundation

/// The networks the course talks about, by name: the small teaching net the trainer runs,
/// LeNet-5 (in its common modern form, ReLU and max pooling) and VGG16 (configuration D).
/// Each is an `ArchitectureSpec`, so its shapes and parameter counts come from the same code
/// as any user-written spec.
public enum NamedArchitecture: String, CaseIterable, Sendable {
    case teachingNet = "teaching-net"
    case lenet5 = "lenet5"
    case vgg16 = "vgg16"

    /// The name used on the command line and in lessons.
    public var name: String { rawValue }

    /// One line saying what the network is.
    public var summary: String {
        switch self {
        case .teachingNet: "two small conv blocks on 28×28 digits; the net the live trainer runs (9,098 parameters)"
        case .lenet5: "LeNet-5 with ReLU and max pooling on 28×28 digits (61,706 parameters)"
        case .vgg16: "VGG16 on 224×224 colour images: 13 3×3 convs and 3 linear layers (138,357,544 parameters)"
        }
    }

    public var spec: ArchitectureSpec {
        switch self {
        case .teachingNet:
            return ArchitectureSpec(inputHeight: 28, inputWidth: 28, inputChannels: 1, layers: [
                .conv(outputChannels: 8, kernelSize: 3, padding: 1), .relu, .maxPool(kernelSize: 2),
                .conv(outputChannels: 16, kernelSize: 3, padding: 1), .relu, .maxPool(kernelSize: 2),
                .flatten, .linear(outputFeatures: 10),
            ])
        case .lenet5:
            return ArchitectureSpec(inputHeight: 28, inputWidth: 28, inputChannels: 1, layers: [
                .conv(outputChannels: 6, kernelSize: 5, padding: 2), .relu, .maxPool(kernelSize: 2),
                .conv(outputChannels: 16, kernelSize: 5), .relu, .maxPool(kernelSize: 2),
                .flatten,
                .linear(outputFeatures: 120), .relu,
                .linear(outputFeatures: 84), .relu,
                .linear(outputFeatures: 10),
            ])
        case .vgg16:
            // Five blocks of 3×3 pad-1 convs (each followed by ReLU), a 2×2 max pool after each
            // block: 224 → 112 → 56 → 28 → 14 → 7, then 512·7·7 = 25,088 features.
            var layers: [LayerSpec] = []
            for block in [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]] {
                for channels in block { layers += [.conv(outputChannels: channels, kernelSize: 3, padding: 1), .relu] }
                layers.append(.maxPool(kernelSize: 2))
            }
            layers += [
                .flatten,
                .linear(outputFeatures: 4096), .relu,
                .linear(outputFeatures: 4096), .relu,
                .linear(outputFeatures: 1000),
            ]
            return ArchitectureSpec(inputHeight: 224, inputWidth: 224, inputChannels: 3, layers: layers)
        }
    }

    /// Looks a name up ignoring case, `-`, `_` and spaces (`LeNet-5`, `teaching net`).
    public init(named name: String) throws(UnknownArchitectureError) {
        let key = Self.normalized(name)
        guard let match = Self.allCases.first(where: { Self.normalized($0.rawValue) == key }) else {
            let suggestion = NearestWord.suggestion(for: key, among: Self.allCases.map { Self.normalized($0.rawValue) })
                .flatMap { normalized in Self.allCases.first { Self.normalized($0.rawValue) == normalized }?.rawValue }
            throw UnknownArchitectureError(name: name, suggestion: suggestion)
        }
        self = match
    }

    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { !"-_ ".contains($0) })
    }
}

/// A name that is no known architecture; lists the names there are.
public struct UnknownArchitectureError: Error, Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var suggestion: String?

    public var description: String {
        let known = NamedArchitecture.allCases.map(\.name).joined(separator: ", ")
        let hint = suggestion.map { "; did you mean \"\($0)\"?" } ?? ""
        return "unknown architecture \"\(name)\" (known: \(known))\(hint)"
    }
}

extension ArchitectureSpec {
    /// Either a known name (`vgg16`) or spec text (`input 28x28x1 | …`), as `convlab arch`
    /// accepts. Text that starts with `input` or contains `|` is parsed; anything else is
    /// looked up by name. Throws `ArchitectureParseError` or `UnknownArchitectureError`.
    public init(nameOrSpec text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("|") || trimmed.lowercased().hasPrefix("input") {
            try self.init(parsing: trimmed)
        } else {
            self = try NamedArchitecture(named: trimmed).spec
        }
    }
}
