import Foundation
import Testing
@testable import ConvEngine

/// `.npz` reading and writing: round trips in both compressions, member order, archives
/// written by `numpy.savez` and `numpy.savez_compressed` (see Fixtures/make_array_fixtures.py),
/// and the exact refusal for each malformed archive.
@Suite struct NpzTests {
    /// The weight and bias the numpy archives hold: (arange(24) − 12)/8 as 2×3×2×2, and [0.5, −0.5].
    static let weight = Tensor(shape: [2, 3, 2, 2], scalars: (0..<24).map { (Float($0) - 12) / 8 })
    static let bias = Tensor(shape: [2], scalars: [0.5, -0.5])

    static func randomArrays() -> [String: Tensor] {
        var generator = SeededGenerator(seed: 11)
        return [
            "scalar": Tensor.normal([], using: &generator),
            "conv1.bias": Tensor.normal([3], using: &generator),
            "conv1.weight": Tensor.normal([2, 3, 4, 5], using: &generator),
        ]
    }

    @Test(arguments: [NumpyArchive.Compression.stored, .deflated])
    func writeThenReadKeepsEveryArray(compression: NumpyArchive.Compression) throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("checkpoint.npz")
        let arrays = Self.randomArrays()
        try NumpyArchive.write(arrays, to: url, compression: compression)
        #expect(try NumpyArchive.read(from: url) == arrays)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["checkpoint.npz"])
    }

    @Test func deflatingShrinksRepetitiveArrays() throws {
        let arrays = ["zeros": Tensor.zeros([64, 64])]
        let stored = NumpyArchive.encode(arrays.map { ($0.key, $0.value) }, compression: .stored)
        let deflated = NumpyArchive.encode(arrays.map { ($0.key, $0.value) }, compression: .deflated)
        #expect(deflated.count * 10 < stored.count)
        #expect(try NumpyArchive.decode(deflated, source: "d.npz") == arrays)
    }

    @Test func pairsKeepTheirOrderAndDictionariesAreSorted() throws {
        let pairs = [(name: "b", tensor: Self.bias), (name: "a", tensor: Self.weight)]
        let ordered = NumpyArchive.encode(pairs)
        let bMember = try #require(ordered.range(of: Data("b.npy".utf8)))
        let aMember = try #require(ordered.range(of: Data("a.npy".utf8)))
        #expect(bMember.lowerBound < aMember.lowerBound)

        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("sorted.npz")
        try NumpyArchive.write(["b": Self.bias, "a": Self.weight], to: url)
        // Sorted by name, and the same arrays give the same bytes however often they are written.
        #expect(try Data(contentsOf: url) == NumpyArchive.encode(pairs.reversed()))
        #expect(NumpyArchive.encode(pairs) == ordered)
    }

    @Test(arguments: ["stored.npz", "deflated.npz"])
    func readsNumpySavezArchives(fixture: String) throws {
        let arrays = try NumpyArchive.read(from: FixtureFiles.url("npz/\(fixture)"))
        #expect(arrays == ["weight": Self.weight, "bias": Self.bias, "steps": Tensor(shape: [], scalars: [3])])
    }

    @Test func positionalArraysAreNamedAsNumpyNamesThem() throws {
        let arrays = try NumpyArchive.read(from: FixtureFiles.url("npz/positional.npz"))
        #expect(arrays == ["arr_0": NpyTests.matrix, "arr_1": Self.bias])
    }

    @Test(arguments: [
        ("bigendian_member.npz", "bigendian_member.npz/weight.npy: big-endian data ('>f4') is not supported; save with dtype '<f4'"),
        ("foreign_member.npz", "foreign_member.npz: member 'README.txt' is not a .npy array"),
        ("duplicate_member.npz", "duplicate_member.npz: more than one array named 'bias'"),
        ("truncated.npz", "truncated.npz: not a zip archive, or a truncated one (a .npz is a zip of .npy files)"),
        ("not_zip.npz", "not_zip.npz: not a zip archive, or a truncated one (a .npz is a zip of .npy files)"),
    ] as [(String, String)])
    func refusesArchivesItCannotRead(fixture: String, message: String) throws {
        let data = try FixtureFiles.data("npz/\(fixture)")
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArchive.decode(data, source: fixture) } == message)
    }

    @Test func refusesAMemberWhoseChecksumDoesNotMatch() throws {
        var data = try FixtureFiles.data("npz/stored.npz")
        // The first member, weight.npy, is stored uncompressed: flip a bit of its first float.
        let firstArray = try #require(data.range(of: Data([0x93] + Array("NUMPY".utf8))))
        data[firstArray.lowerBound + 128] ^= 0x01
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArchive.decode(data, source: "bad.npz") }
            == "bad.npz/weight.npy: cannot extract: its checksum does not match (the archive is damaged)")
    }

    @Test func readingNamesTheArchiveAsGiven() throws {
        let url = FixtureFiles.url("npz/not_zip.npz")
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArchive.read(from: url) }
            == "\(url.path): not a zip archive, or a truncated one (a .npz is a zip of .npy files)")
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArchive.read(from: URL(fileURLWithPath: "absent.npz")) }
            == "absent.npz: no such file")
    }

    @Test func failedWriteLeavesNoFile() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("missing/out.npz")
        #expect(arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArchive.write(Self.randomArrays(), to: url) }
            == "\(url.path): cannot write: the folder \(folder.path)/missing does not exist")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
