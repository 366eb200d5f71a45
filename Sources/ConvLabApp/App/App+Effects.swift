import ConvFiles
import Foundation

// The effects that do work outside the app's state: writing a file a screen made and starting
// a training session's thread. `App.apply` performs them right after the screen's `update`
// and hands the outcome back to that screen (`Screen.effectFinished`).

extension App {
    /// Does the work `effect` asks for and says what came of it; nil for the effects that only
    /// move between screens or save progress, which `apply` handles itself.
    static func perform(_ effect: Effect) -> EffectOutcome? {
        switch effect {
        case .writeFile(let write):
            return write.perform()
        case .startTraining(let launch):
            launch.start()
            return .trainingStarted(launch)
        case .startBackgroundJob(let job):
            job.start()
            return nil
        default:
            return nil
        }
    }
}

extension FileWrite {
    /// Writes the file atomically (a temporary file renamed over it, so a reader never sees
    /// half a checkpoint); a failure names the file and why.
    func perform() -> EffectOutcome {
        let url = URL(fileURLWithPath: path)
        do {
            switch contents {
            case .text(let text): try AtomicFile.write(Data(text.utf8), to: url)
            case .tensorArchive(let tensors): try NumpyArchive.write(tensors, to: url)
            }
        } catch {
            return .fileNotWritten(self, reason: "\(error)")
        }
        return .fileWritten(self, path: url.standardizedFileURL.path)
    }
}
