import Foundation

/// One row of `convlab bench --tsv`: `workload<TAB>system<TAB>metric<TAB>value`, the format
/// `bench/peers.py` prints too, so the two outputs can be joined line by line.
struct BenchMeasurement: Equatable {
    /// This program's name in the system column; the peer script writes `pytorch`,
    /// `pytorch_cl` and `onnxruntime`.
    static let system = "convlab"

    /// What the metric column may say, one unit per kind of workload.
    enum Metric: String, CaseIterable {
        case imagesPerSecond = "images/s"
        case milliseconds = "ms"
        case gigaflopsPerSecond = "GFLOP/s"
        case microseconds = "us"
    }

    var workload: String
    var metric: Metric
    var value: Double

    /// The row, values with three decimals and no thousands separators, so any TSV reader
    /// parses them.
    var tsvLine: String {
        [workload, Self.system, metric.rawValue, String(format: "%.3f", value)].joined(separator: "\t")
    }
}
