import ConvEngine
@testable import Lessons
import Testing

/// A lesson file named `kinds.yaml` around one exercise whose body (indented under
/// `exercise:`) is `fields`; the exercise starts on line 5.
func kindLesson(_ fields: String) -> String {
    "id: kinds\ntitle: Kinds\nsummary: S.\nsteps:\n  - exercise:\n"
        + fields.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n") + "\n"
}

/// Decodes `fields` as one exercise: the exercise, or every problem as `file:line: message`.
func decodeKind(_ fields: String) -> (exercise: Exercise?, problems: [String]) {
    var problems: [LessonProblem] = []
    let lesson = LessonDecoder(file: "kinds.yaml", demos: FixtureDemos.all).decode(kindLesson(fields), problems: &problems)
    return (lesson?.exercises.first, problems.map(\.description))
}

/// The exercise prepared for asking; fails the test when it does not decode.
func preparedKind(_ fields: String) throws -> PreparedExercise {
    let decoded = decodeKind(fields)
    #expect(decoded.problems == [])
    return try #require(decoded.exercise).prepared()
}

let sobelPick = """
    id: pick
    kind: pick-picture
    prompt: Which map is sobel-x?
    image:
      - [0, 0, 0, 0, 0, 0]
      - [0, 0, 0, 0, 0, 0]
      - [0, 0, 0, 1, 1, 1]
      - [0, 0, 0, 1, 1, 1]
      - [0, 0, 0, 1, 1, 1]
      - [0, 0, 0, 1, 1, 1]
    kernels: [sobel-y, laplacian, sobel-x, sharpen]
    pick: sobel-x
    explanation: E
    """

let halveDesign = """
    id: halve
    kind: design
    prompt: Choose padding and stride.
    design:
      goal: conv-output-size == 28
      input: 56
      kernel: 3
      floor: true
      choose: {padding: 0..3, stride: 1..3}
    explanation: E
    """

let biasesSpot = """
    id: spot
    kind: spot-error
    prompt: Which row is wrong?
    network: input 28x28x1 | conv 8 3x3 pad 1 | maxpool 2 | conv 16 3x3 pad 1
    wrong: {row: 3, parameters: 1152}
    explanation: E
    """

let lenetTrace = """
    id: trace
    kind: trace
    prompt: Fill in the table.
    network: input 32x32x3 | conv 6 5x5 | maxpool 2 | conv 16 5x5 | maxpool 2
    explanation: E
    """

