/// Loads a course: the manifest `course.yaml` (`format`, `title`, `lessons`), then each lesson
/// file it lists, in order. Every problem found is returned with its `file:line`; the course
/// is returned only when there are none.
///
/// `demos` are the demos a `demo:` step may name (Lessons keeps no list of its own; the
/// `convlab` executable passes the app's real ones). Without them (nil) a demo step's name and
/// parameters are taken as written and only its form is checked.
public enum CourseLoader {
    static let manifestKeys = ["format", "title", "lessons"]

    /// The course, or every problem that keeps it from loading (sorted by file and line).
    public static func load(from source: CourseSource, demos: [DemoDescription]? = nil) -> Result<Course, LessonProblems> {
        var problems: [LessonProblem] = []
        let course = load(from: source, demos: demos, problems: &problems)
        if let course, problems.isEmpty { return .success(course) }
        return .failure(LessonProblems(problems))
    }

    /// The course, throwing `LessonProblems` when anything is wrong.
    public static func loadCourse(from source: CourseSource, demos: [DemoDescription]? = nil) throws(LessonProblems) -> Course {
        try load(from: source, demos: demos).get()
    }

    static func load(from source: CourseSource, demos: [DemoDescription]?, problems: inout [LessonProblem]) -> Course? {
        if let problem = source.folderProblem {
            problems.append(problem)
            return nil
        }
        let manifestFile = source.displayName(CourseSource.manifestName)
        let text: String
        switch source.read(CourseSource.manifestName) {
        case let .success(contents): text = contents
        case let .failure(issue):
            problems.append(LessonProblem(issue, at: SourceLocation(file: manifestFile, line: 1)))
            return nil
        }
        let root: YAMLValue
        do { root = try YAMLValue.parse(text, file: manifestFile) } catch {
            problems.append(error)
            return nil
        }
        guard let manifest = MappingReader(root, context: "the course manifest", file: manifestFile, knownKeys: manifestKeys, problems: &problems) else { return nil }
        manifest.reportUnknownKeys(problems: &problems)
        if let format = manifest.required("format", expected: "the format version, \(Course.supportedFormat)", problems: &problems),
           format.scalar != String(Course.supportedFormat) {
            problems.append(LessonProblem(.unsupportedFormat(found: format.kindDescription), at: manifest.location(format.line)))
        }
        let title = manifest.text("title", required: true, expected: "the course's title", problems: &problems)
        let fileNames = manifest.required("lessons", expected: "the lesson files in order", problems: &problems)
        guard let fileNames else { return nil }
        guard let items = fileNames.list else {
            problems.append(LessonProblem(.wrongType(key: "lessons", expected: "a list of lesson file names", found: fileNames.kindDescription), at: manifest.location(fileNames.line)))
            return nil
        }

        var lessons: [Lesson] = []
        var listed: [String: Int] = [:]
        var lessonIDs: [String: SourceLocation] = [:]
        for item in items {
            guard let name = item.scalar, !item.isNull else {
                problems.append(LessonProblem(.wrongType(key: "lessons", expected: "a list of lesson file names", found: item.kindDescription), at: manifest.location(item.line)))
                continue
            }
            if listed[name] != nil {
                problems.append(LessonProblem(.duplicateLessonFile(name: name), at: manifest.location(item.line)))
                continue
            }
            listed[name] = item.line
            let lessonText: String
            switch source.read(name) {
            case let .success(contents): lessonText = contents
            case let .failure(issue):
                problems.append(LessonProblem(issue, at: manifest.location(item.line)))
                continue
            }
            guard let lesson = LessonDecoder(file: source.displayName(name), demos: demos).decode(lessonText, problems: &problems) else { continue }
            if let first = lessonIDs[lesson.id] {
                problems.append(LessonProblem(.duplicateID(what: "lesson", id: lesson.id, firstLocation: first), at: lesson.location))
                continue
            }
            lessonIDs[lesson.id] = lesson.location
            lessons.append(lesson)
        }
        for name in source.lessonFileNames() where listed[name] == nil {
            problems.append(LessonProblem(.unlistedLessonFile(name: name), at: manifest.location(fileNames.line)))
        }
        problems.sort { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
        guard let title else { return nil }
        return Course(title: title, lessons: lessons)
    }
}
