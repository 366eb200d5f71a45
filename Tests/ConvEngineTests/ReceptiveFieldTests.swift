import ConvEngine
import Testing

@Suite("Receptive field")
struct ReceptiveFieldTests {
    @Test("two stacked 3×3 convolutions see 5 pixels, three see 7")
    func stackedThreeByThree() {
        #expect(ReceptiveField(stack: [(3, 1), (3, 1)]) == ReceptiveField(size: 5, jump: 1))
        #expect(ReceptiveField(stack: [(3, 1), (3, 1), (3, 1)]).size == 7)
        #expect(ReceptiveField(stack: [(5, 1)]).size == 5)
    }

    @Test("a stride multiplies the jump, so later kernels reach further")
    func strideGrowsTheJump() {
        // conv 3 (r 3, j 1) → pool 2 stride 2 (r 4, j 2) → conv 3 (r 4 + 2·2 = 8, j 2).
        let field = ReceptiveField(stack: [(3, 1), (2, 2), (3, 1)])
        #expect(field == ReceptiveField(size: 8, jump: 2))
    }

    @Test("dilation widens the kernel to D·(F − 1) + 1")
    func dilation() {
        #expect(ReceptiveField.input.through(kernelSize: 3, stride: 1, dilation: 2).size == 5)
    }

    @Test("VGG16's last pooled map sees 212 pixels and its outputs sit 32 apart")
    func vgg16() {
        let field = NamedArchitecture.vgg16.spec.receptiveField()
        #expect(field.height == ReceptiveField(size: 212, jump: 32))
        #expect(field.width == field.height)
    }

    @Test("layers after a flatten do not count")
    func stopsAtFlatten() throws {
        let spec = try ArchitectureSpec(parsing: "input 8x8x1 | conv 2 3x3 | relu | flatten | linear 4")
        #expect(spec.receptiveField().height == ReceptiveField(size: 3, jump: 1))
    }
}
