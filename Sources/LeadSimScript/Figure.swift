import LeadSimCore

/// A figure `expect` can check: a metric of the last run (its mean over the replications, or an
/// end of its 95 % interval), or a figure of the last sweep, optimisation or comparison.
///
/// - `won`, `won.low`, `won.high`
/// - `sweep.best.mql.threshold`, `sweep.best.won` (the best value of the last sweep)
/// - `optimum.mql.threshold`, `optimum.won`, `optimum.low.mql.threshold`, `optimum.high.mql.threshold`
///   (the optimum, and the ends of the range within the noise of it)
/// - `compare.delta.won`, `compare.noise.won` (the last comparison's change and its 95 % noise)
public enum Figure: Sendable, Equatable {
    public enum Bound: String, Sendable { case mean, low, high }

    case metric(String, Bound)
    case sweepBest(String)
    case optimum(String, Bound)
    case compareDelta(String)
    case compareNoise(String)

    /// Parameter names of every model: a figure may name one before the model that has it is chosen.
    static let parameterNames = Set(Models.all.flatMap { $0.parameterSpecs.map(\.name) })

    /// The figure a name stands for; nil when it names nothing known.
    public static func parse(_ name: String) -> Figure? {
        if let metric = Metric.resolve(name) { return .metric(metric.name, .mean) }
        for bound in [Bound.low, .high] where name.hasSuffix("." + bound.rawValue) {
            if let metric = Metric.resolve(String(name.dropLast(bound.rawValue.count + 1))) {
                return .metric(metric.name, bound)
            }
        }
        func metricOrParameter(_ rest: Substring) -> String? {
            if let metric = Metric.resolve(String(rest)) { return metric.name }
            return parameterNames.contains(String(rest)) ? String(rest) : nil
        }
        if name.hasPrefix("sweep.best."), let rest = metricOrParameter(name.dropFirst("sweep.best.".count)) {
            return .sweepBest(rest)
        }
        if name.hasPrefix("optimum.") {
            var rest = name.dropFirst("optimum.".count)
            var bound = Bound.mean
            for candidate in [Bound.low, .high] where rest.hasPrefix(candidate.rawValue + ".") {
                bound = candidate
                rest = rest.dropFirst(candidate.rawValue.count + 1)
            }
            if let target = metricOrParameter(rest), bound == .mean || parameterNames.contains(target) {
                return .optimum(target, bound)
            }
        }
        if name.hasPrefix("compare.delta."), let metric = Metric.resolve(String(name.dropFirst("compare.delta.".count))) {
            return .compareDelta(metric.name)
        }
        if name.hasPrefix("compare.noise."), let metric = Metric.resolve(String(name.dropFirst("compare.noise.".count))) {
            return .compareNoise(metric.name)
        }
        return nil
    }

    /// Example names for completion and suggestions.
    static let knownNames: [String] = {
        Metric.all.map(\.name) + Metric.all.flatMap { [$0.name + ".low", $0.name + ".high"] }
            + Metric.all.map { "compare.delta." + $0.name } + Metric.all.map { "sweep.best." + $0.name }
            + Metric.all.map { "optimum." + $0.name } + parameterNames.sorted().flatMap { ["sweep.best." + $0, "optimum." + $0] }
    }()
}
