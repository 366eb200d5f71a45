import ConvEngine

extension Dataset {
    /// A dataset from IDX images (N×H×W unsigned bytes) and labels (N unsigned bytes), with
    /// pixels value/255 and one channel. `imagesFile`/`labelsFile` name them in errors.
    public init(idxImages: IDXFile, labels: IDXFile, imagesFile: String, labelsFile: String) throws(DatasetFileError) {
        guard idxImages.shape.count == 3 else {
            throw .wrongIDXRank(file: imagesFile, role: "images", expected: 3, found: idxImages.shape.count)
        }
        guard labels.shape.count == 1 else {
            throw .wrongIDXRank(file: labelsFile, role: "labels", expected: 1, found: labels.shape.count)
        }
        guard idxImages.shape[0] == labels.shape[0] else {
            throw .countMismatch(imagesFile: imagesFile, images: idxImages.shape[0], labelsFile: labelsFile, labels: labels.shape[0])
        }
        let (count, height, width) = (idxImages.shape[0], idxImages.shape[1], idxImages.shape[2])
        let scalars = idxImages.bytes.map { Float($0) / 255 }
        self.init(images: Tensor(shape: [count, 1, height, width], scalars: scalars), labels: labels.bytes.map(Int.init))
    }
}
