#!/usr/bin/env bash
# Copies every lesson file into the binary: writes one Swift file per YAML file under
# Sources/Lessons/Course/ (a raw string literal holding the file byte for byte) and the table
# EmbeddedCourse+Files.swift naming them. Run it after editing lessons/; the LessonsTests
# suite fails while the compiled-in copy differs from this folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../Sources/Lessons/Course"
rm -f "$out"/EmbeddedCourse+*.swift

table="$out/EmbeddedCourse+Files.swift"
{
    echo "// Written by lessons/embed.sh: the table of embedded lesson files. Do not edit by hand."
    echo "extension EmbeddedCourse {"
    echo "    static let contents: [String: String] = ["
} >"$table"

for file in "$here"/*.yaml; do
    name="$(basename "$file")"
    stem="${name%.yaml}"
    identifier="file_$(printf '%s' "$stem" | tr -c 'A-Za-z0-9' '_')"
    # The file goes inside #"""…"""#; those two sequences are all it must not contain.
    if grep -q '"""#' "$file" || grep -q '\\#' "$file"; then
        echo "embed.sh: $name contains \"\"\"# or \\#, which cannot go in a raw string literal" >&2
        exit 1
    fi
    {
        echo "// Written by lessons/embed.sh from lessons/$name: edit that file, then rerun the script."
        echo "extension EmbeddedCourse {"
        echo "    static let $identifier = #\"\"\""
        cat "$file"
        # This newline ends the file's last line; the literal drops the one before \"\"\"#.
        echo ""
        echo "\"\"\"#"
        echo "}"
    } >"$out/EmbeddedCourse+$stem.swift"
    echo "        \"$name\": $identifier," >>"$table"
done

{
    echo "    ]"
    echo "}"
} >>"$table"
