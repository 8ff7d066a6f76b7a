/// What a model parameter measures; shown beside every value so that nobody confuses a fraction
/// with a percentage, or hours with days.
public enum ParameterUnit: String, Sendable, CaseIterable {
    case points
    case fraction
    case days
    case hours
    case hourOfDay = "hour of day"
    case weeks
    case count
    case perDay = "per day"
    case perWeek = "per week"
    case perSend = "per send"
    case multiplier
    case euros = "EUR"
    case euroPerWeek = "EUR per week"
    case flag = "on/off"
    case choice
}

/// The kind of value a parameter takes, which decides how text is parsed into it.
public enum ParameterKind: Sendable, Equatable {
    case real
    case integer
    case flag
    /// One of the named options; stored as the option's index.
    case choice([String])
}

/// Another parameter's value that a parameter needs in order to act.
public struct ParameterCondition: Sendable, Equatable {
    public var parameter: String
    public var value: String

    public init(_ parameter: String, is value: String) {
        self.parameter = parameter
        self.value = value
    }
}

/// One parameter of a model: the single source of truth for its name, unit, default, valid range
/// and description, read by the parser, `help`, completion and validation alike.
public struct ParameterSpec: Sendable {
    public let name: String
    public let unit: ParameterUnit
    public let kind: ParameterKind
    public let defaultValue: Double
    public let range: ClosedRange<Double>
    public let summary: String
    /// Where the default comes from (a published figure, or the reason for a modelling choice).
    public let source: String?
    /// The setting of another parameter under which this one acts at all (the expiry window only
    /// under expiry decay); nil when it always does.
    public var condition: ParameterCondition?

    public init(
        _ name: String, unit: ParameterUnit, kind: ParameterKind = .real, default defaultValue: Double,
        range: ClosedRange<Double>, _ summary: String, source: String? = nil
    ) {
        precondition(range.contains(defaultValue), "default of \(name) outside its range")
        self.name = name
        self.unit = unit
        self.kind = kind
        self.defaultValue = defaultValue
        self.range = range
        self.summary = summary
        self.source = source
    }

    public static func flag(_ name: String, default on: Bool, _ summary: String, source: String? = nil) -> ParameterSpec {
        ParameterSpec(name, unit: .flag, kind: .flag, default: on ? 1 : 0, range: 0...1, summary, source: source)
    }

    public static func choice(
        _ name: String, options: [String], default option: String, _ summary: String, source: String? = nil
    ) -> ParameterSpec {
        let index = options.firstIndex(of: option)!
        return ParameterSpec(
            name, unit: .choice, kind: .choice(options), default: Double(index),
            range: 0...Double(options.count - 1), summary, source: source)
    }

    /// Options of a choice parameter, `on`/`off` for a flag, nothing otherwise.
    /// The spec acting only when `parameter` is `value`.
    public func when(_ parameter: String, is value: String) -> ParameterSpec {
        var spec = self
        spec.condition = ParameterCondition(parameter, is: value)
        return spec
    }

    public var options: [String] {
        switch kind {
        case .choice(let options): options
        case .flag: ["on", "off"]
        case .real, .integer: []
        }
    }

    /// The value as a user writes it: an option name, on/off, or a number in shortest form.
    public func format(_ value: Double) -> String {
        switch kind {
        case .choice(let options): options[Int(value)]
        case .flag: value != 0 ? "on" : "off"
        case .integer: String(Int(value))
        case .real: formatNumber(value)
        }
    }

    /// Parses a value as written in a script; never clamps: out of range is an error.
    public func parse(_ text: String) throws(ParameterError) -> Double {
        switch kind {
        case .choice(let options):
            guard let index = options.firstIndex(of: text) else {
                throw .notAnOption(parameter: name, given: text, options: options)
            }
            return Double(index)
        case .flag:
            switch text {
            case "on", "true", "yes", "1": return 1
            case "off", "false", "no", "0": return 0
            default: throw .notAnOption(parameter: name, given: text, options: ["on", "off"])
            }
        case .integer, .real:
            let value: Double
            switch DecimalText.value(of: text) {
            case .success(let parsed): value = parsed
            case .failure(.notDecimal): throw .notANumber(parameter: name, given: text, unit: unit)
            case .failure(let problem): throw .beyondNumbers(parameter: name, given: text, underflow: problem == .underflow)
            }
            if kind == .integer, value.rounded() != value {
                throw .notAnInteger(parameter: name, given: text)
            }
            guard range.contains(value) else {
                throw .outOfRange(parameter: name, given: text, range: rangeDescription)
            }
            return value
        }
    }

    /// The valid range as the error messages and `help` show it.
    public var rangeDescription: String {
        switch kind {
        case .choice(let options): options.joined(separator: " | ")
        case .flag: "on | off"
        case .integer, .real:
            "\(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound))" + (unit == .fraction ? "" : " \(unit.rawValue)")
        }
    }
}

/// A number in its shortest readable form: `60`, `0.25`, `1e-06`.
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(value)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}
