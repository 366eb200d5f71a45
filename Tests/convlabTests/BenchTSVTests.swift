import ArgumentParser
import ConvLabApp
import Foundation
import Testing
@testable import convlab

/// `convlab bench --tsv`: its flags, its selection of workloads and the shape of its rows.
/// Runs here are tiny (--repeats 1, fast workloads) and nothing asserts a time: only that each
/// row has the columns, names and units `bench/peers.py` and `bench/compare.sh` expect.
@Suite struct BenchTSVTests {
    /// The workload names the performance goals define, in the order they run.
    static let engineWorkloads = [
        "W1_train_bs1", "W1_train_bs32", "W1_train_bs128", "W2_lenet5_train_bs64", "W3", "W4", "W5_infer_bs1",
    ]

    @Test func parsesTheTSVFlags() throws {
        let command = try #require(
            try BenchCommand.parseAsRoot(["--tsv", "--filter", "W1,frame_", "--threads", "1", "--repeats", "3"]) as? BenchCommand)
        #expect(command.tsv)
        #expect(command.filter == "W1,frame_")
        #expect(command.threads == 1)
        #expect(command.repetitions == 3)
        let older = try #require(try BenchCommand.parseAsRoot(["--repetitions", "7"]) as? BenchCommand)
        #expect(older.repetitions == 7, "--repetitions stays an alias of --repeats")
        #expect(!older.tsv)
    }

    @Test(arguments: [
        (["--filter", "W1"], "--filter selects workloads of --tsv: add --tsv"),
        (["--tsv", "--json"], "--tsv and --json are two formats of different measurements: choose one"),
        (["--tsv", "--filter", ""], "--filter's length must be at least 1, got 0"),
        (["--tsv", "--filter", String(repeating: "W", count: 1_001)], "--filter's length must be at most 1000, got 1001"),
        (["--tsv", "--repeats", "0"], "--repeats must be at least 1, got 0"),
        (["--tsv", "--batch", "32"], "--batch sizes the table's conv layers; the --tsv workloads fix their own batches: drop --batch"),
        (["--tsv", "--threads", "0"], "--threads must be at least 1, got 0"),
    ])
    func refusesEachBadFlagInOneLine(arguments: [String], message: String) throws {
        let refusal = try #require(CommandLineBoundsTests.refusal(BenchCommand.self, arguments), "\(arguments) should be refused")
        #expect(refusal == message)
    }

    @Test func listsTheGoalWorkloadsThenOneFramePerScreen() {
        let names = BenchSuite.workloads().map(\.name)
        #expect(names.first == "first_frame", "the start-up time runs first, before anything warms the process")
        #expect(Array(names.dropFirst().prefix(Self.engineWorkloads.count)) == Self.engineWorkloads)
        let frames = ["frame_home"] + DemoCatalog().names.map { "frame_\($0)" }
        #expect(Array(names.suffix(frames.count)) == frames)
        #expect(names.count == 1 + Self.engineWorkloads.count + frames.count)
    }

    @Test func filterSelectsByCommaSeparatedPartsIgnoringCase() throws {
        let workloads = BenchSuite.workloads()
        #expect(try BenchSuite.select(workloads, filter: "w1").map(\.name) == ["W1_train_bs1", "W1_train_bs32", "W1_train_bs128"])
        #expect(try BenchSuite.select(workloads, filter: "W5, frame_geometry").map(\.name) == ["W5_infer_bs1", "frame_geometry"])
        // An exact name selects that workload alone, though `W1_train_bs128` contains it.
        #expect(try BenchSuite.select(workloads, filter: "w1_train_bs1").map(\.name) == ["W1_train_bs1"])
        #expect(try BenchSuite.select(workloads, filter: nil).count == workloads.count)
        #expect(throws: CommandError.self) { try BenchSuite.select(workloads, filter: "W9") }
        do {
            _ = try BenchSuite.select(workloads, filter: ",")
            Issue.record("a filter of no names selected something")
        } catch {
            #expect("\(error)".hasPrefix("--filter ',' matches no workload; the workloads are: first_frame, W1_train_bs1,"))
        }
    }

    @Test func rowIsFourTabSeparatedColumnsWithThreeDecimals() {
        let row = BenchMeasurement(workload: "W3", metric: .gigaflopsPerSecond, value: 1234.5678)
        #expect(row.tsvLine == "W3\tconvlab\tGFLOP/s\t1234.568")
        #expect(BenchMeasurement.Metric.allCases.map(\.rawValue) == ["images/s", "ms", "GFLOP/s", "us"])
    }

    @Test func medianTakesTheMiddleRun() {
        #expect(BenchTiming.median([3, 1, 2]) == 2)
        #expect(BenchTiming.median([4, 1, 3, 2]) == 2.5)
        #expect(BenchTiming.median([]) == 0)
    }

    /// A real run of the fast workloads at one repeat: each gives the rows and units its
    /// workload defines, with positive finite values, and W4's two rows agree with its FLOP count.
    @Test func tinyRunPrintsWellFormedRows() throws {
        let workloads = try BenchSuite.select(BenchSuite.workloads(), filter: "first_frame,W4,W5,frame_geometry")
        var lines: [String] = []
        try BenchSuite.run(workloads, settings: BenchSuite.Settings(threads: 1, repeats: 1)) { lines.append($0.tsvLine) }
        let rows = lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.allSatisfy { $0.count == 4 }, "\(lines)")
        #expect(rows.map { [$0[0], $0[1], $0[2]] } == [
            ["first_frame", "convlab", "ms"],
            ["W4", "convlab", "ms"],
            ["W4", "convlab", "GFLOP/s"],
            ["W5_infer_bs1", "convlab", "us"],
            ["frame_geometry", "convlab", "ms"],
        ])
        let values = rows.map { Double($0[3]) }
        #expect(values.allSatisfy { $0.map { $0.isFinite && $0 > 0 } ?? false }, "\(lines)")
        // FLOPs = 2·N·K·C·R·S·Ho·Wo = 2·1·64·3·3·3·224·224 for VGG16's first convolution.
        let milliseconds = try #require(values[1]), gigaflops = try #require(values[2])
        let expected = 2.0 * 64 * 3 * 9 * 224 * 224 / (milliseconds / 1000) / 1e9
        #expect(abs(gigaflops - expected) <= 0.01 * expected + 0.002, "\(gigaflops) GFLOP/s vs \(expected) from \(milliseconds) ms")
    }
}
