import LeadSimCore

/// Replaces personal values with salted hashes at import: the same value gives the same
/// pseudonym within a load (so duplicates are still found), and nothing outside the process can
/// turn one back. The hash is SipHash (the standard library's `Hasher`, keyed per process) over a
/// random salt and the value: a keyed pseudo-random function, which is what a salted hash needs.
public struct Pseudonymiser: Sendable {
    let salt: (UInt64, UInt64)

    public init() {
        var generator = SystemRandomNumberGenerator()
        salt = (generator.next(), generator.next())
    }

    public func pseudonym(_ text: String) -> String {
        var hasher = Hasher()
        hasher.combine(salt.0)
        hasher.combine(salt.1)
        hasher.combine(text)
        let value = UInt64(bitPattern: Int64(hasher.finalize()))
        let hex = String(value, radix: 16)
        return "anon-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Whether a column's values are personal by its name: names, addresses, numbers.
    public static func isPersonalColumn(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["name", "mail", "phone", "telefon", "mobil", "address", "adresse", "street", "straße", "strasse", "fax"]
            .contains { lower.contains($0) }
    }
}
