/// A learner's progress through one lesson, as saved in `progress.json`.
public struct LessonProgress: Codable, Hashable, Sendable {
    /// Index of the furthest step the learner has finished; nil before the first.
    public var finishedStep: Int?
    /// Ids of the exercises answered correctly at least once, sorted.
    public var correctExercises: [String]
    /// Whether the learner has reached the end of the lesson (or, in a quiz, answered every
    /// exercise correctly).
    public var done: Bool

    public init(finishedStep: Int? = nil, correctExercises: [String] = [], done: Bool = false) {
        self.finishedStep = finishedStep
        self.correctExercises = correctExercises
        self.done = done
    }

    /// Records step `index` as finished (never moves backwards).
    public mutating func finish(step index: Int) {
        finishedStep = max(finishedStep ?? -1, index)
    }

    /// Records a correct answer to exercise `id`.
    public mutating func recordCorrect(_ id: String) {
        if !correctExercises.contains(id) {
            correctExercises.append(id)
            correctExercises.sort()
        }
    }

    /// Whether every exercise of `lesson` has been answered correctly.
    public func hasAllCorrect(in lesson: Lesson) -> Bool {
        lesson.exercises.allSatisfy { correctExercises.contains($0.id) }
    }

    /// The mark `convlab lessons list` shows: `done`, `3/5` (exercises correct), or `-`.
    public func mark(for lesson: Lesson) -> String {
        if done { return "done" }
        let correct = lesson.exercises.filter { correctExercises.contains($0.id) }.count
        if correct == 0 && finishedStep == nil { return "-" }
        return "\(correct)/\(lesson.exercises.count)"
    }
}

/// Progress through the whole course, keyed by lesson id. Lessons never started have no entry.
public struct CourseProgress: Codable, Hashable, Sendable {
    /// The file's format version.
    public static let currentFormat = 1

    public var format: Int
    public var lessons: [String: LessonProgress]

    public init(lessons: [String: LessonProgress] = [:]) {
        self.format = Self.currentFormat
        self.lessons = lessons
    }

    /// The progress of lesson `id` (empty when never started); setting it records it.
    public subscript(lessonID id: String) -> LessonProgress {
        get { lessons[id] ?? LessonProgress() }
        set { lessons[id] = newValue }
    }
}
