import Foundation
import Testing
@testable import ConvEngine
@testable import ConvFiles

/// `.npy` reading and writing: round trips, files written by numpy (see
/// Fixtures/make_array_fixtures.py), and the exact one-line refusal for each malformed case.
@Suite struct NpyTests {
    /// [[-0.5, -0.25, 0], [0.25, 0.5, 0.75]], the array most fixtures hold.
    static let matrix = Tensor(shape: [2, 3], scalars: [-0.5, -0.25, 0, 0.25, 0.5, 0.75])

    /// A `.npy` file with the given header text, padded as numpy pads it, and payload.
    static func npyBytes(header: String, version: (UInt8, UInt8) = (1, 0), payload: [UInt8] = []) -> Data {
        let lengthFieldSize = version.0 == 1 ? 2 : 4
        var text = Array(header.utf8)
        while (6 + 2 + lengthFieldSize + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version.0, version.1]
        for byte in 0..<lengthFieldSize { bytes.append(UInt8((text.count >> (8 * byte)) & 0xFF)) }
        return Data(bytes + text + payload)
    }

    // MARK: round trips

    @Test(arguments: [[], [3], [2, 3, 4, 5], [0, 3]] as [[Int]])
    func encodeThenDecodeKeepsShapeAndValues(shape: [Int]) throws {
        var generator = SeededGenerator(seed: 7)
        let tensor = Tensor.normal(shape, using: &generator)
        let decoded = try NumpyArray.decode(NumpyArray.encode(tensor), source: "round.npy")
        #expect(decoded == tensor)
    }

