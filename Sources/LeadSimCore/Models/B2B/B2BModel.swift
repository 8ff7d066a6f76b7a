import Foundation
import HeapModule

/// The default B2B lead-management model (PRODUCT.md §2): channels and conversion moments,
/// firmographic fit grades, intent with buying windows, e-mail nurture with consent and fatigue,
/// grouped and decaying engagement scores, a two-axis MQL rule with hand-raiser fast track, and a
/// sales team with working hours, absences, routing, SLAs, reneging and activity costs.
///
/// Leads are independent until they reach sales, so every lead's first nurture episode runs in
/// parallel; hand-overs then meet the reps in time order.
public struct B2BModel: LeadModel {
    /// Touchpoint campaigns in force for the next runs.
    public var campaigns: [Campaign] = []

    public init(campaigns: [Campaign] = []) { self.campaigns = campaigns }

    public var name: String { "b2b" }
    public var summary: String { "the default B2B model: scoring, nurture, routing to reps, SLAs, opportunities" }
    public var parameterSpecs: [ParameterSpec] { Self.specs }
    public var defaultHorizonWeeks: Int { 26 }

    public func simulate(
        _ population: Population, parameters: ParameterSet, options: RunOptions
    ) throws(RunCancelled) -> RunResult {
        let config = Config(parameters, population: population, campaigns: campaigns, threads: options.threads)
        let count = population.count
        var firstEnd = [NurtureEnd](repeating: .none, count: count)
        var scored = [UInt16](repeating: 0, count: count)
        firstEnd.withUnsafeMutableBufferPointer { ends in
            scored.withUnsafeMutableBufferPointer { masks in
                let endsOut = DisjointWrites(ends.baseAddress!)
                let masksOut = DisjointWrites(masks.baseAddress!)
                ParallelChunks.forEach(count: count, chunkSize: 1024, threads: options.threads) { _, range in
                    if options.cancellation?.isSet == true { return }
                    var awards: [PointAward] = []
                    awards.reserveCapacity(64)
                    for lead in range {
                        var mask: UInt16 = 0
                        endsOut[lead] = config.episode(
                            lead: lead, population: population, from: Double(population.createdHours[lead]),
                            index: 0, scored: &mask, awards: &awards)
                        masksOut[lead] = mask
                    }
                }
            }
        }
        try options.checkCancelled()
        var sales = SalesDesk(config: config, parameters: parameters, population: population)
        return try sales.run(firstEnd: firstEnd, scored: scored, options: options, model: name)
    }
}

/// A hand-over waiting to be processed, ordered by time, then lead (so that ties are deterministic).
struct PendingHandover: Comparable, Sendable {
    var hours: Double
    var lead: Int32

    static func < (a: PendingHandover, b: PendingHandover) -> Bool {
        a.hours < b.hours || (a.hours == b.hours && a.lead < b.lead)
    }

    /// `handovers` (times in 0...`horizonHours`) in time order: a counting sort by whole hour,
    /// then insertion sort within each hour. Hand-overs spread over thousands of hours a handful
    /// at a time, so this is linear where a comparison sort is not (3.7 ms → 0.4 ms for the
    /// first hand-overs of 100,000 leads).
    static func sortedByTime(_ handovers: [PendingHandover], horizonHours: Double) -> [PendingHandover] {
        let buckets = Int(horizonHours) + 1
        var starts = [Int](repeating: 0, count: buckets + 1)
        @inline(__always) func bucket(_ h: PendingHandover) -> Int { min(buckets - 1, max(0, Int(h.hours))) }
        for handover in handovers { starts[bucket(handover) + 1] += 1 }
        for index in 1...buckets { starts[index] += starts[index - 1] }
        var next = starts
        var sorted = [PendingHandover](repeating: PendingHandover(hours: 0, lead: 0), count: handovers.count)
        for handover in handovers {
            let b = bucket(handover)
            sorted[next[b]] = handover
            next[b] += 1
        }
        for b in 0..<buckets where starts[b + 1] - starts[b] > 1 {
            for index in (starts[b] + 1)..<starts[b + 1] {
                let item = sorted[index]
                var hole = index
                while hole > starts[b], item < sorted[hole - 1] {
                    sorted[hole] = sorted[hole - 1]
                    hole -= 1
                }
                sorted[hole] = item
            }
        }
        return sorted
    }
}

