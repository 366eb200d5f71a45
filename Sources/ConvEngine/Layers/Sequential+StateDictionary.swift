// Checkpoints in PyTorch's naming: a state dictionary maps `"<module index>.weight"` and
// `"<module index>.bias"` to tensors in PyTorch's layouts (conv OIHW, linear out×in), so a
// dictionary saved from the equivalent `nn.Sequential` loads here and back without renaming
// or transposing.

extension Sequential {
    /// The keys in module order: `0.weight`, `0.bias`, `3.weight`, …
    public var stateDictionaryKeys: [String] { parameters.map(\.name) }

    /// Every parameter's value by its PyTorch `state_dict` key.
    public var stateDictionary: [String: Tensor] {
        Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.value) })
    }

    /// Replaces every parameter's value with the dictionary's, after checking that the keys
    /// are exactly this network's and every shape matches; on any error nothing changes.
    /// Gradients are reset to zero.
    public mutating func loadStateDictionary(_ dictionary: [String: Tensor]) throws(StateDictionaryError) {
        let current = parameters
        for parameter in current {
            guard let value = dictionary[parameter.name] else {
                throw .missingKey(parameter.name, expectedShape: parameter.shape)
            }
            guard value.shape == parameter.shape else {
                throw .shapeMismatch(key: parameter.name, expected: parameter.shape, found: value.shape)
            }
        }
        let known = Set(current.map(\.name))
        if let extra = dictionary.keys.sorted().first(where: { !known.contains($0) }) {
            throw .unexpectedKey(extra)
        }
        updateParameters { parameter in
            parameter.value = dictionary[parameter.name]!
            parameter.zeroGradient()
        }
    }
}

/// Why a state dictionary does not fit a network; each case names the key.
public enum StateDictionaryError: Error, Equatable, Sendable {
    /// The network has this parameter but the dictionary does not.
    case missingKey(String, expectedShape: [Int])
    /// The dictionary has a key the network does not (e.g. `2.weight` on a ReLU).
    case unexpectedKey(String)
    /// Both have the key, with different shapes.
    case shapeMismatch(key: String, expected: [Int], found: [Int])
}

extension StateDictionaryError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .missingKey(key, shape):
            return "state dictionary has no \"\(key)\" (expected a \(Tensor.describe(shape)) tensor)"
        case let .unexpectedKey(key):
            return "state dictionary has \"\(key)\", which this network does not have"
        case let .shapeMismatch(key, expected, found):
            return "state dictionary \"\(key)\" is \(Tensor.describe(found)), expected \(Tensor.describe(expected))"
        }
    }
}
