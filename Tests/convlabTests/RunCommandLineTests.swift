import ConvEngine
import ConvLabApp
import Testing
@testable import convlab

/// The dashboard's run line is a `convlab train` command that parses back to the same run.
@Suite struct RunCommandLineTests {
    @Test func theLineParsesBackToTheSameRun() throws {
        let spec = "input 28x28x1 | conv 4 4x4 stride 2 | tanh | flatten | linear 10"
        var setup = try TrainingDashboardSetup(parameters: [
            "arch": spec, "optimizer": "adam", "lr": "0.0003", "batch": "17", "epochs": "5", "seed": "42",
            "train-size": "300", "test-size": "50",
        ])
        setup.configuration.weightDecay = 0.0001
        let line = RunCommandLine.text(for: setup)
        #expect(line == "convlab train --tui --arch '\(spec)' --optimizer adam --lr 0.0003 --weight-decay 0.0001 --batch 17 --epochs 5 --seed 42 --train-size 300 --test-size 50")
        let words = try RunCommandLine.words(of: line)
        #expect(Array(words.prefix(2)) == ["convlab", "train"])
        let command = try TrainCommand.parse(Array(words.dropFirst(2)))
        #expect(command.tui && command.arch == spec && command.optimizer == .adam)
        #expect(command.lr == 0.0003 && command.weightDecay == 0.0001)
        #expect(command.batch == 17 && command.epochs == 5 && command.seed == 42)
        #expect(command.trainSize == 300 && command.testSize == 50)
        #expect(command.dashboardDataOptions == ["--train-size", "300", "--test-size", "50"])
    }

    @Test func sgdKeepsItsMomentumAndOddFloatsSurvive() throws {
        var setup = try TrainingDashboardSetup(parameters: ["lr": "0.1"])
        setup.configuration.momentum = 0.85
        setup.configuration.learningRate = 1 / 3
        let command = try TrainCommand.parse(Array(try RunCommandLine.words(of: RunCommandLine.text(for: setup)).dropFirst(2)))
        #expect(command.arch == "teaching-net" && command.optimizer == .sgd)
        #expect(command.momentum == 0.85 && command.lr == Float(1) / 3)
    }

    @Test func wordsFollowShellQuoting() throws {
        #expect(try RunCommandLine.words(of: #"a 'b c' "d \"e\"" f\ g 'it'\''s'"#) == ["a", "b c", #"d "e""#, "f g", "it's"])
        #expect(RunCommandLine.quoted("it's") == #"'it'\''s'"#)
        #expect(try RunCommandLine.words(of: RunCommandLine.quoted("it's")) == ["it's"])
        #expect(throws: RunCommandLine.SplitError(column: 3)) { try RunCommandLine.words(of: "a 'b") }
    }
}
