/// Three-way merge of progress, for two convlab processes sharing one state folder: each
/// writes only what it changed since it last read or wrote the file (`base`), onto what the
/// file holds now (`disk`), so neither undoes the other's answers.
extension CourseProgress {
    /// `disk` with the lessons this process changed from `base` to `self` changed the same
    /// way: a lesson left alone keeps the file's version, a lesson reset here (no entry) is
    /// reset, and any other change is merged field by field.
    public func merged(onto disk: CourseProgress, base: CourseProgress) -> CourseProgress {
        var result = disk
        result.format = Self.currentFormat
        for id in Set(lessons.keys).union(base.lessons.keys) {
            let mine = lessons[id]
            let before = base.lessons[id]
            guard mine != before else { continue }
            guard let mine else {
                result.lessons[id] = nil
                continue
            }
            let merged = mine.merged(onto: disk.lessons[id] ?? LessonProgress(), base: before ?? LessonProgress())
            result.lessons[id] = merged == LessonProgress() ? nil : merged
        }
        return result
    }
}

extension LessonProgress {
    /// Exercises answered (or forgotten) here are added to (or removed from) the file's; the
    /// furthest step is the larger one unless it moved back here (a reset); `done` follows
    /// this process when it changed it here.
    func merged(onto disk: LessonProgress, base: LessonProgress) -> LessonProgress {
        let added = Set(correctExercises).subtracting(base.correctExercises)
        let removed = Set(base.correctExercises).subtracting(correctExercises)
        let correct = Set(disk.correctExercises).union(added).subtracting(removed).sorted()
        let movedBack = (finishedStep ?? -1) < (base.finishedStep ?? -1)
        let step = movedBack ? finishedStep : [finishedStep, disk.finishedStep].compactMap { $0 }.max()
        let isDone = done != base.done ? done : disk.done
        let revealedAdded = Set(revealedExercises).subtracting(base.revealedExercises)
        let revealedRemoved = Set(base.revealedExercises).subtracting(revealedExercises)
        let revealed = Set(disk.revealedExercises).union(revealedAdded).subtracting(revealedRemoved).subtracting(correct).sorted()
        return LessonProgress(finishedStep: step, correctExercises: correct, done: isDone, revealedExercises: revealed)
    }
}