/// The sales side of the default model: routes hand-overs to reps and works them in time order.
struct SalesDesk {
    let config: B2BModel.Config
    let population: Population
    let calendar: SalesCalendar
    let reps: Int
    let routing: Routing
    let firstTouchHours, discoveryHours, demoHours, proposalHours: Double
    let contactRate, contactFloor, contactHalfLife, qualifyFloor, qualifyHalfLife: Double
    let patienceHours, acceptanceRate, disqualifyShare: Double
    let bantRequired: Int
    let intentWeight: Double
    let slaHours, maxWaitHours: Double
    let onBreach: Int
    let opportunityRate, cycleHours, winRate: Double
    let costPerLead: [Double]
    let repCostPerWeek: Double

    init(config: B2BModel.Config, parameters p: ParameterSet, population: Population) {
        self.config = config
        self.population = population
        reps = Int(p["sales.reps"])
        routing = Routing(rawValue: Int(p["sales.routing"]))!
        calendar = SalesCalendar(
            reps: reps, weeks: config.weeks, dayStartHour: p["sales.day_start_hour"],
            hoursPerWeek: p["sales.capacity_hours_per_week"], absenceShare: p["sales.absence_share"], seed: config.seed)
        firstTouchHours = p["sales.first_touch_hours"]
        discoveryHours = p["sales.discovery_hours"]
        demoHours = p["sales.demo_hours"]
        proposalHours = p["sales.proposal_hours"]
        contactRate = p["sales.contact_rate"]
        contactFloor = p["speed.contact_floor"]
        contactHalfLife = p["speed.contact_half_life_hours"]
        qualifyFloor = p["speed.qualify_floor"]
        qualifyHalfLife = p["speed.qualify_half_life_hours"]
        patienceHours = p["sales.patience_days"] * 24
        acceptanceRate = p["sales.acceptance_rate"]
        disqualifyShare = p["sales.disqualify_share"]
        bantRequired = Int(p["sql.bant_required"])
        intentWeight = p["sql.intent_weight"]
        slaHours = p["sla.first_touch_hours"]
        maxWaitHours = p["sla.max_wait_hours"]
        onBreach = Int(p["sla.on_breach"])
        opportunityRate = p["opportunity.rate"]
        cycleHours = p["opportunity.cycle_days"] * 24
        winRate = p["win.rate"]
        costPerLead = Channel.allCases.map { p["channel.\($0.name).cost_per_lead"] }
        repCostPerWeek = p["sales.rep_cost_per_week"]
    }

    /// Chance of reaching a lead after `wait` hours, relative to reaching it at once.
    static func speedFactor(wait: Double, floor: Double, halfLife: Double) -> Double {
        floor + (1 - floor) * exp2(-wait / halfLife)
    }

