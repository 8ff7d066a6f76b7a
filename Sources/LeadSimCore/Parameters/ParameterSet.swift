/// A model's parameters with their current values: a value type, so that a snapshot (a baseline,
/// an undo step) is a plain copy.
public struct ParameterSet: Sendable {
    public let specs: [ParameterSpec]
    private let indexByName: [String: Int]
    public private(set) var values: [Double]

    public init(specs: [ParameterSpec]) {
        self.specs = specs
        var index: [String: Int] = [:]
        for (position, spec) in specs.enumerated() {
            precondition(index[spec.name] == nil, "duplicate parameter \(spec.name)")
            index[spec.name] = position
        }
        indexByName = index
        values = specs.map(\.defaultValue)
    }

    public func spec(named name: String) throws(ParameterError) -> ParameterSpec {
        guard let index = indexByName[name] else {
            throw .unknown(name: name, suggestion: closestName(to: name, among: specs.map(\.name)))
        }
        return specs[index]
    }

    /// The value of a parameter the model itself declared; a missing name is a programming error.
    public subscript(name: String) -> Double {
        guard let index = indexByName[name] else { preconditionFailure("no parameter \(name)") }
        return values[index]
    }

    public func value(of name: String) throws(ParameterError) -> Double {
        guard let index = indexByName[name] else {
            throw .unknown(name: name, suggestion: closestName(to: name, among: specs.map(\.name)))
        }
        return values[index]
    }

    /// Sets a parameter from script text, validating it against the spec.
    public mutating func set(_ name: String, text: String) throws(ParameterError) {
        let spec = try spec(named: name)
        values[indexByName[name]!] = try spec.parse(text)
    }

    /// Sets a parameter to a number, validating it against the spec.
    public mutating func set(_ name: String, to value: Double) throws(ParameterError) {
        let spec = try spec(named: name)
        values[indexByName[name]!] = try spec.parse(spec.format(value))
    }

    /// Parameters whose value differs from `other`'s (same model), in declaration order.
    public func differences(from other: ParameterSet) -> [(spec: ParameterSpec, old: Double, new: Double)] {
        zip(specs.indices, specs).compactMap { index, spec in
            values[index] == other.values[index] ? nil : (spec, other.values[index], values[index])
        }
    }

    public var defaults: ParameterSet { ParameterSet(specs: specs) }
}

/// " (did you mean NAME?)" for the candidate nearest to `name`, or nothing when none is near
/// enough: part of every message about an unknown name.
public func didYouMean(_ name: String, among candidates: [String]) -> String {
    closestName(to: name, among: candidates).map { " (did you mean \($0)?)" } ?? ""
}

/// The candidate nearest to `name` by edit distance, when it is near enough to be a likely typo.
public func closestName(to name: String, among candidates: [String]) -> String? {
    let limit = max(2, name.count / 3)
    let word = Array(name.utf8)
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let bound = best.map { $0.distance - 1 } ?? limit
        // Names are ASCII, so bytes are characters; a length too far off is ruled out unread.
        guard abs(candidate.utf8.count - word.count) <= bound,
              let distance = editDistance(word, Array(candidate.utf8), limit: bound) else { continue }
        best = (candidate, distance)
    }
    guard let best, best.distance <= limit else {
        return candidates.first { $0.hasPrefix(name) || $0.hasSuffix("." + name) }
    }
    return best.name
}

/// Levenshtein distance, or nil when it exceeds `limit`: names whose lengths differ by more, or
/// whose every row of the table is beyond it, stop early, so that a mistyped pasted line is not
/// compared in full with thousands of names.
func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
    guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        var rowMinimum = i
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            rowMinimum = min(rowMinimum, current[j])
        }
        if rowMinimum > limit { return nil }
        swap(&previous, &current)
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
}
