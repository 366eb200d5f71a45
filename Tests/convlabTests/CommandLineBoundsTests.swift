import ArgumentParser
import ConvEngine
import Foundation
import Testing
@testable import convlab

/// Every number `train`, `bench` and `compute` take is bounded before any arithmetic, and a
/// negative one is refused by name rather than read as a missing value.
@Suite struct CommandLineBoundsTests {
    /// The one-line message ArgumentParser prints for `arguments`, or nil when they parse.
    static func refusal<Command: ParsableCommand>(_ command: Command.Type, _ arguments: [String]) -> String? {
        do {
            _ = try command.parseAsRoot(arguments)
            return nil
        } catch {
            return command.message(for: error)
        }
    }

    @Test(arguments: [
        (["--lr", "-0.05"], "--lr must be a positive finite number, got -0.05"),
        (["--lr", "nan"], "--lr must be a positive finite number, got nan"),
        (["--momentum", "-0.5"], "--momentum must be a number from 0 to 1, got -0.5"),
        (["--weight-decay", "inf"], "--weight-decay must be a finite number, 0 or more, got inf"),
        (["--weight-decay", "-1e-4"], "--weight-decay must be a finite number, 0 or more, got -0.0001"),
        (["--epochs", "-1"], "--epochs must be a whole number from 0 to 10000, got -1"),
        (["--batch", "9223372036854775807"], "--batch must be a whole number from 1 to 65536, got 9223372036854775807"),
        (["--batch", "-3"], "--batch must be a whole number from 1 to 65536, got -3"),
        (["--train-size", "100000000000"], "--train-size must be at most 1000000, got 100000000000"),
        (["--test-size", "-5"], "--test-size must be at least 1, got -5"),
        (["--test-size", "0"], "--test-size must be at least 1, got 0"),
        (["--threads", "-2"], "--threads must be at least 1, got -2"),
        (["--threads", "100000"], "--threads must be at most 256, got 100000"),
        (["--seed", "-1"], "expected a whole number from 0 to 18446744073709551615"),
        (["--data", "mnist"], "--data: expected 'synthetic' or 'idx:DIR'"),
    ])
    func trainRefusesEachValueByName(arguments: [String], message: String) throws {
        let refusal = try #require(Self.refusal(TrainCommand.self, arguments), "\(arguments) should be refused")
        #expect(refusal.contains(message), "\(refusal)")
        #expect(!refusal.contains("Missing value"), "\(refusal)")
        #expect(!refusal.contains("\n"), "one line: \(refusal)")
    }

    @Test func trainAcceptsTheLargestValues() throws {
        let command = try TrainCommand.parseAsRoot([
            "--batch", "65536", "--train-size", "1000000", "--test-size", "1000000", "--epochs", "10000",
            "--threads", "256", "--seed", "18446744073709551615", "--lr", "1e-9", "--momentum", "1", "--weight-decay", "0",
        ]) as? TrainCommand
        #expect(command?.batchSize == Limits.batch)
        #expect(command?.seed == UInt64.max)
    }

    @Test(arguments: [
        (["--batch", "100000000"], "--batch must be at most 65536, got 100000000"),
        (["--batch", "-1"], "--batch must be at least 1, got -1"),
        (["--repetitions", "0"], "--repeats must be at least 1, got 0"),
        (["--repeats", "1001"], "--repeats must be at most 1000, got 1001"),
        (["--threads", "-4"], "--threads must be at least 1, got -4"),
    ])
    func benchRefusesEachValueByName(arguments: [String], message: String) throws {
        let refusal = try #require(Self.refusal(BenchCommand.self, arguments))
        #expect(refusal == message)
    }

