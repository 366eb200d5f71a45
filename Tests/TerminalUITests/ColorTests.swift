import Testing
@testable import TerminalUI

@Suite("Color quantisation and capability")
struct ColorTests {
    @Test("RGB maps to the nearest cube entry on 256-colour terminals")
    func cubeQuantisation() {
        #expect(Color.rgb(red: 255, green: 0, blue: 0).resolved(for: .full256) == .indexed(196))   // 16 + 36·5
        #expect(Color.rgb(red: 0, green: 0, blue: 0).resolved(for: .full256) == .indexed(16))
        #expect(Color.rgb(red: 255, green: 255, blue: 255).resolved(for: .full256) == .indexed(231))
        #expect(Color.rgb(red: 95, green: 135, blue: 175).resolved(for: .full256) == .indexed(67))  // 16 + 36 + 12 + 3
        #expect(Color.rgb(red: 100, green: 140, blue: 170).resolved(for: .full256) == .indexed(67))
    }

    @Test("greys map to the grey ramp when it is closer than the cube")
    func greyRamp() {
        // 128 is grey step (128 − 8)/10 = 12 → 232 + 12; the cube's nearest grey is 135 (distance 3·49).
        #expect(Color.rgb(red: 128, green: 128, blue: 128).resolved(for: .full256) == .indexed(244))
        #expect(Color.rgb(red: 8, green: 8, blue: 8).resolved(for: .full256) == .indexed(232))
        #expect(Color.paletteRGB(index: 244) == (128, 128, 128))
    }

    @Test("8-colour terminals get the nearest basic colour")
    func eightColours() {
        #expect(Color.rgb(red: 250, green: 10, blue: 10).resolved(for: .eight) == .red)
        #expect(Color.rgb(red: 240, green: 240, blue: 240).resolved(for: .eight) == .white)
        #expect(Color.rgb(red: 20, green: 20, blue: 20).resolved(for: .eight) == .black)
        #expect(Color.rgb(red: 0, green: 180, blue: 190).resolved(for: .eight) == .cyan)
        #expect(Color.indexed(9).resolved(for: .eight) == .red)       // bright red → red
        #expect(Color.indexed(196).resolved(for: .eight) == .red)     // cube (255, 0, 0)
        #expect(Color.green.resolved(for: .eight) == .green)
    }

    @Test("without colour everything is the terminal default; 256 colours keep indices")
    func noColourAndPassThrough() {
        #expect(Color.red.resolved(for: .none) == .default)
        #expect(Color.rgb(red: 1, green: 2, blue: 3).resolved(for: .none) == .default)
        #expect(Color.indexed(42).resolved(for: .full256) == .indexed(42))
        #expect(Color.default.resolved(for: .full256) == .default)
    }

    @Test("palette indices for the backend")
    func paletteIndices() {
        #expect(Color.default.paletteIndex == -1)
        #expect(Color.blue.paletteIndex == 4)
        #expect(Color.indexed(200).paletteIndex == 200)
        #expect(Color.rgb(red: 255, green: 0, blue: 0).paletteIndex == 196)
    }

    @Test("capability follows has_colors, COLORS and NO_COLOR")
    func capabilityDetection() {
        #expect(ColorCapability.detect(hasColors: true, colorCount: 256, environment: [:]) == .full256)
        #expect(ColorCapability.detect(hasColors: true, colorCount: 88, environment: [:]) == .eight)
        #expect(ColorCapability.detect(hasColors: true, colorCount: 8, environment: [:]) == .eight)
        #expect(ColorCapability.detect(hasColors: true, colorCount: 2, environment: [:]) == .none)
        #expect(ColorCapability.detect(hasColors: false, colorCount: 256, environment: [:]) == .none)
        #expect(ColorCapability.detect(hasColors: true, colorCount: 256, environment: ["NO_COLOR": "1"]) == .none)
        // no-color.org: only a non-empty value disables colour.
        #expect(ColorCapability.detect(hasColors: true, colorCount: 256, environment: ["NO_COLOR": ""]) == .full256)
        #expect(ColorCapability.none < .eight && ColorCapability.eight < .full256)
    }

    @Test("Style layering adds attributes and replaces only non-default colours")
    func stylePatching() {
        let base = Style(foreground: .green, dim: true)
        let patched = base.patched(with: Style(background: .blue, reverse: true))
        #expect(patched == Style(foreground: .green, background: .blue, dim: true, reverse: true))
        #expect(Style.plain.bolded().underlined() == Style(bold: true, underline: true))
        #expect(Style.plain.withForeground(.red).foreground == .red)
    }
}
