import Foundation
import ConvEngine

/// Reads a derivation's parameters after substituting `{placeholders}`: integers, sizes
/// (`224x224x3`), matrices, names. Each failure is a `DerivationError` at the parameter's line.
struct DerivationParameters {
    let entries: [YAMLValue.Entry]
    let values: [String: Int]
    /// Where to report a missing parameter.
    let line: Int

    func has(_ name: String) -> Bool { entries.contains { $0.key == name && !$0.value.isNull } }

    func entry(_ name: String) -> YAMLValue.Entry? { entries.first { $0.key == name && !$0.value.isNull } }

    func lineOf(_ name: String) -> Int { entry(name)?.value.line ?? line }

    /// The scalar text of `name` with placeholders filled in; nil when absent.
    func text(_ name: String) throws(DerivationError) -> String? {
        guard let entry = entry(name) else { return nil }
        guard let raw = entry.value.scalar else {
            throw DerivationError(line: entry.value.line, message: "'\(name)' must be a single value, found \(entry.value.kindDescription)")
        }
        return try Placeholders.fill(raw, values: values, line: entry.value.line)
    }

    func requiredText(_ name: String) throws(DerivationError) -> String {
        guard let text = try text(name) else { throw DerivationError(line: line, message: "missing '\(name)'") }
        return text
    }

    /// A whole number (`7`, `1,000,000`, `1_000_000`); `fallback` when absent.
    func integer(_ name: String, fallback: Int? = nil) throws(DerivationError) -> Int {
        guard let text = try text(name) else {
            if let fallback { return fallback }
            throw DerivationError(line: line, message: "missing '\(name)'")
        }
        guard let value = AnswerParser.integer(text) else {
            throw DerivationError(line: lineOf(name), message: "'\(name)' must be a whole number, found '\(text)'")
        }
        return value
    }

    /// Sizes written `7`, `7x7` or `224x224x3` (× or x).
    func sizes(_ name: String) throws(DerivationError) -> [Int] {
        let text = try requiredText(name)
        guard let sizes = AnswerParser.shape(text), sizes.allSatisfy({ $0 >= 0 }) else {
            throw DerivationError(line: lineOf(name), message: "'\(name)' must be a size like 7, 7x7 or 224x224x3, found '\(text)'")
        }
        return sizes
    }

    func boolean(_ name: String, fallback: Bool) throws(DerivationError) -> Bool {
        guard let text = try text(name) else { return fallback }
        guard let value = AnswerParser.truth(text) else {
            throw DerivationError(line: lineOf(name), message: "'\(name)' must be true or false, found '\(text)'")
        }
        return value
    }

    /// `convention: exact` or `convention: floor`; nil when absent.
    func convention() throws(DerivationError) -> OutputSizeConvention? {
        guard let text = try text("convention") else { return nil }
        guard let convention = OutputSizeConvention(rawValue: text.lowercased()) else {
            throw DerivationError(line: lineOf("convention"), message: "'convention' must be exact (CS231n: a geometry that does not tile has no output) or floor (PyTorch: round down), found '\(text)'")
        }
        return convention
    }

    func number(_ name: String, fallback: Double) throws(DerivationError) -> Double {
        guard let text = try text(name) else { return fallback }
        guard let value = AnswerParser.number(text) else {
            throw DerivationError(line: lineOf(name), message: "'\(name)' must be a number, found '\(text)'")
        }
        return value
    }

    /// Rows of numbers (`[[1, 0], [0, 1]]`), or for `allowKernelName` a kernel gallery name.
    func matrix(_ name: String, allowKernelName: Bool = false) throws(DerivationError) -> [[Double]] {
        guard let entry = entry(name) else { throw DerivationError(line: line, message: "missing '\(name)'") }
        if allowKernelName, let kernelName = entry.value.scalar {
            do {
                return try KernelGallery.kernel(named: kernelName).rows.map { $0.map(Double.init) }
            } catch {
                throw DerivationError(line: entry.value.line, message: "'\(name)': \(error)")
            }
        }
        return try Self.matrix(entry.value.filled(values), name: name)
    }

    /// A list of equally long lists of numbers.
    static func matrix(_ value: YAMLValue, name: String) throws(DerivationError) -> [[Double]] {
        let expected = "'\(name)' must be rows of numbers like [[1, 0], [0, 1]]"
        guard let rows = value.list, !rows.isEmpty else {
            throw DerivationError(line: value.line, message: "\(expected), found \(value.kindDescription)")
        }
        var matrix: [[Double]] = []
        for row in rows {
            guard let cells = row.list, !cells.isEmpty else {
                throw DerivationError(line: row.line, message: "\(expected), found a row \(row.kindDescription)")
            }
            var numbers: [Double] = []
            for cell in cells {
                guard let text = cell.scalar, let number = AnswerParser.number(text) else {
                    throw DerivationError(line: cell.line, message: "\(expected), found \(cell.kindDescription)")
                }
                numbers.append(number)
            }
            if let first = matrix.first, first.count != numbers.count {
                throw DerivationError(line: row.line, message: "'\(name)': every row needs \(first.count) numbers, this one has \(numbers.count)")
            }
            matrix.append(numbers)
        }
        return matrix
    }
}

/// `{name}` placeholders of parametric exercises.
public enum Placeholders {
    /// Every `{name}` in `text`, in order of appearance.
    public static func names(in text: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                    names.append(name)
                }
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return names
    }

    /// `text` with each `{name}` replaced by its value; an unknown name is an error.
    static func fill(_ text: String, values: [String: Int], line: Int) throws(DerivationError) -> String {
        var result = text
        for name in names(in: text) {
            guard let value = values[name] else {
                throw DerivationError(line: line, message: "'{\(name)}' is not a varied value")
            }
            result = result.replacingOccurrences(of: "{\(name)}", with: String(value))
        }
        return result
    }

    /// Fills the placeholders that have values and leaves others as written (for display).
    public static func display(_ text: String, values: [String: Int]) -> String {
        var result = text
        for (name, value) in values {
            result = result.replacingOccurrences(of: "{\(name)}", with: AnswerFormat.number(Double(value)))
        }
        return result
    }
}
