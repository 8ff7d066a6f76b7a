import Foundation

/// The reference funnel of `shared/peers/MODEL.md`: whole days, four touchpoints with daily
/// chances, a decaying engagement score, and a FIFO sales queue with a fixed daily capacity.
///
/// It exists so that leadsim can be checked against, and timed against, independent
/// implementations of the same model. Where the peers step every lead through every day, this
/// samples the number of quiet days to a lead's next eventful day (a geometric draw) and the
/// eventful day's outcome from its exact conditional distribution, which gives the same process
/// with a tenth of the random draws.
public struct ReferenceModel: LeadModel {
    public init() {}

    public var name: String { "reference" }
    public var summary: String { "the reference funnel of shared/peers/MODEL.md (day steps, FIFO sales queue)" }
    /// What the peers' reference funnel computes: lead and hand-over counts, stage rates, waits
    /// and deals — no reps, SLA, deal values or costs.
    public var metricNames: Set<String>? {
        [
            "created", "mql", "handovers", "contacted", "sal", "sql", "opportunities", "won", "lost", "open_opportunities",
            "recycled", "unsubscribed", "queue_end", "funnel.lead_to_mql", "funnel.handover_to_contacted",
            "funnel.contacted_to_sal", "funnel.sal_to_sql", "funnel.mql_to_sql", "funnel.sql_to_opportunity",
            "funnel.lead_to_won", "acceptance_rate", "speed_to_lead.median_hours", "speed_to_lead.p90_hours",
            "speed_to_lead.mean_hours", "wait.mean_days", "win_rate", "cycle.mean_days",
        ]
    }

    public var parameterSpecs: [ParameterSpec] { Self.specs }
    public var defaultHorizonWeeks: Int { 26 }
    public var populationParameters: [String] { ["arrival.days"] }

    public func populationSize(leads: Int, horizonWeeks: Int, parameters: ParameterSet) -> Int { leads }

    public func synthesize(
        leads: Int, seed: UInt64, horizonWeeks: Int, parameters: ParameterSet, options: RunOptions
    ) throws(RunCancelled) -> Population {
        let arrivalDays = parameters[Key.arrivalDays]
        return try Population.synthesize(count: leads, seed: seed, horizonWeeks: horizonWeeks, options: options) {
            population, range in
            for lead in range {
                let index = lead - range.lowerBound
                var arrival = RandomStream(seed: seed, subject: UInt64(lead), purpose: .arrival)
                population.createdHours[index] = Float(24 * (arrival.uniform() * arrivalDays).rounded(.down))
                var attributes = RandomStream(seed: seed, subject: UInt64(lead), purpose: .attributes)
                population.fit[index] = Float(attributes.uniform())
                let u = attributes.uniform()
                population.intent[index] = Float(u * u)
            }
        }
    }

    public func simulate(
        _ population: Population, parameters: ParameterSet, options: RunOptions
    ) throws(RunCancelled) -> RunResult {
        let config = Config(parameters, population: population)
        var result = RunResult(model: name, leads: population.count, weeks: population.horizonWeeks)
        for hours in population.createdHours {
            let week = Int(hours) / 168
            if week < result.weekly.weeks { result.weekly.newLeads[week] += 1 }
        }

        // Marketing, in parallel: every lead's first nurture episode is independent of all others.
        let count = population.count
        var firstEnd = [EpisodeEnd](repeating: .none, count: count)
        let chunkSize = 8192
        firstEnd.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointWrites(buffer.baseAddress!)
            ParallelChunks.forEach(count: count, chunkSize: chunkSize, threads: options.threads) { _, range in
                if options.cancellation?.isSet == true { return }
                for lead in range {
                    out[lead] = config.episode(lead: lead, from: config.arrivalDay[lead], index: 0)
                }
            }
        }
        try options.checkCancelled()

