// Written by lessons/embed.sh: the table of embedded lesson files. Do not edit by hand.
extension EmbeddedCourse {
    static let contents: [String: String] = [
        "course.yaml": file_course,
    ]
}