    @Test func writeThenReadThroughAFile() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("weights.npy")
        let tensor = Tensor(shape: [2, 1, 2, 2], scalars: [1, -2, 3.5, .pi, 0, -0, 1e-30, 3e38])
        try NumpyArray.write(tensor, to: url)
        #expect(try NumpyArray.read(from: url) == tensor)
        // Overwriting replaces the file and leaves no temporary sibling behind.
        try NumpyArray.write(Self.matrix, to: url)
        #expect(try NumpyArray.read(from: url) == Self.matrix)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["weights.npy"])
    }

    @Test(arguments: [
        ("npy/float32_2x3.npy", [2, 3]), ("npy/float32_scalar.npy", []), ("npy/float32_empty_0x3.npy", [0, 3]),
    ] as [(String, [Int])])
    func encodingIsByteIdenticalToNumpySave(fixture: String, shape: [Int]) throws {
        let numpyBytes = try FixtureFiles.data(fixture)
        let tensor = try NumpyArray.decode(numpyBytes, source: fixture)
        #expect(tensor.shape == shape)
        #expect(NumpyArray.encode(tensor) == numpyBytes)
    }

    @Test func headerIsPaddedToSixtyFourBytesEndingInNewline() {
        for shape in [[], [1], [12_345_678_901], [2, 3, 4, 5, 6, 7, 8]] as [[Int]] {
            let header = NumpyHeader.encodedFloat32(shape: shape)
            #expect(header.count % 64 == 0)
            #expect(header.last == 0x0A)
            #expect(Int(header[8]) | Int(header[9]) << 8 == header.count - 10)
        }
    }

    // MARK: numpy's own files

    @Test func readsFloat32FromNumpy() throws {
        #expect(try NumpyArray.read(from: FixtureFiles.url("npy/float32_2x3.npy")) == Self.matrix)
        #expect(try NumpyArray.read(from: FixtureFiles.url("npy/float32_scalar.npy")) == Tensor(shape: [], scalars: [2.5]))
    }

    @Test(arguments: [
        ("float64_2x2.npy", [2, 2], [1.5, -2.0, 1e-3, 3.25]),
        ("float16_3.npy", [3], [0.5, -1.5, 65504]),
        ("int8_4.npy", [4], [-128, -1, 0, 127]),
        ("int16_3.npy", [3], [-32768, 7, 32767]),
        ("int32_2x3.npy", [2, 3], [-3, -2, -1, 0, 1, 2]),
        ("int64_3.npy", [3], [-1_099_511_627_776, 0, 1_099_511_627_776]),
        ("uint8_4.npy", [4], [0, 1, 128, 255]),
        ("uint16_2.npy", [2], [0, 65535]),
        ("uint32_2.npy", [2], [7, 4_000_000_000]),
        ("uint64_2.npy", [2], [9, 1_099_511_627_776]),
        ("bool_4.npy", [4], [1, 0, 0, 1]),
        ("version2_2x3.npy", [2, 3], [-0.5, -0.25, 0, 0.25, 0.5, 0.75]),
        ("version3_2x3.npy", [2, 3], [-0.5, -0.25, 0, 0.25, 0.5, 0.75]),
    ] as [(String, [Int], [Float])])
    func convertsOtherTypesAndVersionsToFloat(fixture: String, shape: [Int], values: [Float]) throws {
        let tensor = try NumpyArray.read(from: FixtureFiles.url("npy/\(fixture)"))
        #expect(tensor == Tensor(shape: shape, scalars: values))
    }

    @Test func halfPrecisionEdgeCases() {
        #expect(NumpyDataType.float(fromHalfBits: 0x0001) == 0x1p-24)  // smallest subnormal
        #expect(NumpyDataType.float(fromHalfBits: 0x8400) == -0x1p-14)  // smallest negative normal
        #expect(NumpyDataType.float(fromHalfBits: 0x3C00) == 1)
        #expect(NumpyDataType.float(fromHalfBits: 0xFC00) == -.infinity)
        #expect(NumpyDataType.float(fromHalfBits: 0x7E00).isNaN)
    }

    @Test func acceptsHandWrittenHeaders() throws {
        // The layout a shell script writes (int32, no spare spaces) and a Python 2 era shape.
        let int32 = Self.npyBytes(header: "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }", payload: [5, 0, 0, 0, 0xFB, 0xFF, 0xFF, 0xFF])
        #expect(try NumpyArray.decode(int32, source: "h.npy") == Tensor(shape: [1, 2], scalars: [5, -5]))
        let python2 = Self.npyBytes(header: "{\"shape\": (1L,), \"fortran_order\": False, \"descr\": \"|u1\"}", payload: [9])
        #expect(try NumpyArray.decode(python2, source: "h.npy") == Tensor(shape: [1], scalars: [9]))
    }

    // MARK: refusals

    @Test(arguments: [
        ("bigendian_2x3.npy", "big-endian data ('>f4') is not supported; save with dtype '<f4'"),
        ("fortran_2x3.npy", "Fortran-order data is not supported; save a C-order array (numpy.ascontiguousarray)"),
        ("object_2.npy", "object arrays ('|O') are not supported; save a numeric array"),
        ("structured_2.npy", "structured dtype [('x', '<f4'), ('y', '<i4')] is not supported; save each field as its own array"),
        ("complex64_2.npy", "dtype '<c8' is not supported; save as float32 ('<f4'), float64, float16, an integer type or bool"),
        ("string_2.npy", "dtype '<U3' is not supported; save as float32 ('<f4'), float64, float16, an integer type or bool"),
        ("truncated_data.npy", "truncated: 2×3 float32 data needs 24 bytes but 19 follow the header"),
        ("truncated_header.npy", "truncated: the header needs 128 bytes but the file has 40"),
        ("trailing_bytes.npy", "4 unexpected bytes after the 2×3 float32 data"),
        ("not_numpy.npy", "not a .npy file (it does not start with \\x93NUMPY)"),
    ] as [(String, String)])
    func refusesNumpyFilesItCannotRead(fixture: String, reason: String) throws {
        let data = try FixtureFiles.data("npy/\(fixture)")
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.decode(data, source: fixture) } == "\(fixture): \(reason)")
    }

    @Test(arguments: [
        ("[1, 2]", "header is not a Python dict literal: found [1, 2] instead of a dict"),
        ("{'descr': '<f4' 'shape': ()}", "header is not a Python dict literal: expected ',' or '}' at character 17, found '''"),
        ("{'descr': '<f4', 'fortran_order': Fals, 'shape': ()}", "header is not a Python dict literal: expected a value at character 35, found 'F'"),
        ("{'descr': '<f4", "header is not a Python dict literal: expected a closing ' at character 55, found the end of the header"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': ()} x", "header is not a Python dict literal: expected the end of the header at character 55, found 'x'"),
        ("{'descr': '<f4', 'fortran_order': False}", "header has no 'shape' key"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (), 'extra': 1}", "header has an unexpected key 'extra' (only 'descr', 'fortran_order', 'shape')"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (3)}", "header 'shape' must be a tuple of non-negative integers, found 3"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1)}", "header 'shape' must be a tuple of non-negative integers, found (2, -1)"),
        ("{'descr': '<f4', 'fortran_order': 0, 'shape': ()}", "header 'fortran_order' must be True or False, found 0"),
        ("{'descr': 4, 'fortran_order': False, 'shape': ()}", "header 'descr' must be a dtype string such as '<f4', found 4"),
        ("{'descr': '>f8', 'fortran_order': False, 'shape': ()}", "big-endian data ('>f8') is not supported; save with dtype '<f8'"),
        ("{'descr': '|f4', 'fortran_order': False, 'shape': ()}", "dtype '|f4' is not supported; save as float32 ('<f4'), float64, float16, an integer type or bool"),
    ] as [(String, String)])
    func refusesMalformedHeaders(header: String, reason: String) {
        let data = Self.npyBytes(header: header)
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.decode(data, source: "h.npy") } == "h.npy: \(reason)")
    }

    @Test func refusesDeeplyNestedHeaders() {
        let nested = String(repeating: "(", count: 40) + String(repeating: ")", count: 40)
        let data = Self.npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': \(nested)}")
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.decode(data, source: "h.npy") }
            == "h.npy: header is not a Python dict literal: expected at most 32 nested brackets at character 82, found '('")
    }

    @Test func everyShortenedFileIsRefusedNotCrashedOn() throws {
        let whole = try FixtureFiles.data("npy/float32_2x3.npy")
        for length in 0..<whole.count {
            let prefix = whole.prefix(length)
            #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.decode(prefix, source: "p.npy") } != nil,
                    "a file cut to \(length) bytes was accepted")
        }
    }

    @Test func refusesUnknownVersions() {
        let data = Self.npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': ()}", version: (4, 0), payload: [0, 0, 0, 0])
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.decode(data, source: "h.npy") }
            == "h.npy: .npy format version 4.0 is not supported (only 1.0, 2.0 and 3.0)")
    }

    @Test func namesMissingFilesAndFoldersAsGiven() throws {
        let missing = URL(fileURLWithPath: "no-such-array.npy")
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.read(from: missing) } == "no-such-array.npy: no such file")
        let folder = FixtureFiles.url("npy")
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.read(from: folder) } == "\(folder.path): cannot read: it is a folder, not a file")
        // A file read from disk is named by its path in the message.
        let bigEndian = FixtureFiles.url("npy/bigendian_2x3.npy")
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.read(from: bigEndian) }
            == "\(bigEndian.path): big-endian data ('>f4') is not supported; save with dtype '<f4'")
    }

    @Test func failedWriteLeavesNoFile() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let intoMissingFolder = folder.appendingPathComponent("missing/out.npy")
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.write(Self.matrix, to: intoMissingFolder) }
            == "\(intoMissingFolder.path): cannot write: the folder \(folder.path)/missing does not exist")
        // Renaming over a non-empty folder fails after the bytes were written: the temporary
        // file must be cleaned up and the folder left as it was.
        let occupied = folder.appendingPathComponent("taken.npy")
        try FileManager.default.createDirectory(at: occupied.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let message = arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.write(Self.matrix, to: occupied) }
        #expect(message?.hasPrefix("\(occupied.path): cannot write: ") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["taken.npy"])
    }

    // MARK: sizes from a hostile header

    @Test func shapesWhoseSizeOverflowsOrExceedsTheLimitAreRefusedWithTheRightNumbers() {
        func message(_ shape: String, _ descr: String = "<f4") -> String? {
            let data = Self.npyBytes(header: "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape)}", payload: [0, 0, 0, 0])
            return arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.decode(data, source: "h.npy") }
        }
        // 9223372036854775807 × 4 bytes wrapped to "needs -4 bytes" before.
        #expect(message("(9223372036854775807, 1, 1, 1)")
            == "h.npy: 9223372036854775807×1×1×1 float32 data is too large: it needs more than 9.2 EB and the limit is 2.1 GB")
        #expect(message("(1000000, 1000000)")
            == "h.npy: 1000000×1000000 float32 data is too large: it needs 4 TB and the limit is 2.1 GB")
        // An empty array may not carry extents whose product overflows either.
        #expect(message("(0, 9223372036854775807, 2)", "|u1")
            == "h.npy: 0×9223372036854775807×2 uint8 data is too large: it needs more than 9.2 EB and the limit is 2.1 GB")
        // Just within the limit, the data must still be present.
        #expect(message("(536870912,)")
            == "h.npy: truncated: 536870912 float32 data needs 2147483648 bytes but 4 follow the header")
    }

    @Test func aHeaderLongerThanAnyNumpyWritesIsRefusedBeforeItIsParsed() {
        // Version 2.0: a 4-byte length field claiming 100,000 bytes of header text.
        var data = Data([0x93] + Array("NUMPY".utf8) + [2, 0] + [0xA0, 0x86, 0x01, 0x00])
        data.append(Data(repeating: 0x20, count: 100_000))
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArray.decode(data, source: "h.npy") }
            == "h.npy: the header claims 100000 bytes of text, more than the 65535 a .npy header may take")
    }
}
