import ConvEngine
import Testing
import TerminalUI
@testable import ConvLabApp

/// Probabilities on screen, including the NaN a diverged network gives.
@Suite struct ProbabilityTextTests {
    @Test func percentagesAndBars() {
        #expect(ProbabilityText.percent(0.424) == "42%")
        #expect(ProbabilityText.percent(1) == "100%")
        #expect(ProbabilityText.percent(.nan) == "?%")
        #expect(ProbabilityText.percent(.infinity) == "?%")
        #expect(ProbabilityText.filledCells(0.5, width: 10) == 5)
        #expect(ProbabilityText.filledCells(.nan, width: 10) == 0)
        #expect(ProbabilityText.filledCells(1.5, width: 10) == 10)
        #expect(ProbabilityText.filledCells(-0.5, width: 10) == 0)
    }

    /// A run that diverged ends with weights that are not numbers (they overflowed, then
    /// inf − inf gave NaN), so its probabilities are NaN on either engine; the draw demo and
    /// the network view show "?%" instead of trapping.
    @Test func aDivergedNetworkShowsUnknownPercentages() throws {
        var model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 1)
        model.updateParameters { parameter in
            parameter.value = Tensor(shape: parameter.value.shape, scalars: parameter.value.scalars.map { _ in .nan })
        }
        let network = LoadedNetwork(model: model, origin: "diverged")
        var draw = try DrawScreen(network: network)
        for key in [Key.character(" "), .right, .right, .down, .down] { _ = draw.update(.key(key)) }
        let drawText = App(root: draw).frame().trimmedLines.joined(separator: "\n")
        #expect(drawText.contains("?%"))
        let feed = FixedNetworkFeed(model: model, caption: "diverged", probes: SyntheticDigits.testSet(count: 4, seed: 0))
        let view = NetworkScreen(source: feed, context: AppContext())
        #expect(App(root: view).frame().trimmedLines.joined(separator: "\n").contains("?%"))
    }
}
