import ConvEngine

/// Bounds on what a lesson file and the quiz command may ask for, checked before anything is
/// read, allocated or drawn. Like `Limits`' own, they sit far above what the course needs.
extension Limits {
    /// Largest lesson file or manifest read, in bytes. The whole built-in course is under
    /// 100 KB; a file past this is not a lesson, and reading it all would be the bomb.
    public static let lessonFileBytes = 1 << 20
    /// Deepest nesting of lists and mappings in a lesson file. The course nests 6 levels; the
    /// tree is copied recursively, so an unbounded depth would exhaust the stack.
    public static let lessonNesting = 64
    /// Most values one `vary:` placeholder may take (`5..12` is 8). `lessons check` derives
    /// up to 512 value sets per exercise, so more values would only go unchecked.
    public static let variedValues = 256
    /// Largest `--attempt` of a quiz. Any attempt's numbers are drawn in constant time; the
    /// bound keeps "the next attempt" (attempt + 1) from overflowing.
    public static let attempt = 1_000_000_000
}