        return try salesPhase(config: config, firstEnd: firstEnd, result: result, options: options)
    }

    /// Sales, in day order: the queue is shared, so this part is sequential. Recycled leads start a
    /// new nurture episode, computed on demand.
    private func salesPhase(
        config: Config, firstEnd: [EpisodeEnd], result: RunResult, options: RunOptions
    ) throws(RunCancelled) -> RunResult {
        let days = config.days
        let count = firstEnd.count
        // Hand-overs by day: first episodes as a counting sort (ids ascending within a day),
        // recycled leads as per-day linked lists through `nextPending`.
        var ledger = RunLedger(reps: 0, leads: count)
        var firstByDay = [Int32](repeating: 0, count: days + 1)
        for (lead, end) in firstEnd.enumerated() {
            switch end {
            case .handover(let day): firstByDay[Int(day) + 1] += 1
            case .unsubscribed: ledger.funnel[LeadGroups.of(lead)].unsubscribed += 1
            case .none: break
            }
        }
        for day in 0..<days { firstByDay[day + 1] += firstByDay[day] }
        var firstOrder = [Int32](repeating: 0, count: Int(firstByDay[days]))
        var fill = firstByDay
        for lead in 0..<count {
            if case .handover(let day) = firstEnd[lead] {
                firstOrder[Int(fill[Int(day)])] = Int32(lead)
                fill[Int(day)] += 1
            }
        }
        var pendingHead = [Int32](repeating: -1, count: days)
        var nextPending = [Int32](repeating: -1, count: count)
        var episodes = [UInt32](repeating: 0, count: count)
        var joinedDay = [Int32](repeating: 0, count: count)
        var queue = [Int32]()
        queue.reserveCapacity(Int(firstByDay[days]) * 2)
        var queueHead = 0
        var arrivals = [Int32]()
        var recycledToday = [Int32]()
        var weekly = result.weekly

        for day in 0..<days {
            try options.checkCancelled()
            let week = day / 7
            // Today's hand-overs in lead order, as the peers queue them.
            recycledToday.removeAll(keepingCapacity: true)
            var pending = pendingHead[day]
            while pending >= 0 {
                recycledToday.append(pending)
                pending = nextPending[Int(pending)]
            }
            recycledToday.sort()
            arrivals.removeAll(keepingCapacity: true)
            mergeSorted(firstOrder[Int(firstByDay[day])..<Int(firstByDay[day + 1])], recycledToday, into: &arrivals)
            for lead in arrivals {
                let index = Int(lead)
                let group = LeadGroups.of(index)
                ledger.funnel[group].handovers += 1
                weekly.handovers[week] += 1
                if episodes[index] == 0 {
                    ledger.funnel[group].mql += 1
                    weekly.mqls[week] += 1
                }
                joinedDay[index] = Int32(day)
                queue.append(lead)
            }

            let taken = min(config.capacityPerDay, queue.count - queueHead)
            for _ in 0..<taken {
                let lead = Int(queue[queueHead])
                queueHead += 1
                let group = LeadGroups.of(lead)
                let wait = day - Int(joinedDay[lead])
                ledger.recordWait(Double(wait) * 24, part: group)
                var sales = RandomStream(
                    seed: config.seed, subject: UInt64(lead), purpose: .sales, episode: UInt64(episodes[lead]))
                let contacted = sales.uniform() < config.contactRate * exp(-Double(wait) / config.contactDecayDays)
                let accepted = contacted && sales.uniform() < config.acceptBase + config.acceptFit * config.fit[lead]
                let qualified = accepted && sales.uniform() < config.sqlBase + config.sqlIntent * config.intent[lead]
                if contacted { ledger.funnel[group].contacted += 1 }
                if accepted { ledger.funnel[group].sal += 1 }
                if qualified {
                    ledger.funnel[group].sql += 1
                    ledger.funnel[group].opportunities += 1
                    weekly.sqls[week] += 1
                    weekly.opportunities[week] += 1
                    let closeDay = day + config.cycleDays
                    if closeDay < days {
                        var deal = RandomStream(
                            seed: config.seed, subject: UInt64(lead), purpose: .opportunity,
                            episode: UInt64(episodes[lead]))
                        ledger.cycleDaysSum[group] += Double(config.cycleDays)
                        if deal.uniform() < config.winBase + config.winIntent * config.intent[lead] {
                            ledger.funnel[group].won += 1
                            weekly.won[closeDay / 7] += 1
                        } else {
                            ledger.funnel[group].lost += 1
                        }
                    } else {
                        ledger.funnel[group].openOpportunities += 1
                    }
                    continue
                }
                ledger.funnel[group].recycled += 1
                episodes[lead] += 1
                switch config.episode(lead: lead, from: day + 1, index: UInt64(episodes[lead])) {
                case .handover(let next):
                    nextPending[lead] = pendingHead[Int(next)]
                    pendingHead[Int(next)] = Int32(lead)
                case .unsubscribed: ledger.funnel[group].unsubscribed += 1
                case .none: break
                }
            }
            if day % 7 == 6 { weekly.backlog[week] = queue.count - queueHead }
        }
        // Leads still queued at the end, by group.
        for lead in queue[queueHead...] { ledger.funnel[LeadGroups.of(Int(lead))].queueEnd += 1 }
        var base = result
        base.weekly = weekly
        return ledger.finish(base, availableHours: [], salesCost: 0, threads: options.threads)
    }
}

