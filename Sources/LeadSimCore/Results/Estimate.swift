/// A figure with its 95 % confidence interval.
///
/// With several replications the interval is Student's t over the replications' values; a single
/// run estimates it from its parts (`RunResult.groups`: spans of the window, or lead groups), so
/// even one run says how far a figure may move under another seed.
public struct Estimate: Sendable, Equatable {
    public let mean: Double
    /// Half-width of the 95 % interval; nil when nothing measures the spread.
    public let halfWidth: Double?

    public var low: Double { mean - (halfWidth ?? 0) }
    public var high: Double { mean + (halfWidth ?? 0) }

    /// Mean and the t interval of independent, identically distributed values.
    public init(values: [Double]) {
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        halfWidth = Self.sampleVariance(values).map {
            studentT975(degreesOfFreedom: values.count - 1) * ($0 / Double(values.count)).squareRoot()
        }
    }

    /// `total` with the interval implied by its parts' values: a total is the sum of its parts'
    /// shares, so its standard error is √G times the parts' spread; a rate or a wait is
    /// about their mean, with standard error spread / √G.
    init(total: Double, groupValues: [Double], additive: Bool) {
        let groups = Double(groupValues.count)
        mean = total
        halfWidth = Self.sampleVariance(groupValues).map { variance in
            let standardError = additive ? (variance * groups).squareRoot() : (variance / groups).squareRoot()
            return studentT975(degreesOfFreedom: groupValues.count - 1) * standardError
        }
    }

    /// The unbiased sample variance; nil for fewer than two values.
    static func sampleVariance(_ values: [Double]) -> Double? {
        guard values.count > 1 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }
}

/// The 0.975 quantile of Student's t distribution: the factor of a two-sided 95 % interval.
///
/// Exact to four decimals from a table up to 30 degrees of freedom; beyond, the Cornish–Fisher
/// expansion around the normal quantile (error below 1e-5 there). No package on this machine offers
/// the inverse t distribution.
public func studentT975(degreesOfFreedom df: Int) -> Double {
    precondition(df >= 1, "Student's t needs at least one degree of freedom")
    if df <= studentT975Table.count { return studentT975Table[df - 1] }
    let z = 1.959963984540054
    let n = Double(df)
    let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z
    return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n)
}

private let studentT975Table: [Double] = [
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
    2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
    2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
]
