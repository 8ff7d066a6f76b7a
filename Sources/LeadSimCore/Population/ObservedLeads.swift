/// What a history says about its leads — when each was created and what a CRM holds about it —
/// as columns, nil where the export has no value. Only what is observed: the hidden truth (fit,
/// intent, buying window, BANT, deal value) is what a model draws for these leads, given this.
public struct ObservedLeads: Sendable {
    /// The export's key of each lead.
    public var ids: [String] = []
    /// Seconds since 1970-01-01 UTC.
    public var createdSeconds: [Int] = []
    public var channel: [Channel?] = []
    public var moment: [ConversionMoment?] = []
    public var industry: [Industry?] = []
    public var companySize: [CompanySize?] = []
    public var employees: [UInt32?] = []
    public var region: [Region?] = []
    public var seniority: [Seniority?] = []
    public var consent: [Consent?] = []
    /// What happened to the lead in the history, where the export tells it.
    public var mqlSeconds: [Int?] = []
    public var sqlSeconds: [Int?] = []
    public var converted: [Bool?] = []
    public var convertedSeconds: [Int?] = []
    /// The export's other columns, by name, as text; nil where a lead has no value. A column
    /// whose every value reads as a number (`Double("1234.5")`) becomes a number attribute.
    public var freeColumns: [(name: String, values: [String?])] = []
    /// How many times each lead did a touchpoint (its code in the model's scored touchpoints),
    /// for the touchpoints the export counts; nil where a lead has no count.
    public var touchpointCounts: [(touchpoint: Int, values: [Int?])] = []

    public init() {}

    public var count: Int { ids.count }

    /// The leads in order of creation, ties by their place in the export.
    public var creationOrder: [Int] {
        (0..<count).sorted { createdSeconds[$0] != createdSeconds[$1] ? createdSeconds[$0] < createdSeconds[$1] : $0 < $1 }
    }

    /// Monday 00:00 UTC of the first lead's week: where the history's weeks begin.
    public var firstMondaySeconds: Int { CivilDate.mondaySeconds(ofWeekHolding: createdSeconds.min() ?? 0) }

    /// Appends one lead's observed values; `free` holds a value per free column.
    public mutating func append(
        id: String, createdSeconds: Int, channel: Channel?, moment: ConversionMoment?, industry: Industry?,
        companySize: CompanySize?, employees: UInt32?, region: Region?, seniority: Seniority?, consent: Consent?,
        mqlSeconds: Int?, sqlSeconds: Int?, converted: Bool?, convertedSeconds: Int?, free: [String?], counts: [Int?] = []
    ) {
        ids.append(id)
        self.createdSeconds.append(createdSeconds)
        self.channel.append(channel)
        self.moment.append(moment)
        self.industry.append(industry)
        self.companySize.append(companySize)
        self.employees.append(employees)
        self.region.append(region)
        self.seniority.append(seniority)
        self.consent.append(consent)
        self.mqlSeconds.append(mqlSeconds)
        self.sqlSeconds.append(sqlSeconds)
        self.converted.append(converted)
        self.convertedSeconds.append(convertedSeconds)
        for (index, value) in free.enumerated() { freeColumns[index].values.append(value) }
        for (index, value) in counts.enumerated() { touchpointCounts[index].values.append(value) }
    }
}

/// A touchpoint of a history: which lead (its place in `ObservedLeads`), when (seconds since
/// 1970, UTC), and which touchpoint (its code in the model's scored touchpoints).
public struct ObservedEvent: Sendable, Equatable {
    public var lead: Int
    public var seconds: Int
    public var touchpoint: Int
    /// What the export recorded with it, such as the points its platform gave.
    public var value: Double?

    public init(lead: Int, seconds: Int, touchpoint: Int, value: Double? = nil) {
        self.lead = lead
        self.seconds = seconds
        self.touchpoint = touchpoint
        self.value = value
    }
}

/// A deal of a history: its lead (its place in `ObservedLeads`), when it was opened and closed
/// (seconds since 1970, UTC; no close while open), how it ended, and its amount.
public struct ObservedOpportunity: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable { case open, won, lost }

    public var lead: Int
    public var createdSeconds: Int
    public var closedSeconds: Int?
    public var outcome: Outcome
    public var amount: Double?

    public init(lead: Int, createdSeconds: Int, closedSeconds: Int?, outcome: Outcome, amount: Double?) {
        self.lead = lead
        self.createdSeconds = createdSeconds
        self.closedSeconds = closedSeconds
        self.outcome = outcome
        self.amount = amount
    }
}
