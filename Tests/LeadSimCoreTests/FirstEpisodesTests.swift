import Testing
@testable import LeadSimCore

/// First episodes are run once to their end and reused (`FirstEpisodes`, `RunMemo`): what a run
/// reads off them must be exactly what running each episode under its own rule gives, and a
/// reused table must never stand in for one its parameters would change.
@Suite struct FirstEpisodesTests {
    /// Settings where a score falls as well as rises: both decay styles, and e-mail clicks that
    /// take points away right after their open gave some.
    func variants() throws -> [(String, ParameterSet)] {
        let defaults = B2BModel().defaultParameters()
        var expiry = defaults
        try expiry.set("score.decay.style", text: "expire")
        try expiry.set("score.decay.expire_days", to: 20)
        var clickTakes = defaults
        try clickTakes.set("touchpoint.email_open.rate", to: 0.9)
        try clickTakes.set("touchpoint.email_open.points", to: 12)
        try clickTakes.set("touchpoint.email_click.rate", to: 0.8)
        try clickTakes.set("touchpoint.email_click.points", to: -5)
        return [("defaults", defaults), ("expiry decay", expiry), ("a click takes points", clickTakes)]
    }

    /// Whatever the rule, a lead the table answers for gets exactly its episode under that rule,
    /// and after a small change of threshold (the table was made at 50, grade C) most leads are.
    @Test func storedEpisodesGiveEachRulesEpisode() throws {
        let model = B2BModel()
        for (name, base) in try variants() {
            let population = model.synthesize(leads: 2500, seed: 5, horizonWeeks: 26, parameters: base)
            let episodes = try FirstEpisodes(
                config: B2BModel.Config(base, population: population, campaigns: []), population: population,
                options: RunOptions())
            var (handovers, asked, answered) = (0, 0, 0)
            for threshold in [0.0, 20, 45, 50, 55, 80, 1000] {
                for minGrade in ["D", "C", "B"] {
                    var parameters = base
                    try parameters.set("mql.threshold", to: threshold)
                    try parameters.set("mql.min_grade", text: minGrade)
                    let config = B2BModel.Config(parameters, population: population, campaigns: [])
                    var awards: [PointAward] = []
                    for lead in 0..<population.count {
                        var mask: UInt16 = 0
                        var trace = ScoreTrace()
                        var silent = NoJourney()
                        let ceiling = config.mqlCeiling(for: lead)
                        let direct = config.episode(
                            lead: lead, population: population, from: Double(population.createdHours[lead]), index: 0,
                            ceiling: ceiling, scored: &mask, awards: &awards, trace: &trace, sink: &silent)
                        if case .handover = direct { handovers += 1 }
                        let near = minGrade == "C" && (threshold == 45 || threshold == 55)
                        if near { asked += 1 }
                        guard let read = episodes.outcome(of: lead, ceiling: ceiling) else { continue }
                        if near { answered += 1 }
                        #expect(read.end == direct && read.mask == mask, "\(name), threshold \(threshold), grade \(minGrade), lead \(lead)")
                    }
                }
            }
            #expect(handovers > 2000, "\(name)")
            #expect(Double(answered) > 0.6 * Double(asked), "\(name): \(answered) of \(asked) near 50")
        }
    }

    /// After a run has stored its first episodes, a change to any one parameter gives exactly the
    /// figures a run on a fresh population (with nothing stored) gives.
    @Test func aStoredTableNeverStandsInForAChangedOne() throws {
        let model = B2BModel()
        let base = model.defaultParameters()
        let population = model.synthesize(leads: 600, seed: 9, horizonWeeks: 8, parameters: base)
        _ = try model.simulate(population, parameters: base, options: RunOptions())
        var reused = 0
        for spec in base.specs where !model.populationParameters.contains(spec.name) {
            var changed = base
            try changed.set(spec.name, to: EveryParameterActsTests.otherValues(spec, current: base[spec.name])[0])
            let warm = try model.simulate(population, parameters: changed, options: RunOptions())
            let fresh = model.synthesize(leads: 600, seed: 9, horizonWeeks: 8, parameters: base)
            let cold = try model.simulate(fresh, parameters: changed, options: RunOptions())
            #expect(warm == cold, "\(spec.name)")
            if B2BModel.isReadAfterHandoverOnly(spec.name) { reused += 1 }
            // Back to the base table, so that the next change is made against it.
            _ = try model.simulate(population, parameters: base, options: RunOptions())
        }
        #expect(reused > 40)
    }

    @Test func campaignsAreInTheKey() throws {
        let model = B2BModel()
        let base = model.defaultParameters()
        let population = model.synthesize(leads: 600, seed: 9, horizonWeeks: 8, parameters: base)
        _ = try model.simulate(population, parameters: base, options: RunOptions())
        let push = B2BModel(campaigns: [Campaign(.touchpoint("webinar"), multiplier: 4, startWeek: 0, endWeek: 8)])
        let warm = try push.simulate(population, parameters: base, options: RunOptions())
        let fresh = model.synthesize(leads: 600, seed: 9, horizonWeeks: 8, parameters: base)
        let cold = try push.simulate(fresh, parameters: base, options: RunOptions())
        #expect(warm == cold)
    }
}
