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
    case employees = 9
    /// Fields of generated datasets (names, addresses, dirty copies); the episode number tells
    /// the field, so each field has a stream of its own.
    case dataset = 10
    /// A replication's draw of an estimated parameter (subject: the replication), so that a
    /// prediction carries the estimate's uncertainty.
    case estimate = 11
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
    public mutating func exponential(mean: Double, _ tables: ExponentialZiggurat = .shared) -> Double {
        mean * standardExponential(tables)
    }

    /// Exponential with mean 1, by Marsaglia & Tsang's ziggurat (2000) with 256 layers.
    ///
    /// Written by hand because the journeys draw an exponential per event and `-log(u)` was the
    /// largest single cost of a run; the ziggurat needs one 64-bit draw and a table lookup 98.9 %
    /// of the time. The layer comes from the low 8 bits and the position from the upper 56, so
    /// the two are independent (the original's 32-bit version reused bits for both). Hot loops
    /// pass `tables` from a local, which saves the lazy-global check of `.shared` on every draw.
    @inlinable @inline(__always)
    public mutating func standardExponential(_ tables: ExponentialZiggurat = .shared) -> Double {
        let bits = next()
        let layer = Int(bits & 0xFF)
        let position = bits >> 8
        if position < tables.k[layer] { return Double(position) * tables.w[layer] }
        return exponentialSlowPath(layer: layer, position: position)
    }

    /// The ziggurat's rare cases: the tail beyond the base layer, and points that fall in a
    /// layer's wedge under the curve.
    @usableFromInline
    mutating func exponentialSlowPath(layer firstLayer: Int, position firstPosition: UInt64) -> Double {
        let table = ExponentialZiggurat.shared
        var layer = firstLayer
        var position = firstPosition
        while true {
            if layer == 0 { return ExponentialZiggurat.r - Foundation.log(uniformPositive()) }
            let x = Double(position) * table.w[layer]
            if table.f[layer] + uniform() * (table.f[layer - 1] - table.f[layer]) < Foundation.exp(-x) { return x }
            let bits = next()
            layer = Int(bits & 0xFF)
            position = bits >> 8
            if position < table.k[layer] { return Double(position) * table.w[layer] }
        }
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

/// The tables of the exponential ziggurat (Marsaglia & Tsang 2000, 256 layers), for 56-bit
/// positions: `k` the accept-at-once thresholds, `w` position-to-value scales, `f` the density at
/// the layer edges.
public final class ExponentialZiggurat: Sendable {
    @usableFromInline static let r = 7.69711747013104972
    static let v = 3.949659822581572e-3
    public static let shared = ExponentialZiggurat()

    @usableFromInline let k: [UInt64]
    @usableFromInline let w: [Double]
    @usableFromInline let f: [Double]

    private init() {
        let m = 0x1.0p56
        var k = [UInt64](repeating: 0, count: 256)
        var w = [Double](repeating: 0, count: 256)
        var f = [Double](repeating: 0, count: 256)
        var de = Self.r
        var te = de
        let q = Self.v / Foundation.exp(-de)
        k[0] = UInt64(de / q * m)
        k[1] = 0
        w[0] = q / m
        w[255] = de / m
        f[0] = 1
        f[255] = Foundation.exp(-de)
        for i in stride(from: 254, through: 1, by: -1) {
            de = -Foundation.log(Self.v / de + Foundation.exp(-de))
            k[i + 1] = UInt64(de / te * m)
            te = de
            f[i] = Foundation.exp(-de)
            w[i] = de / m
        }
        self.k = k
        self.w = w
        self.f = f
    }
}

/// Running sums turned into a table for `RandomStream.pick(cumulativeWeights:)`.
public func cumulativeSums(_ weights: [Double]) -> [Double] {
    var total = 0.0
    return weights.map { total += $0; return total }
}
