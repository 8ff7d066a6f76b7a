import Foundation

/// A figure measured in a history, with its 95 % interval and the number of leads (or weeks)
/// behind it.
public struct MeasuredFigure: Sendable, Equatable {
    public let name: String
    public let unit: String
    public let value: Double
    public let low: Double
    public let high: Double
    public let sampleSize: Int

    /// A share: `successes` of `trials`, with Wilson's score interval (good near 0 and 1 and for
    /// small samples, where the normal interval leaves the unit range).
    public static func share(_ name: String, _ successes: Int, of trials: Int) -> MeasuredFigure {
        guard trials > 0 else { return MeasuredFigure(name: name, unit: "fraction", value: .nan, low: .nan, high: .nan, sampleSize: 0) }
        let z = 1.959964
        let n = Double(trials)
        let p = Double(successes) / n
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return MeasuredFigure(name: name, unit: "fraction", value: p, low: max(0, centre - half), high: min(1, centre + half), sampleSize: trials)
    }

    /// The median of `values` with the distribution-free interval between two order statistics
    /// (the binomial ranks that hold the true median at least 95 % of the time); below six
    /// values no two do, and the interval is NaN.
    public static func median(_ name: String, unit: String, _ values: [Double]) -> MeasuredFigure {
        let sorted = values.sorted()
        let n = sorted.count
        guard n > 0 else { return MeasuredFigure(name: name, unit: unit, value: .nan, low: .nan, high: .nan, sampleSize: 0) }
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        // The largest rank j with P(Binomial(n, ½) < j) ≤ 2.5 %: [x(j), x(n + 1 − j)] covers.
        var rank = 0
        var below = 0.0
        var term = Foundation.pow(0.5, Double(n))  // P(B = 0)
        for k in 0..<n {
            below += term
            if below > 0.025 { break }
            rank = k + 1
            term *= Double(n - k) / Double(k + 1)
        }
        guard rank > 0 else { return MeasuredFigure(name: name, unit: unit, value: median, low: .nan, high: .nan, sampleSize: n) }
        return MeasuredFigure(name: name, unit: unit, value: median, low: sorted[rank - 1], high: sorted[n - rank], sampleSize: n)
    }

    /// The mean of values with Student's t interval.
    public static func mean(_ name: String, unit: String, _ values: [Double]) -> MeasuredFigure {
        let estimate = Estimate(values: values)
        return MeasuredFigure(name: name, unit: unit, value: estimate.mean, low: estimate.low, high: estimate.high, sampleSize: values.count)
    }
}

/// What a history says about its funnel, measured from lead-level data: the channel mix, the
/// weekly inflow and its weekday pattern, the shares that reached MQL and SQL and converted, and
/// the days from one stage to the next. Times to a stage are censored — a lead created late in
/// the history has had less time to move on — so their medians come from Kaplan–Meier estimates
/// (leads still waiting count up to the history's end), with Brookmeyer–Crowley intervals.
public struct HistoryFigures: Sendable {
    public let channelShares: [(channel: Channel, figure: MeasuredFigure)]
    public let leadsPerWeek: MeasuredFigure
    /// Shares of the week's leads by weekday, Monday first.
    public let weekdayShares: [MeasuredFigure]
    public let leadToMQL: MeasuredFigure?
    /// The share that became MQL by channel and by company size band (segments), where known.
    public let leadToMQLByChannel: [MeasuredFigure]
    public let leadToMQLBySize: [MeasuredFigure]
    public let mqlToSQL: MeasuredFigure?
    public let sqlToConverted: MeasuredFigure?
    public let daysToMQL: MeasuredFigure?
    public let daysMQLToSQL: MeasuredFigure?
    public let daysSQLToConverted: MeasuredFigure?
    /// From the deals, when loaded: won among closed deals, the median days to close (open deals
    /// count up to the history's end), and the mean amount.
    public let winRate: MeasuredFigure?
    public let daysToClose: MeasuredFigure?
    public let dealValue: MeasuredFigure?
    /// The median amount of the deals by the company size band of their lead, where known: what
    /// the model's `deal.<band>.median` is.
    public let dealMedianBySize: [(size: CompanySize, figure: MeasuredFigure)]
    /// What the data cannot support, said plainly.
    public let notes: [String]

