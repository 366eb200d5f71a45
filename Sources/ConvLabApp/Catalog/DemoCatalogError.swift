/// Why a `DemoRequest` could not become a screen. The wording the learner sees (in the status
/// line, or on one line from `convlab demo`) lives here.
public enum DemoCatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No demo is called `name`; `known` lists the names there are and `suggestion` the closest
    /// one, when one is close enough to be a likely typo.
    case unknownDemo(name: String, known: [String], suggestion: String?)
    /// The demo exists but refused one of its parameters.
    case badParameter(demo: String, DemoParameterError)

    public var description: String {
        switch self {
        case let .unknownDemo(name, known, suggestion):
            let guess = suggestion.map { "did you mean '\($0)'? " } ?? ""
            let list = known.isEmpty ? "no demos are installed" : "the demos are \(known.joined(separator: ", "))"
            return "unknown demo '\(name)': \(guess)\(list)"
        case let .badParameter(demo, error):
            return "demo '\(demo)': --\(error.parameter): \(error.message)"
        }
    }
}
