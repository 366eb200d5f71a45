/// The geometry of a sliding window along one spatial axis: the single source of truth for
/// output sizes and window positions. The stepper, the geometry explorer, shape inference,
/// pooling and the conv kernels all ask this type.
///
/// With input size W, kernel size F, padding P, stride S and dilation D, the window spans
/// D·(F − 1) + 1 input positions and the output size is
///
///     O = (W + 2P − D·(F − 1) − 1) / S + 1,
///
/// which for D = 1 is the familiar (W − F + 2P)/S + 1. When the division leaves a remainder the
/// windows do not tile the padded input. Under the `exact` convention (the default) that is an
/// error that says why, never a silent floor; under `floor`, asked for by name, the output is
/// ⌊(W − F + 2P)/S⌋ + 1 as in PyTorch, and `droppedInputs` says what it leaves unread.
public struct AxisGeometry: Equatable, Hashable, Sendable {
    public var inputSize: Int
    public var kernelSize: Int
    public var padding: Int
    public var stride: Int
    public var dilation: Int
    /// What a remainder in the division means: an error (`exact`) or rounding down (`floor`).
    public var convention: OutputSizeConvention

    public init(
        inputSize: Int, kernelSize: Int, padding: Int = 0, stride: Int = 1, dilation: Int = 1,
        convention: OutputSizeConvention = .exact
    ) {
        self.inputSize = inputSize
        self.kernelSize = kernelSize
        self.padding = padding
        self.stride = stride
        self.dilation = dilation
        self.convention = convention
    }

    // The derived sizes below are exact for every geometry within `Limits.side`, which is all
    // `validated` accepts. A refused geometry may still be described (its error message, a
    // demo's readout), so beyond the limits they saturate at Int.min/Int.max instead of trapping.

    /// How many input positions one window spans: D·(F − 1) + 1.
    public var effectiveKernelSize: Int {
        saturatingAdd(saturatingMultiply(dilation, saturatingAdd(kernelSize, -1)), 1)
    }

    /// W + 2P.
    public var paddedSize: Int { saturatingAdd(inputSize, saturatingMultiply(2, padding)) }

    /// The numerator of the formula, W + 2P − D·(F − 1) − 1 (= W − F + 2P when D = 1).
    public var span: Int { saturatingAdd(paddedSize, -effectiveKernelSize) }

    /// Whether every number lies in 0…`Limits.side`, so all the arithmetic above is exact.
    var isWithinLimits: Bool {
        [inputSize, kernelSize, padding, stride, dilation].allSatisfy { (0...Limits.side).contains($0) }
    }

    /// The output size, or why there is none. Every number is checked against `Limits.side`
    /// before any arithmetic, so a hostile value is refused instead of overflowing.
    public var validated: Result<Int, GeometryError> {
        if inputSize < 1 { return .failure(.notPositive(quantity: "input size", value: inputSize, axis: nil)) }
        if kernelSize < 1 { return .failure(.notPositive(quantity: "kernel size", value: kernelSize, axis: nil)) }
        if stride < 1 { return .failure(.notPositive(quantity: "stride", value: stride, axis: nil)) }
        if dilation < 1 { return .failure(.notPositive(quantity: "dilation", value: dilation, axis: nil)) }
        if padding < 0 { return .failure(.negativePadding(padding, axis: nil)) }
        let bounded = [
            ("input size", inputSize), ("kernel size", kernelSize), ("padding", padding),
            ("stride", stride), ("dilation", dilation),
        ]
        for (quantity, value) in bounded where value > Limits.side {
            return .failure(.tooLarge(quantity: quantity, value: value, limit: Limits.side, axis: nil))
        }
        if effectiveKernelSize > paddedSize {
            return .failure(.kernelLargerThanInput(geometry: self, axis: nil))
        }
        if span % stride != 0 && convention == .exact {
            return .failure(.doesNotTile(geometry: self, axis: nil))
        }
        // span ≥ 0 here, so integer division is the floor.
        return .success(span / stride + 1)
    }

    /// The output size, or nil when the combination is invalid.
    public var outputSize: Int? { try? validated.get() }

    /// The output size, throwing a `GeometryError` that says why there is none.
    public func requireOutputSize() throws(GeometryError) -> Int { try validated.get() }

    /// How many whole windows fit, rounding down as PyTorch does; used to describe what a
    /// non-tiling combination would cover. Zero when not even one window fits.
    public var wholeWindowCount: Int {
        guard stride > 0, span >= 0 else { return 0 }
        return saturatingAdd(span / stride, 1)
    }

    // windowStart and inputIndex sit in the kernels' inner loops, so they stay plain
    // arithmetic: they are for validated geometries and outputs in 0..<outputSize, where every
    // term is at most a few times Limits.side.

    /// The input index (negative or ≥ W inside the padding) of window `output`'s first tap.
    @inlinable
    public func windowStart(_ output: Int) -> Int { output * stride - padding }

    /// The input index under tap `tap` of window `output`: o·S − P + k·D.
    @inlinable
    public func inputIndex(output: Int, tap: Int) -> Int { output * stride - padding + tap * dilation }

