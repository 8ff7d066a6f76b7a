import Foundation

/// Why a random number is drawn. Each purpose gets its own stream per lead, so that a change to how
/// one purpose is used never shifts the numbers another purpose sees (common random numbers).
///
/// The raw values are part of the seed contract: renumbering a purpose changes what a seed
/// produces, which is a breaking change.
public enum RandomPurpose: UInt64, Sendable {
    case arrival = 1
    case attributes = 2
    case nurture = 3
    case sales = 4
    case opportunity = 5
    case repAbsence = 6
    case consent = 7
    case intent = 8
}

/// A SplitMix64 stream keyed by (seed, subject, purpose, episode).
///
/// Written by hand on purpose: the standard library's `random(in:using:)` and its generators are
/// only repeatable within one Swift release, and leadsim promises that a seed produces the same
/// output across releases. SplitMix64 (Steele, Lea & Flood 2014) passes BigCrush, needs one
/// multiply-xorshift round per draw and keeps its whole state in one register, which keeps the
/// per-lead hot loop free of allocation.
public struct RandomStream: Sendable {
    @usableFromInline var state: UInt64

    @usableFromInline static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The stream for `subject` (usually a lead index) and `purpose` within `episode`.
    @inlinable
    public init(seed: UInt64, subject: UInt64, purpose: RandomPurpose, episode: UInt64 = 0) {
        var key = RandomStream.mix(seed &+ RandomStream.gamma)
        key = RandomStream.mix(key ^ (subject &* 0xD1B5_4A32_D192_ED03))
        key = RandomStream.mix(key ^ (purpose.rawValue << 56 | episode))
        state = key
    }

    /// Stafford's variant 13 of the MurmurHash3 finaliser, as used by SplitMix64.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= RandomStream.gamma
        return RandomStream.mix(state)
    }

    /// Uniform on [0, 1), 53 bits.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform on (0, 1]: safe to take the logarithm of.
    @inlinable @inline(__always)
    public mutating func uniformPositive() -> Double {
        Double((next() >> 11) &+ 1) * 0x1.0p-53
    }

    @inlinable @inline(__always)
    public mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// Exponential with the given mean.
    @inlinable @inline(__always)
    public mutating func exponential(mean: Double) -> Double {
        -mean * Foundation.log(uniformPositive())
    }

    /// Standard normal by the Box–Muller transform (one of the pair is used; simplicity beats the
    /// saved draw here, and the result stays a pure function of the stream position).
    @inlinable
    public mutating func standardNormal() -> Double {
        let u1 = uniformPositive()
        let u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// Log-normal with the given median and shape sigma.
    @inlinable
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * Foundation.exp(sigma * standardNormal())
    }

    /// Gamma with the given shape and mean, by Marsaglia & Tsang (2000).
    @inlinable
    public mutating func gamma(shape: Double, mean: Double) -> Double {
        let scale = mean / shape
        if shape < 1 {
            let boost = Foundation.pow(uniformPositive(), 1 / shape)
            return gamma(shape: shape + 1, mean: (shape + 1) * scale) * boost
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = standardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniformPositive()
            if Foundation.log(u) < 0.5 * x * x + d - d * v + d * Foundation.log(v) {
                return d * v * scale
            }
        }
    }

    /// Index drawn with probability proportional to `weights` (all ≥ 0, sum > 0).
    @inlinable
    public mutating func pick(cumulativeWeights cumulative: UnsafeBufferPointer<Double>) -> Int {
        let target = uniform() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }

    @inlinable
    public mutating func pick(cumulativeWeights cumulative: [Double]) -> Int {
        cumulative.withUnsafeBufferPointer { pick(cumulativeWeights: $0) }
    }
}

/// Running sums turned into a table for `RandomStream.pick(cumulativeWeights:)`.
public func cumulativeSums(_ weights: [Double]) -> [Double] {
    var total = 0.0
    return weights.map { total += $0; return total }
}
