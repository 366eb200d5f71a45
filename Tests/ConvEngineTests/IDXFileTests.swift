import Foundation
import Testing
@testable import ConvEngine
@testable import ConvFiles

/// An IDX file of unsigned bytes with the given extents.
private func idx(_ shape: [Int], _ bytes: [UInt8]) -> Data { IDXFile(shape: shape, bytes: bytes).encoded() }

private func idxError(_ data: Data) -> String? {
    do {
        _ = try IDXFile.decode(data, source: "x.idx")
        return nil
    } catch {
        return error.description
    }
}

@Suite struct IDXFileTests {
    @Test func readsAHandBuiltFile() throws {
        // 00 00 08 03 | 00 00 00 02 | 00 00 00 01 | 00 00 00 03 | six bytes.
        var data = Data([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3])
        data.append(contentsOf: [0, 51, 255, 1, 2, 3])
        let file = try IDXFile.decode(data, source: "x")
        #expect(file.shape == [2, 1, 3])
        #expect(file.bytes == [0, 51, 255, 1, 2, 3])
        #expect(file.encoded() == data)
    }

    @Test func gzipCompressedFileReadsLikeThePlainOne() throws {
        let plain = try IDXFile.read(from: FixtureFiles.url("idx/three-images-idx3-ubyte"))
        let compressed = try IDXFile.read(from: FixtureFiles.url("idx/three-images-idx3-ubyte.gz"))
        #expect(plain.shape == [3, 2, 4])
        #expect(compressed == plain)
        #expect(plain.bytes.prefix(4) == [0, 255, 51, 102])
    }

    @Test func damagedGzipIsOneLineNamingTheFileAndGunzip() throws {
        let data = try FixtureFiles.data("idx/three-images-idx3-ubyte.gz")
        let truncated = idxError(data.prefix(data.count - 12))
        #expect(truncated?.hasPrefix("x.idx: cannot decompress:") == true, "\(truncated ?? "nil")")
        #expect(truncated?.contains("gunzip x.idx") == true)
        var corrupted = data
        corrupted[corrupted.count - 6] ^= 0xFF  // the stored length no longer matches
        #expect(idxError(corrupted)?.contains("checksum") == true)
    }

    @Test func truncatedFilesSayHowManyBytesWereNeeded() {
        let good = idx([2, 2, 2], Array(0..<8))
        #expect(idxError(good.prefix(good.count - 1)) == "x.idx: truncated: needs 24 bytes but has 23")
        #expect(idxError(good.prefix(10)) == "x.idx: truncated: needs 16 bytes but has 10")
        #expect(idxError(Data([0, 0])) == "x.idx: truncated: needs 4 bytes but has 2")
        #expect(idxError(good + Data([9, 9])) == "x.idx: 2 unexpected bytes after the data")
    }