/// How a nurture episode ends.
enum EpisodeEnd: Sendable, Equatable {
    case handover(day: Int32)
    case unsubscribed(day: Int32)
    case none
}

private func mergeSorted(_ a: ArraySlice<Int32>, _ b: [Int32], into out: inout [Int32]) {
    var i = a.startIndex
    var j = 0
    while i < a.endIndex, j < b.count {
        if a[i] <= b[j] { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
    }
    out.append(contentsOf: a[i...])
    out.append(contentsOf: b[j...])
}

extension ReferenceModel {
    /// Parameters resolved once per run into the form the hot loop reads.
    struct Config: Sendable {
        let seed: UInt64
        let days: Int
        let capacityPerDay: Int
        let threshold: Double
        let unsubscribe: Double
        let openRate, visitRate, downloadRate, demoRate: Double
        /// Engagement points of each combination of touchpoints on one day, by bit mask
        /// (1 open, 2 visit, 4 download, 8 demo request).
        let pointsByMask: [Double]
        /// decayPower[k] = (1 - decay)^k.
        let decayPower: [Double]
        let contactRate, contactDecayDays, acceptBase, acceptFit, sqlBase, sqlIntent, winBase, winIntent: Double
        let cycleDays: Int
        let arrivalDay: [Int]
        let fit: [Double]
        let intent: [Double]
        let fitPoints: [Double]
        /// Held here so the hot loop reads the tables without a lazy-global check per draw.
        let ziggurat = ExponentialZiggurat.shared

        init(_ p: ParameterSet, population: Population) {
            seed = population.seed
            days = population.horizonWeeks * 7
            capacityPerDay = max(1, Int((Double(population.count) * p[Key.salesTouchesPer1000Leads] / 1000).rounded(.up)))
            threshold = p[Key.mqlThreshold]
            unsubscribe = p[Key.nurtureUnsubscribeRate]
            openRate = p[Key.touchpointEmailOpenRate]
            visitRate = p[Key.touchpointWebVisitRate]
            downloadRate = p[Key.touchpointContentDownloadRate]
            demoRate = p[Key.touchpointDemoRequestRate]
            let points = [
                p[Key.touchpointEmailOpenPoints], p[Key.touchpointWebVisitPoints],
                p[Key.touchpointContentDownloadPoints], 0,
            ]
            pointsByMask = (0..<16).map { mask in (0..<4).reduce(0) { mask & (1 << $1) != 0 ? $0 + points[$1] : $0 } }
            let keep = 1 - p[Key.scoreDecayPerDay]
            decayPower = (0...(days + 1)).map { pow(keep, Double($0)) }
            contactRate = p[Key.salesContactRate]
            contactDecayDays = p[Key.salesContactDecayDays]
            acceptBase = p[Key.salesAcceptBase]
            acceptFit = p[Key.salesAcceptFit]
            sqlBase = p[Key.sqlBase]
            sqlIntent = p[Key.sqlIntent]
            winBase = p[Key.winBase]
            winIntent = p[Key.winIntent]
            cycleDays = p[Key.opportunityCycleDays]
            arrivalDay = population.createdHours.map { Int($0 / 24) }
            fit = population.fit.map(Double.init)
            intent = population.intent.map(Double.init)
            let maxPoints = p[Key.fitMaxPoints]
            fitPoints = population.fit.map { (maxPoints * Double($0)).rounded(.toNearestOrEven) }
        }

        /// The lead's nurture episode from `start` with a zero engagement score: the day it becomes
        /// MQL, or unsubscribes, or nothing within the horizon. A pure function of
        /// (seed, lead, episode, start): the same inputs give the same journey in any run.
        @inline(__always)
        func episode(lead: Int, from start: Int, index: UInt64) -> EpisodeEnd {
            guard start < days else { return .none }
            var random = RandomStream(seed: seed, subject: UInt64(lead), purpose: .nurture, episode: index)
            let intent = self.intent[lead]
            let fitPoints = self.fitPoints[lead]
            let chance = (
                min(1, openRate * (0.5 + intent)), min(1, visitRate * (0.5 + intent)),
                min(1, downloadRate * (0.5 + 2 * intent)), min(1, demoRate * intent)
            )
            let stays = 1 - unsubscribe
            // Chance of each day outcome: index 0 unsubscribe, index m the touchpoint set m.
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: 16) { cumulative in
                cumulative[0] = unsubscribe
                for mask in 1..<16 {
                    let probability = stays
                        * (mask & 1 != 0 ? chance.0 : 1 - chance.0) * (mask & 2 != 0 ? chance.1 : 1 - chance.1)
                        * (mask & 4 != 0 ? chance.2 : 1 - chance.2) * (mask & 8 != 0 ? chance.3 : 1 - chance.3)
                    cumulative[mask] = cumulative[mask - 1] + probability
                }
                let eventful = cumulative[15]
                if fitPoints >= threshold {
                    // Qualifies on its first day unless it unsubscribes first.
                    return random.uniform() < unsubscribe ? .unsubscribed(day: Int32(start)) : .handover(day: Int32(start))
                }
                let logQuiet = log(1 - eventful)
                guard logQuiet < 0 else { return .none }
                var score = 0.0
                var last = start - 1
                while true {
                    let quietDays = random.standardExponential(ziggurat) / -logQuiet
                    guard quietDays < Double(days - 1 - last) else { return .none }
                    let day = last + 1 + Int(quietDays)
                    let target = random.uniform() * eventful
                    var outcome = 0
                    while outcome < 15, cumulative[outcome] <= target { outcome += 1 }
                    if outcome == 0 { return .unsubscribed(day: Int32(day)) }
                    score = score * decayPower[day - last] + pointsByMask[outcome]
                    last = day
                    if outcome & 8 != 0 || fitPoints + score >= threshold { return .handover(day: Int32(day)) }
                }
            }
        }
    }
}

extension ReferenceModel {
    /// Bytes a run holds per lead beside the population: first-episode outcome, pending-list link,
    /// episode number, queue-join day, and the per-lead columns resolved into `Config`.
    public static let runBytesPerLead =
        MemoryLayout<EpisodeEnd>.stride + MemoryLayout<Int32>.stride * 2 + MemoryLayout<UInt32>.stride
        + MemoryLayout<Int>.stride + MemoryLayout<Double>.stride * 3

    public var runBytesPerLead: Int { Self.runBytesPerLead }
}
