/// Counts of leads (or hand-overs, where named) that reached each stage within the horizon.
public struct FunnelCounts: Sendable, Equatable {
    public var created = 0
    public var mal = 0
    /// Leads that became MQL at least once.
    public var mql = 0
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

    public init() {}
}

/// Weekly time series, one entry per week of the horizon.
public struct WeeklySeries: Sendable, Equatable {
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
public struct SpeedToLead: Sendable, Equatable {
    public var firstTouches = 0
    public var meanHours = 0.0
    public var medianHours = 0.0
    public var p90Hours = 0.0
    /// Share of hand-overs whose SLA was breached: touched late, or left waiting past it.
    public var slaBreachShare = 0.0

    public init() {}

    /// Summary of the waits of the first touches, and of `breaches` among all `handovers`.
    public init(waitsHours: [Double], breaches: Int, handovers: Int) {
        firstTouches = waitsHours.count
        slaBreachShare = handovers > 0 ? Double(breaches) / Double(handovers) : 0
        guard !waitsHours.isEmpty else { return }
        let sorted = waitsHours.sorted()
        meanHours = sorted.reduce(0, +) / Double(sorted.count)
        medianHours = quantile(sorted, 0.5)
        p90Hours = quantile(sorted, 0.9)
    }
}

/// The q-quantile of sorted values, linear between order statistics (type 7, as R and numpy).
public func quantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let position = q * Double(sorted.count - 1)
    let lower = Int(position)
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
}

public struct PipelineFigures: Sendable, Equatable {
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
}

/// One rep's workload over the horizon.
public struct RepWorkload: Sendable, Equatable {
    public var rep: Int
    public var leads = 0
    public var busyHours = 0.0
    public var availableHours = 0.0
    /// Leads assigned but not yet touched at the end.
    public var backlogEnd = 0

    public init(rep: Int) { self.rep = rep }

    public var utilisation: Double { availableHours > 0 ? busyHours / availableHours : 0 }
}

public struct CostFigures: Sendable, Equatable {
    public var marketing = 0.0
    public var sales = 0.0
    public var total: Double { marketing + sales }
    public init() {}
}

/// Everything a run reports. Every figure is derived from the simulation, none is configured.
public struct RunResult: Sendable, Equatable {
    public var model: String
    public var leads: Int
    public var weeks: Int
    public var funnel = FunnelCounts()
    public var weekly: WeeklySeries
    public var speedToLead = SpeedToLead()
    /// Mean wait from hand-over to first touch in days, over leads taken from the queue.
    public var meanWaitDays = 0.0
    public var pipeline = PipelineFigures()
    public var reps: [RepWorkload] = []
    public var costs = CostFigures()

    public init(model: String, leads: Int, weeks: Int) {
        self.model = model
        self.leads = leads
        self.weeks = weeks
        weekly = WeeklySeries(weeks: weeks)
    }
}
