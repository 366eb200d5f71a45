import ConvEngine
import Lessons

/// A small stand-in for the app's demos, for the Lessons tests: Lessons keeps no list of demos
/// (the real ones are UI code it may not import), so these describe two demos the fixture
/// courses and the README's examples name, with simple value checks of their own.
enum FixtureDemos {
    static let all: [DemoDescription] = [conv, geometry]

    static let conv = DemoDescription(name: "conv", summary: "a convolution, cell by cell", parameters: ["image", "kernel", "padding", "stride"]) { values in
        if let image = values["image"], SampleImage.named(image) == nil {
            return .init(parameter: "image", message: "no built-in image '\(image)'")
        }
        return firstBelow(["padding": 0, "stride": 1], in: values)
    }

    static let geometry = DemoDescription(name: "geometry", summary: "output size", parameters: ["size", "kernel", "padding", "stride", "dilation"]) { values in
        firstBelow(["size": 1, "kernel": 1, "padding": 0, "stride": 1, "dilation": 1], in: values)
    }

    /// The first parameter (by name) that is not a whole number of at least its minimum.
    static func firstBelow(_ minimums: [String: Int], in values: [String: String]) -> DemoDescription.Problem? {
        for (name, minimum) in minimums.sorted(by: { $0.key < $1.key }) {
            guard let text = values[name] else { continue }
            guard let number = Int(text), number >= minimum else {
                return .init(parameter: name, message: "must be a whole number of at least \(minimum), found '\(text)'")
            }
        }
        return nil
    }
}
