import Foundation
@testable import Lessons
import Testing

/// Decodes `text` as a lesson file named `tests.yaml`: the lesson, or nil, and every problem.
private func decodedLesson(_ text: String) -> (lesson: Lesson?, problems: [String]) {
    var problems: [LessonProblem] = []
    let lesson = LessonDecoder(file: "tests.yaml", demos: FixtureDemos.all).decode(text, problems: &problems)
    return (lesson, problems.map(\.description))
}

/// One lesson holding one exercise of each default category, and the same kinds tagged.
private let categoryLesson = """
    id: categories
    title: Categories
    summary: What each exercise tests.
    steps:
      - exercise:
          id: width
          kind: number
          fixed: the example the text quotes
          prompt: 7 wide, kernel 3. Output width?
          derive:
            conv-output-size: {input: 7, kernel: 3}
          hints: [Use (W − F + 2P)/S + 1., It is 7 − 3 + 1.]
          explanation: 5.
      - exercise:
          id: formula
          kind: choice
          prompt: Which formula gives the output width?
          options: ["(W − F + 2P)/S + 1", "W − F"]
          answer: a
          explanation: Count where the window fits.
      - exercise:
          id: bright-patch
          kind: choice
          tests: understanding
          prompt: Why does a flat bright patch beat an edge under a dot product?
          options: [the dot product grows with brightness, the kernel is flipped]
          answer: a
          explanation: The dot product is not normalised.
      - exercise:
          id: predicted
          kind: number
          fixed: the demo under then opens on this very input
          prompt: Predict first. 7 wide, kernel 3, stride 2. How many outputs?
          derive:
            conv-output-size: {input: 7, kernel: 3, stride: 2}
          hints: [Count the starts., (7 − 3)/2 + 1]
          explanation: 3.
          then: {demo: geometry, size: 7, kernel: 3, stride: 2}
      - exercise:
          id: spot
          kind: spot-error
          fixed: the wrong row is written for this input
          prompt: Which row is wrong?
          network: input 7x7x1 | conv 4 3x3 pad 1
          wrong: {row: 1, output: 5x5x4}
          hints: [Use (W − F + 2P)/S + 1.]
          explanation: Padding 1 keeps 7.
      - exercise:
          id: truth
          kind: truefalse
          tests: Recall
          prompt: A 3×3 kernel has nine weights.
          answer: true
          explanation: 3·3 = 9.
    """

@Suite("What an exercise tests: defaults by kind, the tests tag, and the course's share")
struct ExerciseCategoryTests {
    @Test("defaults: numbers are arithmetic, choices recall, engine-built kinds and predict-then-see understanding; a tag overrides, in any case")
    func defaultsAndTags() throws {
        let (lesson, problems) = decodedLesson(categoryLesson)
        #expect(problems == [])
        let exercises = try #require(lesson).exercises
        #expect(exercises.map(\.id) == ["width", "formula", "bright-patch", "predicted", "spot", "truth"])
        #expect(exercises.map(\.category) == [.arithmetic, .recall, .understanding, .understanding, .understanding, .recall])
        #expect(exercises.map(\.taggedCategory) == [nil, nil, .understanding, nil, nil, .recall])
    }

    @Test("a tests value that is no category is refused at its line, naming the three")
    func badTag() {
        let text = categoryLesson.replacingOccurrences(of: "tests: understanding", with: "tests: insight")
        let (lesson, problems) = decodedLesson(text)
        #expect(lesson?.id == nil)
        #expect(problems == ["tests.yaml:24: 'tests' must be one of understanding, recall, arithmetic, found 'insight'"])
    }

    @Test("a misspelt tests key is an unknown key with the suggestion")
    func misspeltKey() {
        let text = categoryLesson.replacingOccurrences(of: "tests: understanding", with: "test: understanding")
        let problems = decodedLesson(text).problems
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("tests.yaml:24: unknown key 'test'") == true)
        #expect(problems.first?.contains("did you mean 'tests'?") == true)
    }

    @Test("the check's OK line counts the exercises testing understanding, rounded down")
    func summaryShare() {
        var report = CourseCheckReport(problems: [], lessonCount: 15, exerciseCount: 142, derivedCount: 80, variantCount: 0)
        report.understandingCount = 58
        #expect(report.understandingPercent == 40)
        #expect(report.summary == "OK: 15 lessons, 142 exercises, 80 answers re-derived by the engine, 58 of 142 test understanding (40%)")
    }

    @Test("the repository's course meets the issue's aim: at least 100 exercises, at least 40% testing understanding")
    func courseShare() throws {
        let course = try CourseLoader.loadCourse(from: .directory(FixturePaths.repositoryLessons, displayPath: "lessons"))
        let exercises = course.exercises.map(\.exercise)
        let understanding = exercises.filter { $0.category == .understanding }.count
        #expect(exercises.count >= 100)
        #expect(understanding * 100 >= 40 * exercises.count, "\(understanding) of \(exercises.count)")
    }
}