    mutating func run(
        firstEnd: [NurtureEnd], scored initialScored: [UInt16], options: RunOptions, model: String
    ) throws(RunCancelled) -> RunResult {
        let horizon = config.horizonHours
        let weeks = config.weeks
        var result = RunResult(model: model, leads: population.count, weeks: weeks)
        var weekly = WeeklySeries(weeks: weeks)
        weekly.newLeads = config.tally.newLeads
        var ledger = RunLedger(reps: reps, leads: population.count)
        for group in 0..<LeadGroups.count {
            let tally = config.tally.groups[group]
            ledger.funnel[group].mal = tally.grades[...Int(config.malMinGrade)].reduce(0, +)
            ledger.marketingCost[group] = zip(tally.channels, costPerLead).reduce(0) { $0 + Double($1.0) * $1.1 }
        }

        var scored = initialScored  // unique owner after the call: no copy is made
        var episode = [UInt16](repeating: 0, count: population.count)
        var becameMQL = [Bool](repeating: false, count: population.count)
        var initial: [PendingHandover] = []
        for (lead, end) in firstEnd.enumerated() {
            switch end {
            case .handover(let hours): initial.append(PendingHandover(hours: hours, lead: Int32(lead)))
            case .unsubscribed: ledger.funnel[LeadGroups.of(lead)].unsubscribed += 1
            case .bounced: ledger.funnel[LeadGroups.of(lead)].bounced += 1
            case .none: break
            }
        }
        initial = PendingHandover.sortedByTime(initial, horizonHours: horizon)
        var recycledQueue = Heap<PendingHandover>()

        var team = RepTeam(count: reps, calendar: calendar)
        var backlogDelta = [Int](repeating: 0, count: weeks + 1)

        /// Leads waiting from `from` to `until` count in the backlog of each week ending in between.
        func addBacklog(from: Double, until: Double) {
            // Week j ends at j × 168 h; the lead waits through it when from <= j × 168 < until.
            let end = until >= horizon ? horizon + 1 : until
            let first = max(1, Int((from / 168).rounded(.up)))
            let last = min(weeks, Int((end / 168).rounded(.up)) - 1)
            guard first <= last else { return }
            backlogDelta[first - 1] += 1
            backlogDelta[last] -= 1
        }

        // Recycled leads restart nurture only after `recycle.delay_days`, so their next episodes are
        // gathered and computed in parallel batches just before the desk reaches the earliest
        // restart. An episode is a pure function of its inputs, so batching changes no result.
        var restarts: [(lead: Int32, hours: Double)] = []
        var earliestRestart = Double.infinity
        let threads = options.threads

        func recycle(lead: Int, at hours: Double) {
            ledger.funnel[LeadGroups.of(lead)].recycled += 1
            episode[lead] += 1
            let restart = hours + config.recycleDelayHours
            restarts.append((Int32(lead), restart))
            earliestRestart = min(earliestRestart, restart)
        }

        func computeRestarts() {
            var ends = [NurtureEnd](repeating: .none, count: restarts.count)
            let batch = restarts
            let episodes = episode
            ends.withUnsafeMutableBufferPointer { endBuffer in
                scored.withUnsafeMutableBufferPointer { scoredBuffer in
                    let endsOut = DisjointWrites(endBuffer.baseAddress!)
                    let scoredOut = DisjointWrites(scoredBuffer.baseAddress!)
                    ParallelChunks.forEach(count: batch.count, chunkSize: 512, threads: threads) {
                        [config, population] _, range in
                        var awards: [PointAward] = []
                        for index in range {
                            let lead = Int(batch[index].lead)
                            var mask = scoredOut[lead]
                            endsOut[index] = config.episode(
                                lead: lead, population: population, from: batch[index].hours,
                                index: UInt32(episodes[lead]), scored: &mask, awards: &awards)
                            scoredOut[lead] = mask
                        }
                    }
                }
            }
            for (index, end) in ends.enumerated() {
                let group = LeadGroups.of(Int(batch[index].lead))
                switch end {
                case .handover(let at): recycledQueue.insert(PendingHandover(hours: at, lead: batch[index].lead))
                case .unsubscribed: ledger.funnel[group].unsubscribed += 1
                case .bounced: ledger.funnel[group].bounced += 1
                case .none: break
                }
            }
            restarts.removeAll(keepingCapacity: true)
            earliestRestart = .infinity
        }

        var nextInitial = 0
        var processed = 0
        while true {
            let nextTime = min(
                nextInitial < initial.count ? initial[nextInitial].hours : .infinity,
                recycledQueue.min?.hours ?? .infinity)
            if !restarts.isEmpty, earliestRestart <= nextTime {
                computeRestarts()
                continue
            }
            let handover: PendingHandover
            if nextInitial < initial.count, recycledQueue.min.map({ initial[nextInitial] < $0 }) ?? true {
                handover = initial[nextInitial]
                nextInitial += 1
            } else if let next = recycledQueue.popMin() {
                handover = next
            } else {
                break
            }
            processed += 1
            if processed & 1023 == 0 { try options.checkCancelled() }

            let lead = Int(handover.lead)
            let arrival = handover.hours
            let week = min(weeks - 1, Int(arrival / 168))
            let group = LeadGroups.of(lead)
            let repSlot = group * reps
            ledger.funnel[group].handovers += 1
            weekly.handovers[week] += 1
            if !becameMQL[lead] {
                becameMQL[lead] = true
                ledger.funnel[group].mql += 1
                weekly.mqls[week] += 1
            }
            var random = RandomStream(
                seed: config.seed, subject: UInt64(lead), purpose: .sales, episode: UInt64(episode[lead]))
            let patience = random.exponential(mean: patienceHours)

            var rep = team.route(routing, region: Int(population.region[lead].rawValue), at: arrival)
            var start = team.earliestStart(rep: rep, arrival: arrival)
            if start - arrival > maxWaitHours, onBreach != 2, min(patience, horizon - arrival) > maxWaitHours {
                if onBreach == 1 {  // back to nurture when the SLA stage times out
                    ledger.breaches[group] += maxWaitHours > slaHours ? 1 : 0
                    addBacklog(from: arrival, until: arrival + maxWaitHours)
                    recycle(lead: lead, at: arrival + maxWaitHours)
                    continue
                }
                // Escalate: work is planned first in, first out, so the breach is foreseen at the
                // hand-over, and the lead goes to the rep who can touch it soonest. Planning it into
                // a rep's day at the breach time instead would block the leads queued before it.
                (rep, start) = team.soonest(arrival: arrival)
            }
            if start - arrival > patience && arrival + patience < horizon {
                ledger.funnel[group].reneged += 1
                if patience > slaHours { ledger.breaches[group] += 1 }
                addBacklog(from: arrival, until: arrival + patience)
                recycle(lead: lead, at: arrival + patience)
                continue
            }
            ledger.repLeads[repSlot + rep] += 1
            addBacklog(from: arrival, until: start)
            if start >= horizon {
                ledger.funnel[group].queueEnd += 1
                ledger.repBacklogEnd[repSlot + rep] += 1
                if horizon - arrival > slaHours { ledger.breaches[group] += 1 }
                team.book(rep: rep, start: start, work: 0)
                continue
            }

            let wait = start - arrival
            ledger.recordWait(wait, group: group)
            if wait > slaHours { ledger.breaches[group] += 1 }
            var work = firstTouchHours
            defer {
                team.book(rep: rep, start: start, work: work)
                ledger.repBusyHours[repSlot + rep] += work
            }
            let contacted =
                random.uniform()
                < contactRate * Self.speedFactor(wait: wait, floor: contactFloor, halfLife: contactHalfLife)
            guard contacted else {
                recycle(lead: lead, at: start)
                continue
            }
            ledger.funnel[group].contacted += 1
            let fit = Double(population.fit[lead])
            guard random.uniform() < min(1, acceptanceRate * (0.5 + fit)) else {
                if random.uniform() < disqualifyShare {
                    ledger.funnel[group].disqualified += 1
                } else {
                    recycle(lead: lead, at: start)
                }
                continue
            }
            ledger.funnel[group].sal += 1
            work += discoveryHours
            var bant = population.bant[lead]
            let inWindow = start >= Double(population.windowStartHours[lead]) && start < Double(population.windowEndHours[lead])
            if inWindow { bant.insert(.timeline) }
            let intent = inWindow ? min(1, Double(population.intent[lead]) + config.windowBoost) : Double(population.intent[lead])
            let qualifies =
                bant.count >= bantRequired
                && random.uniform()
                    < Self.speedFactor(wait: wait, floor: qualifyFloor, halfLife: qualifyHalfLife)
                    * (1 - intentWeight + 2 * intentWeight * intent)
            guard qualifies else {
                recycle(lead: lead, at: start)
                continue
            }
            ledger.funnel[group].sql += 1
            weekly.sqls[min(weeks - 1, Int(start / 168))] += 1
            guard random.uniform() < opportunityRate else {
                recycle(lead: lead, at: start)
                continue
            }
            ledger.funnel[group].opportunities += 1
            weekly.opportunities[min(weeks - 1, Int(start / 168))] += 1
            work += demoHours + proposalHours
            var deal = RandomStream(
                seed: config.seed, subject: UInt64(lead), purpose: .opportunity, episode: UInt64(episode[lead]))
            let cycle = deal.gamma(shape: 2, mean: cycleHours)
            let value = Double(population.dealValue[lead])
            ledger.pipeline[group].createdValue += value
            let wins = deal.uniform() < min(1, winRate * (0.4 + 1.2 * intent) * (0.5 + fit))
            let close = start + cycle
            if close < horizon {
                ledger.cycleDaysSum[group] += cycle / 24
                if wins {
                    ledger.funnel[group].won += 1
                    weekly.won[Int(close / 168)] += 1
                    ledger.pipeline[group].wonValue += value
                } else {
                    ledger.funnel[group].lost += 1
                }
            } else {
                ledger.funnel[group].openOpportunities += 1
                ledger.pipeline[group].openValue += value
            }
        }

        var running = 0
        for week in 0..<weeks {
            running += backlogDelta[week]
            weekly.backlog[week] = running
        }
        result.weekly = weekly
        return ledger.finish(
            result, availableHours: (0..<reps).map { calendar.availableHours(rep: $0, weeks: weeks) },
            salesCost: Double(reps * weeks) * repCostPerWeek, threads: options.threads)
    }
}

extension B2BModel {
    /// Bytes a run holds per lead beside the population (per-hand-over lists come on top, about a
    /// third of a lead's worth each): first-episode outcome, scored-touchpoint mask, episode
    /// number, MQL flag, and the grade and consent resolved for the run.
    public static let runBytesPerLead =
        MemoryLayout<NurtureEnd>.stride + MemoryLayout<UInt16>.stride * 2 + MemoryLayout<Bool>.stride * 3
        + MemoryLayout<UInt8>.stride
}
