import Lessons
import Testing

@Suite("Answer checking, kind by kind")
struct AnswerCheckerTests {
    @Test("numbers: separators, signs, powers and superscripts all read the same")
    func numberForms() {
        for text in ["1792", "1,792", "1 792", "1_792", " 1792 "] { #expect(AnswerParser.number(text) == 1792, "\(text)") }
        for text in ["10^12", "10¹²", "1e12", "1,000,000,000,000", "10^6 × 10^6"] { #expect(AnswerParser.number(text) == 1e12, "\(text)") }
        #expect(AnswerParser.number("2²⁴") == 16_777_216)
        #expect(AnswerParser.number("−0.03") == -0.03)
        #expect(AnswerParser.number("-3") == -3)
        #expect(AnswerParser.number("five") == nil)
        #expect(AnswerParser.number("5x5") == nil)
    }

    @Test("number kind: exact by default, within a tolerance when given, 'does not tile' when that is the answer")
    func numberKind() {
        let exact = ExerciseKind.number(tolerance: 0)
        #expect(AnswerChecker.check("1,792", expected: .number(1792), kind: exact) == .correct)
        #expect(AnswerChecker.check("1791", expected: .number(1792), kind: exact) == .incorrect)
        #expect(AnswerChecker.check("3.14", expected: .number(3.14159), kind: .number(tolerance: 0.01)) == .correct)
        #expect(AnswerChecker.check("3.1", expected: .number(3.14159), kind: .number(tolerance: 0.01)) == .incorrect)
        #expect(AnswerChecker.check("doesn't tile", expected: .doesNotTile(reason: ""), kind: exact) == .correct)
        #expect(AnswerChecker.check("Does not tile", expected: .doesNotTile(reason: ""), kind: exact) == .correct)
        #expect(AnswerChecker.check("2", expected: .doesNotTile(reason: ""), kind: exact) == .incorrect)
        #expect(AnswerChecker.check("lots", expected: .number(5), kind: exact) == .unreadable(expected: "a number like 1,792 or 0.25"))
    }

    @Test("shape kind: ×, x, X, spaces, commas and brackets")
    func shapeKind() {
        for text in ["112x112x64", "112 × 112 × 64", "112X112X64", "(112, 112, 64)", "112 112 64"] {
            #expect(AnswerChecker.check(text, expected: .shape([112, 112, 64]), kind: .shape) == .correct, "\(text)")
        }
        #expect(AnswerChecker.check("64x112x112", expected: .shape([112, 112, 64]), kind: .shape) == .incorrect)
        #expect(AnswerChecker.check("112x112", expected: .shape([112, 112, 64]), kind: .shape) == .incorrect)
        #expect(AnswerChecker.check("big", expected: .shape([5, 5]), kind: .shape) == .unreadable(expected: "a shape like 5x5, or 112x112x64 for height×width×channels"))
    }

    @Test("choice kind: letter, number or option text")
    func choiceKind() {
        let kind = ExerciseKind.choice(options: ["sigmoid", "tanh", "ReLU"])
        for text in ["c", "C", "3", "c)", "relu", "ReLU"] {
            #expect(AnswerChecker.check(text, expected: .choice(2), kind: kind) == .correct, "\(text)")
        }
        #expect(AnswerChecker.check("a", expected: .choice(2), kind: kind) == .incorrect)
        #expect(AnswerChecker.check("d", expected: .choice(2), kind: kind) == .unreadable(expected: "a letter from a to c, an option's number or its text"))
    }

    @Test("truefalse kind: true/false, yes/no, t/f, y/n")
    func trueFalseKind() {
        for text in ["false", "F", "no", "N"] { #expect(AnswerChecker.check(text, expected: .truth(false), kind: .trueFalse) == .correct, "\(text)") }
        #expect(AnswerChecker.check("yes", expected: .truth(false), kind: .trueFalse) == .incorrect)
        #expect(AnswerChecker.check("maybe", expected: .truth(false), kind: .trueFalse) == .unreadable(expected: "true or false"))
    }

    @Test("text kind: the answer or an alternative, ignoring case and spaces")
    func textKind() {
        let kind = ExerciseKind.text(accepted: ["filter"])
        for text in ["kernel", "Kernel", " KERNEL ", "Filter", "kernel."] {
            #expect(AnswerChecker.check(text, expected: .text("kernel"), kind: kind) == .correct, "\(text)")
        }
        #expect(AnswerChecker.check("fully convolutional network", expected: .text("Fully Convolutional Network"), kind: .text(accepted: [])) == .correct)
        #expect(AnswerChecker.check("weights", expected: .text("kernel"), kind: kind) == .incorrect)
    }

    @Test("cell kind: a number within the cell tolerance")
    func cellKind() {
        let kind = ExerciseKind.cell(CellProblem(patch: [[1]], kernel: [[1]]), tolerance: 0.005)
        #expect(AnswerChecker.check("0.731", expected: .number(0.7310586), kind: kind) == .correct)
        #expect(AnswerChecker.check("0.72", expected: .number(0.7310586), kind: kind) == .incorrect)
    }

    @Test("answers display as learners write them")
    func display() {
        #expect(Answer.number(138_357_544).display == "138,357,544")
        #expect(Answer.number(-0.03).display == "−0.03")
        #expect(Answer.shape([112, 112, 64]).display == "112×112×64")
        #expect(Answer.choice(1).display == "b")
    }
}
