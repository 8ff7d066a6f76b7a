import Foundation
import Testing
@testable import LeadSimCore

/// Replications, their intervals, and paired comparisons.
@Suite struct ReplicationTests {
    @Test func studentTQuantilesMatchTheTables() {
        // Published two-sided 95 % points of Student's t.
        for (df, expected) in [(1, 12.706), (4, 2.776), (15, 2.131), (30, 2.042), (40, 2.021), (60, 2.000), (120, 1.980), (100_000, 1.960)] {
            #expect(abs(studentT975(degreesOfFreedom: df) - expected) < 0.001, "df \(df)")
        }
    }

    /// The reference model as an absorbing chain whose MQL chance has a closed form: only demo
    /// requests (chance d × intent a day) make MQLs, leads unsubscribe with chance u a day, and
    /// unlimited sales capacity recycles nobody into a second chance at becoming MQL for the first
    /// time. With intent = U², P(MQL) = ∫₀¹ a(U²) dU, a(i) = (1-u)di / (u + (1-u)di).
    static func closedFormExperiment(leads: Int, seed: UInt64, replications: Int) throws -> Experiment {
        let model = ReferenceModel()
        var experiment = Experiment(model: model, leads: leads, seed: seed, weeks: 520, replications: replications)
        for (name, value) in [
            ("touchpoint.email_open.rate", 0.0), ("touchpoint.web_visit.rate", 0), ("touchpoint.content_download.rate", 0),
            ("touchpoint.demo_request.rate", 0.05), ("nurture.unsubscribe_rate", 0.01), ("mql.threshold", 1000),
            ("sales.touches_per_1000_leads", 1000),
        ] {
            try experiment.parameters.set(name, to: value)
        }
        return experiment
    }

    static let closedFormMQLShare: Double = {
        let (u, d) = (0.01, 0.05)
        func a(_ intent: Double) -> Double { (1 - u) * d * intent / (u + (1 - u) * d * intent) }
        // Simpson's rule over U in [0, 1] with 2,000 intervals: error far below the test's tolerance.
        let n = 2000
        var sum = a(0) + a(1)
        for k in 1..<n { sum += Double(k % 2 == 0 ? 2 : 4) * a(pow(Double(k) / Double(n), 2)) }
        return sum / Double(3 * n)
    }()

    /// 95 % intervals from 5 replications cover the closed-form MQL share in about 95 % of 200
    /// independent experiments. Tolerance: coverage in [0.90, 0.99], about ±3 standard deviations
    /// of a binomial share over 200 trials; the seeds are fixed, so the count is too.
    @Test func intervalsCoverTheTrueMeanAtTheStatedRate() throws {
        let metric = Metric.named("funnel.lead_to_mql")!
        var covered = 0
        let trials = 200
        for trial in 0..<trials {
            let experiment = try Self.closedFormExperiment(leads: 1000, seed: UInt64(10_000 + trial), replications: 5)
            let runs = try experiment.run(on: experiment.synthesizePopulations(options: RunOptions()), options: RunOptions())
            let estimate = runs.estimate(metric)
            if estimate.low <= Self.closedFormMQLShare && Self.closedFormMQLShare <= estimate.high { covered += 1 }
        }
        let coverage = Double(covered) / Double(trials)
        #expect(coverage >= 0.90 && coverage <= 0.99, "coverage \(coverage) of the true share \(Self.closedFormMQLShare)")
    }

    @Test func oneReplicationIsThePlainRunAndReplicationsDoNotDependOnThreads() throws {
        var experiment = Experiment(model: B2BModel(), leads: 3000, seed: 4, replications: 1)
        let population = experiment.model.synthesize(leads: 3000, seed: 4, horizonWeeks: 26, parameters: experiment.parameters)
        let plain = try experiment.model.simulate(population, parameters: experiment.parameters, options: RunOptions())
        let single = try experiment.run(on: experiment.synthesizePopulations(options: RunOptions()), options: RunOptions())
        #expect(single.runs == [plain])

        experiment.replications = 4
        let one = RunOptions(threads: 1), two = RunOptions(threads: 2)
        let a = try experiment.run(on: experiment.synthesizePopulations(options: one), options: one)
        let b = try experiment.run(on: experiment.synthesizePopulations(options: two), options: two)
        #expect(a == b)
        #expect(a.runs[0] == plain)
        #expect(Set(a.runs.map(\.funnel.mql)).count > 1, "replications are independent runs")
    }

    /// Identical configurations on the same replications differ in nothing: every delta and every
    /// noise estimate is exactly zero.
    @Test func pairedCompareOfIdenticalConfigurationsIsExactlyZero() throws {
        for replications in [1, 3] {
            let experiment = Experiment(model: B2BModel(), leads: 2000, seed: 6, replications: replications)
            let populations = try experiment.synthesizePopulations(options: RunOptions())
            let first = try experiment.run(on: populations, options: RunOptions())
            let second = try experiment.run(on: populations, options: RunOptions())
            for metric in Metric.all {
                let change = MetricChange(metric, from: first, to: second)
                #expect(change.delta == 0, "\(metric.name)")
                #expect(change.noise == 0, "\(metric.name)")
                #expect(!change.beyondNoise)
            }
        }
    }

    /// A change's noise with replications comes from the paired per-replication changes: far
    /// narrower than the spread of the figure itself across replications.
    @Test func pairingNarrowsTheNoiseOfAChange() throws {
        var experiment = Experiment(model: B2BModel(), leads: 4000, seed: 2, replications: 6)
        let populations = try experiment.synthesizePopulations(options: RunOptions())
        let before = try experiment.run(on: populations, options: RunOptions())
        try experiment.parameters.set("mql.threshold", to: 52)
        let after = try experiment.run(on: populations, options: RunOptions())
        let metric = Metric.named("mql")!
        let change = MetricChange(metric, from: before, to: after)
        let unpaired = before.estimate(metric).halfWidth! + after.estimate(metric).halfWidth!
        #expect(change.beyondNoise)
        #expect(change.noise! < unpaired / 2)
    }
}
