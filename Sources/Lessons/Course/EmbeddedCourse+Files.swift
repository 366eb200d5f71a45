// Written by lessons/embed.sh: the table of embedded lesson files. Do not edit by hand.
extension EmbeddedCourse {
    static let contents: [String: String] = [
        "01-mlp-limits.yaml": file_01_mlp_limits,
        "course.yaml": file_course,
    ]
}
