import Lessons

/// The course the app teaches and the learner's saved progress through it: what the home
/// screen lists, what `Effect.openLesson` opens, and the one place progress is written.
///
/// Progress is read from `store` when the library is made and written back, atomically, on
/// every `record` and `resetAll`. Without a store (previews, rendering tests) progress is kept
/// in memory only. A progress file that could not be used has already been moved aside by
/// `ProgressStore.load`; `notice` says so, and the app shows it once in the status line.
public struct LessonLibrary: Sendable {
    public let course: Course
    /// Where progress is saved; nil keeps it in memory.
    public let store: ProgressStore?
    public private(set) var progress: CourseProgress
    /// False when an unusable progress file could not be moved aside, so saving would
    /// overwrite it: progress then lives in memory for this run.
    public let canSave: Bool
    /// Why the saved progress could not be used, when it could not.
    public let notice: String?

    /// A library whose progress is loaded from `store`.
    public init(course: Course, store: ProgressStore) {
        let load = store.load()
        self.course = course
        self.store = store
        self.progress = load.progress
        self.canSave = load.canSave
        self.notice = load.notice
    }

    /// A library that keeps `progress` in memory and saves nothing.
    public init(course: Course, progress: CourseProgress = CourseProgress()) {
        self.course = course
        self.store = nil
        self.progress = progress
        self.canSave = false
        self.notice = nil
    }

    /// The lesson `id`, if the course has it.
    public func lesson(id: String) -> Lesson? { course.lesson(id: id) }

    /// Records one lesson's progress and saves the whole course's. An empty progress removes
    /// the lesson's entry, so a reset lesson reads as never started.
    /// - Throws: the store's error; the progress is kept in memory either way.
    public mutating func record(_ lessonProgress: LessonProgress, lessonID: String) throws(ProgressError) {
        progress.lessons[lessonID] = lessonProgress == LessonProgress() ? nil : lessonProgress
        try save()
    }

    /// Forgets every lesson's progress and saves that.
    public mutating func resetAll() throws(ProgressError) {
        progress = CourseProgress()
        try save()
    }

    private func save() throws(ProgressError) {
        guard let store, canSave else { return }
        try store.save(progress)
    }

    /// How far the learner is through `lesson`, for lists.
    public func standing(of lesson: Lesson) -> LessonStanding {
        LessonStanding(lesson: lesson, progress: progress[lessonID: lesson.id])
    }

    /// One home-screen entry per lesson, in course order.
    public var homeEntries: [HomeScreen.Entry] {
        course.lessons.map { lesson in
            HomeScreen.Entry(lessonID: lesson.id, title: lesson.title, summary: lesson.summary, standing: standing(of: lesson))
        }
    }
}

/// A lesson's progress as a list shows it: exercises answered correctly of how many, and
/// whether the learner reached the end.
public struct LessonStanding: Hashable, Sendable {
    public var correct: Int
    public var total: Int
    public var finished: Bool
    /// Exercises whose answer was shown and not answered correctly since: no credit.
    public var revealed: Int

    public init(correct: Int, total: Int, finished: Bool, revealed: Int = 0) {
        self.correct = correct
        self.total = total
        self.finished = finished
        self.revealed = revealed
    }

    public init(lesson: Lesson, progress: LessonProgress) {
        self.init(
            correct: lesson.exercises.filter { progress.correctExercises.contains($0.id) }.count,
            total: lesson.exercises.count, finished: progress.done, revealed: progress.revealedCount(in: lesson))
    }

    /// `2/5`, or `2/5 · 1 revealed` when answers were shown without credit.
    public var countText: String { "\(correct)/\(total)" + (revealed > 0 ? " · \(revealed) revealed" : "") }

    /// `✓ 5/5` for a finished lesson, `2/5` otherwise, with the revealed count.
    public var text: String { (finished ? "✓ " : "") + countText }
}
