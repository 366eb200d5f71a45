import ConvEngine

/// The preamble of a `.npy` file, as numpy's `format.py` lays it out:
///
///     bytes 0–5   magic  \x93 N U M P Y
///     bytes 6–7   format version (major, minor): 1.0, 2.0 or 3.0
///     then        header length L: UInt16 little-endian in 1.0, UInt32 in 2.0 and 3.0
///     then        L bytes of header text, a Python dict literal (latin-1; UTF-8 in 3.0)
///                 {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
///                 padded with spaces and a final newline so the data starts 64-byte aligned
///     then        the elements, row-major (C order) unless fortran_order is True
struct NumpyHeader: Equatable {
    var dataType: NumpyDataType
    var shape: [Int]
    /// Where the elements begin: magic + version + length field + L.
    var dataOffset: Int

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
    /// numpy aligns the data to this many bytes.
    static let alignment = 64
    /// The longest header text read, the most a version 1.0 header can hold. numpy itself reads
    /// at most 10,000 bytes unless told otherwise; a version 2.0 header may claim 4 GB, and
    /// its text would be parsed (and expanded into a string) before the shape is even seen.
    static let longestText = 65_535
    /// numpy pads the header with spaces so the first axis could grow to 21 digits in place.
    static let growthAxisMaxDigits = 21

    /// Reads and validates the preamble at the start of `bytes`; `file` names the source in errors.
    static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws(ArrayFileError) -> NumpyHeader {
        guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else {
            throw .badMagic(file: file)
        }
        guard bytes.count >= 8 else { throw .truncatedHeader(file: file, needed: 8, available: bytes.count) }
        let major = Int(bytes[6])
        let minor = Int(bytes[7])
        let lengthFieldSize: Int
        switch (major, minor) {
        case (1, 0): lengthFieldSize = 2
        case (2, 0), (3, 0): lengthFieldSize = 4
        default: throw .unsupportedVersion(file: file, major: major, minor: minor)
        }
        let textStart = 8 + lengthFieldSize
        guard bytes.count >= textStart else {
            throw .truncatedHeader(file: file, needed: textStart, available: bytes.count)
        }
        let textLength = lengthFieldSize == 2
            ? Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
            : Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        guard textLength <= longestText else { throw .headerTooLong(file: file, length: textLength) }
        let dataOffset = textStart + textLength
        guard bytes.count >= dataOffset else {
            throw .truncatedHeader(file: file, needed: dataOffset, available: bytes.count)
        }
        let textBytes = UnsafeRawBufferPointer(rebasing: bytes[textStart..<dataOffset])
        // Versions 1.0 and 2.0 are latin-1, where every byte is the code point of the same value.
        let text = major == 3
            ? String(decoding: textBytes, as: UTF8.self)
            : String(String.UnicodeScalarView(textBytes.map { Unicode.Scalar($0) }))
        let (dataType, shape) = try interpret(text, file: file)
        return NumpyHeader(dataType: dataType, shape: shape, dataOffset: dataOffset)
    }

    /// Checks the dict's three keys and turns them into a type and a shape.
    private static func interpret(_ text: String, file: String) throws(ArrayFileError) -> (NumpyDataType, [Int]) {
        let literal: PythonLiteral
        switch PythonLiteral.parse(text) {
        case let .success(value): literal = value
        case let .failure(error): throw .malformedHeader(file: file, reason: error.reason)
        }
        guard case let .dict(entries) = literal else {
            throw .malformedHeader(file: file, reason: "found \(literal.repr) instead of a dict")
        }
        var values: [String: PythonLiteral] = [:]
        for (key, value) in entries {
            guard case let .string(name) = key, ["descr", "fortran_order", "shape"].contains(name) else {
                let name = if case let .string(name) = key { name } else { key.repr }
                throw .unexpectedHeaderKey(file: file, key: name)
            }
            values[name] = value
        }
        guard let descr = values["descr"] else { throw .missingHeaderKey(file: file, key: "descr") }
        guard let fortranOrder = values["fortran_order"] else { throw .missingHeaderKey(file: file, key: "fortran_order") }
        guard let shapeValue = values["shape"] else { throw .missingHeaderKey(file: file, key: "shape") }

        let dataType: NumpyDataType
        switch descr {
        case let .string(code): dataType = try NumpyDataType.parse(descr: code, file: file)
        case .list: throw .structuredDtype(file: file, descr: descr.repr)
        default: throw .invalidHeaderValue(file: file, key: "descr", expected: "a dtype string such as '<f4'", found: descr.repr)
        }
        guard case let .boolean(isFortranOrder) = fortranOrder else {
            throw .invalidHeaderValue(file: file, key: "fortran_order", expected: "True or False", found: fortranOrder.repr)
        }
        if isFortranOrder { throw .fortranOrder(file: file) }
        let shapeError = ArrayFileError.invalidHeaderValue(
            file: file, key: "shape", expected: "a tuple of non-negative integers", found: shapeValue.repr)
        guard case let .tuple(items) = shapeValue else { throw shapeError }
        var shape: [Int] = []
        for item in items {
            guard case let .integer(extent) = item, extent >= 0 else { throw shapeError }
            shape.append(extent)
        }
        return (dataType, shape)
    }

    /// The preamble numpy's `np.save` writes for a float32 C-order array of `shape` in format
    /// 1.0, byte for byte: the dict with sorted keys and a trailing `, `, spare spaces for the
    /// first axis to grow, then padding to a multiple of 64 bytes ending in a newline.
    static func encodedFloat32(shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(\(shape.map(String.init).joined(separator: ", ")))"
        var text = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        if let first = shape.first {
            text += String(repeating: " ", count: max(growthAxisMaxDigits - String(first).count, 0))
        }
        let unpadded = magic.count + 2 + 2 + text.utf8.count + 1  // magic, version, length, text, newline
        text += String(repeating: " ", count: alignment - unpadded % alignment) + "\n"
        let length = text.utf8.count
        precondition(length <= Int(UInt16.max), "a shape of rank \(shape.count) does not fit a version 1.0 header")
        return magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(text.utf8)
    }
}
