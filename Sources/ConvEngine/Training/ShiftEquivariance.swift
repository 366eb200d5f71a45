import Foundation

// Layout: NCHW. Images are N×C×H×W; a layer's output is N×K×OH×OW (a map) or N×F (flat).

/// How far each layer of a network is from shift equivariance, measured on real images.
///
/// For an input shift of `s` pixels to the right and a layer F whose output has cumulative
/// stride S along the width (the product of the strides of every conv and pool layer up to and
/// including it), the layer is equivariant when F(shift_s x) = shift_{s/S} F(x). The error is
/// relative, summed over the images:
///
///     error(s) = Σₙ ‖F(shift_s xₙ) − shift_t F(xₙ)‖₂ / Σₙ ‖F(xₙ)‖₂
///
/// Shifts are circular (what leaves the right edge comes back on the left), so no content is
/// lost and an error is the layer's doing, not the border's. With an input whose border is
/// zero for at least s + the receptive field's half width, a zero-padded convolution (bias
/// and ReLU included) is exactly equivariant: error 0.
///
/// The shift at the layer, t = s/S, is a whole number only when S divides s. Otherwise the
/// layer cannot be compared with a whole shift of itself, and the error is the smaller of the
/// errors for t = ⌊s/S⌋ and t = ⌈s/S⌉: the nearest the layer's output comes to any whole
/// shift. `isWholeShift` marks which cells are the exact definition. This is what shows a
/// stride-2 max pool losing equivariance at odd shifts (Zhang, "Making Convolutional Networks
/// Shift-Invariant Again", 2019).
///
/// A flat layer (flatten, linear, and activations after them) has no spatial axis to shift:
/// its row measures invariance, ‖F(shift_s x) − F(x)‖ / ‖F(x)‖, which is what the classifier's
/// output should have.
public struct ShiftEquivariance: Sendable, Hashable {
    /// One row of the heat map: one module of the network.
    public struct LayerRow: Sendable, Hashable {
        /// The spec's text for the layer (`conv 8 3x3 pad 1`, `maxpool 2`).
        public var name: String
        /// The product of the strides along the width up to this layer; 1 for a flat layer.
        public var cumulativeStride: Int
        /// False for flat outputs, whose row is an invariance distance.
        public var isSpatial: Bool
        /// error(s) for s in `shifts`.
        public var errors: [Float]
        /// For each shift: whether S divides s (the comparison is with exactly shift s/S).
        public var isWholeShift: [Bool]
    }

    /// 0…maximumShift.
    public var shifts: [Int]
    /// One per module, in order.
    public var layers: [LayerRow]

    /// Measures `model` on `images` (N×C×H×W, the network's input shape) for right shifts
    /// 0…`maximumShift`. Costs (maximumShift + 1) forward passes of the batch.
    public static func measure(model: Sequential, images: Tensor, maximumShift: Int) -> ShiftEquivariance {
        precondition(images.rank == 4 && Array(images.shape.dropFirst()) == model.spec.inputShape,
                     "images must be N×\(Tensor.describe(model.spec.inputShape)), got \(Tensor.describe(images.shape))")
        precondition(maximumShift >= 0 && maximumShift <= Limits.side, "maximumShift \(maximumShift) out of range")
        let shifts = Array(0...maximumShift)
        let strides = cumulativeStrides(model.spec)
        let reference = model.layerOutputs(for: images)
        var rows = model.spec.layers.indices.map { index in
            LayerRow(name: model.spec.layers[index].description, cumulativeStride: reference[index].rank == 4 ? strides[index] : 1,
                     isSpatial: reference[index].rank == 4, errors: [], isWholeShift: [])
        }
        for shift in shifts {
            let shifted = model.layerOutputs(for: ImageShift.shifted(images, right: shift, down: 0, fill: .wrap))
            for index in rows.indices {
                let row = rows[index]
                let denominator = norm(reference[index])
                guard row.isSpatial else {
                    rows[index].errors.append(relative(distance(shifted[index], reference[index]), denominator))
                    rows[index].isWholeShift.append(true)
                    continue
                }
                let stride = row.cumulativeStride
                let candidates = Set([shift / stride, (shift + stride - 1) / stride])
                let best = candidates.map { layerShift in
                    distance(shifted[index], ImageShift.shifted(reference[index], right: layerShift, down: 0, fill: .wrap))
                }.min() ?? 0
                rows[index].errors.append(relative(best, denominator))
                rows[index].isWholeShift.append(shift % stride == 0)
            }
        }
        return ShiftEquivariance(shifts: shifts, layers: rows)
    }

    /// For each module, the product of the width strides of the conv and pool layers up to and
    /// including it.
    static func cumulativeStrides(_ spec: ArchitectureSpec) -> [Int] {
        var stride = 1
        return spec.layers.map { layer in
            switch layer {
            case let .conv(conv): stride *= conv.strideWidth
            case let .maxPool(pool), let .avgPool(pool): stride *= pool.strideWidth
            default: break
            }
            return stride
        }
    }

    /// Σₙ ‖aₙ − bₙ‖₂ over the batch axis.
    static func distance(_ first: Tensor, _ second: Tensor) -> Double {
        precondition(first.shape == second.shape, "\(Tensor.describe(first.shape)) vs \(Tensor.describe(second.shape))")
        return perExampleNorms(count: first.shape[0], size: first.count / max(first.shape[0], 1)) { first.scalars[$0] - second.scalars[$0] }
    }

    /// Σₙ ‖aₙ‖₂ over the batch axis.
    static func norm(_ tensor: Tensor) -> Double {
        perExampleNorms(count: tensor.shape[0], size: tensor.count / max(tensor.shape[0], 1)) { tensor.scalars[$0] }
    }

    private static func perExampleNorms(count: Int, size: Int, _ value: (Int) -> Float) -> Double {
        (0..<count).reduce(0.0) { total, example in
            var sum = 0.0
            for offset in 0..<size {
                let scalar = Double(value(example * size + offset))
                sum += scalar * scalar
            }
            return total + sum.squareRoot()
        }
    }

    /// a / b, with 0/0 = 0 (a layer that is zero for both inputs is trivially equivariant).
    private static func relative(_ numerator: Double, _ denominator: Double) -> Float {
        if denominator == 0 { return numerator == 0 ? 0 : .infinity }
        return Float(numerator / denominator)
    }
}
