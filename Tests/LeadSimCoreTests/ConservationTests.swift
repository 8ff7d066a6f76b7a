import Testing
@testable import LeadSimCore

/// The funnel adds up: every lead created in the window ends in exactly one state, every
/// hand-over of the window in exactly one outcome — in the whole run and in each of its parts —
/// and no rep is busier than its working hours, whatever the parameters.
@Suite struct ConservationTests {
    static func check(_ result: RunResult, _ label: String) {
        for part in [result] + result.groups {
            #expect(part.states.total == part.funnel.created, "\(label): lead states \(part.states.named)")
            let outcomes = part.funnel.handoverOutcomes.reduce(0) { $0 + $1.count }
            #expect(outcomes == part.funnel.handovers, "\(label): outcomes \(part.funnel.handoverOutcomes)")
            #expect(part.funnel.recycled == part.funnel.reneged + part.funnel.slaRecycled + part.funnel.notReached
                + part.funnel.rejected + part.funnel.notQualified + part.funnel.noOpportunity, "\(label)")
        }
        for rep in result.reps { #expect(rep.utilisation <= 1 + 1e-9, "\(label): rep \(rep.rep) at \(rep.utilisation)") }
    }

    /// A value drawn for `spec` within a range a team might set, from a seeded stream.
    static func draw(_ spec: ParameterSpec, _ random: inout RandomStream) -> Double {
        switch spec.kind {
        case .flag: return random.uniform() < 0.5 ? 0 : 1
        case .choice(let options): return Double(min(options.count - 1, Int(random.uniform() * Double(options.count))))
        case .integer:
            let high = min(spec.range.upperBound, max(spec.defaultValue * 2, spec.range.lowerBound + 2))
            return (spec.range.lowerBound + random.uniform() * (high - spec.range.lowerBound)).rounded(.down)
        case .real:
            let high = min(spec.range.upperBound, max(spec.defaultValue * 2, spec.range.lowerBound + 1))
            let low = max(spec.range.lowerBound, spec.defaultValue / 2)
            return low + random.uniform() * (high - low)
        }
    }

    @Test func randomParameterSetsAddUp() throws {
        let model = B2BModel()
        var random = RandomStream(seed: 2026, subject: 0, purpose: .attributes)
        for trial in 0..<24 {
            var parameters = model.defaultParameters()
            for spec in parameters.specs where random.uniform() < 0.3 && spec.name != "warmup.weeks" {
                try parameters.set(spec.name, to: Self.draw(spec, &random))
            }
            let population = model.synthesize(leads: 1200, seed: UInt64(trial), horizonWeeks: 8, parameters: parameters)
            Self.check(try model.simulate(population, parameters: parameters, options: RunOptions()), "trial \(trial)")
        }
    }

    /// An overloaded team: three reps for 5,000 leads. Their busy hours stay within their working
    /// hours, and hand-overs sent back untouched at the SLA's longest wait count as breaches.
    @Test func anOverloadedTeamIsNeverBusierThanItsHours() throws {
        let model = B2BModel()
        var parameters = model.defaultParameters()
        try parameters.set("sales.reps", to: 3)
        let population = model.synthesize(leads: 5000, seed: 4, horizonWeeks: 13, parameters: parameters)
        let overloaded = try model.simulate(population, parameters: parameters, options: RunOptions())
        Self.check(overloaded, "overloaded")
        #expect(overloaded.reps.allSatisfy { $0.utilisation > 0.85 }, "\(overloaded.reps.map(\.utilisation))")

        try parameters.set("sla.first_touch_hours", to: 24)
        try parameters.set("sla.max_wait_hours", to: 24)
        try parameters.set("sla.on_breach", text: "recycle")
        let sentBack = try model.simulate(population, parameters: parameters, options: RunOptions())
        Self.check(sentBack, "sent back at 24 h")
        #expect(sentBack.funnel.slaRecycled > 100)
        let breached = sentBack.speedToLead.slaBreachShare * Double(sentBack.funnel.handovers)
        #expect(breached >= Double(sentBack.funnel.slaRecycled) - 0.5)
    }
}

/// Temperature is how close a lead in nurture stands to its MQL score.
@Suite struct TemperatureTests {
    @Test func bandsFollowTheShareOfTheCeiling() {
        #expect(Temperature.of(score: 40, ceiling: 50) == .hot)
        #expect(Temperature.of(score: 37.5, ceiling: 50) == .hot)
        #expect(Temperature.of(score: 20, ceiling: 50) == .warm)
        #expect(Temperature.of(score: 19.9, ceiling: 50) == .cold)
        #expect(Temperature.of(score: 99, ceiling: .infinity) == .cold)
    }

    /// Temperature is relative to the MQL score: at a threshold of 80 more leads stay in nurture,
    /// but far fewer of them are within a quarter of it than within a quarter of 50. Temperatures
    /// count only leads in nurture.
    @Test func temperatureFollowsTheThreshold() throws {
        let model = B2BModel()
        var parameters = model.defaultParameters()
        let population = model.synthesize(leads: 4000, seed: 6, horizonWeeks: 13, parameters: parameters)
        let shipped = try model.simulate(population, parameters: parameters, options: RunOptions())
        try parameters.set("mql.threshold", to: 80)
        let strict = try model.simulate(population, parameters: parameters, options: RunOptions())
        #expect(strict.states.inNurture > shipped.states.inNurture)
        #expect(strict.states.hot * 2 < shipped.states.hot, "\(strict.states.hot) at 80, \(shipped.states.hot) at 50")
        for run in [shipped, strict] {
            let tempered = run.states.hot + run.states.warm + run.states.cold
            #expect(tempered <= run.states.inNurture + run.states.recycled && tempered >= run.states.inNurture)
        }
    }
}
