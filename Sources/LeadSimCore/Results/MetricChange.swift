/// How one figure moved between two runs, and whether the move is larger than the noise.
///
/// The noise comes from the lead groups of both runs (`RunResult.groups`): with common random
/// numbers each group's change is paired, so the spread of the changes across the sixteen groups
/// estimates the standard error of the whole change. A change beyond `noise` (2.13 standard
/// errors, the two-sided 95 % point of Student's t with 15 degrees of freedom) would very likely
/// show again under another seed. A change that touches no lead moves no group and has no noise.
public struct MetricChange: Sendable {
    public let metric: Metric
    public let old: Double
    public let new: Double
    /// Half-width of the approximate 95 % interval of the change; nil when a run lacks groups.
    public let noise: Double?

    public var delta: Double { new - old }

    /// Relative change, nil when the old value is zero.
    public var fraction: Double? { old != 0 ? delta / abs(old) : nil }

    /// Whether the change is larger than its noise.
    public var beyondNoise: Bool {
        guard let noise else { return false }
        return delta != 0 && abs(delta) > noise
    }

    public init(_ metric: Metric, from old: RunResult, to new: RunResult) {
        self.metric = metric
        self.old = metric.value(old)
        self.new = metric.value(new)
        noise = MetricChange.noise(of: metric, from: old, to: new)
    }

    static let studentT95 = 2.131

    static func noise(of metric: Metric, from old: RunResult, to new: RunResult) -> Double? {
        let groups = old.groups.count
        guard groups > 1, new.groups.count == groups else { return nil }
        let changes = (0..<groups).map { metric.value(new.groups[$0]) - metric.value(old.groups[$0]) }
        let mean = changes.reduce(0, +) / Double(groups)
        let variance = changes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(groups - 1)
        // A total is the sum of its groups' shares; a rate is about their mean.
        let standardError = metric.additive
            ? (variance * Double(groups)).squareRoot() : (variance / Double(groups)).squareRoot()
        return studentT95 * standardError
    }
}
