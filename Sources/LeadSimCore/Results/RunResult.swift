/// Counts of leads (or hand-overs, where named) that reached each stage within the horizon.
///
/// In the B2B model the hand-over counts follow the hand-overs that arrive in the measured window
/// to where each stands at its end, so every one of them ends in exactly one outcome
/// (`handoverOutcomes`): still waiting, gave up, sent back at the SLA's end, in its call cadence,
/// not reached, rejected, burned, disqualified, in discovery, not qualified, qualified without an
/// opportunity, or an opportunity.
public struct FunnelCounts: Sendable, Equatable, Codable {
    public var created = 0
    public var mal = 0
    /// Leads that became MQL at least once.
    public var mql = 0
    /// MQLs below the MAL grade: hand-raisers, who skip the gate.
    public var mqlBelowMAL = 0
    /// Queue joins, counting a recycled lead's repeat hand-overs.
    public var handovers = 0
    public var contacted = 0
    public var sal = 0
    public var sql = 0
    public var opportunities = 0
    public var won = 0
    public var lost = 0
    public var openOpportunities = 0
    public var recycled = 0
    public var disqualified = 0
    public var unsubscribed = 0
    public var bounced = 0
    /// Leads that gave up while waiting for a first touch.
    public var reneged = 0
    /// Leads still waiting for a first touch at the end of the horizon.
    public var queueEnd = 0
    /// Hand-overs sales tried to reach on every attempt of its cadence without success.
    public var notReached = 0
    /// Leads reached before they were ready who asked not to be contacted again.
    public var burned = 0
    /// Hand-overs moved to another rep when the SLA's longest wait ran out.
    public var escalated = 0
    /// Hand-overs sent back to nurture untouched when the SLA's longest wait ran out.
    public var slaRecycled = 0
    /// MQLs sales may not contact for want of marketing consent (`sales.contact_without_consent off`).
    public var withoutConsent = 0
    /// Hand-overs sales made a first attempt on.
    public var touched = 0
    /// Hand-overs still in their call cadence (tried, not yet reached) at the end.
    public var inCadence = 0
    /// Hand-overs reached and not accepted, sent back to nurture.
    public var rejected = 0
    /// Accepted hand-overs whose discovery call was still to come at the end.
    public var inDiscovery = 0
    /// Accepted hand-overs that discovery found not qualified, sent back to nurture.
    public var notQualified = 0
    /// Qualified hand-overs that opened no opportunity, sent back to nurture.
    public var noOpportunity = 0

    public init() {}

    /// Each hand-over's outcome, by name; they add up to `handovers`.
    public var handoverOutcomes: [(name: String, count: Int)] {
        [
            ("waiting for a first attempt", queueEnd), ("gave up waiting", reneged),
            ("sent back at the SLA's longest wait", slaRecycled), ("in the call cadence", inCadence),
            ("never reached", notReached), ("rejected by sales", rejected), ("burned", burned),
            ("disqualified", disqualified), ("accepted, discovery to come", inDiscovery),
            ("not qualified at discovery", notQualified), ("qualified, no opportunity", noOpportunity),
            ("opportunity", opportunities),
        ]
    }

    mutating func add(_ other: FunnelCounts) {
        created += other.created; mal += other.mal; mql += other.mql; handovers += other.handovers
        contacted += other.contacted; sal += other.sal; sql += other.sql; opportunities += other.opportunities
        won += other.won; lost += other.lost; openOpportunities += other.openOpportunities
        recycled += other.recycled; disqualified += other.disqualified; unsubscribed += other.unsubscribed
        bounced += other.bounced; reneged += other.reneged; queueEnd += other.queueEnd
        notReached += other.notReached; burned += other.burned; escalated += other.escalated
        slaRecycled += other.slaRecycled; withoutConsent += other.withoutConsent
        mqlBelowMAL += other.mqlBelowMAL; touched += other.touched; inCadence += other.inCadence; rejected += other.rejected
        inDiscovery += other.inDiscovery; notQualified += other.notQualified; noOpportunity += other.noOpportunity
    }
}

/// Where each lead created in the measured window stands at its end: one state per lead, so the
/// states add up to the leads created.
public struct LeadStates: Sendable, Equatable, Codable {
    /// Never MQL and still in its active life (nurtured or watched).
    public var inNurture = 0
    /// Never MQL, and archived when its active life ran out.
    public var archived = 0
    public var unsubscribed = 0
    public var bounced = 0
    /// MQL that sales may not contact for want of consent.
    public var withoutConsent = 0
    public var waitingForSales = 0
    /// Being called, or accepted and in discovery.
    public var withSales = 0
    /// Back in nurture after a hand-over.
    public var recycled = 0
    public var burned = 0
    public var disqualified = 0
    public var opportunityOpen = 0
    public var won = 0
    public var lost = 0
    /// Of the leads in nurture at the end and still active (never MQL, or recycled), by
    /// temperature (`Temperature`); not a further state.
    public var hot = 0
    public var warm = 0
    public var cold = 0

