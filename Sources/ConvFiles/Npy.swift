import ConvEngine
import Foundation

/// Reading and writing numpy's `.npy` array files (`numpy.save` / `numpy.load`), the way
/// arrays move between ConvLab and Python.
///
/// Read: format versions 1.0, 2.0 and 3.0; C order; little-endian float32 (natively), float64,
/// float16, int8–int64, uint8–uint64 and bool, all converted to `Float`. Big-endian data,
/// Fortran order, object arrays, structured and other dtypes, truncated files and malformed
/// headers are refused with an `ArrayFileError` naming the file and what was wrong.
///
/// Write: always format 1.0, `<f4`, C order, with the header padded exactly as numpy pads it,
/// so a file ConvLab writes is byte-identical to `numpy.save` of the same float32 array.
/// A rank-0 tensor (shape `[]`) is a numpy scalar array, shape `()`.
public enum NumpyArray {
    /// Reads a `.npy` file into a tensor of the stored shape.
    public static func read(from url: URL) throws(ArrayFileError) -> Tensor {
        let file = displayName(of: url)
        return try decode(try readContents(of: url, file: file), source: file)
    }

    /// Decodes the bytes of a `.npy` file; `source` names it in error messages.
    public static func decode(_ data: Data, source: String) throws(ArrayFileError) -> Tensor {
        do {
            return try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws(ArrayFileError) -> Tensor in
                try decode(bytes, source: source)
            }
        } catch let error as ArrayFileError {
            throw error
        } catch {
            preconditionFailure("decoding threw a foreign error: \(error)")
        }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, source: String) throws(ArrayFileError) -> Tensor {
        let header = try NumpyHeader.parse(bytes, file: source)
        let dataType = header.dataType
        let arrayName = "\(Tensor.describe(header.shape)) \(dataType.name)"
        // Checked products: a shape such as (9223372036854775807, 1, 1, 1) must be refused for
        // its size, not wrap around to a negative byte count. Zero extents count as one for the
        // bound, so an empty array cannot carry extents whose products overflow later.
        let bound = Limits.product(header.shape.map { max($0, 1) } + [dataType.byteCount])
        guard let bound, bound <= Limits.fileBytes else {
            throw .arrayTooLarge(file: source, array: arrayName, bytes: bound)
        }
        let count = header.shape.reduce(1, *)
        let needed = count * dataType.byteCount
        let available = bytes.count - header.dataOffset
        guard available >= needed else {
            throw .truncatedData(file: source, array: arrayName, needed: needed, available: available)
        }
        guard available == needed else {
            throw .trailingData(file: source, array: arrayName, extra: available - needed)
        }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[header.dataOffset...])
        return Tensor(shape: header.shape, scalars: dataType.floats(from: payload, count: count))
    }

    /// The whole length of the `.npy` file whose first bytes are `prefix`, as its header declares
    /// it (header plus data), or nil when the prefix holds no complete, valid header.
    static func declaredFileSize(_ prefix: Data) -> Int? {
        prefix.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            guard let header = try? NumpyHeader.parse(bytes, file: "") else { return nil }
            let dataBytes = Limits.product(header.shape.map { max($0, 1) } + [header.dataType.byteCount])
            guard let dataBytes, dataBytes <= Limits.fileBytes else { return nil }
            return header.dataOffset + header.shape.reduce(1, *) * header.dataType.byteCount
        }
    }

    /// The bytes of a format 1.0, little-endian float32, C-order `.npy` file holding `tensor`.
    public static func encode(_ tensor: Tensor) -> Data {
        var data = Data(NumpyHeader.encodedFloat32(shape: tensor.shape))
        data.reserveCapacity(data.count + tensor.count * MemoryLayout<Float>.size)
        tensor.scalars.map { $0.bitPattern.littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// Writes `tensor` as a `.npy` file, atomically: the bytes go to a temporary file in the same
    /// folder that is then renamed over `url`, so a failed write never leaves a partial file.
    public static func write(_ tensor: Tensor, to url: URL) throws(ArrayFileError) {
        try AtomicFile.write(encode(tensor), to: url, file: displayName(of: url))
    }

    /// The path as the user gave it (relative paths stay relative), for error messages.
    static func displayName(of url: URL) -> String {
        url.isFileURL ? url.relativePath : url.absoluteString
    }

    /// The whole file, or the reason it cannot be had (see `FileAccess`).
    static func readContents(of url: URL, file: String) throws(ArrayFileError) -> Data {
        do {
            return try FileAccess.readRegularFile(at: url)
        } catch {
            throw ArrayFileError(reading: file, error)
        }
    }
}
