import ConvEngine

/// The element types ConvLab reads from `.npy` files, all little-endian (or single-byte) and all
/// converted to `Float` on read: the engine computes in float32 only, and integer or float64
/// arrays (a label vector, an image saved as uint8, weights saved in double) are common inputs.
enum NumpyDataType: Equatable, Sendable {
    case float16, float32, float64
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case bool

    /// Bytes per element.
    var byteCount: Int {
        switch self {
        case .int8, .uint8, .bool: 1
        case .float16, .int16, .uint16: 2
        case .float32, .int32, .uint32: 4
        case .float64, .int64, .uint64: 8
        }
    }

    /// numpy's name for the type, used in messages ("2×3 float32 data").
    var name: String {
        switch self {
        case .float16: "float16"
        case .float32: "float32"
        case .float64: "float64"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .bool: "bool"
        }
    }

    /// Interprets a dtype string such as `<f4`: a byte-order mark (`<` little, `>` big, `|` not
    /// applicable, `=` native, which is little on every platform ConvLab runs on), a kind letter
    /// and a size in bytes. Object, unknown and big-endian multi-byte types are refused here,
    /// each with its own reason; a big-endian type is only reported as such when it would
    /// otherwise be readable, so `>c8` is "unsupported", not "big-endian".
    static func parse(descr: String, file: String) throws(ArrayFileError) -> NumpyDataType {
        let characters = Array(descr)
        guard characters.count >= 2 else { throw .unsupportedDtype(file: file, descr: descr) }
        let hasOrder = "<>|=".contains(characters[0])
        let order = hasOrder ? characters[0] : "|"
        let kind = hasOrder ? characters[1] : characters[0]
        let size = Int(String(characters.dropFirst(hasOrder ? 2 : 1)))
        if kind == "O" { throw .objectArray(file: file) }
        guard let size, let type = known(kind: kind, size: size) else {
            throw .unsupportedDtype(file: file, descr: descr)
        }
        if size > 1 && order == ">" { throw .bigEndian(file: file, descr: descr) }
        if size > 1 && order == "|" { throw .unsupportedDtype(file: file, descr: descr) }
        return type
    }

    private static func known(kind: Character, size: Int) -> NumpyDataType? {
        switch (kind, size) {
        case ("f", 2): .float16
        case ("f", 4): .float32
        case ("f", 8): .float64
        case ("i", 1): .int8
        case ("i", 2): .int16
        case ("i", 4): .int32
        case ("i", 8): .int64
        case ("u", 1): .uint8
        case ("u", 2): .uint16
        case ("u", 4): .uint32
        case ("u", 8): .uint64
        case ("b", 1): .bool
        default: nil
        }
    }

    /// Converts `count` little-endian elements at the start of `bytes` to floats. Integers
    /// beyond 2²⁴ round to the nearest float, as `numpy.float32(x)` does; bool bytes are 0 or 1.
    func floats(from bytes: UnsafeRawBufferPointer, count: Int) -> [Float] {
        precondition(bytes.count >= count * byteCount, "\(bytes.count) bytes cannot hold \(count) \(name) elements")
        func load<T: FixedWidthInteger>(_: T.Type, _ index: Int) -> T {
            T(littleEndian: bytes.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.size, as: T.self))
        }
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                buffer[index] = switch self {
                case .float16: NumpyDataType.float(fromHalfBits: load(UInt16.self, index))
                case .float32: Float(bitPattern: load(UInt32.self, index))
                case .float64: Float(Double(bitPattern: load(UInt64.self, index)))
                case .int8: Float(load(Int8.self, index))
                case .int16: Float(load(Int16.self, index))
                case .int32: Float(load(Int32.self, index))
                case .int64: Float(load(Int64.self, index))
                case .uint8: Float(load(UInt8.self, index))
                case .uint16: Float(load(UInt16.self, index))
                case .uint32: Float(load(UInt32.self, index))
                case .uint64: Float(load(UInt64.self, index))
                case .bool: load(UInt8.self, index) == 0 ? 0 : 1
                }
            }
            initialized = count
        }
    }

    /// IEEE 754 binary16 → binary32, done on the bits because Swift's `Float16` is missing on
    /// some platforms. Half: 1 sign, 5 exponent (bias 15), 10 fraction bits; float: 1, 8 (bias
    /// 127), 23. Normal numbers move the exponent by 127 − 15 = 112 and the fraction up 13 bits;
    /// subnormal halves are fraction·2⁻²⁴; an all-ones exponent is infinity or NaN.
    static func float(fromHalfBits bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 == 0 ? 1 : -1
        let exponent = UInt32(bits >> 10) & 0x1F
        let fraction = UInt32(bits) & 0x3FF
        switch exponent {
        case 0: return sign * Float(fraction) * 0x1p-24
        case 0x1F: return fraction == 0 ? sign * .infinity : .nan
        default:
            let signBit = UInt32(bits & 0x8000) << 16
            return Float(bitPattern: signBit | (exponent + 112) << 23 | fraction << 13)
        }
    }
}
