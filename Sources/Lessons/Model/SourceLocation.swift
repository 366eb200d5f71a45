/// Where something was written: a lesson file as the learner or author named it, and a
/// 1-based line. Every problem the loader or checker reports carries one, so it prints as
/// `lessons/07-output-size.yaml:42: …`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as shown to the reader, e.g. `lessons/01-mlp-limits.yaml`.
    public var file: String
    /// 1-based line number; 0 for the file (or folder) as a whole.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`, or just `file` when the whole file is meant.
    public var description: String { line > 0 ? "\(file):\(line)" : file }
}
