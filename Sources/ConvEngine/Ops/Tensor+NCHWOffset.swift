// Layout: NCHW, row-major, so the flat offset of (n, c, h, w) is ((n·C + c)·H + h)·W + w.

extension Tensor {
    /// The flat offset into `scalars` of element (n, c, h, w) of a rank-4 NCHW tensor.
    ///
    /// The ops' loops use this rather than the variadic subscript, which builds an array per
    /// access; finite-difference tests run the reference loops many thousands of times.
    @inline(__always)
    func nchwOffset(_ n: Int, _ c: Int, _ h: Int, _ w: Int) -> Int {
        ((n * shape[1] + c) * shape[2] + h) * shape[3] + w
    }
}
