/// A rejected parameter name or value, with a message that says what was expected.
public enum ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown(name: String, suggestion: String?)
    case notANumber(parameter: String, given: String, unit: ParameterUnit)
    case notAnInteger(parameter: String, given: String)
    case outOfRange(parameter: String, given: String, range: String)
    case notAnOption(parameter: String, given: String, options: [String])

    public var description: String {
        switch self {
        case .unknown(let name, let suggestion):
            "unknown parameter '\(name)'" + (suggestion.map { " (did you mean \($0)?)" } ?? "")
        case .notANumber(let parameter, let given, let unit):
            "\(parameter) expects a number (\(unit.rawValue)), got '\(given)'"
        case .notAnInteger(let parameter, let given):
            "\(parameter) expects a whole number, got '\(given)'"
        case .outOfRange(let parameter, let given, let range):
            "\(parameter) = \(given) is out of range: expected \(range)"
        case .notAnOption(let parameter, let given, let options):
            "\(parameter) expects one of \(options.joined(separator: ", ")), got '\(given)'"
        }
    }
}
