/// The course compiled into the binary: file name → contents, an exact copy of the
/// repository's `lessons/` folder (a test compares them byte for byte). It is what `convlab`
/// teaches unless `--lessons DIR` or `$CONVLAB_LESSONS` names a folder, so `swift run convlab`
/// and an installed binary both have the course with no files beside them.
///
/// The `EmbeddedCourse+*.swift` files are written by `lessons/embed.sh` from `lessons/`; edit
/// the YAML files there, then run the script.
public enum EmbeddedCourse {
    /// Every embedded file by name (`course.yaml`, `01-mlp-limits.yaml`, …).
    public static var files: [String: String] { contents }
}
