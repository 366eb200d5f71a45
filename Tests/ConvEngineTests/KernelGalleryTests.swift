import Testing
@testable import ConvEngine

@Suite struct KernelGalleryTests {
    @Test func everyListedKernelIsThere() {
        #expect(KernelGallery.names == [
            "identity", "box-blur", "gaussian-3x3", "gaussian-5x5", "sharpen",
            "sobel-x", "sobel-y", "prewitt-x", "prewitt-y", "laplacian", "emboss",
        ])
        #expect(KernelGallery.kernels.allSatisfy { !$0.summary.isEmpty })
    }

    @Test func smoothersKeepBrightnessAndDetectorsIgnoreFlatAreas() throws {
        for name in ["identity", "box-blur", "gaussian-3x3", "gaussian-5x5", "sharpen", "emboss"] {
            #expect(abs(try KernelGallery.kernel(named: name).sum - 1) < 1e-6, "\(name)")
        }
        for name in ["sobel-x", "sobel-y", "prewitt-x", "prewitt-y", "laplacian"] {
            #expect(try KernelGallery.kernel(named: name).sum == 0, "\(name)")
        }
    }

    @Test func exactValues() throws {
        #expect(try KernelGallery.kernel(named: "gaussian-3x3").rows == [[1, 2, 1], [2, 4, 2], [1, 2, 1]].map { $0.map { $0 / 16 } })
        let gaussian5 = try KernelGallery.kernel(named: "gaussian-5x5")
        #expect(gaussian5.values.shape == [5, 5])
        #expect(gaussian5.rows[2] == [6, 24, 36, 24, 6].map { $0 / 256 })
        #expect(gaussian5.rows[0][0] == 1.0 / 256)
        #expect(try KernelGallery.kernel(named: "box-blur").rows.flatMap { $0 }.allSatisfy { $0 == Float(1) / 9 })
        #expect(try KernelGallery.kernel(named: "sobel-x").rows == [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
        #expect(try KernelGallery.kernel(named: "sobel-y").rows == [[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
        #expect(try KernelGallery.kernel(named: "laplacian").rows == [[0, 1, 0], [1, -4, 1], [0, 1, 0]])
    }

    @Test func lookupIgnoresCaseAndSeparators() throws {
        #expect(try KernelGallery.kernel(named: "Sobel X").name == "sobel-x")
        #expect(try KernelGallery.kernel(named: "BOX_BLUR").name == "box-blur")
        #expect(try KernelGallery.kernel(named: "gaussian3x3").name == "gaussian-3x3")
    }

    @Test func unknownNameListsTheGallery() {
        do {
            _ = try KernelGallery.kernel(named: "sobel-z")
            Issue.record("sobel-z is not a kernel")
        } catch {
            #expect(error.suggestion == "sobel-x")
            #expect(error.description.hasPrefix("unknown kernel \"sobel-z\" (known: identity, box-blur, gaussian-3x3,"))
            #expect(error.description.hasSuffix("emboss); did you mean \"sobel-x\"?"))
        }
    }

    @Test func sobelXRespondsToADarkToBrightStep() throws {
        // A 1×1×3×4 image, dark on the left, bright on the right: the two 3×3 windows see
        // columns (0, 0, 1) and (0, 1, 1), each giving (1 + 2 + 1)·1 = 4.
        let image = Tensor(shape: [1, 1, 3, 4], scalars: [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1])
        let sobelX = try KernelGallery.kernel(named: "sobel-x")
        let response = conv2dForward(input: image, weight: sobelX.convWeight(), bias: nil, config: Conv2DConfig())
        #expect(response == Tensor(shape: [1, 1, 1, 2], scalars: [4, 4]))
        let sobelY = try KernelGallery.kernel(named: "sobel-y")
        let across = conv2dForward(input: image, weight: sobelY.convWeight(), bias: nil, config: Conv2DConfig())
        #expect(across == Tensor(shape: [1, 1, 1, 2], scalars: [0, 0]))
    }

    @Test func convWeightSharesTheKernelAcrossChannels() throws {
        let weight = try KernelGallery.kernel(named: "laplacian").convWeight(channels: 2)
        #expect(weight.shape == [1, 2, 3, 3])
        #expect(weight[0, 1, 1, 1] == -2)
        #expect(weight[0, 0, 0, 1] == 0.5)
    }
}
