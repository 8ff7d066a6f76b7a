import Testing
@testable import LeadSimCore

/// Lead groups and the noise of what-if changes.
@Suite struct MetricChangeTests {
    static let model = B2BModel()
    static let population = model.synthesize(
        leads: 20_000, seed: 3, horizonWeeks: 26, parameters: model.defaultParameters())

    static func run(_ changes: [(String, String)] = []) throws -> RunResult {
        var parameters = model.defaultParameters()
        for (name, value) in changes { try parameters.set(name, text: value) }
        return try model.simulate(population, parameters: parameters, options: RunOptions())
    }

    @Test(arguments: Models.names)
    func groupsAddUpToTheTotals(modelName: String) throws {
        let model = Models.named(modelName)!
        let parameters = model.defaultParameters()
        let population = model.synthesize(leads: 10_007, seed: 2, horizonWeeks: 26, parameters: parameters)
        let result = try model.simulate(population, parameters: parameters, options: RunOptions())
        // The reference model splits its leads into groups, the B2B model its window into spans.
        #expect(result.groups.count == (modelName == "b2b" ? B2BModel.parts(weeks: 26) : LeadGroups.count))
        #expect(result.groups.reduce(0) { $0 + $1.leads } == 10_007)
        for metric in Metric.all where metric.additive {
            let sum = result.groups.reduce(0) { $0 + metric.value($1) }
            let total = metric.value(result)
            #expect(abs(sum - total) <= 1e-9 * max(1, abs(total)), "\(metric.name): groups \(sum), total \(total)")
        }
    }

    /// A change no lead can feel (the cost of a rep does not alter any journey) moves nothing and
    /// has no noise.
    @Test func aChangeThatTouchesNoLeadHasNoNoise() throws {
        let before = try Self.run()
        let after = try Self.run([("sales.rep_cost_per_week", "5000")])
        for name in ["mql", "sql", "won", "speed_to_lead.median_hours", "workload.utilisation"] {
            let change = MetricChange(Metric.named(name)!, from: before, to: after)
            #expect(change.delta == 0 && change.noise == 0 && !change.beyondNoise, "\(name)")
        }
        let cost = MetricChange(Metric.named("cost.sales")!, from: before, to: after)
        #expect(cost.delta != 0 && cost.beyondNoise)
    }

    /// A large change stands out; the noise of a count is a few per cent of it, not zero.
    @Test func aLargeChangeIsBeyondNoise() throws {
        let before = try Self.run()
        let after = try Self.run([("mql.threshold", "80")])
        let mql = MetricChange(Metric.named("mql")!, from: before, to: after)
        #expect(mql.delta < 0 && mql.beyondNoise)
        let leadsPerRep = MetricChange(Metric.named("workload.leads_per_rep_week")!, from: before, to: after)
        #expect(leadsPerRep.delta < 0 && leadsPerRep.beyondNoise)
        let fewerReps = try Self.run([("sales.reps", "38")])
        let won = MetricChange(Metric.named("won")!, from: before, to: fewerReps)
        // Two reps fewer moves won deals by a handful at this size: a change within the noise.
        #expect(won.noise! > 0 && abs(won.delta) < 20)
        #expect(!won.beyondNoise)
    }
}