    public init(_ observed: ObservedLeads, opportunities: [ObservedOpportunity] = []) {
        let count = observed.count
        let end = max(observed.createdSeconds.max() ?? 0, opportunities.compactMap(\.closedSeconds).max() ?? 0,
                      opportunities.map(\.createdSeconds).max() ?? 0)
        var notes: [String] = []

        let knownChannels = observed.channel.compactMap { $0 }
        channelShares = Channel.allCases.map { channel in
            (channel, MeasuredFigure.share("channel.\(channel.name).share", knownChannels.filter { $0 == channel }.count, of: knownChannels.count))
        }
        if knownChannels.count < count { notes.append("\(count - knownChannels.count) leads have no channel: the mix is of the others") }

        // Whole weeks from the first lead's Monday; the last, partial week is left out.
        let monday = observed.firstMondaySeconds / 86_400
        let weeks = max(1, (end / 86_400 - monday) / 7)
        var perWeek = [Double](repeating: 0, count: weeks + 1)
        var perWeekday = [Int](repeating: 0, count: 7)
        for seconds in observed.createdSeconds {
            let day = seconds / 86_400 - monday
            perWeek[min(weeks, day / 7)] += 1
            perWeekday[day % 7] += 1
        }
        leadsPerWeek = .mean("leads per week", unit: "leads per week", Array(perWeek.prefix(weeks)))
        weekdayShares = (0..<7).map { .share(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][$0], perWeekday[$0], of: count) }

        let hasMQL = observed.mqlSeconds.contains { $0 != nil }
        let hasSQL = observed.sqlSeconds.contains { $0 != nil }
        let hasConverted = observed.converted.contains { $0 != nil }
        func stageShare(_ name: String, reached: (Int) -> Bool, among: (Int) -> Bool) -> MeasuredFigure {
            let pool = (0..<count).filter(among)
            return .share(name, pool.filter(reached).count, of: pool.count)
        }
        leadToMQL = hasMQL ? stageShare("funnel.lead_to_mql", reached: { observed.mqlSeconds[$0] != nil }, among: { _ in true }) : nil
        leadToMQLByChannel = !hasMQL ? [] : Channel.allCases.map { channel in
            stageShare("lead to MQL, \(channel.name)", reached: { observed.mqlSeconds[$0] != nil }, among: { observed.channel[$0] == channel })
        }.filter { $0.sampleSize > 0 }
        leadToMQLBySize = !hasMQL ? [] : CompanySize.allCases.map { size in
            stageShare("lead to MQL, \(size.name) employees", reached: { observed.mqlSeconds[$0] != nil }, among: {
                (observed.companySize[$0] ?? observed.employees[$0].flatMap(CompanySize.band(of:))) == size
            })
        }.filter { $0.sampleSize > 0 }
        mqlToSQL = hasMQL && hasSQL
            ? stageShare("funnel.mql_to_sql", reached: { observed.sqlSeconds[$0] != nil }, among: { observed.mqlSeconds[$0] != nil }) : nil
        sqlToConverted = hasSQL && hasConverted
            ? stageShare("sql to converted", reached: { observed.converted[$0] == true }, among: { observed.sqlSeconds[$0] != nil }) : nil
        if !hasMQL { notes.append("no MQL dates: the share that became MQL and the days to MQL cannot be measured") }
        if !hasSQL { notes.append("no SQL dates: MQL to SQL and its days cannot be measured") }
        if !hasConverted { notes.append("no converted stage or date: win figures cannot be measured") }

