/// One thing wrong with the course: where, and what (the wording lives in `LessonIssue`).
/// Printed as `file:line: message`, the form editors and terminals turn into links.
public struct LessonProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var issue: LessonIssue

    public init(_ issue: LessonIssue, at location: SourceLocation) {
        self.issue = issue
        self.location = location
    }

    /// The message alone, without the location.
    public var message: String { issue.description }

    /// `file:line: message`, always one line: a line break quoted from the file or from an
    /// engine error is shown as a space, so a problem never spills over what follows.
    public var description: String {
        let oneLine = message.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
        return "\(location): \(oneLine)"
    }
}

/// Every problem found while loading or checking a course, in file and line order. Thrown
/// when a course cannot be used; `convlab lessons check` prints one per line.
public struct LessonProblems: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [LessonProblem]

    public init(_ problems: [LessonProblem]) {
        self.problems = problems
    }

    /// One `file:line: message` per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
