import ArgumentParser
import ConvEngine
import ConvLabApp
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

    // Read `.unconditional`ly so a negative value is refused by name, not as a missing value.
    @Option(parsing: .unconditional, help: "Images per batch for the conv layers, 1 to \(Limits.batch).") var batch = 64
    @Option(parsing: .unconditional, help: "Timed runs per measurement (the best is kept), 1 to \(Limits.benchRepetitions).")
    var repetitions = 5
    @Option(parsing: .unconditional, help: "Threads for the fast path, 1 to \(Limits.threads) (default: all cores).") var threads: Int?
    @Flag(help: "Print the measurements as JSON.") var json = false
    @Flag(help: "Instead: time the draw demo from a stroke to the redrawn frame, on the built-in network (--repetitions × 20 strokes).")
    var draw = false

    func validate() throws {
        _ = try Limits.check(batch, "--batch", in: 1...Limits.batch)
        _ = try Limits.check(repetitions, "--repetitions", in: 1...Limits.benchRepetitions)
        if let threads { _ = try Limits.check(threads, "--threads", in: 1...Limits.threads) }
    }

    func run() throws {
        if draw {
            try runDraw()
            return
        }
        let threadCount = threads ?? FastThreading.threadCount
        let layers = ConvBenchmark.teachingNetLayers(batch: batch)
        // Refused before any array exists, with the estimate, rather than aborting in malloc.
        let bytes = ConvBenchmark.estimatedBytes(layers: layers)
        guard let bytes, bytes <= Limits.memoryBytes else { throw CommandError.benchMemory(bytes: bytes, batch: batch) }
        let results = ConvBenchmark.run(
            layers: layers,
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

extension BenchCommand {
    /// `--draw`: the median and slowest stroke per view and terminal size.
    private func runDraw() throws {
        if let threads { FastThreading.threadCount = threads }
        let results = try DrawBenchmark.run(strokes: repetitions * 20)
        #if DEBUG
        print("note: this is a debug build; run `swift build -c release` for meaningful times")
        #endif
        let nameWidth = results.map(\.name.count).max() ?? 0
        print("\("draw demo, stroke to frame".padding(toLength: nameWidth, withPad: " ", startingAt: 0))  strokes  median ms  slowest ms")
        for result in results {
            let name = result.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            print("\(name)  \(String(format: "%7d  %9.2f  %10.2f", result.strokes, result.medianMilliseconds, result.slowestMilliseconds))")
        }
        print("a stroke: one arrow key with the pen down, through update and render into a buffer (terminal output excluded)")
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