    @Test func wrongMagicAndTypeAreRefused() {
        #expect(idxError(Data([0x1F, 0x00, 8, 1, 0, 0, 0, 0]))?.hasPrefix("x.idx: not an IDX file (magic 0x1F000801") == true)
        #expect(idxError(Data("P5\n2 2\n255\n".utf8))?.hasPrefix("x.idx: not an IDX file") == true)
        #expect(idxError(Data([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]))
            == "x.idx: IDX element type 0xD is not supported (only unsigned bytes, 0x08, as in MNIST)")
    }

    @Test func imagesAndLabelsMustAgree() throws {
        let images = try IDXFile.decode(idx([3, 2, 2], Array(repeating: 255, count: 12)), source: "i")
        let labels = try IDXFile.decode(idx([2], [7, 1]), source: "l")
        #expect(throws: DatasetFileError.countMismatch(imagesFile: "i", images: 3, labelsFile: "l", labels: 2)) {
            try Dataset(idxImages: images, labels: labels, imagesFile: "i", labelsFile: "l")
        }
        #expect(DatasetFileError.countMismatch(imagesFile: "i", images: 3, labelsFile: "l", labels: 2).description
            == "i holds 3 images but l holds 2 labels")
        #expect(throws: DatasetFileError.wrongIDXRank(file: "l", role: "labels", expected: 1, found: 3)) {
            try Dataset(idxImages: images, labels: images, imagesFile: "i", labelsFile: "l")
        }
        let three = try IDXFile.decode(idx([3], [7, 1, 0]), source: "l")
        let dataset = try Dataset(idxImages: images, labels: three, imagesFile: "i", labelsFile: "l")
        #expect(dataset.images.shape == [3, 1, 2, 2])
        #expect(dataset.images.scalars.allSatisfy { $0 == 1 })  // 255/255
        #expect(dataset.labels == [7, 1, 0])
    }

    @Test func mnistFolderFindsPlainAndGzipFilesAndNamesAMissingOne() throws {
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func put(_ name: String, _ data: Data) throws { try data.write(to: folder.appendingPathComponent(name)) }
        try put(MNISTFolder.trainImages, idx([2, 2, 2], [0, 51, 102, 153, 204, 255, 0, 0]))
        try put(MNISTFolder.trainLabels, idx([2], [4, 2]))
        try put(MNISTFolder.testImages + ".gz", try FixtureFiles.data("idx/three-images-idx3-ubyte.gz"))
        #expect(throws: DatasetFileError.missingDatasetFile(folder: folder.path, name: MNISTFolder.testLabels)) {
            try MNISTFolder.load(from: folder)
        }
        try put(MNISTFolder.testLabels, idx([3], [1, 2, 3]))
        let (train, test) = try MNISTFolder.load(from: folder)
        #expect(train.images.scalars.prefix(6) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(train.labels == [4, 2])
        #expect(test.images.shape == [3, 1, 2, 4])
        #expect(test.labels == [1, 2, 3])
    }

    // MARK: hostile headers and inflation bombs

    /// An IDX header for `shape`, with no data after it.
    private func header(_ shape: [Int]) -> Data {
        Data([0, 0, 8, UInt8(shape.count)] + shape.flatMap { extent in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: extent >> $0) } })
    }

    @Test func headerExtentsAreBoundedBeforeAnythingIsAllocated() {
        #expect(idxError(header([4_000_000_000, 28, 28]))
            == "x.idx: the number of examples (IDX axis 0) must be at most 1000000, got 4000000000")
        #expect(idxError(header([10, 20_000, 28])) == "x.idx: the size of IDX axis 1 must be at most 16384, got 20000")
        #expect(idxError(header([1_000_000, 16_384, 16_384]))
            == "x.idx: the IDX data of shape 1000000×16384×16384 would take 268 TB, more than the 2.1 GB limit")
        // Many axes whose product overflows are "too large", not a trap.
        #expect(idxError(header([1] + Array(repeating: 16_384, count: 8)))?.hasSuffix("would take more than 9.2 EB, more than the 2.1 GB limit") == true)
    }

    @Test func compressedFilesRoundTripThroughTheGzipWriter() throws {
        let plain = idx([3, 2, 2], Array(0..<12))
        #expect(try IDXFile.decode(Gzip.compress(plain), source: "x") == IDXFile.decode(plain, source: "x"))
    }

    @Test func inflationStopsAtTheSizeTheHeaderDeclares() {
        // The header says 200 images of 28×28 (156,800 bytes of data, 156,816 with the header); 8 MB of zeros follow.
        // The deflate stream is then cut in half: had the reader inflated it all, it would
        // report a truncated stream, not the size its header declares.
        var bomb = header([200, 28, 28])
        bomb.append(Data(count: 8 << 20))
        var compressed = Gzip.compress(bomb)
        compressed = compressed.prefix(compressed.count / 2) + compressed.suffix(8)
        #expect(idxError(compressed) == "x.idx: the compressed data grows past the 156816 bytes its header declares; the file is damaged")
        // A small one: 24 bytes declared, a megabyte inflated.
        var small = header([2, 2, 2])
        small.append(Data(count: 1 << 20))
        #expect(idxError(Gzip.compress(small)) == "x.idx: the compressed data grows past the 24 bytes its header declares; the file is damaged")
        // A gzip whose inflated header is itself cut short says how much it needed.
        #expect(idxError(Gzip.compress(Data([0, 0, 8, 3, 0, 0]))) == "x.idx: truncated: needs 16 bytes but has 6")
    }

    @Test func aDatasetPathThatIsAFileOrMissingSaysSo() throws {
        let file = FixtureFiles.url("idx/three-images-idx3-ubyte")
        #expect(throws: DatasetFileError.unreadable(file: file.path, reason: "it is a file, not a folder of MNIST's four IDX files")) {
            try MNISTFolder.load(from: file)
        }
        let missing = file.appendingPathExtension("absent")
        #expect(throws: DatasetFileError.fileNotFound(file: missing.path)) { try MNISTFolder.load(from: missing) }
    }
}
