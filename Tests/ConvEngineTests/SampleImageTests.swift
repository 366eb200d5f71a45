import Testing
@testable import ConvEngine

@Suite struct SampleImageTests {
    @Test func sizesStayWithinFiveToSixteen() {
        for image in SampleImage.all {
            #expect((5...16).contains(image.height) && (5...16).contains(image.width), "\(image.name)")
            #expect(image.channels == 1 || image.channels == 3, "\(image.name)")
        }
    }

    @Test func namesAreUniqueAndFoundCaseInsensitively() {
        #expect(Set(SampleImage.names).count == SampleImage.all.count)
        #expect(SampleImage.named("EDGE")?.name == "edge")
        #expect(SampleImage.named("nope") == nil)
    }

    @Test func edgeIsDarkLeftBrightRight() throws {
        let edge = try #require(SampleImage.named("edge"))
        #expect(edge.rows()[3] == [0, 0, 0, 0, 1, 1, 1, 1])
    }

    @Test func colourImageHasARedSquareInTheRedChannelOnly() throws {
        let colour = try #require(SampleImage.named("colour"))
        #expect(colour.channels == 3)
        #expect(colour.rows(channel: 0)[2][2] == 1)
        #expect(colour.rows(channel: 1)[2][2] == 0)
        #expect(colour.rows(channel: 2)[2][2] == 0)
    }
}
