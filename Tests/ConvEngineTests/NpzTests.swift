import Foundation
import Testing
@testable import ConvEngine
@testable import ConvFiles

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

    // MARK: damaged structure and inflation bombs

    private func decodeError(_ data: Data) -> String? {
        arrayFileErrorMessage { () throws(ArrayFileError) in try NumpyArchive.decode(data, source: "x.npz") }
    }

    /// Overwrites the little-endian field of `size` bytes at `offset` from the end record's start.
    private func patchingEndRecord(_ data: Data, at offset: Int, size: Int, with value: Int) -> Data {
        var patched = data
        let start = data.count - 22 + offset
        patched.replaceSubrange(start..<(start + size), with: ZipBuilder.fields([(value, size)]))
        return patched
    }

    @Test func endRecordOffsetsAndCountsAreCheckedAgainstTheFile() throws {
        let archive = NumpyArchive.encode([(name: "w", tensor: Self.weight)])
        // A central directory at 0x7FFFFFFF trapped inside the zip library.
        #expect(decodeError(patchingEndRecord(archive, at: 16, size: 4, with: 0x7FFF_FFFF))?
            .hasPrefix("x.npz: damaged zip archive: the central directory (offset 2147483647, ") == true)
        #expect(decodeError(patchingEndRecord(archive, at: 12, size: 4, with: 0xFFFF_FFF0))?
            .hasPrefix("x.npz: damaged zip archive: the central directory (offset ") == true)
        #expect(decodeError(patchingEndRecord(archive, at: 10, size: 2, with: 60_000))?
            .hasPrefix("x.npz: damaged zip archive: the end record counts 60000 members but the central directory holds ") == true)
        // Saturated fields announce a zip64 record that is not there.
        #expect(decodeError(patchingEndRecord(archive, at: 16, size: 4, with: 0xFFFF_FFFF))
            == "x.npz: damaged zip archive: the end record needs a zip64 record, but there is none")
        #expect(decodeError(patchingEndRecord(archive, at: 4, size: 2, with: 1))
            == "x.npz: damaged zip archive: archives split over several disks are not supported")
    }

    @Test func memberOffsetsAndSizesAreCheckedAgainstTheFile() throws {
        let contents = NumpyArray.encode(Self.bias)
        var builder = ZipBuilder()
        builder.store("b.npy", contents)
        #expect(try NumpyArchive.decode(builder.data, source: "x.npz") == ["b": Self.bias])
        // The one member's directory record starts right after its data; patch its fields.
        let recordStart = 30 + 5 + contents.count
        func patchingRecord(at offset: Int, size: Int, with value: Int) -> Data {
            var patched = builder.data
            patched.replaceSubrange((recordStart + offset)..<(recordStart + offset + size), with: ZipBuilder.fields([(value, size)]))
            return patched
        }
        #expect(decodeError(patchingRecord(at: 42, size: 4, with: 0x7FFF_FFFF))
            == "x.npz: damaged zip archive: the local header of member 'b.npy' (offset 2147483647) is missing or lies outside the file")
        #expect(decodeError(patchingRecord(at: 20, size: 4, with: 0x7FFF_FFFF))
            == "x.npz: damaged zip archive: stored member 'b.npy' declares 2147483647 bytes stored but \(contents.count) uncompressed")
        var bothSizes = patchingRecord(at: 20, size: 4, with: 1 << 20)
        bothSizes.replaceSubrange((recordStart + 24)..<(recordStart + 28), with: ZipBuilder.fields([(1 << 20, 4)]))
        #expect(decodeError(bothSizes)
            == "x.npz: damaged zip archive: the data of member 'b.npy' (offset 35, 1048576 bytes) runs past the members' end at \(recordStart)")
        #expect(decodeError(patchingRecord(at: 24, size: 4, with: 0xFFFF_FFF0))
            == "x.npz: damaged zip archive: member 'b.npy' declares 4.3 GB uncompressed, more than the 2.1 GB limit")
    }

    @Test func inflationStopsAtTheSizeTheMemberDeclares() throws {
        // A .npy of two floats (136 bytes) followed by 8 MB of zeros, deflated, with the
        // deflate stream cut in half: inflating it all would end in "cut short", so the
        // message about the declared size shows inflation stopped early.
        let honest = NumpyArray.encode(Self.bias)
        let bomb = honest + Data(count: 8 << 20)
        let half = Inflate.deflate(bomb).count / 2
        var byArchive = ZipBuilder()
        byArchive.deflate("b.npy", bomb, declaredSize: honest.count, keepBytes: half)
        #expect(decodeError(byArchive.data)
            == "x.npz/b.npy: cannot extract: it grows past the \(honest.count) bytes the archive declares; the archive is damaged")
        // The archive may tell the truth about the bomb; the .npy header inside still declares 136.
        var byHeader = ZipBuilder()
        byHeader.deflate("b.npy", bomb, keepBytes: half)
        #expect(decodeError(byHeader.data)
            == "x.npz/b.npy: cannot extract: it grows past the \(honest.count) bytes its .npy header declares; the archive is damaged")
        // Honest deflated members read as before.
        var fine = ZipBuilder()
        fine.deflate("b.npy", honest)
        #expect(try NumpyArchive.decode(fine.data, source: "x.npz") == ["b": Self.bias])
    }
}
