/// A history replayed under the scoring model and thresholds in force: which leads would have
/// become MQL and when, week by week, and how that set overlaps the leads that really converted.
public struct ReplayResult: Sendable {
    public struct Week: Sendable, Equatable {
        /// Monday of the week, seconds since 1970 (UTC).
        public var startSeconds: Int
        public var created = 0
        /// Leads the rule makes MQL this week (each handed over), and what the history shows.
        public var mqls = 0
        public var historyMQLs = 0
        /// Of this week's MQLs, those that converted (precision's numerator).
        public var convertedMQLs = 0
        /// Leads created this week that converted, and those of them the rule ever makes MQL.
        public var converted = 0
        public var convertedReached = 0
    }

    /// What the history gave to replay: its touchpoints with their times, how many of each a
    /// lead did (no times), or only the leads (the fit part of the rule).
    public enum Basis: Sendable, Equatable { case events, counts, leads }

    public var weeks: [Week]
    public let reps: Int
    public let basis: Basis

    public var totals: Week {
        weeks.reduce(into: Week(startSeconds: weeks.first?.startSeconds ?? 0)) { total, week in
            total.created += week.created
            total.mqls += week.mqls
            total.historyMQLs += week.historyMQLs
            total.convertedMQLs += week.convertedMQLs
            total.converted += week.converted
            total.convertedReached += week.convertedReached
        }
    }
}

extension B2BModel {
    /// Re-scores the history's touchpoints (`History.events`) lead by lead through the scoring
    /// model with `parameters`' values — the same scorer the simulation's episodes use — and finds
    /// when each lead's score first reaches its MQL ceiling (a hand-raiser's form hands it over at
    /// once). Without events, from the counts of touchpoints a leads export holds: all of a
    /// lead's points as if none had decayed (an upper bound of its score), the lead MQL in its
    /// creation week when they reach its ceiling (or it raised its hand); when cannot be known.
    /// With neither, a lead counts as MQL when its fit and grade let the rule through at all.
    public func replay(_ history: History, population: Population, parameters: ParameterSet) -> ReplayResult {
        let config = Config(parameters, population: population, campaigns: campaigns, scoring: scoringModel)
        let observed = history.observed
        let order = history.creationOrder
        var place = [Int](repeating: 0, count: order.count)
        for (index, lead) in order.enumerated() { place[lead] = index }
        let origin = observed.firstMondaySeconds
        let weekCount = population.horizonWeeks + 52
        var weeks = (0..<weekCount).map { ReplayResult.Week(startSeconds: origin + $0 * 604_800) }
        func week(_ seconds: Int) -> Int { min(weekCount - 1, max(0, (seconds - origin) / 604_800)) }

        var byLead = [[ObservedEvent]](repeating: [], count: observed.count)
        for event in history.events { byLead[event.lead].append(event) }
        var awards: [PointAward] = []
        var mqlSeconds = [Int?](repeating: nil, count: observed.count)
        let basis: ReplayResult.Basis = !history.events.isEmpty ? .events : !observed.touchpointCounts.isEmpty ? .counts : .leads
        /// Scores one touchpoint; true when it makes the lead MQL (a hand-raiser's form goes
        /// over at once, any other when the score reaches the ceiling).
        func reaches(_ code: Int, at hours: Double, _ scorer: inout EngagementScorer, ceiling: Double) -> Bool {
            if code < 16, config.fastTrack & (1 << code) != 0 { return true }
            let group = code < 7 ? Int(config.group[code]) : code == B2BModel.emailOpenIndex ? config.openGroup : config.clickGroup
            let total = scorer.award(config.touchpointPoints(code), group: group, bit: 1 << code, at: hours, rules: config.engagement, awards: &awards)
            return (total ?? -.infinity) >= ceiling
        }
        for lead in 0..<observed.count {
            // Infinite when the lead's grade keeps it out; a hand-raiser still goes over.
            let ceiling = config.mqlCeiling(for: place[lead])
            let created = observed.createdSeconds[lead]
            var scorer = EngagementScorer(rules: config.engagement, from: Double(created - origin) / 3600, scored: 0, awards: &awards)
            switch basis {
            case .events:
                for event in byLead[lead].sorted(by: { $0.seconds < $1.seconds }) {
                    let hours = Double(event.seconds - origin) / 3600
                    scorer.decay(until: hours, including: false, rules: config.engagement)
                    if reaches(event.touchpoint, at: hours, &scorer, ceiling: ceiling) {
                        mqlSeconds[lead] = event.seconds
                        break
                    }
                }
            case .counts:
                // Every count at the lead's creation, so that no point decays.
                let hours = Double(created - origin) / 3600
                scoring: for column in observed.touchpointCounts {
                    for _ in 0..<(column.values[lead] ?? 0) where reaches(column.touchpoint, at: hours, &scorer, ceiling: ceiling) {
                        mqlSeconds[lead] = created
                        break scoring
                    }
                }
            case .leads:
                if ceiling < .infinity { mqlSeconds[lead] = created }
            }
        }
        for lead in 0..<observed.count {
            let created = week(observed.createdSeconds[lead])
            weeks[created].created += 1
            let converted = observed.converted[lead] == true
            if converted {
                weeks[created].converted += 1
                if mqlSeconds[lead] != nil { weeks[created].convertedReached += 1 }
            }
            if let seconds = mqlSeconds[lead] {
                weeks[week(seconds)].mqls += 1
                if converted { weeks[week(seconds)].convertedMQLs += 1 }
            }
            if let seconds = observed.mqlSeconds[lead] { weeks[week(seconds)].historyMQLs += 1 }
        }
        let last = weeks.lastIndex { $0.created > 0 || $0.mqls > 0 || $0.historyMQLs > 0 } ?? 0
        return ReplayResult(weeks: Array(weeks[...last]), reps: parameters[Key.reps], basis: basis)
    }
}
