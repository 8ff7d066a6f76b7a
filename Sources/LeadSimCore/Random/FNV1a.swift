/// A 64-bit FNV-1a hash, the same in every process and on every machine (Swift's own `Hasher`
/// is seeded per process): what a check or a key that outlives a process, or crosses between
/// processes, is made of.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    @inline(__always)
    public mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    /// A 64-bit word, least significant byte first.
    public mutating func add(_ word: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { add(byte: UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
    }

    public mutating func add<Bytes: Sequence<UInt8>>(bytes: Bytes) {
        for byte in bytes { add(byte: byte) }
    }
}

extension ParameterSet {
    /// The parameter values' bits, hashed: equal for equal values in any process.
    public var fingerprint: UInt64 {
        var hash = FNV1a()
        for value in values { hash.add(value.bitPattern) }
        return hash.value
    }
}
