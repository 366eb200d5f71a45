import ConvEngine

/// What can be wrong with a pick-picture, design, spot-error or trace exercise, worded for
/// the lesson's author; reported through `LessonIssue.structuredExercise`.
public enum StructuredIssue: Hashable, Sendable, CustomStringConvertible {
    case imageSize(height: Int, width: Int)
    case pixelOutOfRange(found: String)
    case optionCount(found: Int)
    case unknownKernel(message: String)
    case kernelLargerThanImage(kernel: String, size: String, image: String)
    case pickNotAmongKernels(pick: String, kernels: [String])
    case sameMaps(first: String, second: String)
    case badGoal(found: String)
    case unknownDesignParameter(name: String, goal: String, known: [String])
    case designValueOutOfRange(name: String, range: ClosedRange<Int>, found: String)
    case givenAndChosen(name: String)
    case designNeeds(name: String, goal: String)
    case nothingToChoose
    case floorOnlyForOutputSize
    case tooManyCombinations(found: Int)
    case noSolution(goal: String, searched: Int)
    case badNetwork(message: String)
    case wrongRowOutOfRange(found: String, rows: Int)
    case badWrong
    case wrongEqualsEngine(row: Int, column: String, value: String)

    public var description: String {
        switch self {
        case let .imageSize(height, width):
            return "'image' is \(height)×\(width); a pick-picture image needs sides from \(PicturePick.imageSides.lowerBound) to \(PicturePick.imageSides.upperBound)"
        case let .pixelOutOfRange(found):
            return "'image' values must lie from −\(AnswerFormat.number(PicturePick.pixelMagnitude)) to \(AnswerFormat.number(PicturePick.pixelMagnitude)), found \(found)"
        case let .optionCount(found):
            return "'kernels' must list \(PicturePick.optionCounts.lowerBound) to \(PicturePick.optionCounts.upperBound) gallery kernels, one per option, found \(found)"
        case let .unknownKernel(message):
            return "'kernels': \(message)"
        case let .kernelLargerThanImage(kernel, size, image):
            return "the \(kernel) kernel is \(size), larger than the \(image) image, so it leaves no map"
        case let .pickNotAmongKernels(pick, kernels):
            return "'pick' must be one of the kernels (\(kernels.joined(separator: ", "))), found '\(pick)'"
        case let .sameMaps(first, second):
            return "\(first) and \(second) give the same map on this image, so a learner could not tell them apart; change the image or a kernel"
        case let .badGoal(found):
            return "'goal' must be a quantity and a target like 'conv-output-size == 28' or 'receptive-field == 7', found '\(found)'"
        case let .unknownDesignParameter(name, goal, known):
            return "\(goal) has no parameter '\(name)' (it takes \(known.joined(separator: ", ")))"
        case let .designValueOutOfRange(name, range, found):
            return "'\(name)' must be from \(AnswerFormat.number(Double(range.lowerBound))) to \(AnswerFormat.number(Double(range.upperBound))), found \(found)"
        case let .givenAndChosen(name):
            return "'\(name)' is both given and under 'choose'; give it or let the learner choose it"
        case let .designNeeds(name, goal):
            return "\(goal) needs '\(name)', given as a number or under 'choose'"
        case .nothingToChoose:
            return "'choose' must map at least one parameter to the values the learner may pick, like {padding: 0..3, stride: 1..3}"
        case .floorOnlyForOutputSize:
            return "'floor' applies to conv-output-size only"
        case let .tooManyCombinations(found):
            return "'choose' offers \(AnswerFormat.number(Double(found))) combinations; at most \(AnswerFormat.number(Double(DesignProblem.searchLimit))) are searched"
        case let .noSolution(goal, searched):
            return "no choice meets '\(goal)' (all \(AnswerFormat.number(Double(searched))) combinations tried); widen 'choose' or change the goal"
        case let .badNetwork(message):
            return "'network': \(message)"
        case let .wrongRowOutOfRange(found, rows):
            return "'row' must be a layer's row from 1 to \(rows), found \(found)"
        case .badWrong:
            return "'wrong' must give 'row' and one of 'output' (a shape like 14x14x16, H×W×C) or 'parameters' (a count)"
        case let .wrongEqualsEngine(row, column, value):
            return "row \(row)'s \(column) \(value) is what the engine computes, so the table would have no error; give a different value"
        }
    }
}
