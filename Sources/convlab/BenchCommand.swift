import ArgumentParser
import ConvEngine
import Foundation

/// `convlab bench`: how much faster the fast conv path is than the reference loops on this
/// machine. Both are timed in the same run, so the ratio holds even on a busy machine where the
/// absolute times do not.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the reference and fast convolution paths against each other.",
        discussion: """
            Build in release mode first (swift build -c release); debug timings mean nothing. \
            Times are the best of --repetitions runs; the ratio column compares two things measured \
            in the same run.
            """)

    @Option(help: "Images per batch for the conv layers.") var batch = 64
    @Option(help: "Timed runs per measurement (the best is kept).") var repetitions = 5
    @Option(help: "Threads for the fast path (default: all cores).") var threads: Int?
    @Flag(help: "Print the measurements as JSON.") var json = false

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let threadCount = threads ?? FastThreading.threadCount
        let results = ConvBenchmark.run(
            layers: ConvBenchmark.teachingNetLayers(batch: batch),
            repetitions: repetitions, threadCount: threadCount)
        if json {
            let rows = results.map(BenchRow.init)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        #if DEBUG
        print("note: this is a debug build; run `swift build -c release` for meaningful times")
        #endif
        let nameWidth = results.map(\.name.count).max() ?? 0
        print("\("measurement".padding(toLength: nameWidth, withPad: " ", startingAt: 0))        ms   GFLOP/s   ratio")
        for result in results {
            let name = result.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let milliseconds = String(format: "%9.2f", result.seconds * 1000)
            let rate = String(format: "%9.1f", result.gigaflopsPerSecond)
            let ratio = result.speedUp.map { String(format: "%6.2f×", $0) } ?? ""
            print("\(name) \(milliseconds) \(rate)  \(ratio)")
        }
        print("ratio = baseline time / this time, both measured in this run (baseline: the reference loop, or the GEMM on one thread)")
    }
}

/// One measurement as `--json` prints it.
private struct BenchRow: Encodable {
    var name: String
    var seconds: Double
    var gigaflopsPerSecond: Double
    var baseline: String?
    var speedUp: Double?
    var maxRelativeDifference: Float?

    init(_ measurement: ConvBenchmark.Measurement) {
        name = measurement.name
        seconds = measurement.seconds
        gigaflopsPerSecond = measurement.gigaflopsPerSecond
        baseline = measurement.baseline
        speedUp = measurement.speedUp
        maxRelativeDifference = measurement.maxRelativeDifference
    }
}
