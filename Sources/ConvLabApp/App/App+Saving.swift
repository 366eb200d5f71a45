import ConvEngine
import ConvFiles
import Foundation
import TerminalUI

extension App {
    /// The most saves of one name a folder takes before `s` asks the learner to tidy up; it
    /// bounds the search for a free number.
    static let maximumSaveNumber = 9_999

    /// Writes `view` into its folder, else the context's, else the current folder: the current frame as text (`NAME-N.txt`, the screen as drawn at the
    /// terminal's size, trailing spaces trimmed) and each picture as `NAME-N-SUFFIX.pgm` or
    /// `.ppm`, with N the first number no file of this name uses yet, so nothing is ever
    /// overwritten. Each file is written atomically; the status line names what was written or
    /// the first file that failed and why.
    mutating func save(_ view: SavedView) {
        let chosenFolder = view.folder ?? context.saveFolder
        let folderPath = chosenFolder ?? FileManager.default.currentDirectoryPath
        let folder = URL(fileURLWithPath: folderPath, isDirectory: true)
        guard let number = Self.firstFreeNumber(for: view, in: folder) else {
            statusError = "cannot save: \(folderPath) already holds \(view.name)-1 … \(view.name)-\(Self.maximumSaveNumber); move some away"
            return
        }
        var frame = Buffer(width: size.width, height: size.height)
        render(into: &frame)
        let text = frame.trimmedLines.joined(separator: "\n") + "\n"
        var written: [String] = []
        do {
            let textName = Self.fileName(view, number: number, picture: nil)
            try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(textName))
            written.append(textName)
            for picture in view.pictures {
                let name = Self.fileName(view, number: number, picture: picture)
                try AtomicFile.write(PortableAnymap.encode(picture.image), to: folder.appendingPathComponent(name))
                written.append(name)
            }
        } catch {
            statusError = error.description
            return
        }
        let place = chosenFolder.map { " in \($0)" } ?? ""
        // Pictures are named by what they add to the text file's name, so the line fits 80 columns.
        let stem = "\(view.name)-\(number)"
        let names = written.enumerated().map { index, name in index == 0 ? name : String(name.dropFirst(stem.count)) }
        statusNotice = "saved \(names.joined(separator: ", "))\(place)"
    }

    /// `NAME-N.txt`, or `NAME-N-SUFFIX.pgm` / `.ppm` for a picture.
    static func fileName(_ view: SavedView, number: Int, picture: SavedView.Picture?) -> String {
        guard let picture else { return "\(view.name)-\(number).txt" }
        return "\(view.name)-\(number)-\(picture.suffix).\(picture.image.shape[0] == 1 ? "pgm" : "ppm")"
    }

    /// The smallest N from 1 for which none of `view`'s files exists in `folder`.
    static func firstFreeNumber(for view: SavedView, in folder: URL) -> Int? {
        (1...maximumSaveNumber).first { number in
            let names = [fileName(view, number: number, picture: nil)] + view.pictures.map { fileName(view, number: number, picture: $0) }
            return names.allSatisfy { !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        }
    }
}
