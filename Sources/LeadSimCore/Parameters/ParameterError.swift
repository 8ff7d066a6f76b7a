/// A rejected parameter name or value, with a message that says what was expected.
public enum ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown(name: String, suggestion: String?)
    case notANumber(parameter: String, given: String, unit: ParameterUnit)
    case notAnInteger(parameter: String, given: String)
    case outOfRange(parameter: String, given: String, range: String)
    case notAnOption(parameter: String, given: String, options: [String])
    /// A number too small to tell from zero, or too large for one.
    case beyondNumbers(parameter: String, given: String, underflow: Bool)

    public var description: String {
        switch self {
        case .unknown(let name, let suggestion):
            "unknown parameter '\(name)'" + (suggestion.map { " (did you mean \($0)?)" } ?? "") + ": expected a parameter of the model (see `show params`)"
        case .notANumber(let parameter, let given, let unit):
            "\(parameter) expects a number (\(unit.rawValue)), got '\(given)'"
        case .notAnInteger(let parameter, let given):
            "\(parameter) expects a whole number, got '\(given)'"
        case .outOfRange(let parameter, let given, let range):
            "\(parameter) = \(given) is out of range: expected \(range)"
        case .notAnOption(let parameter, let given, let options):
            "\(parameter) expects one of \(options.joined(separator: ", ")), got '\(given)'"
        case .beyondNumbers(let parameter, let given, let underflow):
            underflow
                ? "\(parameter) = \(given) is too small to tell from zero: expected 0 itself or a number such as 1e-300"
                : "\(parameter) = \(given) is too large for a number: expected one below 1e308"
        }
    }
}
