import ConvEngine
import ConvFiles
import Foundation

/// The teaching net the binary carries, trained on synthetic digits by the project's own
/// trainer (`trainingCommand`, run by tools/bundle-network.sh, which also wrote the weights
/// into BundledNetwork+Weights.swift). It lets the draw demo and the network view open on a
/// network that recognises digits before the learner has trained one.
public enum BundledNetwork {
    /// The network the weights belong to.
    public static let architecture = NamedArchitecture.teachingNet

    /// Decodes the embedded checkpoint into a ready network.
    /// - Throws: `NetworkSourceError.bundledNetworkDamaged` if the embedded text does not
    ///   decode (a build problem, reported rather than trapped).
    public static func load() throws(NetworkSourceError) -> LoadedNetwork {
        guard let data = Data(base64Encoded: checkpointBase64, options: .ignoreUnknownCharacters) else {
            throw .bundledNetworkDamaged(problem: "the embedded text is not base64")
        }
        do {
            var model = try Sequential(spec: architecture.spec, seed: 0)
            try model.loadStateDictionary(try NumpyArchive.decode(data, source: "built-in network"))
            return LoadedNetwork(model: model, origin: "built-in \(architecture.name)")
        } catch {
            throw .bundledNetworkDamaged(problem: "\(error)")
        }
    }
}