    @Test(arguments: [
        (["--stride", "-1"], "--stride must be at least 1, got -1"),
        (["--stride", "0x2"], "--stride must be at least 1, got 0"),
        (["--padding", "4611686018427387904"], "--padding must be at most 16384, got 4611686018427387904"),
        (["--dilation", "1x9223372036854775807"], "--dilation must be at most 16384, got 9223372036854775807"),
        (["--padding", "-2"], "--padding must be at least 0, got -2"),
    ])
    func computeConvRefusesEachValueByName(arguments: [String], message: String) throws {
        let refusal = try #require(Self.refusal(
            ComputeCommand.Conv.self, ["--input", "x.npy", "--weight", "w.npy", "--output", "y.npy"] + arguments))
        #expect(refusal == message)
    }

    @Test(arguments: [
        (["--size", "3000000000"], "--size must be at most 16384, got 3000000000"),
        (["--size", "2", "--padding", "1500000000"], "--padding must be at most 16384, got 1500000000"),
        (["--size", "2", "--stride", "-1"], "--stride must be at least 1, got -1"),
    ])
    func computePoolRefusesEachValueByName(arguments: [String], message: String) throws {
        let refusal = try #require(Self.refusal(
            ComputeCommand.Pool.self, ["--kind", "max", "--input", "x.npy", "--output", "y.npy"] + arguments))
        #expect(refusal == message)
    }

    /// A 16384 window padded by 8192 over a 4×4 input is within every bound, but would take
    /// 5·5·16384² window terms: refused before any work, as is a count past 64 bits.
    @Test func computeRefusesHoursOfWork() throws {
        let error = try #require(throws: CommandError.self) {
            try ArrayArgument.checkWork("this pooling", [1, 1, 5, 5, 16_384, 16_384])
        }
        #expect(error.description == "this pooling takes 6710886400 window terms; the limit is 4294967296: use a smaller window, padding or input")
        #expect(throws: CommandError.self) { try ArrayArgument.checkWork("this convolution", [Int.max, 2]) }
        #expect(throws: Never.self) { try ArrayArgument.checkWork("this convolution", [64, 16, 14, 14, 8, 3, 3]) }
    }

    /// 300 random argument lists (ArgumentParser takes about 10 ms per parse in a debug build) over train's numeric options, with numbers from every
    /// range (negative, zero, huge, past 64 bits, NaN, inf): each parses within every bound or
    /// is refused with one line, never a trap.
    @Test func randomTrainArgumentsAreBoundedOrRefused() {
        var generator = SeededGenerator(seed: 5)
        let options = ["--batch", "--train-size", "--test-size", "--epochs", "--threads", "--seed", "--lr", "--momentum", "--weight-decay"]
        let numbers = ["0", "1", "-1", "-0.05", "7", "65536", "65537", "1000001", "9223372036854775807", "-9223372036854775808",
                       "99999999999999999999", "nan", "inf", "-inf", "1e9", "0.5", "", "--epochs"]
        var accepted = 0
        for _ in 0..<300 {
            var arguments: [String] = []
            for _ in 0..<(1 + generator.nextInt(below: 4)) {
                arguments += [options[generator.nextInt(below: options.count)], numbers[generator.nextInt(below: numbers.count)]]
            }
            do {
                let command = try #require(try TrainCommand.parseAsRoot(arguments) as? TrainCommand)
                accepted += 1
                #expect((1...Limits.batch).contains(command.batchSize))
                #expect((0...Limits.epochs).contains(command.epochs))
                #expect(command.trainSize.map { (1...Limits.examples).contains($0) } ?? true)
                #expect(command.testSize.map { (1...Limits.examples).contains($0) } ?? true)
                #expect(command.threads.map { (1...Limits.threads).contains($0) } ?? true)
                #expect(command.lr.map { $0 > 0 && $0.isFinite } ?? true)
                #expect((0...1).contains(command.momentum) && command.weightDecay.isFinite && command.weightDecay >= 0)
            } catch {
                #expect(!TrainCommand.message(for: error).isEmpty)
            }
        }
        #expect(accepted > 10, "some lists are valid: \(accepted)")
    }
}