@Suite("Pick the picture: the options are the engine's maps")
struct PicturePickTests {
    @Test("each option is the image through its kernel by conv2dForward, shown unnamed, two to a row")
    func mapsAndLines() throws {
        let exercise = try preparedKind(sobelPick)
        guard case let .structured(.pickPicture(pick)) = exercise.kind else { Issue.record("not a pick"); return }
        #expect(pick.kernelNames == ["sobel-y", "laplacian", "sobel-x", "sharpen"])
        // sobel-x: 4 where the whole 3×3 window straddles the square's left edge, 0 on flat areas.
        #expect(pick.maps[2] == [[0, 1, 1, 0], [0, 3, 3, 0], [0, 4, 4, 0], [0, 4, 4, 0]])
        // sobel-y marks the top edge instead.
        #expect(pick.maps[0] == [[0, 1, 3, 4], [0, 1, 3, 4], [0, 0, 0, 0], [0, 0, 0, 0]])
        let lines = exercise.kind.detailLines
        #expect(Array(lines.suffix(10)) == [
            "  a)             b)",
            "    0 1 3 4         0  0  1  1",
            "    0 1 3 4         0  1 −2 −1",
            "    0 0 0 0         0  1 −1  0",
            "    0 0 0 0         0  1 −1  0",
            "  c)             d)",
            "    0 1 1 0         0  0 −1 −1",
            "    0 3 3 0         0 −1  3  2",
            "    0 4 4 0         0 −1  2  1",
            "    0 4 4 0         0 −1  2  1",
        ])
        #expect(!lines.joined().contains("sobel"))
    }

    @Test("graded by letter or number; a wrong pick is told what it was; other text does not count")
    func grading() throws {
        let exercise = try preparedKind(sobelPick)
        #expect(exercise.check("c") == .correct)
        #expect(exercise.check("3") == .correct)
        #expect(exercise.check("C)") == .correct)
        #expect(exercise.check("a") == .incorrect)
        #expect(exercise.remarks(on: "a").first?.hasPrefix("a) is sobel-y (vertical change") == true)
        // Naming the kernel is not choosing a map.
        #expect(exercise.check("sobel-x") == .unreadable(expected: "a letter from a to d"))
        #expect(exercise.check("e") == .unreadable(expected: "a letter from a to d"))
        #expect(exercise.expectedDisplay == "c (sobel-x)")
    }

    @Test("lessons check refuses a pick that is not an option, twin maps, unknown kernels and oversized images, at their lines")
    func refusals() {
        #expect(decodeKind(sobelPick.replacingOccurrences(of: "pick: sobel-x", with: "pick: prewitt-x")).problems == [
            "kinds.yaml:17: 'pick' must be one of the kernels (sobel-y, laplacian, sobel-x, sharpen), found 'prewitt-x'",
        ])
        // identity and sharpen differ, but on a flat image every kernel summing to 1 gives the same map.
        let flat = """
            id: flat
            kind: pick-picture
            prompt: Q
            image: [[1, 1, 1], [1, 1, 1], [1, 1, 1]]
            kernels: [identity, sharpen]
            pick: identity
            explanation: E
            """
        #expect(decodeKind(flat).problems == [
            "kinds.yaml:10: a) identity and b) sharpen give the same map on this image, so a learner could not tell them apart; change the image or a kernel",
        ])
        #expect(decodeKind(flat.replacingOccurrences(of: "sharpen]", with: "sobel-z]")).problems == [
            "kinds.yaml:10: 'kernels': unknown kernel \"sobel-z\" (known: \(KernelGallery.names.joined(separator: ", "))); did you mean \"sobel-x\"?",
        ])
        #expect(decodeKind(flat.replacingOccurrences(of: "[identity, sharpen]", with: "[identity, gaussian-5x5]")).problems == [
            "kinds.yaml:10: the gaussian-5x5 kernel is 5×5, larger than the 3×3 image, so it leaves no map",
        ])
        #expect(decodeKind(flat.replacingOccurrences(of: "[[1, 1, 1], [1, 1, 1], [1, 1, 1]]", with: "[[1, 1, 1], [1, 1e9, 1], [1, 1, 1]]")).problems == [
            "kinds.yaml:9: 'image' values must lie from −1,000 to 1,000, found 1,000,000,000",
        ])
        let wide = "[" + Array(repeating: "[" + Array(repeating: "0", count: 13).joined(separator: ", ") + "]", count: 3).joined(separator: ", ") + "]"
        #expect(decodeKind(flat.replacingOccurrences(of: "[[1, 1, 1], [1, 1, 1], [1, 1, 1]]", with: wide)).problems == [
            "kinds.yaml:9: 'image' is 3×13; a pick-picture image needs sides from 3 to 12",
        ])
        #expect(decodeKind(sobelPick + "\nanswer: c").problems == ["kinds.yaml:19: 'answer' does not apply to a pick-picture exercise"])
        // The remarks name the chosen map's kernel; an authored sentence would go unread.
        #expect(decodeKind(sobelPick + "\nmistakes: {a: That is the blur.}").problems == ["kinds.yaml:19: 'mistakes' does not apply to a pick-picture exercise"])
    }
}

