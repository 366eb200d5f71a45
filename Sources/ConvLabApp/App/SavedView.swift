import ConvEngine

/// What the app saves on Ctrl-P (or on a screen's own key, the draw demo's `w`): the screen as
/// the learner sees it (the app renders the text itself, at the terminal's size) and the
/// pictures behind it — drawings and heat maps — at one pixel per value.
public struct SavedView: Hashable, Sendable {
    /// The start of every file name: `draw` gives draw-1.txt, draw-1-canvas.pgm, …
    public var name: String
    /// Where the files go; nil for the current folder.
    public var folder: String?
    public var pictures: [Picture]

    /// One picture: 1×H×W (written as PGM) or 3×H×W (PPM), values in [0, 1].
    public struct Picture: Hashable, Sendable {
        /// Added to the file name: `canvas` gives draw-1-canvas.pgm.
        public var suffix: String
        public var image: Tensor
        /// How values became pixels ("each tile from its own min (black) to max (white)"),
        /// written into the file's header as a comment; empty for none.
        public var note: String

        public init(suffix: String, image: Tensor, note: String = "") {
            precondition(image.rank == 3 && [1, 3].contains(image.shape[0]), "a picture is 1×H×W or 3×H×W, got \(Tensor.describe(image.shape))")
            self.suffix = suffix
            self.image = image
            self.note = note
        }
    }

    public init(name: String, folder: String? = nil, pictures: [Picture] = []) {
        self.name = name
        self.folder = folder
        self.pictures = pictures
    }
}

/// A screen that shows heat maps or drawings: Ctrl-P saves them as pictures beside the text,
/// in the colours and ranges the screen draws them with (`HeatPicture`).
public protocol PictureSaving {
    /// What the screen shows now, one picture per map or mosaic, named by what it holds.
    var savedPictures: [SavedView.Picture] { get }
}
