/// A parameter as a model's code reads it: its name and the type its value takes — a number in
/// its unit, a whole count, a flag, or one of a choice's cases. Models read their parameters
/// through keys declared once each (`B2BModel.Key`, `ReferenceModel.Key`), and a test checks that
/// every key names one of the model's parameters with the kind the key reads: a renamed parameter
/// or a reordered choice fails there rather than reading the wrong value.
public struct ParameterKey<Value>: Sendable {
    public let name: String
    let kind: ParameterKeyKind
    let decode: @Sendable (Double) -> Value

    /// A number in the parameter's unit.
    public static func number(_ name: String) -> ParameterKey<Double> {
        ParameterKey<Double>(name: name, kind: .number) { $0 }
    }

    /// A whole number.
    public static func count(_ name: String) -> ParameterKey<Int> {
        ParameterKey<Int>(name: name, kind: .count) { Int($0) }
    }

    public static func flag(_ name: String) -> ParameterKey<Bool> {
        ParameterKey<Bool>(name: name, kind: .flag) { $0 != 0 }
    }

    /// The index of one of `options`, for a choice whose options are data (a scoring model's grades).
    public static func option(_ name: String, among options: [String]) -> ParameterKey<Int> {
        ParameterKey<Int>(name: name, kind: .choice(options)) { Int($0) }
    }

}

extension ParameterKey where Value: ParameterChoice {
    /// One of the choice's cases, matched by name: the spec's options are the cases' names in order.
    public static func choice(_ name: String) -> ParameterKey<Value> {
        let cases = Array(Value.allCases)
        return ParameterKey(name: name, kind: .choice(cases.map(\.name))) { cases[Int($0)] }
    }
}

/// What a key expects its parameter to be.
enum ParameterKeyKind: Sendable, Equatable {
    case number, count, flag
    case choice([String])
}

/// The cases of a choice parameter, named as scripts write them.
public protocol ParameterChoice: CaseIterable, Sendable {
    var name: String { get }
}

extension ParameterChoice {
    /// The options of a choice parameter over these cases.
    public static var optionNames: [String] { allCases.map(\.name) }
}

extension ParameterSet {
    /// The parameter's value as the key's type. The key must name one of these parameters.
    public subscript<Value>(key: ParameterKey<Value>) -> Value {
        key.decode(self[key.name])
    }
}

/// A key of any value type, for checking keys against a model's specs.
public struct AnyParameterKey: Sendable {
    public let name: String
    let kind: ParameterKeyKind

    public init<Value>(_ key: ParameterKey<Value>) {
        name = key.name
        kind = key.kind
    }

    /// Whether `spec` is the parameter this key reads, of the kind it reads.
    public func matches(_ spec: ParameterSpec) -> Bool {
        guard spec.name == name else { return false }
        return switch (kind, spec.kind) {
        case (.number, .real), (.number, .integer), (.count, .integer), (.flag, .flag): true
        case (.choice(let names), .choice(let options)): names == options
        default: false
        }
    }
}
