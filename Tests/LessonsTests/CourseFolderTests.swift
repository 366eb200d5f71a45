import Foundation
import Lessons
import Testing

@Suite("Course folders: lesson files are read only from inside the folder, and only regular files")
struct CourseFolderTests {
    /// `root/outside.yaml` holding a secret line, and an empty `root/course/` beside it.
    func makeFolders() throws -> (root: URL, course: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convlab-course-\(UUID().uuidString)")
        let course = root.appendingPathComponent("course")
        try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
        try Data("SECRET-FIRST-LINE: do not echo\n".utf8).write(to: root.appendingPathComponent("outside.yaml"))
        return (root, course)
    }

    func writeManifest(_ course: URL, listing names: [String]) throws {
        let text = "format: 1\ntitle: T\nlessons:\n" + names.map { "  - \"\($0)\"\n" }.joined()
        try Data(text.utf8).write(to: course.appendingPathComponent("course.yaml"))
    }

    func problems(_ course: URL) -> [String] {
        CourseChecker.check(.directory(course, displayPath: "course"), demos: FixtureDemos.all).problems.map(\.description)
    }

    @Test("'..', absolute paths and symlinks leading out are refused, and nothing of the file is quoted")
    func pathsLeadingOut() throws {
        let (root, course) = try makeFolders()
        try FileManager.default.createSymbolicLink(atPath: course.appendingPathComponent("link.yaml").path,
                                                   withDestinationPath: root.appendingPathComponent("outside.yaml").path)
        try writeManifest(course, listing: ["../outside.yaml", root.appendingPathComponent("outside.yaml").path, "link.yaml", "sub/../../outside.yaml"])
        let found = problems(course)
        #expect(found == [
            "course/course.yaml:4: '../outside.yaml' leads outside the lessons folder; list each lesson file by its name inside the folder",
            "course/course.yaml:5: '\(root.path)/outside.yaml' leads outside the lessons folder; list each lesson file by its name inside the folder",
            "course/course.yaml:6: 'link.yaml' leads outside the lessons folder; list each lesson file by its name inside the folder",
            "course/course.yaml:7: 'sub/../../outside.yaml' leads outside the lessons folder; list each lesson file by its name inside the folder",
        ])
        #expect(found.allSatisfy { !$0.contains("SECRET") })
    }

    @Test("a symlink to a lesson inside the folder is followed")
    func symlinkInside() throws {
        let (_, course) = try makeFolders()
        let valid = FixturePaths.fixtures.appendingPathComponent("valid/lesson.yaml")
        try FileManager.default.copyItem(at: valid, to: course.appendingPathComponent("real.yaml"))
        try FileManager.default.createSymbolicLink(atPath: course.appendingPathComponent("alias.yaml").path, withDestinationPath: "real.yaml")
        try writeManifest(course, listing: ["alias.yaml"])
        // The real file is unlisted; the link reads it.
        #expect(problems(course) == ["course/course.yaml:4: 'real.yaml' is in the lessons folder but not listed under 'lessons'"])
    }

    @Test("a fifo is refused without being opened, and a file past the size limit without being read")
    func specialAndLargeFiles() throws {
        let (_, course) = try makeFolders()
        #expect(mkfifo(course.appendingPathComponent("pipe.yaml").path, 0o600) == 0)
        var large = Data("id: big\n".utf8)
        large.append(Data(repeating: UInt8(ascii: "#"), count: (1 << 20) + 1))
        try large.write(to: course.appendingPathComponent("big.yaml"))
        try writeManifest(course, listing: ["big.yaml", "pipe.yaml"])
        #expect(problems(course) == [
            "course/course.yaml:4: 'big.yaml' is 1,048,585 bytes, more than the 1,048,576 a lesson file may have",
            "course/course.yaml:5: 'pipe.yaml' is not a regular file",
        ])
    }
}
