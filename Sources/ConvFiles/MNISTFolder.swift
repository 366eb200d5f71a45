import ConvEngine
import Foundation

/// A folder holding MNIST's four IDX files (or any dataset saved the same way):
/// `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
/// `t10k-labels-idx1-ubyte`, each optionally gzip-compressed with a `.gz` name.
public enum MNISTFolder {
    /// The file names, without `.gz`, of the training and test images and labels.
    public static let trainImages = "train-images-idx3-ubyte"
    public static let trainLabels = "train-labels-idx1-ubyte"
    public static let testImages = "t10k-images-idx3-ubyte"
    public static let testLabels = "t10k-labels-idx1-ubyte"

    /// The training and test sets of the folder at `folder`.
    public static func load(from folder: URL) throws(DatasetFileError) -> (train: Dataset, test: Dataset) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
            throw .fileNotFound(file: folder.path)
        }
        guard isFolder.boolValue else {
            throw .unreadable(file: folder.path, reason: "it is a file, not a folder of MNIST's four IDX files")
        }
        let train = try loadPair(folder: folder, images: trainImages, labels: trainLabels)
        let test = try loadPair(folder: folder, images: testImages, labels: testLabels)
        return (train, test)
    }

    private static func loadPair(folder: URL, images: String, labels: String) throws(DatasetFileError) -> Dataset {
        let imagesURL = try locate(images, in: folder)
        let labelsURL = try locate(labels, in: folder)
        return try Dataset(
            idxImages: try IDXFile.read(from: imagesURL), labels: try IDXFile.read(from: labelsURL),
            imagesFile: imagesURL.path, labelsFile: labelsURL.path)
    }

    /// `folder/name`, or `folder/name.gz` when only that exists.
    private static func locate(_ name: String, in folder: URL) throws(DatasetFileError) -> URL {
        for candidate in [name, name + ".gz"] {
            let url = folder.appendingPathComponent(candidate)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw .missingDatasetFile(folder: folder.path, name: name)
    }
}
