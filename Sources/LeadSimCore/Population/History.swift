/// A team's own leads, as an export observed them: what `load leads` brings into a session. Runs
/// on it simulate those leads forward; each replication draws their hidden truth anew (its own
/// seed), given what was observed.
public struct History: Sendable {
    public let observed: ObservedLeads
    /// Where the leads came from (the export's file name), for people.
    public let name: String
    /// Their touchpoints, when an events export was loaded for them (`load events`).
    public var events: [ObservedEvent] = []
    /// Their deals, when an opportunities export was loaded (`load opportunities`).
    public var opportunities: [ObservedOpportunity] = []

    /// Checks what a population needs of the leads: at least one, and free columns whose names
    /// neither leadsim's attributes nor each other take.
    public init(observed: ObservedLeads, name: String) throws(AttributeError) {
        guard observed.count > 0 else { throw AttributeError("\(name) holds no leads: expected at least one") }
        for (index, column) in observed.freeColumns.enumerated() {
            if LeadAttribute.named(column.name) != nil {
                throw AttributeError("column '\(column.name)' would be the attribute leadsim's leads have: expected it mapped to that field")
            }
            if observed.freeColumns[..<index].contains(where: { $0.name == column.name }) {
                throw AttributeError("two columns would be the attribute '\(column.name)': expected one")
            }
        }
        self.observed = observed
        self.name = name
    }

    public var count: Int { observed.count }

    /// The leads in order of creation: the order of the population made of them.
    public var creationOrder: [Int] { observed.creationOrder }

    /// Weeks from the Monday of the first lead's week to the end of the last lead's week.
    public var weeks: Int {
        let seconds = observed.createdSeconds
        guard let first = seconds.min(), let last = seconds.max() else { return 1 }
        let monday = CivilDate.mondaySeconds(ofWeekHolding: first)
        return max(1, (last - monday) / 604_800 + 1)
    }

    /// The history as it stood at `cutSeconds`: the leads created before it, with only what had
    /// happened by then — stage dates before it, their touchpoints before it, the deals opened
    /// before it (a deal closed later is open). Counts of touchpoints cannot be cut at a date,
    /// so they are left out.
    public func before(_ cutSeconds: Int, name: String) throws(AttributeError) -> History {
        var earlier = ObservedLeads()
        earlier.freeColumns = observed.freeColumns.map { ($0.name, []) }
        var place = [Int?](repeating: nil, count: observed.count)
        for lead in 0..<observed.count where observed.createdSeconds[lead] < cutSeconds {
            func seen(_ seconds: Int?) -> Int? { seconds.flatMap { $0 < cutSeconds ? $0 : nil } }
            place[lead] = earlier.count
            earlier.append(
                id: observed.ids[lead], createdSeconds: observed.createdSeconds[lead], channel: observed.channel[lead],
                moment: observed.moment[lead], industry: observed.industry[lead], companySize: observed.companySize[lead],
                employees: observed.employees[lead], region: observed.region[lead], seniority: observed.seniority[lead],
                consent: observed.consent[lead], mqlSeconds: seen(observed.mqlSeconds[lead]), sqlSeconds: seen(observed.sqlSeconds[lead]),
                converted: observed.convertedSeconds[lead].map { $0 < cutSeconds }
                    ?? (observed.converted[lead] == true ? false : observed.converted[lead]),
                convertedSeconds: seen(observed.convertedSeconds[lead]), free: observed.freeColumns.map { $0.values[lead] })
        }
        var cut = try History(observed: earlier, name: name)
        cut.events = events.compactMap { event in
            guard event.seconds < cutSeconds, let lead = place[event.lead] else { return nil }
            return ObservedEvent(lead: lead, seconds: event.seconds, touchpoint: event.touchpoint, value: event.value)
        }
        cut.opportunities = opportunities.compactMap { deal in
            guard deal.createdSeconds < cutSeconds, let lead = place[deal.lead] else { return nil }
            let closed = deal.closedSeconds.flatMap { $0 < cutSeconds ? $0 : nil }
            return ObservedOpportunity(
                lead: lead, createdSeconds: deal.createdSeconds, closedSeconds: closed, outcome: closed == nil ? .open : deal.outcome,
                amount: deal.amount)
        }
        return cut
    }
}
