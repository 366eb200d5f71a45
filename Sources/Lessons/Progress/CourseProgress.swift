/// A learner's progress through one lesson, as saved in `progress.json`.
public struct LessonProgress: Codable, Hashable, Sendable {
    /// Index of the furthest step the learner has finished; nil before the first.
    public var finishedStep: Int?
    /// Ids of the exercises answered correctly at least once, sorted.
    public var correctExercises: [String]
    /// Whether the learner has reached the end of the lesson (or, in a quiz, answered every
    /// exercise correctly).
    public var done: Bool
    /// Ids of the exercises whose answer was shown (asked for, or after the last try) and
    /// not answered correctly since, sorted. A shown answer earns no credit; the lesson list
    /// says how many there are.
    public var revealedExercises: [String]

    public init(finishedStep: Int? = nil, correctExercises: [String] = [], done: Bool = false, revealedExercises: [String] = []) {
        self.finishedStep = finishedStep
        self.correctExercises = correctExercises
        self.done = done
        self.revealedExercises = revealedExercises
    }

    private enum CodingKeys: String, CodingKey {
        case finishedStep, correctExercises, done, revealed
    }

    /// Files written before answers could be revealed have no `revealed`: none were.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        finishedStep = try container.decodeIfPresent(Int.self, forKey: .finishedStep)
        correctExercises = try container.decode([String].self, forKey: .correctExercises)
        done = try container.decode(Bool.self, forKey: .done)
        revealedExercises = try container.decodeIfPresent([String].self, forKey: .revealed) ?? []
    }

    /// `revealed` is written only when an answer was shown, so other files stay as they were.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(finishedStep, forKey: .finishedStep)
        try container.encode(correctExercises, forKey: .correctExercises)
        try container.encode(done, forKey: .done)
        if !revealedExercises.isEmpty { try container.encode(revealedExercises, forKey: .revealed) }
    }

    /// Records that the answer to exercise `id` was shown before it was answered correctly.
    public mutating func recordRevealed(_ id: String) {
        guard !correctExercises.contains(id), !revealedExercises.contains(id) else { return }
        revealedExercises.append(id)
        revealedExercises.sort()
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
        revealedExercises.removeAll { $0 == id }
    }

    /// Whether every exercise of `lesson` has been answered correctly.
    public func hasAllCorrect(in lesson: Lesson) -> Bool {
        lesson.exercises.allSatisfy { correctExercises.contains($0.id) }
    }

    /// How many of `lesson`'s exercises had their answer shown without credit.
    public func revealedCount(in lesson: Lesson) -> Int {
        lesson.exercises.filter { revealedExercises.contains($0.id) }.count
    }

    /// The mark `convlab lessons list` shows: `done`, `3/5` (exercises correct), or `-`, with
    /// `, 1 revealed` when answers were shown without credit.
    public func mark(for lesson: Lesson) -> String {
        let revealed = revealedCount(in: lesson)
        let suffix = revealed > 0 ? ", \(revealed) revealed" : ""
        if done { return "done" + suffix }
        let correct = lesson.exercises.filter { correctExercises.contains($0.id) }.count
        if correct == 0 && finishedStep == nil && revealed == 0 { return "-" }
        return "\(correct)/\(lesson.exercises.count)" + suffix
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
