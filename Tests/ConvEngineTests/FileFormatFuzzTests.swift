import Foundation
import Testing
@testable import ConvEngine
@testable import ConvFiles

/// Random, truncated and mutated inputs for every file reader, starting from valid files built
/// in memory by the project's own writers. Each try must end in a valid value or a thrown
/// one-line error naming the source; a trap ends the whole test run, which is the failure
/// these tests exist to catch. Seeded, so a failure replays exactly; sized to run in about a
/// second each in a debug build.
@Suite struct FileFormatFuzzTests {
    /// Damages bytes the way disks, downloads and hostile authors do.
    struct Mutator {
        var generator: SeededGenerator

        /// Values that sit on the edges of the fields they land in: zero, one, sign bits,
        /// saturated widths.
        static let edgeBytes: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF]
        static let edgeWords: [UInt32] = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF, 0xFFFF, 0x1_0000]
        /// Tokens that stress a text header or raster.
        static let edgeTokens = ["0", "-1", "65536", "4294967296", "9223372036854775807", "99999999999999999999", "#", "P6", "1e3", ""]

        mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : generator.nextInt(below: bound) }

        /// One damaged copy of `data`.
        mutating func mutate(_ data: Data, text: Bool = false) -> Data {
            var bytes = [UInt8](data)
            switch below(text ? 8 : 7) {
            case 0:  // cut short
                bytes = Array(bytes.prefix(below(bytes.count + 1)))
            case 1:  // flip a few bits
                for _ in 0..<(1 + below(8)) where !bytes.isEmpty {
                    bytes[below(bytes.count)] ^= UInt8(1) << UInt8(below(8))
                }
            case 2:  // edge values in single bytes
                for _ in 0..<(1 + below(4)) where !bytes.isEmpty {
                    bytes[below(bytes.count)] = Self.edgeBytes[below(Self.edgeBytes.count)]
                }
            case 3:  // an edge value over a 4-byte field, little- or big-endian
                guard bytes.count >= 4 else { break }
                let word = Self.edgeWords[below(Self.edgeWords.count)]
                let offset = below(bytes.count - 3)
                let bigEndian = below(2) == 0
                for index in 0..<4 {
                    bytes[offset + index] = UInt8(truncatingIfNeeded: word >> (8 * (bigEndian ? 3 - index : index)))
                }
            case 4:  // a span removed
                guard !bytes.isEmpty else { break }
                let start = below(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + below(16)))
            case 5:  // random bytes inserted
                let insert = (0..<(1 + below(16))).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                bytes.insert(contentsOf: insert, at: below(bytes.count + 1))
            case 6:  // noise of a random length
                bytes = (0..<below(300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            default:  // a stressing token written over the text
                let token = Array((" " + Self.edgeTokens[below(Self.edgeTokens.count)] + " ").utf8)
                let start = below(bytes.count + 1)
                bytes.replaceSubrange(start..<min(bytes.count, start + below(6)), with: token)
            }
            return Data(bytes)
        }
    }

    /// How many tries ended in a value and how many in an error.
    struct Outcomes {
        var values = 0
        var errors = 0
    }

    /// Runs `decode` on `tries` damaged copies of the seeds, recording each outcome and any
    /// error that is not one line starting with the source's name.
    static func fuzz<Value, Failure: Error & CustomStringConvertible>(
        seeds: [Data], tries: Int, seed: UInt64, text: Bool = false,
        decode: (Data, String) throws(Failure) -> Value, isValid: (Value) -> Bool
    ) -> Outcomes {
        var mutator = Mutator(generator: SeededGenerator(seed: seed))
        var outcomes = Outcomes()
        for attempt in 0..<tries {
            var data = seeds[attempt % seeds.count]
            // Most tries damage once; some pile several damages on top of each other.
            for _ in 0..<(1 + (mutator.below(4) == 0 ? mutator.below(4) : 0)) { data = mutator.mutate(data, text: text) }
            let source = "try\(attempt)"
            do {
                let value = try decode(data, source)
                #expect(isValid(value), "try \(attempt) (seed \(seed)) decoded to an invalid value")
                outcomes.values += 1
            } catch {
                let message = error.description
                #expect(message.hasPrefix(source) && !message.contains("\n"),
                        "try \(attempt) (seed \(seed)): not one line naming the source: \(message.debugDescription)")
                outcomes.errors += 1
            }
        }
        return outcomes
    }

    static func isFinite(_ tensor: Tensor) -> Bool {
        tensor.count == tensor.shape.reduce(1, *) && tensor.scalars.count == tensor.count
    }

    // MARK: .npy and .npz

    static var npySeeds: [Data] {
        var generator = SeededGenerator(seed: 11)
        var seeds = [[], [3], [2, 3], [1, 2, 2, 2], [0, 4]].map { NumpyArray.encode(Tensor.normal($0, using: &generator)) }
        // Other versions and dtypes, hand-written as numpy writes them.
        seeds.append(NpyTests.npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", version: (2, 0),
                                       payload: Array(repeating: 0x3F, count: 16)))
        seeds.append(NpyTests.npyBytes(header: "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }", version: (3, 0),
                                       payload: [0, 1, 2, 255]))
        seeds.append(NpyTests.npyBytes(header: "{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", payload: Array(repeating: 0xFF, count: 8)))
        return seeds
    }

    @Test func npyReaderNeverTraps() {
        let outcomes = Self.fuzz(seeds: Self.npySeeds, tries: 4000, seed: 1,
                                 decode: { (data, source) throws(ArrayFileError) in try NumpyArray.decode(data, source: source) },
                                 isValid: Self.isFinite)
        #expect(outcomes.errors > 1000 && outcomes.values > 20, "\(outcomes)")
    }

    @Test func npzReaderNeverTraps() {
        var generator = SeededGenerator(seed: 12)
        let arrays = [(name: "conv1.weight", tensor: Tensor.normal([2, 1, 3, 3], using: &generator)),
                      (name: "conv1.bias", tensor: Tensor.normal([2], using: &generator))]
        let seeds = [NumpyArchive.encode(arrays, compression: .stored), NumpyArchive.encode(arrays, compression: .deflated),
                     NumpyArchive.encode([(name: "x", tensor: Tensor(shape: [], scalars: [1]))], compression: .deflated)]
        let outcomes = Self.fuzz(seeds: seeds, tries: 3000, seed: 2,
                                 decode: { (data, source) throws(ArrayFileError) in try NumpyArchive.decode(data, source: source) },
                                 isValid: { $0.values.allSatisfy(Self.isFinite) })
        #expect(outcomes.errors > 1000 && outcomes.values > 50, "\(outcomes)")
    }

    // MARK: IDX

    static var idxSeeds: [Data] {
        [IDXFile(shape: [3, 4, 4], bytes: (0..<48).map { UInt8($0 * 5) }).encoded(),
         IDXFile(shape: [5], bytes: [7, 1, 0, 9, 3]).encoded(),
         IDXFile(shape: [0, 28, 28], bytes: []).encoded()]
    }

    static func isValid(_ file: IDXFile) -> Bool { file.bytes.count == file.shape.reduce(1, *) }

    @Test func idxReaderNeverTraps() {
        let outcomes = Self.fuzz(seeds: Self.idxSeeds, tries: 4000, seed: 3,
                                 decode: { (data, source) throws(DatasetFileError) in try IDXFile.decode(data, source: source) },
                                 isValid: Self.isValid)
        #expect(outcomes.errors > 1000 && outcomes.values > 100, "\(outcomes)")
    }

    @Test func compressedIDXReaderNeverTraps() {
        let outcomes = Self.fuzz(seeds: Self.idxSeeds.map(Gzip.compress), tries: 3000, seed: 4,
                                 decode: { (data, source) throws(DatasetFileError) in try IDXFile.decode(data, source: source) },
                                 isValid: Self.isValid)
        #expect(outcomes.errors > 1000 && outcomes.values > 20, "\(outcomes)")
    }

    // MARK: PGM/PPM

    @Test func anymapReaderNeverTraps() {
        var generator = SeededGenerator(seed: 13)
        let grey = Tensor.uniform([1, 3, 4], low: 0, high: 1, using: &generator)
        let colour = Tensor.uniform([3, 2, 3], low: 0, high: 1, using: &generator)
        let seeds = [
            PortableAnymap.encode(grey),  // P5
            PortableAnymap.encode(colour),  // P6
            Data("P5 2 1 65535\n".utf8) + Data([0x80, 0x00, 0xFF, 0xFF]),
            Data("P2\n# a comment\n3 2\n255\n0 51 255\n102 204 1\n".utf8),
            Data("P3 2 1 15\n15 0 0  0 5 10\n".utf8),
        ]
        let outcomes = Self.fuzz(seeds: seeds, tries: 5000, seed: 5, text: true,
                                 decode: { (data, source) throws(DatasetFileError) in try PortableAnymap.decode(data, source: source) },
                                 isValid: { image in
                                     Self.isFinite(image) && image.scalars.allSatisfy { (0...1).contains($0) }
                                 })
        #expect(outcomes.errors > 1000 && outcomes.values > 200, "\(outcomes)")
    }
}