        func days(_ name: String, from start: (Int) -> Int?, to stop: (Int) -> Int?) -> MeasuredFigure? {
            var spells: [(days: Double, ended: Bool)] = []
            for lead in 0..<count {
                guard let begin = start(lead) else { continue }
                if let finish = stop(lead) {
                    guard finish >= begin else { continue }
                    spells.append((Double(finish - begin) / 86_400, true))
                } else {
                    spells.append((Double(max(0, end - begin)) / 86_400, false))
                }
            }
            return KaplanMeier(spells).median(name)
        }
        daysToMQL = hasMQL ? days("days to MQL", from: { observed.createdSeconds[$0] }, to: { observed.mqlSeconds[$0] }) : nil
        daysMQLToSQL = hasMQL && hasSQL ? days("days from MQL to SQL", from: { observed.mqlSeconds[$0] }, to: { observed.sqlSeconds[$0] }) : nil
        daysSQLToConverted = hasSQL && hasConverted
            ? days("days from SQL to converted", from: { observed.sqlSeconds[$0] }, to: { observed.converted[$0] == true ? observed.convertedSeconds[$0] : nil })
            : nil
        for (figure, measured, stage) in [
            (daysToMQL, hasMQL, "the leads reached MQL"), (daysMQLToSQL, hasMQL && hasSQL, "the MQLs reached SQL"),
            (daysSQLToConverted, hasSQL && hasConverted, "the SQLs converted"),
        ] where measured && figure == nil {
            notes.append("fewer than half \(stage) in the history: the median days lie beyond it")
        }
        if opportunities.isEmpty {
            winRate = nil
            daysToClose = nil
            dealValue = nil
            dealMedianBySize = []
            notes.append("no opportunities loaded: win rate, cycle length and deal values cannot be measured (`load opportunities`)")
        } else {
            let closed = opportunities.filter { $0.outcome != .open }
            winRate = .share("win_rate", closed.filter { $0.outcome == .won }.count, of: closed.count)
            daysToClose = KaplanMeier(opportunities.map { deal in
                deal.closedSeconds.map { (Double($0 - deal.createdSeconds) / 86_400, true) } ?? (Double(max(0, end - deal.createdSeconds)) / 86_400, false)
            }).median("days to close")
            let amounts = opportunities.compactMap(\.amount)
            dealValue = amounts.isEmpty ? nil : .mean("deal value", unit: "EUR", amounts)
            var bySize = [[Double]](repeating: [], count: CompanySize.allCases.count)
            for deal in opportunities {
                guard let amount = deal.amount,
                    let size = observed.companySize[deal.lead] ?? observed.employees[deal.lead].flatMap(CompanySize.band(of:))
                else { continue }
                bySize[Int(size.rawValue)].append(amount)
            }
            dealMedianBySize = CompanySize.allCases.compactMap { size in
                bySize[Int(size.rawValue)].isEmpty ? nil : (size, .median("deal median, \(size.name) employees", unit: "EUR", bySize[Int(size.rawValue)]))
            }
            if daysToClose == nil { notes.append("fewer than half the deals closed in the history: the median days to close lie beyond it") }
            let open = opportunities.count - closed.count
            if open > 0 { notes.append("\(open) deals still open: in the cycle length up to the history's end; the win rate is of the \(closed.count) closed") }
        }
        self.notes = notes
    }
}

/// The Kaplan–Meier estimate of a time to an event from spells that ended (the event happened)
/// or were cut off by the end of the history.
struct KaplanMeier {
    /// (time, survival just after it, Greenwood's variance term) at each time an event happened.
    let steps: [(time: Double, survival: Double, greenwood: Double)]
    let count: Int

    init(_ spells: [(days: Double, ended: Bool)]) {
        let sorted = spells.sorted { $0.days != $1.days ? $0.days < $1.days : ($0.ended && !$1.ended) }
        var atRisk = sorted.count
        var survival = 1.0
        var greenwood = 0.0
        var steps: [(Double, Double, Double)] = []
        var index = 0
        while index < sorted.count {
            let time = sorted[index].days
            var events = 0
            var leaving = 0
            while index < sorted.count, sorted[index].days == time {
                if sorted[index].ended { events += 1 }
                leaving += 1
                index += 1
            }
            if events > 0 {
                survival *= 1 - Double(events) / Double(atRisk)
                if atRisk > events { greenwood += Double(events) / (Double(atRisk) * Double(atRisk - events)) }
                steps.append((time, survival, greenwood))
            }
            atRisk -= leaving
        }
        self.steps = steps
        count = spells.count
    }

    /// The median time, with the Brookmeyer–Crowley 95 % interval: the times at which survival
    /// is within 1.96 standard errors of one half. nil when fewer than half the spells ended.
    func median(_ name: String) -> MeasuredFigure? {
        guard let median = steps.first(where: { $0.survival <= 0.5 })?.time else { return nil }
        let inside = steps.filter { step in
            let standardError = step.survival * step.greenwood.squareRoot()
            return abs(step.survival - 0.5) <= 1.959964 * standardError
        }.map(\.time)
        return MeasuredFigure(
            name: name, unit: "days", value: median, low: inside.min() ?? median, high: inside.max() ?? median, sampleSize: count)
    }
}
