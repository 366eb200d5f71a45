/// A demo a lesson may open, as the course checker sees it: its name, the parameters it takes
/// and a check of a set of values.
///
/// Lessons never imports UI code, so it keeps no list of demos of its own: whoever loads or
/// checks a course passes the descriptions in (the `convlab` executable builds them from the
/// app's real demo screens, tests pass small fixture lists). A description's `validate` is the
/// demo's own judgement of the values, so `convlab lessons check` refuses exactly what the
/// screen would refuse.
public struct DemoDescription: Sendable {
    /// The name a lesson's `demo:` step uses.
    public var name: String
    /// One line saying what the demo shows.
    public var summary: String
    /// The parameters the demo takes, besides `caption`.
    public var parameters: [String]
    /// Why these values (keyed by parameter, `caption` left out) do not suit the demo, or nil
    /// when it opens with them.
    public var validate: @Sendable ([String: String]) -> DemoDescription.Problem?

    public init(
        name: String, summary: String = "", parameters: [String],
        validate: @escaping @Sendable ([String: String]) -> DemoDescription.Problem? = { _ in nil }
    ) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.validate = validate
    }

    /// Every demo step may give `caption`: a line telling the learner what to try. It is the
    /// lesson's, never passed to the demo.
    public static let captionParameter = "caption"

    /// A value a demo refused: which parameter (reported at its line) and why.
    public struct Problem: Hashable, Sendable {
        public var parameter: String
        public var message: String

        public init(parameter: String, message: String) {
            self.parameter = parameter
            self.message = message
        }
    }
}
