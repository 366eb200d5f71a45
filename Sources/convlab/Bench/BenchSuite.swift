import ConvEngine
import ConvLabApp
import Foundation

/// The workloads `convlab bench --tsv` knows, in the order they run, and the selection
/// `--filter` makes from them.
enum BenchSuite {
    /// How a selected workload runs.
    struct Settings: Equatable {
        /// Threads for the engine (batch-1 workloads also try one thread and keep the faster).
        var threads: Int
        /// Timed runs per measurement, after one warm-up run.
        var repeats: Int
    }

    /// A named workload and how to measure it.
    struct Workload {
        var name: String
        var measure: (Settings) throws -> [BenchMeasurement]
    }

    /// Every workload: first the start-up time (new processes, so nothing this one warmed
    /// counts, but run first all the same so the machine is as a learner finds it), then the
    /// engine's workloads, then one frame of the home screen and of each demo.
    static func workloads(catalog: DemoCatalog = DemoCatalog()) -> [Workload] {
        var workloads = [
            Workload(name: "first_frame") { settings in
                [BenchMeasurement(workload: "first_frame", metric: .milliseconds, value: try FrameWorkloads.firstFrameMilliseconds(repeats: settings.repeats))]
            },
        ]
        for batch in [1, 32, 128] {
            workloads.append(training("W1_train_bs\(batch)", .teachingNet, batch: batch))
        }
        workloads.append(training("W2_lenet5_train_bs64", .lenet5, batch: 64))
        workloads.append(convolution("W3", .w3))
        workloads.append(convolution("W4", .w4))
        workloads.append(Workload(name: "W5_infer_bs1") { settings in
            let seconds = threadChoices(settings).map {
                EngineWorkloads.inferenceSeconds(.teachingNet, threads: $0, repeats: settings.repeats)
            }.min() ?? 0
            return [BenchMeasurement(workload: "W5_infer_bs1", metric: .microseconds, value: seconds * 1e6)]
        })
        workloads.append(Workload(name: "frame_home") { settings in
            [BenchMeasurement(workload: "frame_home", metric: .milliseconds,
                              value: FrameWorkloads.frameMilliseconds(try FrameWorkloads.homeApp(), repeats: settings.repeats))]
        })
        for demo in catalog.names {
            let name = "frame_\(demo)"
            workloads.append(Workload(name: name) { settings in
                [BenchMeasurement(workload: name, metric: .milliseconds,
                                  value: FrameWorkloads.frameMilliseconds(try FrameWorkloads.demoApp(named: demo), repeats: settings.repeats))]
            })
        }
        return workloads
    }

    /// The workloads `filter` names, ignoring case: each comma-separated part selects the
    /// workload of exactly that name if there is one (`W1_train_bs1` alone, not `_bs128`),
    /// else every workload whose name contains it (`W1,frame_` selects the training steps and
    /// every frame). All of them for nil. `bench/peers.py` selects by the same rule.
    /// - Throws: `CommandError.benchFilter` when nothing matches, naming what there is.
    static func select(_ workloads: [Workload], filter: String?) throws -> [Workload] {
        guard let filter else { return workloads }
        let parts = filter.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let names = Set(workloads.map { $0.name.lowercased() })
        let selected = workloads.filter { workload in
            let name = workload.name.lowercased()
            return parts.contains { names.contains($0) ? name == $0 : name.contains($0) }
        }
        guard !selected.isEmpty else { throw CommandError.benchFilter(filter, known: workloads.map(\.name)) }
        return selected
    }

    /// Measures each workload in turn, handing every row to `report` as soon as it is known
    /// (a full run takes minutes; the rows should not all wait for the last one).
    static func run(_ workloads: [Workload], settings: Settings, report: (BenchMeasurement) -> Void) throws {
        for workload in workloads {
            for measurement in try workload.measure(settings) { report(measurement) }
        }
    }

    /// One thread and `settings.threads`: batch-1 workloads keep the faster of the two, since
    /// a second thread may cost more than it brings on one image.
    private static func threadChoices(_ settings: Settings) -> [Int] {
        Array(Set([1, settings.threads])).sorted()
    }

    private static func training(_ name: String, _ architecture: NamedArchitecture, batch: Int) -> Workload {
        Workload(name: name) { settings in
            let threadCounts = batch == 1 ? threadChoices(settings) : [settings.threads]
            let rate = try threadCounts.map {
                try EngineWorkloads.trainingImagesPerSecond(architecture, batch: batch, threads: $0, repeats: settings.repeats)
            }.max() ?? 0
            return [BenchMeasurement(workload: name, metric: .imagesPerSecond, value: rate)]
        }
    }

    private static func convolution(_ name: String, _ convolution: EngineWorkloads.Convolution) -> Workload {
        Workload(name: name) { settings in
            let seconds = convolution.forwardSeconds(threads: settings.threads, repeats: settings.repeats)
            return [
                BenchMeasurement(workload: name, metric: .milliseconds, value: seconds * 1000),
                BenchMeasurement(workload: name, metric: .gigaflopsPerSecond, value: convolution.flops / seconds / 1e9),
            ]
        }
    }
}
