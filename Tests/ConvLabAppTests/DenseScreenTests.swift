import ConvEngine
import Testing
import TerminalUI
import TestSupport
@testable import ConvLabApp

@Suite struct DenseScreenTests {
    private func makeScreen(_ parameters: [String: String] = [:]) throws -> DenseScreen {
        try DenseScreen(parameters: parameters, context: AppContext(colorCapability: .none))
    }

    /// Ticks until the net is trained and the class map exists.
    private func trained(_ parameters: [String: String] = [:]) throws -> DenseScreen {
        var screen = try makeScreen(parameters)
        while screen.classMap == nil { _ = screen.update(.tick(milliseconds: 100)) }
        return screen
    }

    private func render(_ screen: DenseScreen, width: Int = 80, height: Int = 22) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        screen.render(into: &buffer, area: buffer.area)
        return buffer
    }

    /// Every class map cell is the engine's argmax (and softmax maximum) of the trained net on
    /// that 14×14 window of the canvas, cropped here independently.
    @Test func classMapIsTheNetsArgmaxOnEachWindow() throws {
        let screen = try trained(["stride": "3"])
        let map = try #require(screen.classMap)
        #expect((map.rows, map.columns) == (2, 11))
        let canvas = screen.experiment.canvas
        for row in 0..<map.rows {
            for column in 0..<map.columns {
                var window = Tensor(shape: [1, 1, 14, 14], repeating: 0)
                for y in 0..<14 { for x in 0..<14 { window[0, 0, y, x] = canvas[0, 0, row * 3 + y, column * 3 + x] } }
                var network = screen.experiment.trainer.model
                let probabilities = softmax(logits: network.forward(window))
                #expect(map.classes[row][column] == predictedClasses(logits: probabilities)[0])
                #expect(abs(map.confidences[row][column] - probabilities.scalars.max()!) < 1e-6)
            }
        }
        // The trained net finds at least one of the three digits somewhere.
        #expect(screen.experiment.digits.contains { digit in map.classes.joined().contains(digit.label) })
    }

    /// The loss is Σ (b̂ᵢ − bᵢ)² over (x, y, w, h) of the shown boxes, and b̂ is the
    /// confidence-weighted mean of the windows predicting the digit's class.
    @Test func boxLossIsTheL2FormulaOnTheShownBoxes() throws {
        var screen = try trained()
        var checked = 0
        for _ in 0..<3 {
            defer { _ = screen.update(.key(.tab)) }
            guard let (estimate, windows) = screen.estimatedBox else { continue }
            let map = try #require(screen.classMap)
            var weight = 0.0, x = 0.0, y = 0.0, count = 0
            for row in 0..<map.rows {
                for column in 0..<map.columns where map.classes[row][column] == screen.digit.label {
                    let confidence = Double(map.confidences[row][column])
                    (weight, x, y, count) = (weight + confidence, x + confidence * Double(2 * column), y + confidence * Double(2 * row), count + 1)
                }
            }
            #expect(windows == count)
            #expect(abs(estimate.x - x / weight) < 1e-9 && abs(estimate.y - y / weight) < 1e-9)
            #expect(estimate.width == 14 && estimate.height == 14)
            let truth = screen.digit.trueBox
            func square(_ value: Double) -> Double { value * value }
            let positionTerms = square(estimate.x - truth.x) + square(estimate.y - truth.y)
            let expected = positionTerms + square(14 - truth.width) + square(14 - truth.height)
            #expect(abs(try #require(screen.boxLoss) - expected) < 1e-9)
            let shown = render(screen, width: 200, height: 60).trimmedLines.joined(separator: "\n")
            #expect(shown.contains("‖b̂−b‖² = ") && shown.contains("= \(NumberFormatting.fixed(expected, decimals: 1))"))
            checked += 1
        }
        #expect(checked > 0)
        #expect(BoundingBox(x: 1, y: 2, width: 3, height: 4).squaredDistance(to: BoundingBox(x: 0, y: 0, width: 0, height: 0)) == 30)
    }

    /// s/S change the stride within 1…6, tab cycles the digits; bad parameters name themselves.
    @Test func keysAndParameters() throws {
        var screen = try makeScreen()
        #expect(screen.stride == 2 && screen.statusLine.hasPrefix("stride 2 · digit 1/3 (class ") && screen.statusLine.hasSuffix("training… 0%"))
        _ = screen.update(.key(.character("s")))
        _ = screen.update(.key(.character("s")))
        #expect(screen.stride == 1)
        for _ in 0..<9 { _ = screen.update(.key(.character("S"))) }
        #expect(screen.stride == 6)
        _ = screen.update(.key(.tab))
        _ = screen.update(.key(.tab))
        #expect(screen.chosenDigit == 2)
        _ = screen.update(.key(.tab))
        #expect(screen.chosenDigit == 0)
        #expect(Set(screen.experiment.digits.map(\.label)).count == 3)
        for (parameters, name) in [(["stride": "0"], "stride"), (["stride": "x"], "stride"), (["seed": "-1"], "seed"), (["size": "3"], "size")] {
            #expect(throws: DemoParameterError.self) { try makeScreen(parameters) }
            do {
                _ = try DenseScreen(parameters: parameters, context: AppContext(colorCapability: .none))
            } catch { #expect(error.parameter == name) }
        }
    }

    /// At 80×22 without colour: training progress first, then the class map and the boxes.
    @Test func rendersAt80By22() throws {
        let training = render(try makeScreen()).trimmedLines
        #expect(training[0] == "A 14×14 digit classifier slid over a 17×44 canvas, stride 2")
        #expect(training[1].hasPrefix("canvas, 3 digits") && training[1].hasSuffix("training… 0%"))
        let screen = try trained()
        let lines = render(screen).trimmedLines
        #expect(lines[1] == "canvas, 3 digits                              class map 2×16 (· background, dim")
        #expect(lines[2].hasSuffix("p<50%)") && lines[5].isEmpty == false)
        #expect(lines.contains { $0.hasSuffix("Sliding the classifier over every") })
        #expect(lines.contains { $0.contains("├") && $0.hasSuffix("b true") })
        #expect(lines.count == 22)
    }
}
