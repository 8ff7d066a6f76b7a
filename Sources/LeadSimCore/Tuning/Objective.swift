/// A comparison of a figure with a bound, as expectations and constraints write it.
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

    public func holds(_ actual: Double, _ bound: Double) -> Bool {
        switch self {
        case .less: actual < bound
        case .lessOrEqual: actual <= bound
        case .greater: actual > bound
        case .greaterOrEqual: actual >= bound
        case .equal: actual == bound
        case .notEqual: actual != bound
        }
    }
}

/// What a sweep or the optimiser looks for: the metric to maximise or minimise.
public struct Objective: Sendable, Equatable, CustomStringConvertible {
    public enum Direction: String, Sendable { case maximise, minimise }

    public var metric: String
    public var direction: Direction

    public init(_ direction: Direction, _ metric: String) {
        precondition(Metric.named(metric) != nil, "unknown metric \(metric)")
        self.metric = metric
        self.direction = direction
    }

    /// Won deals: what a revenue team asks a threshold or a head-count to deliver.
    public static let `default` = Objective(.maximise, "won")

    public func value(_ runs: RunSet) -> Double { runs.estimate(Metric.named(metric)!).mean }

    /// Whether `a` is strictly better than `b`.
    public func prefers(_ a: Double, over b: Double) -> Bool {
        direction == .maximise ? a > b : a < b
    }

    public var description: String { "\(direction.rawValue) \(metric)" }
}

/// A limit the chosen configuration must keep, e.g. `workload.utilisation <= 0.85`, checked on the
/// metric's mean over the replications.
public struct Constraint: Sendable, Equatable, CustomStringConvertible {
    public var metric: String
    public var comparison: ComparisonOperator
    public var bound: Double

    public init(_ metric: String, _ comparison: ComparisonOperator, _ bound: Double) {
        precondition(Metric.named(metric) != nil, "unknown metric \(metric)")
        self.metric = metric
        self.comparison = comparison
        self.bound = bound
    }

    public func value(_ runs: RunSet) -> Double { runs.estimate(Metric.named(metric)!).mean }

    public func holds(_ runs: RunSet) -> Bool { comparison.holds(value(runs), bound) }

    /// How far the constraint is missed, relative to the bound (0 when it holds).
    func violation(_ runs: RunSet) -> Double {
        let value = value(runs)
        guard !comparison.holds(value, bound) else { return 0 }
        return abs(value - bound) / max(abs(bound), 1e-9)
    }

    public var description: String { "\(metric) \(comparison.rawValue) \(formatNumber(bound))" }
}
