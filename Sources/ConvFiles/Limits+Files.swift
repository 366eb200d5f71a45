import ConvEngine

extension Limits {
    /// Most pixels in one PGM/PPM image (4096×4096). The demos and probes show images a few
    /// dozen pixels a side, and a colour image of this size is already 200 MB as floats, so a
    /// header promising more is refused before anything is allocated for it.
    public static let imagePixels = 1 << 24
}