@Suite("Design: any choice that meets the goal is right")
struct DesignProblemTests {
    @Test("the floor convention: padding 1, stride 2 takes 56 to 28, written in any of the accepted forms")
    func outputSize() throws {
        let exercise = try preparedKind(halveDesign)
        for answer in ["1, 2", "1 2", "padding 1, stride 2", "stride 2 padding 1", "p=1 s=2"] {
            #expect(exercise.check(answer) == .correct, "\(answer)")
        }
        #expect(exercise.check("0, 2") == .incorrect)
        #expect(exercise.remarks(on: "0, 2") == ["padding 0, stride 2: ⌊(56 − 3 + 2·0)/2⌋ + 1 = 27, not 28"])
        // Outside the offered values, or not two values: not an answer, no attempt lost.
        for answer in ["5, 2", "1", "1, 2, 3", "padding 1", "q=1 s=2"] {
            #expect(exercise.check(answer) == .unreadable(expected: "padding 0 to 3 and stride 1 to 3, like 'padding 0, stride 1' or '0, 1'"), "\(answer)")
        }
        #expect(exercise.expectedDisplay == "padding 1, stride 2")
        #expect(exercise.kind.detailLines == [
            "  goal: conv-output-size = 28 (PyTorch's floor convention)",
            "  given: input 56, kernel 3",
            "  choose: padding (0 to 3), stride (1 to 3)",
        ])
    }

    @Test("without the floor the same choice does not tile, and no other choice in the range reaches 28")
    func strictTiling() {
        #expect(decodeKind(halveDesign.replacingOccurrences(of: "floor: true", with: "floor: false")).problems == [
            "kinds.yaml:10: no choice meets 'conv-output-size == 28' (all 12 combinations tried); widen 'choose' or change the goal",
        ])
    }

    @Test("a receptive field of 7: every kernel and depth with 1 + L·(k − 1) = 7 is accepted")
    func receptiveField() throws {
        let exercise = try preparedKind("""
            id: seven
            kind: design
            prompt: Q
            design:
              goal: receptive-field == 7
              stride: 1
              choose: {kernel: [2, 3, 4, 5, 7], layers: 1..6}
            explanation: E
            """)
        for answer in ["3, 3", "7, 1", "4, 2", "2, 6", "layers 3 kernel 3"] { #expect(exercise.check(answer) == .correct, "\(answer)") }
        #expect(exercise.expectedDisplay == "kernel 2, layers 6 (one of 4 choices that meet the goal)")
        #expect(exercise.check("5, 2") == .incorrect)
        #expect(exercise.remarks(on: "5, 2") == ["kernel 5, layers 2: r: 1 → 5 → 9, not 7"])
        #expect(exercise.check("6, 1") == .unreadable(expected: "kernel one of 2, 3, 4, 5, 7 and layers 1 to 6, like 'kernel 2, layers 1' or '2, 1'"))
    }

    @Test("lessons check refuses a bad goal, unknown, doubled, missing or out-of-range parameters and a huge search, at their lines")
    func refusals() {
        func problems(_ design: String) -> [String] {
            decodeKind("id: d\nkind: design\nprompt: Q\ndesign: \(design)\nexplanation: E").problems
        }
        #expect(problems("{goal: conv-output-size = 28, input: 56, kernel: 3, choose: {stride: 1..3}}") == [
            "kinds.yaml:9: 'goal' must be a quantity and a target like 'conv-output-size == 28' or 'receptive-field == 7', found 'conv-output-size = 28'",
        ])
        #expect(problems("{goal: conv-output-size == 28, input: 56, kernel: 3, size: 4, choose: {stride: 1..3}}") == [
            "kinds.yaml:9: conv-output-size has no parameter 'size' (it takes input, kernel, padding, stride, dilation, floor, choose)",
        ])
        #expect(problems("{goal: conv-output-size == 28, input: 56, kernel: 3, stride: 2, choose: {stride: 1..3}}") == [
            "kinds.yaml:9: 'stride' is both given and under 'choose'; give it or let the learner choose it",
        ])
        #expect(problems("{goal: conv-output-size == 28, kernel: 3, choose: {stride: 1..3}}") == [
            "kinds.yaml:9: conv-output-size needs 'input', given as a number or under 'choose'",
        ])
        #expect(problems("{goal: conv-output-size == 28, input: 99999, kernel: 3, choose: {stride: 1..3}}") == [
            "kinds.yaml:9: 'input' must be from 1 to 16,384, found '99999'",
        ])
        #expect(problems("{goal: receptive-field == 7, floor: true, choose: {kernel: 1..7, layers: 1..6}}") == [
            "kinds.yaml:9: 'floor' applies to conv-output-size only",
        ])
        #expect(problems("{goal: conv-output-size == 28, kernel: 3, choose: {input: 1..200, padding: 0..100, stride: 1..3}}") == [
            "kinds.yaml:9: 'choose' offers 10,001 combinations; at most 10,000 are searched",
        ])
        #expect(problems("{goal: conv-output-size == 28, input: 56, kernel: 3}") == [
            "kinds.yaml:9: 'choose' must map at least one parameter to the values the learner may pick, like {padding: 0..3, stride: 1..3}",
        ])
    }
}

