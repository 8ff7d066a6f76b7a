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
}
