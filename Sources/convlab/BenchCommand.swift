import ArgumentParser
import ConvEngine
import ConvLabApp
import Foundation

/// `convlab bench`: how much faster the fast conv path is than the reference loops on this
/// machine. Both are timed in the same run, so the ratio holds even on a busy machine where the
/// absolute times do not. `--tsv` times the workloads of the performance goals instead, in the
/// format `bench/peers.py` prints for PyTorch and ONNX Runtime.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the reference and fast convolution paths against each other.",
        discussion: """
            Build in release mode first (swift build -c release); debug timings mean nothing. \
            The table's times are the best of --repeats runs; its ratio column compares two things measured \
            in the same run.
            --tsv instead prints one line per measurement, workload<TAB>system<TAB>metric<TAB>value, \
            each value the median of --repeats timed runs after a warm-up: training steps of the \
            teaching net (W1_train_bs1, _bs32, _bs128) and LeNet-5 (W2_lenet5_train_bs64) in \
            images/s, two convolutions (W3, W4) in ms and GFLOP/s, one forward pass of the \
            teaching net (W5_infer_bs1) in us, one 200x60 frame of each screen (frame_NAME) and \
            the time to the first frame (first_frame) in ms. bench/README.md describes them.
            """)

    // Read `.unconditional`ly so a negative value is refused by name, not as a missing value.
    @Option(parsing: .unconditional, help: "Images per batch for the table's conv layers, 1 to \(Limits.batch) (default: 64).")
    var batch: Int?
    @Option(name: [.customLong("repeats"), .customLong("repetitions")], parsing: .unconditional,
            help: "Timed runs per measurement (the table keeps the best, --tsv the median), 1 to \(Limits.benchRepetitions).")
    var repetitions = 5
    @Option(parsing: .unconditional, help: "Threads for the fast path, 1 to \(Limits.threads) (default: all cores; 2 with --tsv).") var threads: Int?
    @Flag(help: "Print the measurements as JSON.") var json = false
    @Flag(help: "Time the workloads of the performance goals, one TSV line each.") var tsv = false
    @Option(help: "With --tsv: only these comma-separated workloads, each an exact name or a part of names (e.g. W1_train_bs1,frame_).")
    var filter: String?

    /// The threads the --tsv workloads use unless told otherwise: the count the workloads
    /// are defined with, whatever this machine has.
    static let workloadThreads = 2
    @Flag(help: "Instead: time the draw demo from a stroke to the redrawn frame, on the built-in network (--repetitions × 20 strokes).")
    var draw = false
    /// What `first_frame` launches: this binary, drawing the home screen's first frame into
    /// memory and saying so on standard output (`FrameWorkloads.firstFrameProbe`).
    @Flag(help: ArgumentHelp("Draw the tutor's first frame into memory, print a line and exit (first_frame launches this).", visibility: .private))
    var firstFrameProbe = false

    func validate() throws {
        if let batch { _ = try Limits.check(batch, "--batch", in: 1...Limits.batch) }
        if tsv, batch != nil { throw CommandError.benchBatchWithTSV }
        _ = try Limits.check(repetitions, "--repeats", in: 1...Limits.benchRepetitions)
        if let threads { _ = try Limits.check(threads, "--threads", in: 1...Limits.threads) }
        if tsv, json { throw CommandError.benchFormat }
        if draw, tsv || json { throw CommandError.benchDrawFormat }
        if let filter {
            guard tsv else { throw CommandError.benchFilterNeedsTSV }
            _ = try Limits.check(filter.count, "--filter's length", in: 1...Limits.benchFilterCharacters)
        }
    }

    func run() throws {
        if firstFrameProbe {
            try FrameWorkloads.firstFrameProbe()
            return
        }
        if draw {
            try runDraw()
            return
        }
        if tsv {
            let workloads = try BenchSuite.select(BenchSuite.workloads(), filter: filter)
            let settings = BenchSuite.Settings(threads: threads ?? Self.workloadThreads, repeats: repetitions)
            try BenchSuite.run(workloads, settings: settings) { measurement in
                // Written unbuffered, so a pipe sees each row as soon as it is measured.
                FileHandle.standardOutput.write(Data((measurement.tsvLine + "\n").utf8))
            }
            return
        }
        let threadCount = threads ?? FastThreading.threadCount
        let batch = self.batch ?? 64
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