@Suite("Spot the error and trace a network: tables from the engine")
struct LayerTableExerciseTests {
    @Test("the table shows the engine's rows with one entry replaced; the learner names the row")
    func spotError() throws {
        let exercise = try preparedKind(biasesSpot)
        #expect(exercise.kind.detailLines == [
            "  #  layer              output (H×W×C)  parameters",
            "     input                     28×28×1            ",
            "  1  conv 8 3x3 pad 1          28×28×8          80",
            "  2  maxpool 2                 14×14×8           0",
            "  3  conv 16 3x3 pad 1        14×14×16       1,152",
        ])
        #expect(exercise.check("3") == .correct)
        #expect(exercise.check("row 3") == .correct)
        #expect(exercise.check("1") == .incorrect)
        #expect(exercise.remarks(on: "1") == ["row 1 (conv 8 3x3 pad 1) is right: 28×28×8, 80 parameters ((3·3·1 + 1)·8 = 80)"])
        #expect(exercise.check("4") == .unreadable(expected: "a row number from 1 to 3"))
        #expect(exercise.working == "row 3 (conv 16 3x3 pad 1) shows parameters 1,152; the engine gives 1,168: (3·3·8 + 1)·16 = 1,168")
    }

    @Test("lessons check refuses a 'wrong' value that is right, a row that does not exist and a network the engine rejects")
    func spotErrorRefusals() {
        #expect(decodeKind(biasesSpot.replacingOccurrences(of: "parameters: 1152", with: "parameters: 1168")).problems == [
            "kinds.yaml:10: row 3's parameters 1,168 is what the engine computes, so the table would have no error; give a different value",
        ])
        #expect(decodeKind(biasesSpot.replacingOccurrences(of: "parameters: 1152", with: "output: 14x14x16")).problems == [
            "kinds.yaml:10: row 3's output 14×14×16 is what the engine computes, so the table would have no error; give a different value",
        ])
        #expect(decodeKind(biasesSpot.replacingOccurrences(of: "row: 3", with: "row: 4")).problems == [
            "kinds.yaml:10: 'row' must be a layer's row from 1 to 3, found '4'",
        ])
        #expect(decodeKind(biasesSpot.replacingOccurrences(of: "{row: 3, parameters: 1152}", with: "{row: 3}")).problems == [
            "kinds.yaml:10: 'wrong' must give 'row' and one of 'output' (a shape like 14x14x16, H×W×C) or 'parameters' (a count)",
        ])
        let tooBig = decodeKind(biasesSpot.replacingOccurrences(of: "maxpool 2 |", with: "maxpool 2 | conv 8 99x99 |")).problems
        #expect(tooBig.count == 1 && tooBig[0].hasPrefix("kinds.yaml:9: 'network': "))
    }

    @Test("a traced table is judged row by row; either shape order passes with a note; a wrong row count is not an answer")
    func trace() throws {
        let exercise = try preparedKind(lenetTrace)
        #expect(exercise.kind.detailLines[2] == "  1  conv 6 5x5                ?           ?")
        #expect(exercise.check("28x28x6 456; 14x14x6 0; 10x10x16 2416; 5x5x16 0") == .correct)
        #expect(exercise.check("28×28×6, 456; 14 x 14 x 6 0; (10, 10, 16) 2,416; 5x5x16 0") == .correct)
        let wrong = "28x28x6 456; 14x14x6 0; 10x10x6 2416; 5x5x16 16"
        #expect(exercise.check(wrong) == .incorrect)
        #expect(exercise.remarks(on: wrong) == [
            "row 1 (conv 6 5x5): shape ✓, parameters ✓",
            "row 2 (maxpool 2): shape ✓, parameters ✓",
            "row 3 (conv 16 5x5): shape ✗, parameters ✓",
            "row 4 (maxpool 2): shape ✓, parameters ✗",
            "2 of 4 rows right",
        ])
        let channelsFirst = "6x28x28 456; 14x14x6 0; 10x10x16 2416; 5x5x16 0"
        #expect(exercise.check(channelsFirst) == .correct)
        #expect(exercise.remarks(on: channelsFirst)[0] == "row 1 (conv 6 5x5): shape ✓, parameters ✓; right numbers, but this course writes H×W×C: 28×28×6")
        #expect(exercise.check("28x28x6 456; 14x14x6 0") == .unreadable(expected: "4 rows separated by ';', each a shape and a parameter count, like '30x30x8 224; 15x15x8 0'"))
        #expect(exercise.check("28x28x6; 14x14x6 0; 10x10x16 2416; 5x5x16 0") == .unreadable(expected: AnswerChecker.expectedForm(exercise.kind)))
    }

    @Test("a trace needs a network of at most eight layers")
    func traceRefusals() {
        let nine = "input 8x8x1" + String(repeating: " | relu", count: 9)
        #expect(decodeKind(lenetTrace.replacingOccurrences(of: "input 32x32x3 | conv 6 5x5 | maxpool 2 | conv 16 5x5 | maxpool 2", with: nine)).problems == [
            "kinds.yaml:9: 'network': the network has 9 layers; a table exercise takes 1 to 8",
        ])
        #expect(decodeKind(lenetTrace.replacingOccurrences(of: "network:", with: "networks:")).problems.contains(
            "kinds.yaml:6: a trace exercise needs 'network' (a spec line like 'input 32x32x3 | conv 8 3x3 | maxpool 2')"))
    }
}

