import Testing
@testable import LeadSimCore

/// A run's journeys told as events are the run itself: counted back, they give the run's funnel.
@Suite struct JourneyEventsTests {
    let model = B2BModel()

    func journeys(leads: Int = 4000, seed: UInt64 = 21, threads: Int = 2, change: (inout ParameterSet) throws -> Void = { _ in })
        throws -> (journeys: any LeadJourneys, population: Population, parameters: ParameterSet)
    {
        var parameters = model.defaultParameters()
        try change(&parameters)
        let population = model.synthesize(leads: leads, seed: seed, horizonWeeks: 13, parameters: parameters)
        let journeys = try #require(try model.journeys(population, parameters: parameters, options: RunOptions(threads: threads)))
        return (journeys, population, parameters)
    }

    /// The funnel counted from events, each sales outcome in the cohort of the hand-over it ends.
    func funnel(of journeys: any LeadJourneys, population: Population) -> FunnelCounts {
        var counts = FunnelCounts()
        let windowStart = population.windowStartHours
        var events: [LeadEvent] = []
        var scratch = JourneyScratch()
        for lead in 0..<population.count {
            journeys.events(of: lead, into: &events, scratch: &scratch)
            var arrival = -Double.infinity
            var becameMQL = false
            for event in events {
                let cohort = arrival >= windowStart
                switch event.kind {
                case .mql, .handRaised:
                    if !becameMQL && event.hours >= windowStart { counts.mql += 1 }
                    becameMQL = true
                case .handover:
                    arrival = event.hours
                    if arrival >= windowStart { counts.handovers += 1 }
                case .unsubscribed: if event.hours >= windowStart { counts.unsubscribed += 1 }
                case .bounced: if event.hours >= windowStart { counts.bounced += 1 }
                case .contactAttempt: if cohort && event.value == 1 { counts.contacted += 1 }
                case .accepted: if cohort { counts.sal += 1 }
                case .sql: if cohort { counts.sql += 1 }
                case .opportunity: if cohort { counts.opportunities += 1 }
                case .won: if cohort { counts.won += 1 }
                case .lost: if cohort { counts.lost += 1 }
                case .recycled: if cohort { counts.recycled += 1 }
                case .reneged: if cohort { counts.reneged += 1 }
                case .rejected: if cohort { counts.rejected += 1 }
                case .burned: if cohort { counts.burned += 1 }
                case .disqualified: if cohort { counts.disqualified += 1 }
                default: break
                }
            }
        }
        return counts
    }

    @Test func eventsCountBackToTheRunsFunnel() throws {
        let (journeys, population, parameters) = try journeys()
        let run = try model.simulate(population, parameters: parameters, options: RunOptions())
        #expect(journeys.result == run)
        let counted = funnel(of: journeys, population: population)
        let funnel = run.funnel
        #expect(funnel.handovers > 200)
        #expect(counted.mql == funnel.mql)
        #expect(counted.handovers == funnel.handovers)
        #expect(counted.unsubscribed == funnel.unsubscribed)
        #expect(counted.bounced == funnel.bounced)
        #expect(counted.contacted == funnel.contacted)
        #expect(counted.sal == funnel.sal)
        #expect(counted.sql == funnel.sql)
        #expect(counted.opportunities == funnel.opportunities)
        // Deals closing after the window are open in its events; their outcome is drawn at once.
        #expect(counted.won + counted.lost == funnel.opportunities - funnel.openOpportunities)
        #expect(counted.won <= funnel.won)
        #expect(counted.recycled == funnel.recycled)
        #expect(counted.reneged == funnel.reneged)
        #expect(counted.rejected == funnel.rejected)
        #expect(counted.burned == funnel.burned)
        #expect(counted.disqualified == funnel.disqualified)
    }

    /// With an overloaded team and SLA recycling, the queue's outcomes are told too.
    @Test func queueOutcomesCountBack() throws {
        let (journeys, population, _) = try journeys(seed: 5) { parameters in
            try parameters.set("sales.reps", to: 2)
            try parameters.set("sla.on_breach", text: "recycle")
            try parameters.set("sla.max_wait_hours", to: 24)
        }
        let counted = funnel(of: journeys, population: population)
        #expect(journeys.result.funnel.slaRecycled > 20)
        #expect(counted.recycled == journeys.result.funnel.recycled)
        #expect(counted.handovers == journeys.result.funnel.handovers)
    }

    /// Every journey is in time order and in business order: created first; a hand-over after
    /// MQL; a decision after a contact that reached the lead; an opportunity after its SQL, and a
    /// deal closed after its opportunity; nothing after the window's end.
    @Test func journeysKeepTimeAndBusinessOrder() throws {
        let (journeys, population, _) = try journeys()
        var events: [LeadEvent] = []
        var scratch = JourneyScratch()
        var kinds = Set<LeadEvent.Kind>()
        for lead in 0..<population.count {
            journeys.events(of: lead, into: &events, scratch: &scratch)
            #expect(events.first?.kind == .created)
            #expect(events.first?.hours == Double(population.createdHours[lead]))
            var qualified = false, reached = false, sql = false, opportunity = false
            for (previous, event) in zip(events, events.dropFirst()) { #expect(previous.hours <= event.hours) }
            for event in events {
                kinds.insert(event.kind)
                #expect(event.lead == Int32(lead))
                switch event.kind {
                case .mql, .handRaised: qualified = true
                case .handover, .withoutConsent: #expect(qualified)
                case .contactAttempt: reached = event.value == 1
                case .accepted, .rejected, .burned, .disqualified: #expect(reached)
                case .sql: sql = true
                case .opportunity: #expect(sql); opportunity = true
                case .won, .lost: #expect(opportunity)
                case .recycled: qualified = false; reached = false; sql = false
                default: break
                }
                #expect(event.hours < population.endHours || event.kind == .won || event.kind == .lost)
            }
        }
        for kind in [LeadEvent.Kind.emailSent, .touchpoint, .mql, .handRaised, .unsubscribed, .handover, .contactAttempt, .accepted,
                     .meeting, .sql, .opportunity, .won, .lost, .recycled, .nurtureStart]
        {
            #expect(kinds.contains(kind), "no \(kind.name) event in 4,000 journeys")
        }
    }

    @Test func journeysDoNotDependOnThreads() throws {
        let one = try journeys(leads: 1500, threads: 1).journeys
        let two = try journeys(leads: 1500, threads: 2).journeys
        var a: [LeadEvent] = [], b: [LeadEvent] = []
        var scratch = JourneyScratch()
        for lead in stride(from: 0, to: 3000, by: 7) {
            one.events(of: lead, into: &a, scratch: &scratch)
            two.events(of: lead, into: &b, scratch: &scratch)
            #expect(a == b)
        }
    }
}
