/// The classic hand-designed kernels, by name. Conv layers compute cross-correlation (the
/// kernel is not flipped), and the summaries describe responses in that sense: `sobel-x` is
/// positive where brightness rises to the right.
public enum KernelGallery {
    /// Every kernel, in the order a gallery shows them.
    public static let kernels: [NamedKernel] = [
        NamedKernel(name: "identity", summary: "copies the image unchanged: only the centre weight is 1", rows: [
            [0, 0, 0], [0, 1, 0], [0, 0, 0],
        ]),
        NamedKernel(name: "box-blur", summary: "averages each 3×3 neighbourhood equally, smoothing noise and fine detail", rows: [
            [1, 1, 1], [1, 1, 1], [1, 1, 1],
        ].map { $0.map { $0 / 9 } }),
        NamedKernel(name: "gaussian-3x3", summary: "a centre-weighted average (1 2 1 / 2 4 2 / 1 2 1)/16: smooths without the box's blockiness", rows: [
            [1, 2, 1], [2, 4, 2], [1, 2, 1],
        ].map { $0.map { $0 / 16 } }),
        NamedKernel(name: "gaussian-5x5", summary: "a wider smoothing, the binomial (1 4 6 4 1) times itself over 256", rows: binomialGaussian()),
        NamedKernel(name: "sharpen", summary: "boosts each pixel against its four neighbours, crisping edges while keeping brightness", rows: [
            [0, -1, 0], [-1, 5, -1], [0, -1, 0],
        ]),
        NamedKernel(name: "sobel-x", summary: "horizontal change, smoothed vertically: finds vertical edges, positive where it gets brighter to the right", rows: [
            [-1, 0, 1], [-2, 0, 2], [-1, 0, 1],
        ]),
        NamedKernel(name: "sobel-y", summary: "vertical change, smoothed horizontally: finds horizontal edges, positive where it gets brighter downwards", rows: [
            [-1, -2, -1], [0, 0, 0], [1, 2, 1],
        ]),
        NamedKernel(name: "prewitt-x", summary: "horizontal change with equal row weights: finds vertical edges, like Sobel without the smoothing", rows: [
            [-1, 0, 1], [-1, 0, 1], [-1, 0, 1],
        ]),
        NamedKernel(name: "prewitt-y", summary: "vertical change with equal column weights: finds horizontal edges, like Sobel without the smoothing", rows: [
            [-1, -1, -1], [0, 0, 0], [1, 1, 1],
        ]),
        NamedKernel(name: "laplacian", summary: "second difference in both directions: responds to edges, lines and spots, zero on flat areas and even ramps", rows: [
            [0, 1, 0], [1, -4, 1], [0, 1, 0],
        ]),
        NamedKernel(name: "emboss", summary: "shades edges as if lit from one corner, giving a raised relief look", rows: [
            [-2, -1, 0], [-1, 1, 1], [0, 1, 2],
        ]),
    ]

    /// The names, in gallery order.
    public static var names: [String] { kernels.map(\.name) }

    /// The kernel with this name, ignoring case, spaces, `-` and `_` (`Sobel X`, `box_blur`).
    public static func kernel(named name: String) throws(UnknownKernelError) -> NamedKernel {
        let key = normalized(name)
        if let match = kernels.first(where: { normalized($0.name) == key }) { return match }
        let suggestion = NearestWord.suggestion(for: key, among: kernels.map { normalized($0.name) })
            .flatMap { normalizedMatch in kernels.first { normalized($0.name) == normalizedMatch }?.name }
        throw UnknownKernelError(name: name, suggestion: suggestion)
    }

    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { !"-_ ".contains($0) })
    }

    /// (1 4 6 4 1)ᵀ(1 4 6 4 1)/256: the rows of Pascal's triangle approximate a Gaussian.
    private static func binomialGaussian() -> [[Float]] {
        let binomial: [Float] = [1, 4, 6, 4, 1]
        return binomial.map { row in binomial.map { column in row * column / 256 } }
    }
}

/// A kernel name that is not in the gallery; lists the names there are.
public struct UnknownKernelError: Error, Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var suggestion: String?

    public var description: String {
        let hint = suggestion.map { "; did you mean \"\($0)\"?" } ?? ""
        return "unknown kernel \"\(name)\" (known: \(KernelGallery.names.joined(separator: ", ")))\(hint)"
    }
}
