/// Carrying weights from one network to another after its architecture was edited.
extension Sequential {
    /// What `copyMatchingParameters(from:)` did, by PyTorch parameter name (`0.weight`).
    public struct Transfer: Sendable, Hashable {
        /// Parameters taken from the other network (same name, same shape).
        public var copied: [String]
        /// Parameters that kept this network's own values: absent from the other network or of
        /// another shape there.
        public var kept: [String]
    }

    /// Copies every parameter of `source` whose module index, name and shape match one of this
    /// network's, so an edited architecture continues training where its layers are unchanged
    /// (the layers before the first edit keep their indices; a layer whose shape changed
    /// starts from its fresh weights).
    @discardableResult
    public mutating func copyMatchingParameters(from source: Sequential) -> Transfer {
        let available = Dictionary(source.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        var transfer = Transfer(copied: [], kept: [])
        updateParameters { parameter in
            if let value = available[parameter.name], value.shape == parameter.shape {
                parameter.value = value
                transfer.copied.append(parameter.name)
            } else {
                transfer.kept.append(parameter.name)
            }
        }
        return transfer
    }
}
