// Written by lessons/embed.sh from lessons/course.yaml: edit that file, then rerun the script.
extension EmbeddedCourse {
    static let file_course = #"""
format: 1
title: Convolutional neural networks, from the ground up
lessons:
  - 01-mlp-limits.yaml

"""#
}
