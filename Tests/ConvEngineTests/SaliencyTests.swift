import ConvEngine
import TestSupport
import Testing

/// The score the maps are about: the logit of `classIndex` for one image, in Double.
private func score(_ model: Sequential, _ image: Tensor, classIndex: Int) -> Double {
    var network = model
    return Double(network.forward(image).scalars[classIndex])
}

@Suite struct SaliencyTests {
    /// A smooth network (tanh, average pooling): central differences agree with the backward
    /// pass on every pixel, with no kink to step over.
    @Test func gradientMapMatchesFiniteDifferencesOnEveryPixelOfASmoothNetwork() throws {
        let spec = try ArchitectureSpec(parsing: "input 8x8x1 | conv 3 3x3 pad 1 | tanh | avgpool 2 | flatten | linear 4")
        let model = try Sequential(spec: spec, seed: 7)
        var generator = SeededGenerator(seed: 3)
        let image = Tensor.uniform([1, 1, 8, 8], low: 0, high: 1, using: &generator)
        for classIndex in [0, 3] {
            let analytic = Saliency.gradientMap(model: model, image: image, classIndex: classIndex)
            #expect(analytic.shape == [1, 1, 8, 8])
            expectGradientMatches("∂score\(classIndex)/∂image", analytic: analytic, at: image, epsilon: 1e-2) {
                score(model, $0, classIndex: classIndex)
            }
        }
    }

    /// The teaching net (ReLU, max pooling) on a synthetic digit: a handful of pixels, with a
    /// nudge small enough not to cross a ReLU or max-pool kink on them.
    @Test func gradientMapMatchesFiniteDifferencesOnTeachingNetPixels() throws {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 11)
        let image = SyntheticDigits.testSet(count: 4, seed: 5).images.scalars.prefix(784)
        let input = Tensor(shape: [1, 1, 28, 28], scalars: Array(image))
        let classIndex = 3
        let analytic = Saliency.gradientMap(model: model, image: input, classIndex: classIndex)
        let pixels = [(14, 14), (10, 12), (20, 8), (5, 20), (16, 17), (0, 0)]
        var worst: Double = 0
        for (row, column) in pixels {
            let epsilon: Float = 1e-3
            var above = input, below = input
            above.scalars[row * 28 + column] += epsilon
            below.scalars[row * 28 + column] -= epsilon
            let numeric = (score(model, above, classIndex: classIndex) - score(model, below, classIndex: classIndex)) / Double(2 * epsilon)
            let difference = abs(numeric - Double(analytic.scalars[row * 28 + column]))
            worst = max(worst, difference)
            #expect(difference <= 2e-3 + 0.05 * abs(numeric), "pixel (\(row), \(column)): analytic \(analytic.scalars[row * 28 + column]), numerical \(numeric)")
        }
        print("teaching-net gradient map vs central differences: max |difference| \(worst)")
    }

    /// Every number of the map is the base score minus the network's forward pass on the image
    /// with that patch painted grey, and the patch is where the doc says.
    @Test func occlusionDropsAreForwardPassesOnOccludedImages() throws {
        let model = try Sequential(spec: NamedArchitecture.teachingNet.spec, seed: 2)
        let input = SyntheticDigits.testSet(count: 1, seed: 9).images
        let map = Saliency.occlusionMap(model: model, image: input, classIndex: 4, patchSize: 6, stride: 4, fill: 0.5)
        #expect(map.drops.shape == [7, 7])
        let base = score(model, input, classIndex: 4)
        #expect(abs(Double(map.baseScore) - base) < 1e-5)
        for row in 0..<7 {
            for column in 0..<7 {
                let occluded = Saliency.occludedImage(input, row: row, column: column, patchSize: 6, stride: 4, fill: 0.5)
                let expected = base - score(model, occluded, classIndex: 4)
                #expect(abs(Double(map.drops[row, column]) - expected) < 1e-4, "patch (\(row), \(column))")
            }
        }
    }

    /// Patch (1, 2) with stride 4 and size 3 is centred on pixel (4, 8): rows 3…5, columns 7…9.
    @Test func occludedImagePaintsTheCentredClippedSquare() {
        let image = Tensor(shape: [1, 1, 6, 10], repeating: 0)
        let occluded = Saliency.occludedImage(image, row: 1, column: 2, patchSize: 3, stride: 4, fill: 0.5)
        for y in 0..<6 {
            for x in 0..<10 {
                let inside = (3...5).contains(y) && (7...9).contains(x)
                #expect(occluded[0, 0, y, x] == (inside ? 0.5 : 0), "pixel (\(y), \(x))")
            }
        }
        // At the corner the square is clipped: centre (0, 0), size 3 covers rows 0…1, columns 0…1.
        let corner = Saliency.occludedImage(image, row: 0, column: 0, patchSize: 3, stride: 1, fill: 1)
        #expect(corner.scalars.filter { $0 == 1 }.count == 4)
    }
}
