import Foundation

/// What sales does with a hand-over when SLA's longest wait (`sla.max_wait_hours`) runs out.
enum BreachRule: Int, Sendable {
    case escalate, recycle, wait
}

/// Meetings a rep books with an accepted lead, each on a later day than the step before it.
enum Meeting: UInt8, Sendable {
    case discovery = 1, demo, proposal
}

/// The kinds of moment at which a waiting hand-over may leave its queue untouched, as the `step`
/// of a `ScheduledTask` in the desk's timers.
enum QueueTimer {
    /// The lead gives up waiting (reneging).
    static let giveUp: UInt8 = 0
    /// The SLA's longest wait runs out.
    static let slaEnd: UInt8 = 1
}

/// What the desk reads and writes of one lead, side by side, so that one lead's event touches one
/// cache line rather than one per column (the sales phase ran about twice as long over separate
/// columns). The desk keeps these records in the order of the leads' first hand-overs: it meets
/// them in that order, and leads in flight at the same time sit close together in memory.
struct SalesLead {
    /// The lead's number in the population (its random streams are keyed by it).
    let id: Int32
    var arrivalHours = 0.0
    var firstWaitHours: Float = 0
    /// The queue the lead waits in, while it waits for a first attempt.
    var queuedIn: Int32 = -1
    var episode: UInt16 = 0
    var stage = SalesDesk.Stage.none
    var becameMQL = false
    // Fixed for the run.
    let windowStart: Float
    let windowEnd: Float
    let created: Float
    /// Intent before the buying window's boost (nurturing's lift included).
    let intent: Float
    let fit: Float
    let dealValue: Float
    let region: UInt8
    let grade: UInt8
    let bant: BANT
    /// Whether the lead gave marketing consent (and confirmed it where double opt-in applies).
    let hasConsent: Bool
    let channel: UInt8

    @inline(__always)
    func isReady(at hours: Double) -> Bool { hours >= Double(windowStart) && hours < Double(windowEnd) }

    @inline(__always)
    func intent(at hours: Double, windowBoost: Double) -> Double {
        min(1, Double(intent) + (isReady(at: hours) ? windowBoost : 0))
    }
}

/// The sales side of the default model: hand-overs meet the reps' queues in time order; reps work
/// several contact attempts per hand-over on a cadence, accept or reject the leads they reach, book
/// discovery, demo and proposal on later days, and open opportunities.
///
/// Only what happens inside the measured window is recorded; everything before it (the warm-up)
/// runs the same way so that the window starts with queues, follow-ups and meetings in place.
struct SalesDesk {
    let config: B2BModel.Config
    let population: Population
    let calendar: SalesCalendar
    let reps: Int
    let routing: Routing
    let order: QueueOrder
    let attempts: Int
    let attemptGapHours, attemptHours, meetingGapHours: Double
    let discoveryHours, demoHours, proposalHours: Double
    let contactCurve, qualifyCurve: SpeedCurve
    let contactWithoutConsent: Bool
    let patienceHours, acceptReady, acceptUnready, prematureLoss, disqualifyShare: Double
    let bantRequired: Int
    let intentWeight: Double
    let slaHours, maxWaitHours: Double
    let onBreach: BreachRule
    let opportunityRate, cycleHours, winRate: Double
    let costPerLead: [Double]
    let repCostPerWeek: Double