    public init() {}

    public var temperatures: [(name: String, count: Int)] { [("hot", hot), ("warm", warm), ("cold", cold)] }

    public var named: [(name: String, count: Int)] {
        [
            ("in nurture, not yet MQL", inNurture), ("archived, never MQL", archived), ("unsubscribed", unsubscribed),
            ("bounced", bounced), ("MQL without consent to call", withoutConsent), ("waiting for sales", waitingForSales),
            ("with sales", withSales), ("recycled to nurture", recycled), ("burned", burned),
            ("disqualified", disqualified), ("opportunity open", opportunityOpen), ("won", won), ("lost", lost),
        ]
    }

    public var total: Int { named.reduce(0) { $0 + $1.count } }

    mutating func add(_ other: LeadStates) {
        inNurture += other.inNurture; archived += other.archived; unsubscribed += other.unsubscribed
        bounced += other.bounced; withoutConsent += other.withoutConsent; waitingForSales += other.waitingForSales
        withSales += other.withSales; recycled += other.recycled; burned += other.burned
        disqualified += other.disqualified; opportunityOpen += other.opportunityOpen; won += other.won; lost += other.lost
        hot += other.hot; warm += other.warm; cold += other.cold
    }
}

/// Weekly time series, one entry per week of the horizon.
public struct WeeklySeries: Sendable, Equatable, Codable {
    public var newLeads: [Int]
    public var mqls: [Int]
    public var handovers: [Int]
    public var sqls: [Int]
    public var opportunities: [Int]
    public var won: [Int]
    /// Leads waiting for a first touch at the end of each week.
    public var backlog: [Int]

    public init(weeks: Int) {
        let zeros = Array(repeating: 0, count: weeks)
        newLeads = zeros; mqls = zeros; handovers = zeros; sqls = zeros
        opportunities = zeros; won = zeros; backlog = zeros
    }

    public var weeks: Int { newLeads.count }
}

/// Wait from hand-over to first touch.
public struct SpeedToLead: Sendable, Equatable, Codable {
    public var firstTouches = 0
    public var meanHours = 0.0
    public var medianHours = 0.0
    public var p90Hours = 0.0
    /// Share of hand-overs whose SLA was breached: touched late, or left waiting past it.
    public var slaBreachShare = 0.0
    /// First touches by wait, one count per bin of `histogramEdgesHours` (the last bin is open).
    public var histogram = [Int](repeating: 0, count: SpeedToLead.histogramEdgesHours.count + 1)

    /// Upper edges of the wait bins in hours: the marks a sales leader reads speed-to-lead by
    /// (within the hour, the working day, a day, two, three, a week).
    public static let histogramEdgesHours: [Double] = [1, 4, 8, 24, 48, 72, 168]

    public init() {}

    /// Summary of the waits of the first touches, and of `breaches` among all `handovers`.
    public init(waitsHours: [Double], breaches: Int, handovers: Int) {
        firstTouches = waitsHours.count
        slaBreachShare = handovers > 0 ? Double(breaches) / Double(handovers) : 0
        guard !waitsHours.isEmpty else { return }
        let edges = Self.histogramEdgesHours
        for wait in waitsHours {
            var bin = 0
            while bin < edges.count, wait >= edges[bin] { bin += 1 }
            histogram[bin] += 1
        }
        meanHours = waitsHours.reduce(0, +) / Double(waitsHours.count)
        var scratch = waitsHours
        medianHours = quantile(of: &scratch, 0.5)
        p90Hours = quantile(of: &scratch, 0.9)
    }
}

