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
                try AtomicFile.write(PortableAnymap.encode(picture.image, comment: picture.note), to: folder.appendingPathComponent(name))
                written.append(name)
            }
        } catch {
            statusError = error.description
            return
        }
        statusNotice = Self.savedNotice(written, stem: "\(view.name)-\(number)", place: chosenFolder, width: size.width)
    }

    /// "saved pool-1.txt, -input.pgm, -output.pgm in FOLDER": pictures are named by what they
    /// add to the text file's name. When the names do not fit `width` (a network of many
    /// layers), the pictures are counted instead: "saved network-1.txt and 14 pictures
    /// network-1-*.pgm/ppm" (the folder's listing names them). The folder comes last, where
    /// the status line cuts a long one.
    static func savedNotice(_ written: [String], stem: String, place: String?, width: Int) -> String {
        let placeText = place.map { " in \($0)" } ?? ""
        let names = written.enumerated().map { index, name in index == 0 ? name : String(name.dropFirst(stem.count)) }
        let listed = "saved \(names.joined(separator: ", "))"
        guard written.count > 2, listed.count > width - 2 else { return listed + placeText }
        let pictures = written.dropFirst()
        let kinds = Set(pictures.map { $0.hasSuffix(".ppm") ? "ppm" : "pgm" }).sorted().joined(separator: "/")
        return "saved \(written[0]) and \(pictures.count) pictures \(stem)-*.\(kinds)\(placeText)"
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