    /// The taps of window `output` that land on the input (0..<W) rather than in the padding,
    /// for a validated geometry. Loops that skip padding walk only these, so a window much
    /// wider than its input (a 16,384 pooling window over 4 pixels) costs no more than the input.
    public func tapsInsideInput(output: Int) -> Range<Int> {
        let start = windowStart(output)
        // The first tap k ≥ 0 with start + k·D ≥ 0, and one past the last with start + k·D < W.
        let first = start >= 0 ? 0 : (-start + dilation - 1) / dilation
        let end = start >= inputSize ? 0 : min(kernelSize, (inputSize - 1 - start) / dilation + 1)
        return first..<max(first, end)
    }

    /// The input positions (in 0..<W, padding excluded) that no whole window ever reads.
    /// Non-empty for a combination that does not tile, and also where the stride skips past
    /// the kernel (a 1×1 kernel with stride 2 reads every other pixel). Empty for a geometry
    /// beyond `Limits.side` or with a value below its minimum, which `validated` refuses.
    public var uncoveredInputs: [Int] {
        guard isWithinLimits, inputSize >= 1, kernelSize >= 1, stride >= 1, dilation >= 1 else { return [] }
        // Window o reads padded positions o·S + k·D for k in 0..<F: an interval of F steps in
        // the residue class of o·S modulo D. Marking where each interval starts and ends, then
        // summing along each class (step D), costs O(windows + W + 2P) rather than
        // O(windows·F), which matters for a 16,384-wide kernel.
        let size = paddedSize
        var changes = [Int](repeating: 0, count: size)
        for output in 0..<wholeWindowCount {
            let start = output * stride
            changes[start] += 1
            let end = start + kernelSize * dilation
            if end < size { changes[end] -= 1 }
        }
        var windowsReading = [Int](repeating: 0, count: size)
        for position in 0..<size {
            windowsReading[position] = (position >= dilation ? windowsReading[position - dilation] : 0) + changes[position]
        }
        return (0..<inputSize).filter { windowsReading[$0 + padding] == 0 }
    }

    /// "Same" padding, D·(F − 1)/2, which keeps the output size equal to the input size at
    /// stride 1; nil for an even effective kernel, where no symmetric padding does that.
    public static func samePadding(kernelSize: Int, dilation: Int = 1) -> Int? {
        let extent = saturatingMultiply(dilation, saturatingAdd(kernelSize, -1))
        return extent % 2 == 0 ? extent / 2 : nil
    }

    /// The formula with this geometry's numbers substituted, e.g. `(7 − 3 + 2·0)/3 + 1`, or
    /// under `floor` `⌊(7 − 3 + 2·0)/3⌋ + 1`. With dilation above 1 the window extent
    /// D·(F − 1) + 1 stands in for F.
    public var formula: String {
        let kernelTerm = dilation == 1 ? "\(kernelSize)" : "\(effectiveKernelSize)"
        let quotient = "(\(inputSize) − \(kernelTerm) + 2·\(padding))/\(stride)"
        return (convention == .floor ? "⌊\(quotient)⌋" : quotient) + " + 1"
    }

    /// The exact value of the formula as a reduced fraction (numerator, denominator).
    public var exactOutput: (numerator: Int, denominator: Int) {
        let numerator = saturatingAdd(span, stride)
        let divisor = greatestCommonDivisor(numerator, stride)
        return (numerator / divisor, stride / divisor)
    }

    /// Nearby paddings (same stride) and strides (same padding) that would tile, nearest
    /// first; at most `limit` of each. Used to suggest a fix for a combination that fails.
    /// Nothing for a geometry beyond `Limits.side`, whose search would take too long.
    /// Suggestions tile under the exact rule whatever this geometry's convention.
    public func tilingSuggestions(limit: Int = 2) -> (paddings: [Int], strides: [Int]) {
        guard isWithinLimits else { return ([], []) }
        var exact = self
        exact.convention = .exact
        var paddings: [Int] = []
        var strides: [Int] = []
        let searchRange = max(inputSize, 8)
        for delta in 1...searchRange where paddings.count < limit {
            for candidate in [padding - delta, padding + delta] where candidate >= 0 && paddings.count < limit {
                var trial = exact
                trial.padding = candidate
                if trial.outputSize != nil { paddings.append(candidate) }
            }
        }
        for delta in 1...searchRange where strides.count < limit {
            for candidate in [stride - delta, stride + delta] where candidate >= 1 && strides.count < limit {
                var trial = exact
                trial.stride = candidate
                if trial.outputSize != nil { strides.append(candidate) }
            }
        }
        return (paddings, strides)
    }
}

/// The greatest common divisor of |a| and |b|, at least 1 (so it can always divide); works on
/// magnitudes so Int.min cannot trap.
func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (a.magnitude, b.magnitude)
    while y != 0 { (x, y) = (y, x % y) }
    return x == 0 ? 1 : Int(clamping: x)
}

/// a + b, held at Int.min or Int.max instead of overflowing.
func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b > 0 ? .max : .min) : sum
}

/// a · b, held at Int.min or Int.max instead of overflowing.
func saturatingMultiply(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? ((a < 0) == (b < 0) ? .max : .min) : product
}