/// The q-quantile of `values`, linear between order statistics (type 7, as R and numpy).
///
/// By selection rather than a full sort: every run needs two quantiles of tens of thousands of
/// waits, and selection is linear where sorting is not. `values` is left partly reordered.
public func quantile(of values: inout [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let position = q * Double(values.count - 1)
    let lower = Int(position)
    let fraction = position - Double(lower)
    let atLower = select(&values, rank: lower)
    guard fraction > 0, lower + 1 < values.count else { return atLower }
    // After selection everything past `lower` is >= its value, so the next order statistic is
    // their minimum.
    let atUpper = values[(lower + 1)...].min()!
    return atLower + (atUpper - atLower) * fraction
}

/// The value of the given rank (0-based) in ascending order; on return every element before
/// `rank` is <= it and every one after is >= it (Hoare's quickselect with three-way partitions,
/// so runs of equal waits cost nothing).
func select(_ values: inout [Double], rank: Int) -> Double {
    var low = 0
    var high = values.count
    while high - low > 1 {
        let a = values[low], b = values[(low + high) / 2], c = values[high - 1]
        let pivot = max(min(a, b), min(max(a, b), c))
        let lessEnd = values[low..<high].partition { $0 >= pivot }
        let equalEnd = values[lessEnd..<high].partition { $0 > pivot }
        if rank < lessEnd {
            high = lessEnd
        } else if rank < equalEnd {
            return pivot
        } else {
            low = equalEnd
        }
    }
    return values[low]
}

public struct PipelineFigures: Sendable, Equatable, Codable {
    /// Value of all opportunities created in the horizon, in euros.
    public var createdValue = 0.0
    /// Value of opportunities still open at the end.
    public var openValue = 0.0
    /// Value of won deals (revenue).
    public var wonValue = 0.0
    /// Won / (won + lost).
    public var winRate = 0.0
    /// Mean days from opportunity to close, over closed opportunities.
    public var meanCycleDays = 0.0
    /// Pipeline velocity: opportunities × mean deal value × win rate / cycle length, euros per day.
    public var velocityPerDay = 0.0

    public init() {}

    /// These values with win rate, mean cycle and velocity worked out from the funnel's closed
    /// deals and the summed cycle lengths of those deals.
    func closing(funnel: FunnelCounts, cycleDaysSum: Double) -> PipelineFigures {
        var figures = self
        let closed = funnel.won + funnel.lost
        figures.winRate = closed > 0 ? Double(funnel.won) / Double(closed) : 0
        figures.meanCycleDays = closed > 0 ? cycleDaysSum / Double(closed) : 0
        figures.velocityPerDay =
            figures.meanCycleDays > 0 && funnel.opportunities > 0
            ? figures.createdValue * figures.winRate / figures.meanCycleDays : 0
        return figures
    }
}

/// One rep's workload over the horizon.
public struct RepWorkload: Sendable, Equatable, Codable {
    public var rep: Int
    public var leads = 0
    public var busyHours = 0.0
    public var availableHours = 0.0
    /// Leads assigned but not yet touched at the end.
    public var backlogEnd = 0

    public init(rep: Int) { self.rep = rep }

    public var utilisation: Double { availableHours > 0 ? busyHours / availableHours : 0 }
}

/// One acquisition channel's leads and what came of them in the window, with its marketing cost:
/// the figures a team weighs channels by.
public struct ChannelFigures: Sendable, Equatable, Codable {
    public var channel: String
    public var leads = 0
    public var mql = 0
    public var sql = 0
    public var opportunities = 0
    /// Won deals among the channel's opportunities opened in the window, followed to their close.
    public var won = 0
    public var pipelineValue = 0.0
    public var revenue = 0.0
    /// What the channel's leads cost (leads × the channel's cost per lead).
    public var cost = 0.0

    public init(channel: String) { self.channel = channel }

    func per(_ count: Int) -> Double? { count > 0 ? cost / Double(count) : nil }
    public var costPerLead: Double? { per(leads) }
    public var costPerMQL: Double? { per(mql) }
    public var costPerSQL: Double? { per(sql) }
    public var costPerWon: Double? { per(won) }
    /// Revenue per euro of marketing spent on the channel.
    public var roi: Double? { cost > 0 ? revenue / cost : nil }
}

public struct CostFigures: Sendable, Equatable, Codable {
    public var marketing = 0.0
    public var sales = 0.0
    public var total: Double { marketing + sales }
    public init() {}
}

/// Everything a run reports. Every figure is derived from the simulation, none is configured.
public struct RunResult: Sendable, Equatable, Codable {
    public var model: String
    public var leads: Int
    public var weeks: Int
    public var funnel = FunnelCounts()
    /// Where the window's leads stand at its end (B2B model; empty for a model that does not follow leads).
    public var states = LeadStates()
    public var weekly: WeeklySeries
    public var speedToLead = SpeedToLead()
    /// Mean wait from hand-over to first touch in days, over leads taken from the queue.
    public var meanWaitDays = 0.0
    public var pipeline = PipelineFigures()
    public var reps: [RepWorkload] = []
    public var costs = CostFigures()
    /// Figures per acquisition channel (empty for a model without channels).
    public var channels: [ChannelFigures] = []
    /// The same figures for each part of the run alone — a lead group (`LeadGroups`) of the
    /// reference model, or an equal span of the measured window of the B2B model, whose leads
    /// share one sales queue: counts and values are the part's share (they add up to the totals),
    /// rates and waits are the part's own. Empty within a part. A comparison of two runs reads the
    /// spread of a change across parts as the noise in that change (batch means).
    public var groups: [RunResult] = []
    /// What the run saw that its figures alone do not say, in a sentence each (a team that cannot
    /// keep up, for one).
    public var warnings: [String] = []
    /// What the groups are, as a sentence names them: "lead groups" or "spans of the window".
    public var groupKind = "lead groups"

    public init(model: String, leads: Int, weeks: Int, weeklySeries: Bool = true) {
        self.model = model
        self.leads = leads
        self.weeks = weeks
        weekly = WeeklySeries(weeks: weeklySeries ? weeks : 0)
    }
}

extension RunResult {
    /// Whether the model that made this run computes `metric` (`LeadModel.metricNames`).
    public func computes(_ metric: Metric) -> Bool {
        Models.named(model)?.metricNames?.contains(metric.name) ?? true
    }
}