    init(config: B2BModel.Config, parameters p: ParameterSet, population: Population) {
        self.config = config
        self.population = population
        reps = Int(p["sales.reps"])
        routing = Routing(rawValue: Int(p["sales.routing"]))!
        order = QueueOrder(rawValue: Int(p["sales.queue_order"]))!
        calendar = SalesCalendar(
            reps: reps, weeks: population.warmupWeeks + population.horizonWeeks, dayStartHour: p["sales.day_start_hour"],
            hoursPerWeek: p["sales.capacity_hours_per_week"], absenceShare: p["sales.absence_share"], seed: config.seed)
        attempts = Int(p["sales.attempts"])
        attemptGapHours = p["sales.attempt_gap_days"] * 24
        attemptHours = p["sales.attempt_hours"]
        meetingGapHours = p["sales.meeting_gap_days"] * 24
        discoveryHours = p["sales.discovery_hours"]
        demoHours = p["sales.demo_hours"]
        proposalHours = p["sales.proposal_hours"]
        contactCurve = SpeedCurve(p, prefix: "speed.contact")
        qualifyCurve = SpeedCurve(p, prefix: "speed.qualify")
        contactWithoutConsent = p["sales.contact_without_consent"] != 0
        patienceHours = p["sales.patience_days"] * 24
        acceptReady = p["sales.acceptance_rate"]
        acceptUnready = p["sales.unready_acceptance"]
        prematureLoss = p["sales.premature_loss"]
        disqualifyShare = p["sales.disqualify_share"]
        bantRequired = Int(p["sql.bant_required"])
        intentWeight = p["sql.intent_weight"]
        slaHours = p["sla.first_touch_hours"]
        maxWaitHours = p["sla.max_wait_hours"]
        onBreach = BreachRule(rawValue: Int(p["sla.on_breach"]))!
        opportunityRate = p["opportunity.rate"]
        cycleHours = p["opportunity.cycle_days"] * 24
        winRate = p["win.rate"]
        costPerLead = Channel.allCases.map { p["channel.\($0.name).cost_per_lead"] }
        repCostPerWeek = p["sales.rep_cost_per_week"]
    }

    /// Where a lead stands with sales.
    enum Stage: UInt8 {
        case none, waiting, working, meetings
    }

    /// The random stream of one sales step of one hand-over: the step's draws do not move when
    /// another step draws more or less, so a change to the cadence leaves the other steps' luck alone.
    @inline(__always)
    func stream(_ lead: Int, episode: UInt16, step: UInt64) -> RandomStream {
        RandomStream(seed: config.seed, subject: UInt64(lead), purpose: .sales, episode: UInt64(episode) << 8 | step)
    }

    /// Queue key of a new hand-over: lower is served first.
    @inline(__always)
    func queueKey(grade: UInt8, arrival: Double, handRaiser: Bool) -> Double {
        switch order {
        case .fifo: arrival
        case .priority: Double(handRaiser ? 0 : 1 + Int(grade)) * 1e7 + arrival
        }
    }

    /// The desk's record of every lead, in the given order, gathered in parallel.
    func salesLeads(order: [Int32], threads: Int) -> [SalesLead] {
        let count = order.count
        return [SalesLead](unsafeUninitializedCapacity: count) { buffer, initialized in
            let out = DisjointWrites(buffer.baseAddress!)
            ParallelChunks.forEach(count: count, chunkSize: 16_384, threads: threads) { [config, population] _, range in
                for slot in range {
                    let lead = Int(order[slot])
                    let nurtured = config.emailable[lead] && config.trackEmails > 0
                    (out.base + slot).initialize(to: SalesLead(
                        id: Int32(lead), windowStart: config.windowStart[lead], windowEnd: config.windowEnd[lead],
                        created: population.createdHours[lead],
                        intent: population.intent[lead] + (nurtured ? Float(config.nurtureIntentLift) : 0),
                        fit: population.fit[lead], dealValue: population.dealValue[lead],
                        region: population.region[lead].rawValue, grade: config.grade[lead], bant: population.bant[lead],
                        hasConsent: config.emailable[lead], channel: population.channel[lead].rawValue))
                }
            }
            initialized = count
        }
    }