@Suite("Predict, then see: a then: demo on an exercise")
struct ThenDemoTests {
    let predict = """
        id: predict
        kind: number
        prompt: Q
        derive:
          conv-output-size: {input: 7, kernel: 3, stride: 2}
        explanation: E
        then: {demo: geometry, size: 7, kernel: 3, stride: 2, caption: Count the windows.}
        """

    @Test("decoded like a demo step, with the command that opens it")
    func decodes() throws {
        let decoded = decodeKind(predict)
        #expect(decoded.problems == [])
        let demo = try #require(decoded.exercise?.then)
        #expect(demo.name == "geometry")
        #expect(demo.caption == "Count the windows.")
        #expect(demo.command == "convlab demo geometry --kernel 3 --size 7 --stride 2")
    }

    @Test("an unknown demo, a bad value or a then: without a demo is refused at its line")
    func refusals() {
        #expect(decodeKind(predict.replacingOccurrences(of: "demo: geometry", with: "demo: geometri")).problems == [
            "kinds.yaml:12: unknown demo 'geometri'; did you mean 'geometry'? (known demos: conv, geometry)",
        ])
        #expect(decodeKind(predict.replacingOccurrences(of: "stride: 2, caption", with: "stride: 0, caption")).problems == [
            "kinds.yaml:12: the geometry demo refuses 'stride': must be a whole number of at least 1, found '0'",
        ])
        #expect(decodeKind(predict.replacingOccurrences(of: "then: {demo: geometry, size: 7, kernel: 3, stride: 2, caption: Count the windows.}", with: "then: geometry")).problems == [
            "kinds.yaml:12: 'then' must be a demo to open after answering, like {demo: pool, kernel: 2, caption: …}, found 'geometry'",
        ])
    }
}

@Suite("lessons/README.md: the structured kinds' examples")
struct StructuredReadmeExampleTests {
    @Test("the design and then: examples decode and prepare without problems")
    func examples() throws {
        let readme = try String(contentsOf: FixturePaths.repositoryLessons.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
            .filter { $0.contains("id: halve-fifty-six") || $0.contains("id: predict-stride-two") }
        #expect(blocks.count == 2)
        var problems: [LessonProblem] = []
        let lesson = LessonDecoder(file: "readme.yaml", demos: FixtureDemos.all)
            .decode("id: readme\ntitle: R\nsummary: S.\nsteps:\n" + blocks.joined(), problems: &problems)
        #expect(problems.map(\.description) == [])
        let exercises = try #require(lesson?.exercises)
        #expect(exercises.count == 2)
        // Padding 1, stride 2 gives ⌊(w − 1)/2⌋ + 1: 28 for this attempt's w of 55 or 56 only.
        let design = try exercises[0].prepared()
        let width = try #require(design.values["w"])
        #expect((design.check("1, 2") == .correct) == ((width - 1) / 2 + 1 == 28))
        #expect(exercises[1].then?.name == "geometry")
    }
}
