import Foundation
import Testing
@testable import LeadSimCore

/// The noise one run shows (its 95 % intervals and the noise of a what-if change, from the spans
/// of its window) covers the true value at about the stated rate, for the figures the shared sales
/// queue drives as much as for the others — under the default load and a congested team.
///
/// The true value is the mean over all seeds of the test (its own error is a seventh of a single
/// run's interval at 200 seeds). Tolerance: coverage at least 0.90, about three binomial standard
/// deviations below 0.95 at 200 trials; the seeds are fixed, so the counts are too.
@Suite struct NoiseCoverageTests {
    static let metrics = ["wait.mean_days", "speed_to_lead.median_hours", "sla.breach_share", "contacted", "won"]
    static let seeds = 200

    struct Trial: Sendable {
        var before: RunResult
        var after: RunResult
    }

    /// One run per seed of `leads` leads with `reps` reps, before and after `change`.
    static func trials(leads: Int, reps: Int, change: (String, Double)) throws -> [Trial] {
        let model = B2BModel()
        var before = model.defaultParameters()
        try before.set("sales.reps", to: Double(reps))
        var after = before
        try after.set(change.0, to: change.1)
        var trials = [Trial?](repeating: nil, count: seeds)
        trials.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointWrites(buffer.baseAddress!)
            ParallelChunks.forEach(count: seeds, chunkSize: 1, threads: ParallelChunks.defaultThreads) { [before, after] seed, _ in
                let population = model.synthesize(leads: leads, seed: UInt64(5000 + seed), horizonWeeks: 26, parameters: before)
                let options = RunOptions(threads: 1)
                out[seed] = Trial(
                    before: try! model.simulate(population, parameters: before, options: options),
                    after: try! model.simulate(population, parameters: after, options: options))
            }
        }
        return trials.map { $0! }
    }

    static func coverage(_ trials: [Trial], metric: Metric) -> (figure: Double, change: Double) {
        let truth = trials.reduce(0) { $0 + metric.value($1.before) } / Double(trials.count)
        let trueChange = trials.reduce(0) { $0 + metric.value($1.after) - metric.value($1.before) } / Double(trials.count)
        var figureCovered = 0
        var changeCovered = 0
        for trial in trials {
            let estimate = RunSet([trial.before]).estimate(metric)
            if estimate.low <= truth && truth <= estimate.high { figureCovered += 1 }
            let change = MetricChange(metric, from: trial.before, to: trial.after)
            if abs(change.delta - trueChange) <= (change.noise ?? 0) { changeCovered += 1 }
        }
        return (Double(figureCovered) / Double(trials.count), Double(changeCovered) / Double(trials.count))
    }

    @Test(arguments: [(10_000, 5), (5_000, 2)])
    func singleRunIntervalsCoverAtTheirRate(leads: Int, reps: Int) throws {
        let trials = try Self.trials(leads: leads, reps: reps, change: ("mql.threshold", 55))
        for name in Self.metrics {
            let (figure, change) = Self.coverage(trials, metric: Metric.named(name)!)
            print("coverage \(leads) leads \(reps) reps \(name): figure \(figure) change \(change)")
            #expect(figure >= 0.90, "\(name): the figure's interval covers \(figure)")
            #expect(change >= 0.90, "\(name): the change's noise covers \(change)")
        }
    }
}