    mutating func run(
        firstEnd: [NurtureEnd], scored initialScored: [UInt16], options: RunOptions, model: String
    ) throws(RunCancelled) -> RunResult {
        let end = config.endHours
        let windowStart = config.windowStartHours
        let weeks = config.weeks
        let parts = B2BModel.parts(weeks: weeks)
        let count = population.count
        var result = RunResult(model: model, leads: population.windowLeads, weeks: weeks)
        result.groupKind = "spans of the window"
        var weekly = WeeklySeries(weeks: weeks)
        weekly.newLeads = config.tally.newLeads
        var ledger = RunLedger(reps: reps, parts: parts)
        for part in 0..<parts {
            let tally = config.tally.groups[part]
            ledger.funnel[part].created = tally.grades.reduce(0, +)
            ledger.funnel[part].mal = tally.grades[...Int(config.malMinGrade)].reduce(0, +)
            ledger.marketingCost[part] = zip(tally.channels, costPerLead).reduce(0) { $0 + Double($1.0) * $1.1 }
        }
        ledger.channels = Channel.allCases.map { channel in
            var figures = ChannelFigures(channel: channel.name)
            figures.leads = config.tally.groups.reduce(0) { $0 + $1.channels[Int(channel.rawValue)] }
            figures.cost = Double(figures.leads) * costPerLead[Int(channel.rawValue)]
            return figures
        }

        @inline(__always) func measured(_ hours: Double) -> Bool { hours >= windowStart }
        @inline(__always) func part(_ hours: Double) -> Int { B2BModel.part(of: hours - windowStart, weeks: weeks) }
        @inline(__always) func week(_ hours: Double) -> Int { min(weeks - 1, Int((hours - windowStart) / 168)) }

        var scored = initialScored  // unique owner after the call: no copy is made
        let windowBoost = config.windowBoost

        var initial: [PendingHandover] = []
        initial.reserveCapacity(count / 2)
        func collect(_ end: NurtureEnd, lead: Int32, into handle: (PendingHandover) -> Void) {
            switch end {
            case .handover(let hours): handle(PendingHandover(hours: hours, lead: lead))
            case .handRaised(let hours): handle(PendingHandover(hours: hours, lead: lead, handRaiser: true))
            case .unsubscribed(let hours): if measured(hours) { ledger.funnel[part(hours)].unsubscribed += 1 }
            case .bounced(let hours): if measured(hours) { ledger.funnel[part(hours)].bounced += 1 }
            case .none: break
            }
        }
        for (lead, outcome) in firstEnd.enumerated() {
            collect(outcome, lead: Int32(lead)) { initial.append($0) }
        }
        initial = PendingHandover.sortedByTime(initial, horizonHours: end)
        // From here on the desk knows each lead by its slot: its place in hand-over order.
        var order = initial.map(\.lead)
        var handedOver = [Bool](repeating: false, count: count)
        for handover in initial { handedOver[Int(handover.lead)] = true }
        for lead in 0..<count where !handedOver[lead] { order.append(Int32(lead)) }
        var leads = salesLeads(order: order, threads: options.threads)
        for slot in initial.indices { initial[slot].lead = Int32(slot) }
        var recycledQueue = MinHeap<PendingHandover>()
        var timers = MinHeap<ScheduledTask>()
        var floor = SalesFloor(reps: reps, calendar: calendar, routing: routing)
        var backlogDelta = [Int](repeating: 0, count: weeks + 1)

        /// A hand-over waiting from `from` to `until` counts in the backlog of each window week
        /// ending in between.
        func addBacklog(from: Double, until: Double) {
            // Week j of the window ends at windowStart + j × 168 h.
            let start = (from - windowStart) / 168
            let stop = until >= end ? Double(weeks) + 1 : (until - windowStart) / 168
            let first = max(1, Int(start.rounded(.up)))
            let last = min(weeks, Int(stop.rounded(.up)) - 1)
            guard first <= last else { return }
            backlogDelta[first - 1] += 1
            backlogDelta[last] -= 1
        }

        // Recycled leads restart nurture only after `recycle.delay_days`, so their next episodes are
        // gathered and computed in parallel batches just before the desk reaches the earliest
        // restart. An episode is a pure function of its inputs, so batching changes no result.
        var restarts: [(slot: Int32, lead: Int32, hours: Double, episode: UInt16)] = []
        var earliestRestart = Double.infinity
        let threads = options.threads
        let recycleDelay = config.recycleDelayHours
        let lifeHours = config.lifeHours

        func recycle(_ lead: Int, at hours: Double) {
            if measured(hours) { ledger.funnel[part(hours)].recycled += 1 }
            leads[lead].stage = .none
            leads[lead].episode &+= 1
            let restart = hours + recycleDelay
            guard restart < min(end, Double(leads[lead].created) + lifeHours) else { return }
            restarts.append((Int32(lead), leads[lead].id, restart, leads[lead].episode))
            earliestRestart = min(earliestRestart, restart)
        }

        func computeRestarts() {
            var ends = [NurtureEnd](repeating: .none, count: restarts.count)
            let batch = restarts
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
                                index: UInt32(batch[index].episode), scored: &mask, awards: &awards)
                            scoredOut[lead] = mask
                        }
                    }
                }
            }
            for (index, outcome) in ends.enumerated() {
                collect(outcome, lead: batch[index].slot) { recycledQueue.insert($0) }
            }
            restarts.removeAll(keepingCapacity: true)
            earliestRestart = .infinity
        }

        /// A hand-over leaves its queue untouched at `hours`.
        func leaveQueue(_ lead: Int, at hours: Double) {
            floor.waitingCount[Int(leads[lead].queuedIn)] -= 1
            leads[lead].queuedIn = -1
            addBacklog(from: leads[lead].arrivalHours, until: hours)
        }

        func arrive(_ handover: PendingHandover) {
            let lead = Int(handover.lead)
            let arrival = handover.hours
            let contactable = contactWithoutConsent || leads[lead].hasConsent
            if measured(arrival) {
                let p = part(arrival)
                if !leads[lead].becameMQL {
                    ledger.funnel[p].mql += 1
                    ledger.channels[Int(leads[lead].channel)].mql += 1
                    weekly.mqls[week(arrival)] += 1
                }
                if contactable {
                    ledger.funnel[p].handovers += 1
                    weekly.handovers[week(arrival)] += 1
                } else {
                    ledger.funnel[p].withoutConsent += 1
                }
            }
            leads[lead].becameMQL = true
            // Sales may not call it, and marketing may not e-mail it: the lead stays where it is.
            guard contactable else { return }
            leads[lead].stage = .waiting
            leads[lead].arrivalHours = arrival
            let queue = floor.route(region: Int(leads[lead].region), at: arrival)
            leads[lead].queuedIn = Int32(queue)
            let leadEpisode = leads[lead].episode
            floor.enqueue(
                QueuedLead(
                    key: queueKey(grade: leads[lead].grade, arrival: arrival, handRaiser: handover.handRaiser),
                    lead: handover.lead, episode: leadEpisode),
                queue: queue, at: arrival)
            var random = stream(Int(leads[lead].id), episode: leadEpisode, step: 0)
            let giveUp = arrival + random.exponential(mean: patienceHours)
            let slaEnd = onBreach == .wait ? Double.infinity : arrival + maxWaitHours
            let due = min(giveUp, slaEnd)
            if due < end {
                timers.insert(
                    ScheduledTask(
                        due: due, lead: handover.lead, step: slaEnd < giveUp ? QueueTimer.slaEnd : QueueTimer.giveUp,
                        episode: leadEpisode))
            }
        }

        func fire(_ timer: ScheduledTask) {
            let lead = Int(timer.lead)
            guard leads[lead].stage == .waiting, leads[lead].episode == timer.episode else { return }
            let arrival = leads[lead].arrivalHours
            let now = timer.due
            if timer.step == QueueTimer.giveUp {
                leaveQueue(lead, at: now)
                if measured(arrival) {
                    ledger.funnel[part(arrival)].reneged += 1
                    if now - arrival > slaHours { ledger.breaches[part(arrival)] += 1 }
                }
                recycle(lead, at: now)
                return
            }
            switch onBreach {
            case .recycle:
                leaveQueue(lead, at: now)
                if measured(arrival) {
                    ledger.funnel[part(arrival)].slaRecycled += 1
                    if now - arrival > slaHours { ledger.breaches[part(arrival)] += 1 }
                }
                recycle(lead, at: now)
            case .escalate:
                // To the rep who can touch it soonest, ahead of every new hand-over there.
                if routing != .pooled {
                    floor.waitingCount[Int(leads[lead].queuedIn)] -= 1
                    let rep = floor.soonest(at: now)
                    leads[lead].queuedIn = Int32(rep)
                    floor.enqueue(QueuedLead(key: -1e12 + arrival, lead: timer.lead, episode: timer.episode), queue: rep, at: now)
                }
                if measured(arrival) { ledger.funnel[part(arrival)].escalated += 1 }
                var random = stream(Int(leads[lead].id), episode: timer.episode, step: 0)
                let giveUp = arrival + random.exponential(mean: patienceHours)
                if giveUp < end {
                    timers.insert(ScheduledTask(due: max(giveUp, now), lead: timer.lead, step: QueueTimer.giveUp, episode: timer.episode))
                }
            case .wait:
                break
            }
        }

        /// The first or a later contact attempt; returns the rep hours it took.
        func attempt(_ lead: Int, number: Int, rep: Int, at now: Double) -> Double {
            let arrival = leads[lead].arrivalHours
            let wait = now - arrival
            let leadEpisode = leads[lead].episode
            if number == 1 {
                leads[lead].firstWaitHours = Float(wait)
                leads[lead].stage = .working
                addBacklog(from: arrival, until: now)
                if measured(arrival) {
                    ledger.recordWait(wait, part: part(arrival))
                    if wait > slaHours { ledger.breaches[part(arrival)] += 1 }
                }
                if measured(now) { ledger.repLeads[part(now) * reps + rep] += 1 }
            }
            var random = stream(Int(leads[lead].id), episode: leadEpisode, step: UInt64(number))
            guard random.uniform() < contactCurve.chance(afterHours: wait) else {
                if number < attempts {
                    floor.schedule(
                        ScheduledTask(due: now + attemptGapHours, lead: Int32(lead), step: UInt8(number + 1), episode: leadEpisode),
                        rep: rep, meeting: false)
                } else {
                    if measured(now) { ledger.funnel[part(now)].notReached += 1 }
                    recycle(lead, at: now)
                }
                return attemptHours
            }
            if measured(now) { ledger.funnel[part(now)].contacted += 1 }
            let ready = leads[lead].isReady(at: now)
            let fit = Double(leads[lead].fit)
            let accepts = ready ? min(1, acceptReady * (0.5 + fit)) : acceptUnready
            if random.uniform() < accepts {
                if measured(now) { ledger.funnel[part(now)].sal += 1 }
                leads[lead].stage = .meetings
                floor.schedule(
                    ScheduledTask(due: now + meetingGapHours, lead: Int32(lead), step: Meeting.discovery.rawValue, episode: leadEpisode),
                    rep: rep, meeting: true)
            } else if !ready && random.uniform() < prematureLoss {
                if measured(now) { ledger.funnel[part(now)].burned += 1 }
                leads[lead].stage = .none
            } else if ready && random.uniform() < disqualifyShare {
                if measured(now) { ledger.funnel[part(now)].disqualified += 1 }
                leads[lead].stage = .none
            } else {
                recycle(lead, at: now)
            }
            return attemptHours
        }

        /// A discovery call, demo or proposal; returns the rep hours it took.
        func meet(_ lead: Int, meeting: Meeting, rep: Int, at now: Double) -> Double {
            switch meeting {
            case .demo: return demoHours
            case .proposal: return proposalHours
            case .discovery: break
            }
            let leadEpisode = leads[lead].episode
            let ready = leads[lead].isReady(at: now)
            var bant = leads[lead].bant
            if ready { bant.insert(.timeline) }
            let intent = leads[lead].intent(at: now, windowBoost: windowBoost)
            var random = stream(Int(leads[lead].id), episode: leadEpisode, step: 64)
            let qualifies =
                ready && bant.count >= bantRequired
                && random.uniform()
                    < qualifyCurve.chance(
                        afterHours: Double(leads[lead].firstWaitHours), oddsFactor: Foundation.exp(intentWeight * (intent - 0.5)))
            guard qualifies else {
                recycle(lead, at: now)
                return discoveryHours
            }
            if measured(now) {
                ledger.funnel[part(now)].sql += 1
                ledger.channels[Int(leads[lead].channel)].sql += 1
                weekly.sqls[week(now)] += 1
            }
            guard random.uniform() < opportunityRate else {
                recycle(lead, at: now)
                return discoveryHours
            }
            leads[lead].stage = .none
            for step in [Meeting.demo, .proposal] {
                floor.schedule(
                    ScheduledTask(
                        due: now + meetingGapHours * Double(step.rawValue - 1), lead: Int32(lead), step: step.rawValue,
                        episode: leadEpisode),
                    rep: rep, meeting: true)
            }
            var deal = RandomStream(
                seed: config.seed, subject: UInt64(leads[lead].id), purpose: .opportunity, episode: UInt64(leadEpisode))
            let cycle = deal.gamma(shape: 2, mean: cycleHours)
            let fit = Double(leads[lead].fit)
            let wins = deal.uniform() < min(1, winRate * (0.4 + 1.2 * intent) * (0.5 + fit))
            let close = now + cycle
            if wins && measured(close) && close < end { weekly.won[week(close)] += 1 }
            guard measured(now) else { return discoveryHours }
            // The window's opportunities are followed to their close, past the window's end where
            // need be: their outcome is drawn when they open, so nothing is censored.
            let p = part(now)
            let value = Double(leads[lead].dealValue)
            ledger.funnel[p].opportunities += 1
            let channel = Int(leads[lead].channel)
            ledger.channels[channel].opportunities += 1
            ledger.channels[channel].pipelineValue += value
            weekly.opportunities[week(now)] += 1
            ledger.pipeline[p].createdValue += value
            ledger.cycleDaysSum[p] += cycle / 24
            if wins {
                ledger.funnel[p].won += 1
                ledger.pipeline[p].wonValue += value
                ledger.channels[channel].won += 1
                ledger.channels[channel].revenue += value
            } else {
                ledger.funnel[p].lost += 1
            }
            if close >= end {
                ledger.funnel[p].openOpportunities += 1
                ledger.pipeline[p].openValue += value
            }
            return discoveryHours
        }

        /// Rep `rep` looks for work at `now`: a due meeting, then its best new hand-over, then a due
        /// follow-up attempt.
        func wake(rep: Int, at now: Double) {
            var work = -1.0
            if let meeting = floor.takeDueMeeting(rep: rep, at: now) {
                work = meet(Int(meeting.lead), meeting: Meeting(rawValue: meeting.step)!, rep: rep, at: now)
            } else {
                while let (next, source) = floor.takeNewHandover(rep: rep) {
                    let lead = Int(next.lead)
                    guard leads[lead].stage == .waiting, leads[lead].episode == next.episode,
                        leads[lead].queuedIn == Int32(source)
                    else { continue }
                    floor.waitingCount[source] -= 1
                    leads[lead].queuedIn = -1
                    work = attempt(lead, number: 1, rep: rep, at: now)
                    break
                }
                if work < 0, let followUp = floor.takeDueFollowUp(rep: rep, at: now) {
                    work = attempt(Int(followUp.lead), number: Int(followUp.step), rep: rep, at: now)
                }
            }
            guard work >= 0 else {
                floor.idle(rep: rep, at: now)
                return
            }
            if measured(now) { ledger.repBusyHours[part(now) * reps + rep] += work }
            floor.book(rep: rep, start: now, work: work)
        }

        var nextInitial = 0
        var processed = 0
        while true {
            processed += 1
            if processed & 4095 == 0 { try options.checkCancelled() }
            let arrivalTime = min(
                nextInitial < initial.count ? initial[nextInitial].hours : .infinity,
                recycledQueue.min?.hours ?? .infinity)
            let timerTime = timers.min?.due ?? .infinity
            let wakeTime = floor.nextWakeTime
            let now = min(arrivalTime, timerTime, wakeTime)
            if !restarts.isEmpty, earliestRestart <= now {
                computeRestarts()
                continue
            }
            guard now < end else { break }
            if arrivalTime == now {
                if nextInitial < initial.count, recycledQueue.min.map({ initial[nextInitial] < $0 }) ?? true {
                    arrive(initial[nextInitial])
                    nextInitial += 1
                } else {
                    arrive(recycledQueue.popMin()!)
                }
            } else if timerTime == now {
                fire(timers.popMin()!)
            } else if let wakeup = floor.popWakeup(notAfter: now) {
                wake(rep: Int(wakeup.rep), at: wakeup.time)
            }
        }

        // Hand-overs still waiting for a first attempt when the window ends.
        for lead in 0..<count where leads[lead].stage == .waiting {
            let arrival = leads[lead].arrivalHours
            addBacklog(from: arrival, until: .infinity)
            guard measured(arrival) else { continue }
            ledger.funnel[part(arrival)].queueEnd += 1
            if end - arrival > slaHours { ledger.breaches[part(arrival)] += 1 }
            let queue = Int(leads[lead].queuedIn)
            if queue < reps { ledger.repBacklogEnd[(parts - 1) * reps + queue] += 1 }
        }

        var running = 0
        for index in 0..<weeks {
            running += backlogDelta[index]
            weekly.backlog[index] = running
        }
        result.weekly = weekly
        let firstWeek = population.warmupWeeks
        var finished = ledger.finish(
            result,
            availableHours: (0..<reps).map { calendar.availableHours(rep: $0, weeks: firstWeek..<(firstWeek + weeks)) },
            salesCost: Double(reps * weeks) * repCostPerWeek, threads: options.threads)
        finished.warnings = overloadWarnings(finished)
        return finished
    }

    /// A team that cannot keep up: hand-overs pile up all window, or many give up waiting (which
    /// keeps the queue short while the leads go back to nurture untouched).
    func overloadWarnings(_ result: RunResult) -> [String] {
        let weeks = result.weeks
        let funnel = result.funnel
        let weeklyHandovers = Double(funnel.handovers) / Double(max(1, weeks))
        var warnings: [String] = []
        if weeks >= 4, let first = result.weekly.backlog.first, let last = result.weekly.backlog.last,
            Double(last - first) > weeklyHandovers
        {
            warnings.append(
                "the reps cannot keep up: their backlog grew from \(first) to \(last) hand-overs over the window")
        }
        if funnel.handovers > 0, Double(funnel.reneged) > 0.1 * Double(funnel.handovers) {
            let share = Double(funnel.reneged) / Double(funnel.handovers)
            warnings.append(
                "the reps cannot keep up: \(funnel.reneged) of \(funnel.handovers) hand-overs "
                    + "(\(Int((share * 100).rounded())) %) gave up waiting for a first attempt")
        }
        if !warnings.isEmpty { warnings.append("more reps, longer hours or a higher mql.threshold would relieve them") }
        return warnings
    }
}
