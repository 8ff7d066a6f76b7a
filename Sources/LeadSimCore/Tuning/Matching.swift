import Foundation

/// A rate a team believes in (or one measured in its history) that no single parameter sets —
/// MQL to SQL comes from contact, acceptance and qualification — reached by solving for one
/// parameter that moves it: `fit funnel.mql_to_sql 0.18 by sales.acceptance_rate`.
public struct MatchResult: Sendable, Equatable {
    public let metric: String
    public let target: Double
    public let parameter: String
    /// The parameter's value before and after.
    public let old: Double
    public let value: Double
    /// The metric at `value`, with its interval.
    public let reached: Estimate
    /// Every value tried, in order, with the metric there.
    public let steps: [(value: Double, metric: Double)]

    public static func == (a: MatchResult, b: MatchResult) -> Bool {
        a.metric == b.metric && a.target == b.target && a.parameter == b.parameter && a.value == b.value
            && a.steps.map(\.value) == b.steps.map(\.value)
    }
}

/// Why a target cannot be matched.
public enum MatchError: Error, Sendable, Equatable, CustomStringConvertible {
    case outOfReach(metric: String, target: Double, parameter: String, low: Double, atLow: Double, high: Double, atHigh: Double)
    case notNumeric(parameter: String)

    public var description: String {
        switch self {
        case .outOfReach(let metric, let target, let parameter, let low, let atLow, let high, let atHigh):
            "\(metric) \(formatNumber((target * 10_000).rounded() / 10_000)) is out of reach by \(parameter): from \(formatNumber(low)) to \(formatNumber(high)) it goes from "
                + "\(formatNumber((atLow * 10_000).rounded() / 10_000)) to \(formatNumber((atHigh * 10_000).rounded() / 10_000)); expected a target in between, or another parameter"
        case .notNumeric(let parameter): "\(parameter) takes options, not numbers: expected a numeric parameter to solve for"
        }
    }
}

public enum Matching {
    /// The value of `parameter` in its range at which `metric`'s mean over the experiment's
    /// replications is `target`. The metric must move one way with the parameter; the search
    /// brackets the target between the range's ends, then narrows the bracket by regula falsi
    /// (Illinois) and bisection, on the same leads at every step (common random numbers, so the
    /// metric moves smoothly). It stops when the target is inside the metric's 95 % interval and
    /// within a thousandth of the metric's range, after 24 steps at most; an integer parameter
    /// ends on the whole value closest to the target.
    public static func match(
        _ experiment: Experiment, metric: Metric, target: Double, parameter: ParameterSpec, populations: [Population],
        options: RunOptions
    ) throws -> MatchResult {
        guard parameter.kind == .real || parameter.kind == .integer else { throw MatchError.notNumeric(parameter: parameter.name) }
        var steps: [(value: Double, metric: Double)] = []
        var estimates: [Double: Estimate] = [:]
        func evaluate(_ value: Double) throws(RunCancelled) -> Double {
            var variant = experiment.parameters
            // Every value tried lies in the parameter's range.
            try! variant.set(parameter.name, to: value)
            let runs = try experiment.run(variants: [variant], on: populations, options: options)[0]
            let estimate = runs.estimate(metric)
            steps.append((value, estimate.mean))
            estimates[value] = estimate
            return estimate.mean - target
        }
        var low = parameter.range.lowerBound
        var high = parameter.range.upperBound
        var fLow = try evaluate(low)
        var fHigh = try evaluate(high)
        guard fLow * fHigh <= 0 else {
            throw MatchError.outOfReach(
                metric: metric.name, target: target, parameter: parameter.name, low: low, atLow: fLow + target, high: high,
                atHigh: fHigh + target)
        }
        let scale = abs(fHigh - fLow)
        var side = 0
        for iteration in 0..<22 {
            if parameter.kind == .integer && high - low <= 1 { break }
            // Regula falsi, with the Illinois halving when one end keeps its place; every fourth
            // step a bisection, so that a flat stretch cannot stall the search.
            var next = iteration % 4 == 3 || fHigh == fLow ? (low + high) / 2 : low - fLow * (high - low) / (fHigh - fLow)
            // Values on a grid of a hundred-thousandth of the range (a power of ten), so that the
            // value set reads as people would write it: 51.31, not 51.31246756464997.
            let grid = Foundation.pow(10, (Foundation.log10((parameter.range.upperBound - parameter.range.lowerBound) / 1e5)).rounded(.down))
            next = (next / grid).rounded() * grid
            if next <= low || next >= high { next = (low + high) / 2 }
            if parameter.kind == .integer {
                next = next.rounded()
                if next <= low { next = low + 1 }
                if next >= high { next = high - 1 }
            }
            let fNext = try evaluate(next)
            if fNext == 0 || (abs(fNext) <= (estimates[next]!.halfWidth ?? 0) && abs(fNext) <= scale * 1e-3) { break }
            if (fNext < 0) == (fLow < 0) {
                low = next
                fLow = fNext
                if side == -1 { fHigh /= 2 }
                side = -1
            } else {
                high = next
                fHigh = fNext
                if side == 1 { fLow /= 2 }
                side = 1
            }
        }
        let best = steps.min { abs($0.metric - target) < abs($1.metric - target) }!.value
        return MatchResult(
            metric: metric.name, target: target, parameter: parameter.name, old: experiment.parameters[parameter.name], value: best,
            reached: estimates[best]!, steps: steps)
    }
}
