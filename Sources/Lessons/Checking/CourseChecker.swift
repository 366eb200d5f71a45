/// What `convlab lessons check` found.
public struct CourseCheckReport: Sendable {
    /// Every problem, in file and line order; empty when the course is sound.
    public var problems: [LessonProblem]
    public var lessonCount: Int
    public var exerciseCount: Int
    /// Exercises whose answer the engine derived.
    public var derivedCount: Int
    /// Value sets of parametric exercises derived (each counts once).
    public var variantCount: Int

    public var isSound: Bool { problems.isEmpty }

    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// The one-line summary printed when nothing is wrong.
    public var summary: String {
        "OK: \(Self.count(lessonCount, "lesson")), \(Self.count(exerciseCount, "exercise")), \(Self.count(derivedCount, "answer")) re-derived by the engine"
            + (variantCount > 0 ? " (\(variantCount) parametric variants)" : "")
    }
}

/// Validates a whole course: the schema (via `CourseLoader`), every demo step against `demos`
/// (the demos the program really has, passed in because Lessons imports no UI code; each
/// step's values are judged by the demo itself), then every derivable answer,
/// re-derived by the engine and compared with the stated one. Parametric exercises are
/// derived for every set of values (or the first 512 attempts when there are more), so no
/// retry can ask a question the engine cannot answer.
public enum CourseChecker {
    public static func check(_ source: CourseSource, demos: [DemoDescription], rules: CheckRules = .current) -> CourseCheckReport {
        var problems: [LessonProblem] = []
        let course = CourseLoader.load(from: source, demos: demos, problems: &problems)
        var report = CourseCheckReport(problems: [], lessonCount: 0, exerciseCount: 0, derivedCount: 0, variantCount: 0)
        for lesson in course?.lessons ?? [] {
            report.lessonCount += 1
            for exercise in lesson.exercises {
                report.exerciseCount += 1
                if exercise.isDerived { report.derivedCount += 1 }
                if let problem = rules.hintProblem(exercise) { problems.append(problem) }
                if let problem = rules.variationProblem(exercise) { problems.append(problem) }
                let valueSets = exercise.variation?.valueSetsToCheck() ?? [[:]]
                if exercise.variation != nil { report.variantCount += valueSets.count }
                for (attempt, values) in valueSets.enumerated() {
                    do { _ = try exercise.prepared(values: values, attempt: attempt) } catch {
                        problems.append(error)
                        break
                    }
                }
            }
        }
        problems.sort { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
        report.problems = problems
        return report
    }
}

/// Rules `lessons check` enforces beyond the format, switched on once the course meets them.
public struct CheckRules: Sendable {
    /// The fewest hints an exercise with `derive:` (a computation) must have; 0 checks nothing.
    public var minimumHintsForComputations: Int
    /// Whether every computation must draw new numbers on a retry (`vary:`) or say why it
    /// cannot (`fixed:`).
    public var computationsVary: Bool

    public init(minimumHintsForComputations: Int, computationsVary: Bool = false) {
        self.minimumHintsForComputations = minimumHintsForComputations
        self.computationsVary = computationsVary
    }

    /// What `convlab lessons check` enforces: every computation has at least two graded hints
    /// (the idea, then the set-up with the learner's numbers) and varies or says why not.
    public static let current = CheckRules(minimumHintsForComputations: 2, computationsVary: true)

    /// No rule beyond the format: for fixtures that test something else.
    public static let formatOnly = CheckRules(minimumHintsForComputations: 0)

    func variationProblem(_ exercise: Exercise) -> LessonProblem? {
        guard computationsVary, exercise.isComputation, exercise.variation == nil, exercise.fixedReason == nil else { return nil }
        return LessonProblem(.computationNotVaried(kind: exercise.kind.name), at: exercise.location)
    }

    func hintProblem(_ exercise: Exercise) -> LessonProblem? {
        // A cell exercise's implied derivation counts: it asks a computation too.
        guard exercise.derivation != nil, exercise.hints.count < minimumHintsForComputations else { return nil }
        return LessonProblem(.tooFewHints(found: exercise.hints.count, needed: minimumHintsForComputations), at: exercise.location)
    }
}
