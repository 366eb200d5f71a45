/// A whole course: the ordered lessons of `course.yaml`.
public struct Course: Sendable {
    /// The manifest format this build reads; `course.yaml` must say `format: 1`.
    public static let supportedFormat = 1

    public var format: Int
    public var title: String
    public var lessons: [Lesson]

    public init(format: Int = Course.supportedFormat, title: String, lessons: [Lesson]) {
        self.format = format
        self.title = title
        self.lessons = lessons
    }

    /// The lesson with this id (exact match), or nil.
    public func lesson(id: String) -> Lesson? {
        lessons.first { $0.id == id }
    }

    /// Every exercise of every lesson, in course order, with its lesson.
    public var exercises: [(lesson: Lesson, exercise: Exercise)] {
        lessons.flatMap { lesson in lesson.exercises.map { (lesson, $0) } }
    }
}

/// One lesson file: an id used on the command line and in progress, a title, a one-line
/// summary and the steps in order.
public struct Lesson: Sendable, Identifiable {
    /// Lowercase words joined by `-`, unique in the course: `output-size`.
    public var id: String
    public var title: String
    public var summary: String
    public var steps: [Step]
    /// The file and the line of `id:`.
    public var location: SourceLocation

    public init(id: String, title: String, summary: String, steps: [Step], location: SourceLocation) {
        self.id = id
        self.title = title
        self.summary = summary
        self.steps = steps
        self.location = location
    }

    /// The exercise steps, in order.
    public var exercises: [Exercise] {
        steps.compactMap { step in
            if case let .exercise(exercise) = step.content { return exercise }
            return nil
        }
    }

    /// The index in `steps` of the exercise with this id.
    public func stepIndex(ofExercise id: String) -> Int? {
        steps.firstIndex { step in
            if case let .exercise(exercise) = step.content { return exercise.id == id }
            return false
        }
    }
}

/// One step of a lesson: read some text, try a demo, or answer an exercise.
public struct Step: Sendable {
    public enum Content: Sendable {
        /// Paragraphs and `-` lists with `**emphasis**`.
        case text(RichText)
        /// A demo screen opened with parameters.
        case demo(DemoStep)
        case exercise(Exercise)
    }

    public var content: Content
    /// Where the step starts (its `-` line's first key).
    public var location: SourceLocation

    public init(_ content: Content, location: SourceLocation) {
        self.content = content
        self.location = location
    }
}

/// A demo opened from a lesson: its name in `DemoCatalog`, the parameters it starts with, and
/// an optional caption saying what to try.
public struct DemoStep: Hashable, Sendable {
    public var name: String
    /// Parameter name → value as written (`image: edge`, `stride: 2`).
    public var parameters: [String: String]
    public var caption: String?
    /// The task the demo screen keeps on show, and when it is done.
    public var goal: DemoGoal?

    public init(name: String, parameters: [String: String] = [:], caption: String? = nil, goal: DemoGoal? = nil) {
        self.name = name
        self.parameters = parameters
        self.caption = caption
        self.goal = goal
    }
}
