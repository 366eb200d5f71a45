/// The registry of demo screens: what the home screen lists, what `convlab demo NAME` and lesson
/// steps can open, and the one place a `DemoRequest` becomes a screen.
///
/// A new demo is registered by adding its type to `DemoCatalog.demos`, one line, in the order
/// the home screen should list it. Tests build a catalog of their own demos with
/// `init(demos:)`.
public struct DemoCatalog {
    /// Every demo the program ships, in display order.
    public static var demos: [any DemoScreen.Type] {
        [
            // MARK: registered demos — one line per DemoScreen type, in home-screen order.
            ConvStepperScreen.self,        // "conv": a convolution, cell by cell
            GeometryExplorerScreen.self,   // "geometry": padding, stride and output size
            PoolingScreen.self,            // "pool": max and average pooling
            ActivationsScreen.self,        // "activations": sigmoid, tanh, ReLU, leaky ReLU and slopes
            KernelsScreen.self,            // "kernels": the hand-designed kernel gallery on an image
            WeightSharingScreen.self,      // "sharing": fully connected versus banded, shared weights
            ReceptiveFieldScreen.self,     // "receptive": receptive fields through a stack you edit
            VGG16Screen.self,              // "vgg16": VGG16's shapes and parameter counts
            ArchitectureScreen.self,       // "arch": any spec's shapes and parameter counts
            BackpropScreen.self,           // "backprop": gradients through conv and pooling
            ShiftScreen.self,              // "shift": equivariance, invariance, CNN vs MLP
            DenseScreen.self,              // "dense": a classifier slid over a canvas, boxes
            TrainingDashboardScreen.self,  // "train": a CNN learning digits, live
            NetworkScreen.self,            // "network": every layer's maps; step into any unit
            DrawScreen.self,               // "draw": draw a digit, see every layer and what it looks at
        ]
    }

    /// The demos this catalog can make, in display order.
    public var demos: [any DemoScreen.Type]

    /// A catalog of `demos` (by default the program's own).
    public init(demos: [any DemoScreen.Type] = DemoCatalog.demos) {
        let names = demos.map { $0.demoName }
        precondition(Set(names).count == names.count, "two demos share a name: \(names)")
        self.demos = demos
    }

    /// The names `make` accepts, in display order.
    public var names: [String] { demos.map { $0.demoName } }

    /// The demo type called `name`, if there is one.
    public func demo(named name: String) -> (any DemoScreen.Type)? {
        demos.first { $0.demoName == name }
    }

    /// The demo type called `name`.
    /// - Throws: `DemoCatalogError.unknownDemo` with the known names and the nearest one.
    public func requireDemo(named name: String) throws(DemoCatalogError) -> any DemoScreen.Type {
        guard let demo = demo(named: name) else {
            throw .unknownDemo(name: name, known: names, suggestion: NameSuggestion.nearest(to: name, among: names))
        }
        return demo
    }

    /// Makes the screen `request` names, with its parameters checked by the demo's own
    /// initialiser.
    /// - Throws: `DemoCatalogError.unknownDemo` (with the known names and the nearest one) or
    ///   `DemoCatalogError.badParameter`.
    public func make(_ request: DemoRequest, context: AppContext) throws(DemoCatalogError) -> any Screen {
        let demo = try requireDemo(named: request.name)
        do {
            let screen = try demo.init(parameters: request.parameters, context: context)
            // A goal for a demo without goal state is refused by `lessons check`; the demo
            // then opens as it is.
            if let goal = request.goal, let goalDemo = screen as? any DemoGoalState {
                return DemoGoalScreen(demo: goalDemo, goal: goal)
            }
            return screen
        } catch {
            throw .badParameter(demo: request.name, error)
        }
    }

    /// Checks `request` without keeping the screen, so the command line can refuse a bad
    /// request before the terminal is switched to curses mode.
    public func validate(_ request: DemoRequest, context: AppContext) throws(DemoCatalogError) {
        _ = try make(request, context: context)
    }

    /// The title `demo` shows in its title bar when opened without parameters, for the home
    /// screen's list: its declared `defaultTitle`, so listing builds no screen (the home
    /// screen's first frame would otherwise wait for every demo's datasets and networks).
    public func title(of demo: any DemoScreen.Type, context: AppContext) -> String {
        demo.defaultTitle
    }
}
