import Foundation
import Testing
@testable import ConvEngine
@testable import ConvFiles

private func decode(_ bytes: [UInt8]) throws(DatasetFileError) -> Tensor {
    try PortableAnymap.decode(Data(bytes), source: "x.pgm")
}

private func decodeError(_ text: String) -> String? {
    do {
        _ = try decode(Array(text.utf8))
        return nil
    } catch {
        return error.description
    }
}

@Suite struct PortableAnymapTests {
    @Test func plainGreyscaleWithCommentsEverywhere() throws {
        let text = "P2 # a comment right after the magic\n# a whole-line comment\n3 2\n# before maxval\n255\n0 51 255\n# in the raster\n102 # trailing\n204 1\n"
        let image = try decode(Array(text.utf8))
        #expect(image.shape == [1, 2, 3])
        #expect(image.scalars == [0, 51, 255, 102, 204, 1].map { Float($0) / 255 })
    }

    @Test func binaryGreyscaleEightAndSixteenBit() throws {
        let eight = try decode(Array("P5\n2 1\n255\n".utf8) + [0x80, 0xFF])
        #expect(eight.scalars == [128 / 255, 1])
        // maxval 65535: two bytes per sample, most significant first; 0x8000 = 32768.
        let sixteen = try decode(Array("P5 2 1 65535\n".utf8) + [0x80, 0x00, 0xFF, 0xFF])
        #expect(sixteen.scalars == [32768 / 65535, 1])
        // A maxval that is not 255 scales by itself: 15 → 1.
        #expect(try decode(Array("P2 2 1 15 15 5".utf8)).scalars == [1, 5 / 15])
    }

    @Test func colourImagesBecomeChannelPlanes() throws {
        // Two pixels: red (255, 0, 0) then (0, 51, 102).
        let plain = try decode(Array("P3\n2 1\n255\n255 0 0  0 51 102\n".utf8))
        #expect(plain.shape == [3, 1, 2])
        #expect(plain.scalars == [1, 0, 0, 0.2, 0, 0.4])
        let binary = try decode(Array("P6\n2 1\n255\n".utf8) + [255, 0, 0, 0, 51, 102])
        #expect(binary == plain)
    }

    @Test func badFilesGiveOneLineSayingWhatWasExpected() {
        #expect(decodeError("P1\n2 2\n0 1 1 0") == "x.pgm: not a readable PGM/PPM file: magic P1 is not P2, P3, P5 or P6 (P1/P4 bitmaps and P7 are not supported)")
        #expect(decodeError("GIF89a") == "x.pgm: not a readable PGM/PPM file: it does not start with P2, P3, P5 or P6")
        #expect(decodeError("P2\n2 x\n255\n") == "x.pgm: not a readable PGM/PPM file: the height is 'x', expected a non-negative integer")
        #expect(decodeError("P2\n2 2\n") == "x.pgm: not a readable PGM/PPM file: the header ends before the maxval")
        #expect(decodeError("P2 2 1 70000 1 2") == "x.pgm: not a readable PGM/PPM file: maxval 70000 is outside 1…65535")
        #expect(decodeError("P2 2 1 255 1 256") == "x.pgm: sample 1 is '256', expected an integer from 0 to 255")
        #expect(decodeError("P2 2 1 255 1") == "x.pgm: not a readable PGM/PPM file: the image needs 2 samples but the file ends after 1")
        #expect(decodeError("P5 2 2 255\nabc") == "x.pgm: truncated: needs 15 bytes but has 14")
    }

    @Test func writtenImagesReadBack() throws {
        let grey = Tensor(shape: [1, 2, 2], scalars: [0, 0.2, 1, 1.5])  // 1.5 clamps to 1
        let encoded = PortableAnymap.encode(grey)
        #expect(encoded.prefix(11) == Data("P5\n2 2\n255\n".utf8))
        #expect(try PortableAnymap.decode(encoded, source: "g").scalars == [0, 0.2, 1, 1])
        let colour = Tensor(shape: [3, 1, 2], scalars: [1, 0, 0, 0.2, 0, 0.4])
        let folder = try FixtureFiles.makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("c.ppm")
        try PortableAnymap.write(colour, to: url)
        #expect(try PortableAnymap.read(from: url) == colour)
    }

    // MARK: hostile headers

    @Test func headerSizesAreBoundedBeforeAnythingIsAllocated() {
        // 100000×100000 asked for 80 GB; 4294967296 squared overflowed and trapped.
        #expect(decodeError("P5\n100000 100000\n255\n") == "x.pgm: the width must be at most 16384, got 100000")
        #expect(decodeError("P6\n4294967296 4294967296\n255\n") == "x.pgm: the width must be at most 16384, got 4294967296")
        #expect(decodeError("P2 1 99999999999999999999999 255") == "x.pgm: not a readable PGM/PPM file: the height is '99999999999999999999999', expected a non-negative integer")
        #expect(decodeError("P3 10000 10000 255 0 0 0") == "x.pgm: the pixel count 10000×10000 must be at most 16777216, got 100000000")
        // Within the bounds, the samples must be present before room is made for them.
        #expect(decodeError("P5 4096 4096 65535\n\u{0}\u{0}") == "x.pgm: truncated: needs 33554451 bytes but has 21")
        #expect(decodeError("P3 1000 1000 255 1 2 3") == "x.pgm: not a readable PGM/PPM file: the image needs 3000000 samples but the file ends after 3")
    }

    @Test func textFromTheFileIsQuotedOnOneLineAndCutShort() {
        #expect(decodeError("P\n2 2") == "x.pgm: not a readable PGM/PPM file: magic P\\n is not P2, P3, P5 or P6 (P1/P4 bitmaps and P7 are not supported)")
        let digits = String(repeating: "9", count: 5000)
        #expect(decodeError("P2 \(digits)x 1 255") == "x.pgm: not a readable PGM/PPM file: the width is '\(String(repeating: "9", count: 40))…', expected a non-negative integer")
        #expect(decodeError("P2 1 1 255 \u{1B}[2J") == "x.pgm: sample 0 is '\\u{1B}[2J', expected an integer from 0 to 255")
    }
}
