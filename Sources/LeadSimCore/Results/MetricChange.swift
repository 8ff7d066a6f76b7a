/// How one figure moved between two configurations, and whether the move is larger than the noise.
///
/// Both sides run on the same replications, so every lead sees the same random numbers on both:
/// the change is paired. With several replications the noise is the t interval of the per-
/// replication changes. A single run pairs its parts instead (`RunResult.groups`: spans of the
/// window for the B2B model, lead groups for the reference model): the spread of the parts'
/// changes estimates the standard error of the whole change, with Student's t for the number of
/// parts. A change that touches no lead moves no part and has no noise.
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
        self.init(metric, from: RunSet([old]), to: RunSet([new]))
    }

    public init(_ metric: Metric, from old: RunSet, to new: RunSet) {
        self.metric = metric
        let before = old.estimate(metric), after = new.estimate(metric)
        self.old = before.mean
        self.new = after.mean
        if old.replications > 1, old.replications == new.replications {
            noise = Estimate(values: zip(old.runs, new.runs).map { metric.value($1) - metric.value($0) }).halfWidth
        } else if old.first.groups.count > 1, new.first.groups.count == old.first.groups.count {
            let changes = zip(old.first.groups, new.first.groups).map { metric.value($1) - metric.value($0) }
            noise = Estimate(total: self.new - self.old, groupValues: changes, additive: metric.additive).halfWidth
        } else {
            noise = nil
        }
    }
}
