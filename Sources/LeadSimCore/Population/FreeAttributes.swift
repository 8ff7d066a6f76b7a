/// Attributes a population carries beyond the synthetic catalogue — the columns of a CRM export
/// that map onto no field of leadsim's (a lifecycle source, a product interest, annual revenue).
/// Kept by name, so that fit criteria test them as they test the built-in attributes.
///
/// A column is a category (each distinct text coded once, so that criteria still compile into a
/// table of points per code) or a number. A lead may lack a value: its category code is the
/// column's `values.count` and its number is NaN, and no criterion matches either.
public struct FreeAttributes: Sendable {
    /// The columns in the order they were added, as scoring sees them.
    public private(set) var attributes: [LeadAttribute] = []
    var codes: [[UInt32]] = []
    var numbers: [[Double]] = []

    init() {}

    public var isEmpty: Bool { attributes.isEmpty }

    /// Adds a category column; `values[lead]` is nil where the lead has none.
    mutating func addCategory(_ name: String, values: [String?]) throws(AttributeError) {
        try checkNew(name)
        var distinct: [String] = []
        var codeOf: [String: UInt32] = [:]
        let column = values.map { value -> UInt32? in
            guard let value else { return nil }
            if let code = codeOf[value] { return code }
            let code = UInt32(distinct.count)
            codeOf[value] = code
            distinct.append(value)
            return code
        }
        let missing = UInt32(distinct.count)
        codes.append(column.map { $0 ?? missing })
        attributes.append(LeadAttribute(name: name, values: distinct, column: .freeCategory(codes.count - 1)))
    }

    /// Adds a number column; `values[lead]` is nil where the lead has none.
    mutating func addNumber(_ name: String, values: [Double?]) throws(AttributeError) {
        try checkNew(name)
        numbers.append(values.map { $0 ?? .nan })
        attributes.append(LeadAttribute(name: name, values: [], column: .freeNumber(numbers.count - 1)))
    }

    private func checkNew(_ name: String) throws(AttributeError) {
        if LeadAttribute.all.contains(where: { $0.name == name }) || attributes.contains(where: { $0.name == name }) {
            throw AttributeError("attribute '\(name)' exists already: expected a new name")
        }
    }
}

extension Population {
    /// Adds a category attribute; `values[lead]` is nil where the lead has none.
    public mutating func addAttribute(_ name: String, categories values: [String?]) throws(AttributeError) {
        try checkCount(name, values.count)
        try freeAttributes.addCategory(name, values: values)
    }

    /// Adds a number attribute; `values[lead]` is nil where the lead has none.
    public mutating func addAttribute(_ name: String, numbers values: [Double?]) throws(AttributeError) {
        try checkCount(name, values.count)
        try freeAttributes.addNumber(name, values: values)
    }

    private func checkCount(_ name: String, _ values: Int) throws(AttributeError) {
        guard values == count else { throw AttributeError("attribute '\(name)' has \(values) values: expected one per lead (\(count))") }
    }

    /// Every attribute scoring may test on these leads: the synthetic catalogue and the free ones.
    public var attributes: [LeadAttribute] { LeadAttribute.all + freeAttributes.attributes }
}

/// An attribute that cannot be added, with what was expected.
public struct AttributeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
