import Testing
@testable import LeadSimCore

@Suite struct DeterminismTests {
    static let leads = 30_000

    @Test(arguments: Models.names)
    func sameSeedSameResultOnAnyNumberOfThreads(modelName: String) throws {
        let model = Models.named(modelName)!
        let parameters = model.defaultParameters()
        let population = model.synthesize(leads: Self.leads, seed: 5, horizonWeeks: 26, parameters: parameters)
        let one = try model.simulate(population, parameters: parameters, options: RunOptions(threads: 1))
        for threads in [2, 3, 8] {
            let many = try model.simulate(population, parameters: parameters, options: RunOptions(threads: threads))
            #expect(many == one, "\(threads) threads differ from one")
        }
        #expect(one.funnel.handovers > 0)
    }

    @Test func differentSeedsGiveDifferentRuns() throws {
        let model = B2BModel()
        let parameters = model.defaultParameters()
        let a = try model.simulate(
            model.synthesize(leads: 5000, seed: 1, horizonWeeks: 26, parameters: parameters), parameters: parameters,
            options: RunOptions())
        let b = try model.simulate(
            model.synthesize(leads: 5000, seed: 2, horizonWeeks: 26, parameters: parameters), parameters: parameters,
            options: RunOptions())
        #expect(a != b)
    }

    /// Common random numbers: a lead's first nurture episode cannot depend on sales, so changing
    /// the team leaves every first-time MQL exactly where it was; only what sales does moves.
    @Test func salesChangesLeaveMarketingJourneysUntouched() throws {
        let model = B2BModel()
        var parameters = model.defaultParameters()
        let population = model.synthesize(leads: Self.leads, seed: 8, horizonWeeks: 26, parameters: parameters)
        let before = try model.simulate(population, parameters: parameters, options: RunOptions())
        try parameters.set("sales.reps", text: "20")
        try parameters.set("sales.routing", text: "least_loaded")
        let after = try model.simulate(population, parameters: parameters, options: RunOptions())
        #expect(after.weekly.mqls == before.weekly.mqls)
        #expect(after.funnel.mql == before.funnel.mql)
        #expect(after.weekly.newLeads == before.weekly.newLeads)
        #expect(after.speedToLead.medianHours > before.speedToLead.medianHours)
    }

    /// Each lead's episode is a pure function of (seed, lead, episode, start): the outcome of one lead
    /// does not change when other leads are added to the population.
    @Test func aLeadsJourneyDoesNotDependOnOtherLeads() {
        let model = B2BModel()
        let parameters = model.defaultParameters()
        let small = model.synthesize(leads: 1000, seed: 3, horizonWeeks: 26, parameters: parameters)
        let large = model.synthesize(leads: 4000, seed: 3, horizonWeeks: 26, parameters: parameters)
        let smallConfig = B2BModel.Config(parameters, population: small, campaigns: [])
        let largeConfig = B2BModel.Config(parameters, population: large, campaigns: [])
        var awards: [PointAward] = []
        for lead in 0..<1000 {
            #expect(small.createdHours[lead] == large.createdHours[lead])
            var maskA: UInt16 = 0
            var maskB: UInt16 = 0
            var trace = ScoreTrace()
            var logA = JourneyLog(), logB = JourneyLog()
            let a = smallConfig.episode(
                lead: lead, population: small, from: Double(small.createdHours[lead]), index: 0,
                ceiling: smallConfig.mqlCeiling(for: lead), scored: &maskA, awards: &awards, trace: &trace, sink: &logA)
            let b = largeConfig.episode(
                lead: lead, population: large, from: Double(large.createdHours[lead]), index: 0,
                ceiling: largeConfig.mqlCeiling(for: lead), scored: &maskB, awards: &awards, trace: &trace, sink: &logB)
            #expect(a == b)
            #expect(logA.events == logB.events)
        }
    }

    @Test func cancellationStopsARun() {
        let model = B2BModel()
        let parameters = model.defaultParameters()
        let population = model.synthesize(leads: 20_000, seed: 1, horizonWeeks: 26, parameters: parameters)
        let flag = CancellationFlag()
        flag.set()
        #expect(throws: RunCancelled.self) {
            try model.simulate(population, parameters: parameters, options: RunOptions(cancellation: flag))
        }
    }
}
