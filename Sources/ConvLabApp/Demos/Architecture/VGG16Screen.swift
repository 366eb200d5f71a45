import ConvEngine
import TerminalUI

/// `convlab demo vgg16`: the architecture demo fixed to VGG16, the network the notes count
/// (138,357,544 parameters, 89.4% of them in the three fully connected layers). Everything is
/// `ArchitectureScreen`'s; this type gives it its own name, summary and parameters, since a
/// demo's name is a property of its type.
struct VGG16Screen: DemoScreen {
    static let demoName = "vgg16"
    static let defaultTitle = "Architecture: vgg16, layer by layer"
    static let summary = "VGG16 layer by layer: shapes, parameter counts, the FC layers' share"

    static var parameterHelp: [KeyBinding] {
        ArchitectureScreen.parameterHelp.filter { $0.keys != "spec" }
    }

    /// The screen that does the work.
    private(set) var architectureScreen: ArchitectureScreen

    init(parameters: [String: String], context: AppContext) throws(DemoParameterError) {
        architectureScreen = try ArchitectureScreen(parameters: parameters, defaultSpec: NamedArchitecture.vgg16.name, acceptsSpec: false)
    }

    var title: String { architectureScreen.title }
    var keyBindings: [KeyBinding] { architectureScreen.keyBindings }
    var statusLine: String { architectureScreen.statusLine }
    var status: StatusLine { architectureScreen.status }

    mutating func update(_ message: Message) -> [Effect] { architectureScreen.update(message) }

    func render(into buffer: inout Buffer, area: Rect) { architectureScreen.render(into: &buffer, area: area) }
}
