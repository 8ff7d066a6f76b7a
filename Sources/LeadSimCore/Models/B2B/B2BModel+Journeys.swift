/// The journeys of one run of the default model. The run itself records only its sales side,
/// which is small (a few events per hand-over); each lead's nurture episodes are run again when
/// the lead is told. An episode is a pure function of the lead, its start, its number and the
/// touchpoints it has already scored, so the second run draws exactly what the first drew.
struct B2BJourneys: LeadJourneys {
    let result: RunResult
    let config: B2BModel.Config
    let population: Population
    /// The sales side's events grouped by lead, `salesStart[lead]..<salesStart[lead + 1]`, each
    /// group in time order.
    let salesEvents: [LeadEvent]
    let salesStart: [Int]
    /// Rep hours of an attempt, a discovery call, a demo and a proposal.
    let workHours: [Double]
    let reps: Int

    init(result: RunResult, config: B2BModel.Config, population: Population, salesEvents recorded: [LeadEvent], desk: SalesDesk) {
        self.result = result
        workHours = [desk.attemptHours, desk.discoveryHours, desk.demoHours, desk.proposalHours]
        reps = desk.reps
        self.config = config
        self.population = population
        // A counting sort by lead keeps each lead's events in recorded order.
        var start = [Int](repeating: 0, count: population.count + 1)
        for event in recorded { start[Int(event.lead) + 1] += 1 }
        for lead in 0..<population.count { start[lead + 1] += start[lead] }
        var next = start
        var grouped = [LeadEvent](repeating: LeadEvent(hours: 0, lead: 0, kind: .created), count: recorded.count)
        for event in recorded {
            grouped[next[Int(event.lead)]] = event
            next[Int(event.lead)] += 1
        }
        // Recorded order is time order but for what the desk writes ahead (a deal's close, the
        // restart of nurture), which an insertion sort puts in place: groups are short and
        // nearly sorted, and it keeps events of the same moment in recorded order.
        for lead in 0..<population.count where start[lead + 1] - start[lead] > 1 {
            for index in (start[lead] + 1)..<start[lead + 1] {
                let event = grouped[index]
                var slot = index
                while slot > start[lead], grouped[slot - 1].hours > event.hours {
                    grouped[slot] = grouped[slot - 1]
                    slot -= 1
                }
                grouped[slot] = event
            }
        }
        salesEvents = grouped
        salesStart = start
    }

    var touchpointNames: [String] { B2BModel.scoredTouchpoints }

    func repHours(for event: LeadEvent) -> Double? {
        switch event.kind {
        case .contactAttempt: workHours[0]
        case .meeting: workHours[Int(event.detail)]
        default: nil
        }
    }

    func facts(of lead: Int) -> LeadFacts {
        let start = Double(config.windowStart[lead])
        let end = Double(config.windowEnd[lead])
        return LeadFacts(
            grade: config.gradeNames[Int(config.grade[lead])], buyingWindow: start.isFinite && end > start ? start..<end : nil,
            nurtured: config.isNurtured(lead), optInConfirmed: config.confirmed[lead])
    }

    func events(of lead: Int, into events: inout [LeadEvent], scratch: inout JourneyScratch) {
        let id = Int32(lead)
        let created = Double(population.createdHours[lead])
        let sales = salesEvents[salesStart[lead]..<salesStart[lead + 1]]
        var nurture = JourneyLog()
        swap(&nurture.events, &scratch.nurture)
        nurture.events.removeAll(keepingCapacity: true)
        nurture.record(LeadEvent(hours: created, lead: id, kind: .created, detail: config.grade[lead]))
        nurture.record(LeadEvent(hours: created, lead: id, kind: .nurtureStart))
        let ceiling = config.mqlCeiling(for: lead)
        var scored: UInt16 = 0
        var trace = ScoreTrace()
        _ = config.episode(
            lead: lead, population: population, from: created, index: 0, ceiling: ceiling, scored: &scored,
            awards: &scratch.awards, trace: &trace, sink: &nurture)
        for restart in sales where restart.kind == .nurtureStart {
            _ = config.episode(
                lead: lead, population: population, from: restart.hours, index: UInt32(restart.value), ceiling: ceiling,
                scored: &scored, awards: &scratch.awards, trace: &trace, sink: &nurture)
        }
        // Both sides are in time order; at the same moment the nurture side comes first (the
        // score reaches the rule, then sales gets the lead).
        events.removeAll(keepingCapacity: true)
        var salesIndex = sales.startIndex
        for event in nurture.events {
            while salesIndex < sales.endIndex, sales[salesIndex].hours < event.hours {
                events.append(sales[salesIndex])
                salesIndex += 1
            }
            events.append(event)
        }
        events.append(contentsOf: sales[salesIndex...])
        swap(&nurture.events, &scratch.nurture)
    }
}
