import ConvEngine
import Testing

@Suite("Receptive field")
struct ReceptiveFieldTests {
    @Test("two stacked 3×3 convolutions see 5 pixels, three see 7")
    func stackedThreeByThree() throws {
        #expect(try ReceptiveField(stack: [(3, 1), (3, 1)]) == ReceptiveField(size: 5, jump: 1))
        #expect(try ReceptiveField(stack: [(3, 1), (3, 1), (3, 1)]).size == 7)
        #expect(try ReceptiveField(stack: [(5, 1)]).size == 5)
    }

    @Test("a stride multiplies the jump, so later kernels reach further")
    func strideGrowsTheJump() throws {
        // conv 3 (r 3, j 1) → pool 2 stride 2 (r 4, j 2) → conv 3 (r 4 + 2·2 = 8, j 2).
        let field = try ReceptiveField(stack: [(3, 1), (2, 2), (3, 1)])
        #expect(field == ReceptiveField(size: 8, jump: 2))
    }

    @Test("dilation widens the kernel to D·(F − 1) + 1")
    func dilation() throws {
        #expect(try ReceptiveField.input.through(kernelSize: 3, stride: 1, dilation: 2).size == 5)
    }

    @Test("VGG16's last pooled map sees 212 pixels and its outputs sit 32 apart")
    func vgg16() throws {
        let field = try NamedArchitecture.vgg16.spec.receptiveField()
        #expect(field.height == ReceptiveField(size: 212, jump: 32))
        #expect(field.width == field.height)
    }

    @Test("layers after a flatten do not count")
    func stopsAtFlatten() throws {
        let spec = try ArchitectureSpec(parsing: "input 8x8x1 | conv 2 3x3 | relu | flatten | linear 4")
        #expect(try spec.receptiveField().height == ReceptiveField(size: 3, jump: 1))
    }

    @Test("100 layers of stride 2 overflow the jump at layer 62: thrown, naming the layer")
    func deepStridedStackOverflows() {
        let stack = Array(repeating: (kernelSize: 2, stride: 2), count: 100)
        // After 62 layers the jump is 2^62 and the size 2^62; the 63rd layer would double both.
        #expect(throws: ReceptiveFieldError(
            layerIndex: 62, field: ReceptiveField(size: 1 << 62, jump: 1 << 62), kernelSize: 2, stride: 2, dilation: 1)
        ) { try ReceptiveField(stack: stack) }
        do {
            _ = try ReceptiveField(stack: stack)
        } catch {
            #expect(error.description == "receptive field overflows at layer 62 (kernel 2, stride 2): size 4611686018427387904 and jump 4611686018427387904 before it, and the next size or jump is more than 9223372036854775807")
        }
    }

    @Test("a spec of 100 strided convs reports the overflow by its layer index, relus counted")
    func specOverflowNamesTheLayer() throws {
        let text = "input 28x28x1" + String(repeating: " | conv 1 1x1 stride 2 | relu", count: 100)
        let spec = try ArchitectureSpec(parsing: text)
        #expect(throws: ReceptiveFieldError.self) { try spec.receptiveField() }
        do {
            _ = try spec.receptiveField()
        } catch {
            // Conv i sits at index 2i and meets a jump of 2^i; conv 62 (index 124) would make it 2^63.
            #expect(error.layerIndex == 124)
            #expect(error.description == "receptive field overflows at layer 124 (kernel 1, stride 2): size 1 and jump 4611686018427387904 before it, and the next size or jump is more than 9223372036854775807")
        }
    }

    @Test("a huge kernel overflows the size, and a kernel below 1 is refused, never trapped")
    func hugeAndZeroKernels() {
        #expect(throws: ReceptiveFieldError.self) {
            try ReceptiveField(size: 1, jump: 1 << 40).through(kernelSize: 1 << 30, stride: 1)
        }
        do {
            _ = try ReceptiveField.input.through(kernelSize: 0, stride: 1)
            Issue.record("kernel 0 must be refused")
        } catch {
            #expect(error.description == "receptive field at (kernel 0, stride 1): kernel, stride and dilation must each be at least 1")
        }
    }
}
