/// One parameter and the values a sweep or the optimiser gives it.
public struct SweepAxis: Sendable, Equatable {
    public let parameter: String
    public let values: [Double]

    /// Sweeps beyond this many values per parameter are a typo more often than a plan.
    public static let maximumValues = 1000

    /// `from`, `from + step`, … up to `to`, each a valid value of the parameter.
    public init(_ spec: ParameterSpec, from: Double, to: Double, step: Double) throws(TuningError) {
        try Self.validate(spec, from: from, to: to, step: step)
        let count = Self.steps(from: from, to: to, step: step) + 1
        guard count <= Self.maximumValues else {
            throw .tooManyValues(parameter: spec.name, count: count, limit: Self.maximumValues)
        }
        parameter = spec.name
        values = (0..<count).map { Self.gridValue(from: from, index: Double($0), step: step, limit: to) }
    }

    /// Whole steps from `from` that fit up to `to` (allowing for rounding in the division).
    static func steps(from: Double, to: Double, step: Double) -> Int {
        Int(((to - from) / step * (1 + 1e-12)).rounded(.down))
    }

    /// `from + index × step`, computed from the index rather than by repeated addition and rounded
    /// to nine decimals, so that steps of 0.1 read 0.3, not 0.30000000000000004; never past `limit`.
    static func gridValue(from: Double, index: Double, step: Double, limit: Double) -> Double {
        min(limit, ((from + index * step) * 1e9).rounded() / 1e9)
    }

    /// Checks what a sweep and the optimiser both need of a range: a numeric parameter, bounds in
    /// its range, a positive step, whole numbers for an integer parameter.
    static func validate(_ spec: ParameterSpec, from: Double, to: Double, step: Double) throws(TuningError) {
        guard spec.kind == .real || spec.kind == .integer else {
            throw .notNumeric(parameter: spec.name)
        }
        guard from < to else { throw .emptyRange(parameter: spec.name, from: from, to: to) }
        guard step > 0, step.isFinite else { throw .badStep(parameter: spec.name, step: step) }
        for bound in [from, to] where !spec.range.contains(bound) {
            throw .outOfRange(parameter: spec.name, value: bound, range: spec.rangeDescription)
        }
        if spec.kind == .integer, from.rounded() != from || step.rounded() != step {
            throw .notWhole(parameter: spec.name)
        }
    }
}

/// A configuration a sweep or the optimiser ran: its parameter values (one per axis) and results.
public struct TuningPoint: Sendable, Equatable {
    public let values: [Double]
    public let runs: RunSet

    /// Whether the point keeps every constraint (on the metrics' means).
    public func keeps(_ constraints: [Constraint]) -> Bool { constraints.allSatisfy { $0.holds(runs) } }
}

/// The results of a sweep over one parameter, or a grid over two.
public struct SweepResult: Sendable, Equatable {
    public let axes: [SweepAxis]
    /// Row-major: the first axis varies slowest.
    public let points: [TuningPoint]
    public let objective: Objective
    public let constraints: [Constraint]
    /// Metrics to show per value besides the objective and constraints.
    public var metrics: [String] = []

    /// The feasible point best by the objective; nil when no point keeps every constraint.
    public var best: TuningPoint? { Tuning.best(of: points, objective: objective, constraints: constraints) }

    /// The best point's lead over the runner-up (the best of the other feasible points), paired
    /// on the same leads (`MetricChange`): a best that does not stand out of the runner-up's noise
    /// is no winner, only one of the good values. nil with fewer than two feasible points.
    public var lead: (runnerUp: TuningPoint, change: MetricChange)? {
        guard let best, let metric = Metric.named(objective.metric) else { return nil }
        guard let runnerUp = Tuning.best(of: points.filter { $0 != best }, objective: objective, constraints: constraints) else { return nil }
        return (runnerUp, MetricChange(metric, from: runnerUp.runs, to: best.runs))
    }

    /// Whether the best stands out of the noise of the runner-up.
    public var bestStandsOut: Bool { lead?.change.beyondNoise ?? false }
}

/// Why a sweep or an optimisation cannot run as asked.
public enum TuningError: Error, Sendable, Equatable, CustomStringConvertible {
    case notNumeric(parameter: String)
    case emptyRange(parameter: String, from: Double, to: Double)
    case badStep(parameter: String, step: Double)
    case outOfRange(parameter: String, value: Double, range: String)
    case notWhole(parameter: String)
    case tooManyValues(parameter: String, count: Int, limit: Int)
    case sameParameterTwice(parameter: String)

    public var description: String {
        switch self {
        case .notNumeric(let name): "\(name) takes options, not numbers: expected a numeric parameter to sweep"
        case .emptyRange(let name, let from, let to):
            "expected FROM < TO for \(name), got \(formatNumber(from))..\(formatNumber(to))"
        case .badStep(let name, let step): "expected a positive step for \(name), got \(formatNumber(step))"
        case .outOfRange(let name, let value, let range):
            "\(formatNumber(value)) is outside the range of \(name): expected \(range)"
        case .notWhole(let name): "\(name) takes whole numbers: expected a whole FROM and step"
        case .tooManyValues(let name, let count, let limit):
            "\(count) values of \(name): expected at most \(limit) (use a larger step)"
        case .sameParameterTwice(let name): "\(name) twice: expected two different parameters"
        }
    }
}

/// Sweeps and the optimiser: variants of an experiment that differ in one or two parameters, run
/// on the experiment's own replications so that neighbouring values are compared on the same leads.
public enum Tuning {
    /// Runs every combination of the axes' values.
    public static func sweep(
        _ experiment: Experiment, axes: [SweepAxis], objective: Objective = .default, constraints: [Constraint] = [],
        populations: [Population], options: RunOptions
    ) throws(RunCancelled) -> SweepResult {
        let combinations = combinations(axes.map(\.values))
        let names = axes.map(\.parameter)
        let runs = try experiment.run(
            variants: combinations.map { variant(of: experiment.parameters, names, $0) }, on: populations, options: options)
        return SweepResult(
            axes: axes, points: zip(combinations, runs).map { TuningPoint(values: $0, runs: $1) },
            objective: objective, constraints: constraints)
    }

    /// Every combination of one value per axis, the first axis varying slowest.
    static func combinations(_ axes: [[Double]]) -> [[Double]] {
        axes.reduce([[]]) { combinations, values in combinations.flatMap { prefix in values.map { prefix + [$0] } } }
    }

    static func variant(of parameters: ParameterSet, _ names: [String], _ values: [Double]) -> ParameterSet {
        var variant = parameters
        for (name, value) in zip(names, values) {
            // Axes hold only values validated against the parameter's spec.
            try! variant.set(name, to: value)
        }
        return variant
    }

    /// The feasible point best by the objective; ties go to the earlier point.
    static func best(of points: [TuningPoint], objective: Objective, constraints: [Constraint]) -> TuningPoint? {
        var best: (point: TuningPoint, value: Double)?
        for point in points where point.keeps(constraints) {
            let value = objective.value(point.runs)
            if best.map({ objective.prefers(value, over: $0.value) }) ?? true { best = (point, value) }
        }
        return best?.point
    }
}
