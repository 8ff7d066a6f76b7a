/// The runs of one configuration, one per replication.
///
/// Replication r simulates its own synthetic population, seeded by `Replications.seed(base:_:)`,
/// so replications are independent; two configurations run on the same replications share their
/// populations and every lead's random numbers, which pairs them for comparison.
public struct RunSet: Sendable, Equatable {
    public var runs: [RunResult]

    public init(_ runs: [RunResult]) {
        precondition(!runs.isEmpty, "a run set holds at least one run")
        self.runs = runs
    }

    /// The first replication: the run a single-replication session shows.
    public var first: RunResult { runs[0] }

    public var replications: Int { runs.count }

    /// The metric's mean over the replications with its 95 % interval.
    public func estimate(_ metric: Metric) -> Estimate {
        if runs.count > 1 { return Estimate(values: runs.map(metric.value)) }
        return Estimate(total: metric.value(first), groupValues: first.groups.map(metric.value), additive: metric.additive)
    }
}

/// Seeds of the replications of a population.
public enum Replications {
    /// The population seed of replication `index`: the base seed itself for the first, so that one
    /// replication is exactly the plain run, and well-mixed distinct seeds for the others.
    public static func seed(base: UInt64, _ index: Int) -> UInt64 {
        index == 0 ? base : RandomStream.mix(RandomStream.mix(base &+ RandomStream.gamma) ^ UInt64(index))
    }
}
