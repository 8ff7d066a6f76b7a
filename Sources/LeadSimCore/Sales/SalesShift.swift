import Foundation

/// One run of the sales desk: the state it keeps while it meets the hand-overs, timers and reps'
/// wake-ups in time order, and a handler for each. Only what happens inside the measured window is
/// recorded; the warm-up runs the same way so that the window starts with queues, follow-ups and
/// meetings in place.
///
/// The desk knows each lead by its slot, its place in the order of first hand-overs (see
/// `SalesLead`); a lead's number lives in its record for its random streams.
///
/// `sink` hears the sales side of each journey: hand-overs, attempts, decisions, meetings,
/// opportunities and recycles with the restart of nurture (the episodes' own events come from
/// running them again, `B2BJourneys`).
struct SalesShift<Sink: JourneySink> {
    let desk: SalesDesk
    let end: Double
    let windowStart: Double
    let weeks: Int
    let parts: Int
    let windowBoost: Double
    let threads: Int
    let recycleDelay: Double
    let lifeHours: Double

    var leads: [SalesLead] = []
    var scored: [UInt16]
    /// Each lead's score when its last episode ran out without an end, by lead number.
    var finalScores: [Float]
    var floor: SalesFloor
    var ledger: RunLedger
    var weekly: WeeklySeries
    /// First hand-overs in time order, and where the desk has got to in them.
    var initial: [PendingHandover] = []
    var nextInitial = 0
    var recycledQueue = MinHeap<PendingHandover>()
    var timers = MinHeap<ScheduledTask>()
    var backlogDelta: [Int]
    // Recycled leads restart nurture only after `recycle.delay_days`, so their next episodes are
    // gathered and computed in parallel batches just before the desk reaches the earliest
    // restart. An episode is a pure function of its inputs, so batching changes no result.
    var restarts: [(slot: Int32, lead: Int32, hours: Double, episode: UInt16)] = []
    var earliestRestart = Double.infinity
    var sink: Sink

    init(desk: SalesDesk, firstEnd: [NurtureEnd], scored: [UInt16], finalScores: [Float], threads: Int, sink: Sink) {
        self.desk = desk
        self.sink = sink
        let config = desk.config
        end = config.endHours
        windowStart = config.windowStartHours
        weeks = config.weeks
        parts = B2BModel.parts(weeks: weeks)
        windowBoost = config.windowBoost
        self.threads = threads
        recycleDelay = config.recycleDelayHours
        lifeHours = config.lifeHours
        self.scored = scored
        self.finalScores = finalScores
        floor = SalesFloor(reps: desk.reps, calendar: desk.calendar, routing: desk.routing)
        backlogDelta = [Int](repeating: 0, count: weeks + 1)
        weekly = WeeklySeries(weeks: weeks)
        weekly.newLeads = config.tally.newLeads
        ledger = RunLedger(reps: desk.reps, parts: parts)
        for part in 0..<parts {
            let tally = config.tally.groups[part]
            ledger.funnel[part].created = tally.grades.reduce(0, +)
            ledger.funnel[part].mal = tally.grades[...Int(config.malMinGrade)].reduce(0, +)
            ledger.marketingCost[part] = zip(tally.channels, desk.costPerLead).reduce(0) { $0 + Double($1.0) * $1.1 }
        }
        ledger.channels = Channel.allCases.map { channel in
            var figures = ChannelFigures(channel: channel.name)
            figures.leads = config.tally.groups.reduce(0) { $0 + $1.channels[Int(channel.rawValue)] }
            figures.cost = Double(figures.leads) * desk.costPerLead[Int(channel.rawValue)]
            return figures
        }

        let count = desk.population.count
        var initial: [PendingHandover] = []
        initial.reserveCapacity(count / 2)
        for (lead, outcome) in firstEnd.enumerated() {
            if let handover = collect(outcome, lead: Int32(lead)) { initial.append(handover) }
        }
        initial = PendingHandover.sortedByTime(initial, horizonHours: end)
        // From here on the desk knows each lead by its slot: its place in hand-over order.
        var slotOrder = initial.map(\.lead)
        var handedOver = [Bool](repeating: false, count: count)
        for handover in initial { handedOver[Int(handover.lead)] = true }
        for lead in 0..<count where !handedOver[lead] { slotOrder.append(Int32(lead)) }
        leads = desk.salesLeads(slots: slotOrder, threads: threads)
        for slot in leads.indices {
            switch firstEnd[Int(leads[slot].id)] {
            case .unsubscribed: leads[slot].state = .unsubscribed
            case .bounced: leads[slot].state = .bounced
            default: break
            }
        }
        for slot in initial.indices { initial[slot].lead = Int32(slot) }
        self.initial = initial
    }

    @inline(__always) func measured(_ hours: Double) -> Bool { hours >= windowStart }
    @inline(__always) func part(_ hours: Double) -> Int { B2BModel.part(of: hours - windowStart, weeks: weeks) }
    @inline(__always) func week(_ hours: Double) -> Int { min(weeks - 1, Int((hours - windowStart) / 168)) }
    /// The part of the window the lead's current hand-over arrived in; nil for one that arrived
    /// before it. Hand-over counts follow the window's hand-overs to where each stands at its end.
    @inline(__always) func handoverPart(_ lead: Int) -> Int? {
        let arrival = leads[lead].arrivalHours
        return measured(arrival) ? part(arrival) : nil
    }

    /// Meets every event before the end of the window in time order: hand-overs, then timers,
    /// then reps looking for work, with recycled leads' episodes computed just in time.
    mutating func work(options: RunOptions) throws(RunCancelled) {
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
    }

    /// The run's result: hand-overs still waiting when the window ends, the weekly backlog, the
    /// ledger's figures and the warnings.
    mutating func finish(model: String, threads: Int) -> RunResult {
        let reps = desk.reps
        for lead in leads.indices {
            if let p = handoverPart(lead) {
                if leads[lead].stage == .working { ledger.funnel[p].inCadence += 1 }
                if leads[lead].stage == .meetings { ledger.funnel[p].inDiscovery += 1 }
            }
            let created = Double(leads[lead].created)
            guard measured(created) else { continue }
            let p = part(created)
            let active = created + lifeHours > end
            if active && (leads[lead].state == .nurture || leads[lead].state == .recycled) {
                let id = Int(leads[lead].id)
                switch Temperature.of(score: Double(finalScores[id]), ceiling: desk.config.mqlCeiling(for: id)) {
                case .hot: ledger.states[p].hot += 1
                case .warm: ledger.states[p].warm += 1
                case .cold: ledger.states[p].cold += 1
                }
            }
            switch leads[lead].state {
            case .nurture:
                if active { ledger.states[p].inNurture += 1 } else { ledger.states[p].archived += 1 }
            case .unsubscribed: ledger.states[p].unsubscribed += 1
            case .bounced: ledger.states[p].bounced += 1
            case .withoutConsent: ledger.states[p].withoutConsent += 1
            case .waiting: ledger.states[p].waitingForSales += 1
            case .withSales: ledger.states[p].withSales += 1
            case .recycled: ledger.states[p].recycled += 1
            case .burned: ledger.states[p].burned += 1
            case .disqualified: ledger.states[p].disqualified += 1
            case .opportunityOpen: ledger.states[p].opportunityOpen += 1
            case .won: ledger.states[p].won += 1
            case .lost: ledger.states[p].lost += 1
            }
        }
        for lead in leads.indices where leads[lead].stage == .waiting {
            let arrival = leads[lead].arrivalHours
            addBacklog(from: arrival, until: .infinity)
            guard measured(arrival) else { continue }
            ledger.funnel[part(arrival)].queueEnd += 1
            if end - arrival > desk.slaHours { ledger.breaches[part(arrival)] += 1 }
            let queue = Int(leads[lead].queuedIn)
            if queue < reps { ledger.repBacklogEnd[(parts - 1) * reps + queue] += 1 }
        }
        var running = 0
        for index in 0..<weeks {
            running += backlogDelta[index]
            weekly.backlog[index] = running
        }
        var result = RunResult(model: model, leads: desk.population.windowLeads, weeks: weeks)
        result.groupKind = "spans of the window"
        result.weekly = weekly
        let firstWeek = desk.population.warmupWeeks
        var finished = ledger.finish(
            result,
            availableHours: (0..<reps).map { desk.calendar.availableHours(rep: $0, weeks: firstWeek..<(firstWeek + weeks)) },
            salesCost: Double(reps * weeks) * desk.repCostPerWeek, threads: threads)
        finished.warnings = desk.overloadWarnings(finished)
        return finished
    }

    /// The hand-over a nurture episode ends in, if any; an unsubscribe or bounce is counted.
    private mutating func collect(_ end: NurtureEnd, lead: Int32) -> PendingHandover? {
        switch end {
        case .handover(let hours): return PendingHandover(hours: hours, lead: lead)
        case .handRaised(let hours): return PendingHandover(hours: hours, lead: lead, handRaiser: true)
        case .unsubscribed(let hours): if measured(hours) { ledger.funnel[part(hours)].unsubscribed += 1 }
        case .bounced(let hours): if measured(hours) { ledger.funnel[part(hours)].bounced += 1 }
        case .none: break
        }
        return nil
    }

    /// A hand-over waiting from `from` to `until` counts in the backlog of each window week
    /// ending in between.
    private mutating func addBacklog(from: Double, until: Double) {
        // Week j of the window ends at windowStart + j × 168 h.
        let start = (from - windowStart) / 168
        let stop = until >= end ? Double(weeks) + 1 : (until - windowStart) / 168
        let first = max(1, Int(start.rounded(.up)))
        let last = min(weeks, Int(stop.rounded(.up)) - 1)
        guard first <= last else { return }
        backlogDelta[first - 1] += 1
        backlogDelta[last] -= 1
    }

    /// Back to nurture: the lead starts a new episode `recycle.delay_days` later if it is still
    /// active then.
    private mutating func recycle(_ lead: Int, at hours: Double) {
        if let p = handoverPart(lead) { ledger.funnel[p].recycled += 1 }
        leads[lead].stage = .none
        leads[lead].state = .recycled
        leads[lead].episode &+= 1
        record(.recycled, lead, at: hours)
        let restart = hours + recycleDelay
        guard restart < min(end, Double(leads[lead].created) + lifeHours) else { return }
        record(
            .nurtureStart, lead, at: restart, detail: UInt8(truncatingIfNeeded: leads[lead].episode),
            value: Float(leads[lead].episode))
        restarts.append((Int32(lead), leads[lead].id, restart, leads[lead].episode))
        earliestRestart = min(earliestRestart, restart)
    }

    @inline(__always)
    private mutating func record(
        _ kind: LeadEvent.Kind, _ slot: Int, at hours: Double, detail: UInt8 = 0, rep: Int = -1, value: Float = 0
    ) {
        sink.record(LeadEvent(hours: hours, lead: leads[slot].id, kind: kind, detail: detail, rep: Int16(rep), value: value))
    }

    /// The new episodes of the leads gathered for a restart, in parallel; their hand-overs join
    /// the recycled queue.
    private mutating func computeRestarts() {
        var ends = [NurtureEnd](repeating: .none, count: restarts.count)
        let batch = restarts
        let (desk, threads) = (self.desk, self.threads)
        ends.withUnsafeMutableBufferPointer { endBuffer in
          finalScores.withUnsafeMutableBufferPointer { finalBuffer in
            scored.withUnsafeMutableBufferPointer { scoredBuffer in
                let endsOut = DisjointWrites(endBuffer.baseAddress!)
                let scoredOut = DisjointWrites(scoredBuffer.baseAddress!)
                let finalsOut = DisjointWrites(finalBuffer.baseAddress!)
                ParallelChunks.forEach(count: batch.count, chunkSize: 512, threads: threads) {
                    [desk] _, range in
                    var awards: [PointAward] = []
                    for index in range {
                        let lead = Int(batch[index].lead)
                        var mask = scoredOut[lead]
                        var trace = ScoreTrace()
                        var silent = NoJourney()
                        endsOut[index] = desk.config.episode(
                            lead: lead, population: desk.population, from: batch[index].hours,
                            index: UInt32(batch[index].episode), ceiling: desk.config.mqlCeiling(for: lead),
                            scored: &mask, awards: &awards, trace: &trace, sink: &silent)
                        scoredOut[lead] = mask
                        finalsOut[lead] = Float(trace.final)
                    }
                }
            }
          }
        }
        for (index, outcome) in ends.enumerated() {
            let slot = Int(batch[index].slot)
            switch outcome {
            case .unsubscribed: leads[slot].state = .unsubscribed
            case .bounced: leads[slot].state = .bounced
            default: break
            }
            if let handover = collect(outcome, lead: batch[index].slot) { recycledQueue.insert(handover) }
        }
        restarts.removeAll(keepingCapacity: true)
        earliestRestart = .infinity
    }

    /// A hand-over leaves its queue untouched at `hours`.
    private mutating func leaveQueue(_ lead: Int, at hours: Double) {
        floor.waitingCount[Int(leads[lead].queuedIn)] -= 1
        leads[lead].queuedIn = -1
        addBacklog(from: leads[lead].arrivalHours, until: hours)
    }

    private mutating func arrive(_ handover: PendingHandover) {
        let lead = Int(handover.lead)
        let arrival = handover.hours
        let contactable = desk.contactWithoutConsent || leads[lead].hasConsent
        if measured(arrival) {
            let p = part(arrival)
            if !leads[lead].becameMQL {
                ledger.funnel[p].mql += 1
                if leads[lead].grade > desk.config.malMinGrade { ledger.funnel[p].mqlBelowMAL += 1 }
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
        guard contactable else {
            leads[lead].state = .withoutConsent
            record(.withoutConsent, lead, at: arrival)
            return
        }
        leads[lead].stage = .waiting
        leads[lead].state = .waiting
        leads[lead].arrivalHours = arrival
        let queue = floor.route(region: Int(leads[lead].region), at: arrival)
        leads[lead].queuedIn = Int32(queue)
        record(.handover, lead, at: arrival, rep: desk.routing == .pooled ? -1 : queue)
        let leadEpisode = leads[lead].episode
        floor.enqueue(
            QueuedLead(
                key: desk.queueKey(grade: leads[lead].grade, arrival: arrival, handRaiser: handover.handRaiser),
                lead: handover.lead, episode: leadEpisode),
            queue: queue, at: arrival)
        var random = desk.stream(Int(leads[lead].id), episode: leadEpisode, step: 0)
        let giveUp = arrival + random.exponential(mean: desk.patienceHours)
        let slaEnd = desk.onBreach == .wait ? Double.infinity : arrival + desk.maxWaitHours
        let due = min(giveUp, slaEnd)
        if due < end {
            timers.insert(
                ScheduledTask(
                    due: due, lead: handover.lead, step: slaEnd < giveUp ? QueueTimer.slaEnd : QueueTimer.giveUp,
                    episode: leadEpisode))
        }
    }

    private mutating func fire(_ timer: ScheduledTask) {
        let lead = Int(timer.lead)
        guard leads[lead].stage == .waiting, leads[lead].episode == timer.episode else { return }
        let arrival = leads[lead].arrivalHours
        let now = timer.due
        if timer.step == QueueTimer.giveUp {
            record(.reneged, lead, at: now)
            leaveQueue(lead, at: now)
            if measured(arrival) {
                ledger.funnel[part(arrival)].reneged += 1
                if now - arrival > desk.slaHours { ledger.breaches[part(arrival)] += 1 }
            }
            recycle(lead, at: now)
            return
        }
        switch desk.onBreach {
        case .recycle:
            record(.slaRecycled, lead, at: now)
            leaveQueue(lead, at: now)
            // Sent back untouched: the first touch the SLA promises never came.
            if measured(arrival) {
                ledger.funnel[part(arrival)].slaRecycled += 1
                ledger.breaches[part(arrival)] += 1
            }
            recycle(lead, at: now)
        case .escalate:
            // To the rep who can touch it soonest, ahead of every new hand-over there.
            if desk.routing != .pooled {
                floor.waitingCount[Int(leads[lead].queuedIn)] -= 1
                let rep = floor.soonest(at: now)
                leads[lead].queuedIn = Int32(rep)
                floor.enqueue(QueuedLead(key: -1e12 + arrival, lead: timer.lead, episode: timer.episode), queue: rep, at: now)
            }
            if measured(arrival) { ledger.funnel[part(arrival)].escalated += 1 }
            record(.slaEscalated, lead, at: now, rep: desk.routing == .pooled ? -1 : Int(leads[lead].queuedIn))
            var random = desk.stream(Int(leads[lead].id), episode: timer.episode, step: 0)
            let giveUp = arrival + random.exponential(mean: desk.patienceHours)
            if giveUp < end {
                timers.insert(ScheduledTask(due: max(giveUp, now), lead: timer.lead, step: QueueTimer.giveUp, episode: timer.episode))
            }
        case .wait:
            break
        }
    }

    /// The first or a later contact attempt; returns the rep hours it took.
    private mutating func attempt(_ lead: Int, number: Int, rep: Int, at now: Double) -> Double {
        let arrival = leads[lead].arrivalHours
        let wait = now - arrival
        let leadEpisode = leads[lead].episode
        let handoverPart = handoverPart(lead)
        if number == 1 {
            leads[lead].firstWaitHours = Float(wait)
            leads[lead].stage = .working
            leads[lead].state = .withSales
            addBacklog(from: arrival, until: now)
            if let p = handoverPart {
                ledger.funnel[p].touched += 1
                ledger.recordWait(wait, part: p)
                if wait > desk.slaHours { ledger.breaches[p] += 1 }
            }
            if measured(now) { ledger.repLeads[part(now) * desk.reps + rep] += 1 }
        }
        var random = desk.stream(Int(leads[lead].id), episode: leadEpisode, step: UInt64(number))
        let reached = random.uniform() < desk.contactCurve.chance(afterHours: wait)
        record(.contactAttempt, lead, at: now, detail: UInt8(number), rep: rep, value: reached ? 1 : 0)
        guard reached else {
            if number < desk.attempts {
                floor.schedule(
                    ScheduledTask(due: now + desk.attemptGapHours, lead: Int32(lead), step: UInt8(number + 1), episode: leadEpisode),
                    rep: rep, meeting: false)
            } else {
                if let p = handoverPart { ledger.funnel[p].notReached += 1 }
                recycle(lead, at: now)
            }
            return desk.attemptHours
        }
        if let p = handoverPart { ledger.funnel[p].contacted += 1 }
        let ready = leads[lead].isReady(at: now)
        let fit = Double(leads[lead].fit)
        let accepts = ready ? min(1, desk.acceptReady * (0.5 + fit)) : desk.acceptUnready
        if random.uniform() < accepts {
            if let p = handoverPart { ledger.funnel[p].sal += 1 }
            record(.accepted, lead, at: now, rep: rep)
            leads[lead].stage = .meetings
            floor.schedule(
                ScheduledTask(due: now + desk.meetingGapHours, lead: Int32(lead), step: Meeting.discovery.rawValue, episode: leadEpisode),
                rep: rep, meeting: true)
        } else if !ready && random.uniform() < desk.prematureLoss {
            if let p = handoverPart { ledger.funnel[p].burned += 1 }
            record(.burned, lead, at: now, rep: rep)
            leads[lead].stage = .none
            leads[lead].state = .burned
        } else if ready && random.uniform() < desk.disqualifyShare {
            if let p = handoverPart { ledger.funnel[p].disqualified += 1 }
            record(.disqualified, lead, at: now, rep: rep)
            leads[lead].stage = .none
            leads[lead].state = .disqualified
        } else {
            if let p = handoverPart { ledger.funnel[p].rejected += 1 }
            record(.rejected, lead, at: now, rep: rep)
            recycle(lead, at: now)
        }
        return desk.attemptHours
    }

    /// A discovery call, demo or proposal; returns the rep hours it took.
    private mutating func meet(_ lead: Int, meeting: Meeting, rep: Int, at now: Double) -> Double {
        record(.meeting, lead, at: now, detail: meeting.rawValue, rep: rep)
        switch meeting {
        case .demo: return desk.demoHours
        case .proposal: return desk.proposalHours
        case .discovery: break
        }
        let leadEpisode = leads[lead].episode
        let ready = leads[lead].isReady(at: now)
        var bant = leads[lead].bant
        if ready { bant.insert(.timeline) }
        let intent = leads[lead].intent(at: now, windowBoost: windowBoost)
        var random = desk.stream(Int(leads[lead].id), episode: leadEpisode, step: 64)
        let qualifies =
            ready && bant.count >= desk.bantRequired
            && random.uniform()
                < desk.qualifyCurve.chance(
                    afterHours: Double(leads[lead].firstWaitHours), oddsFactor: Foundation.exp(desk.intentWeight * (intent - 0.5)))
        let handoverPart = handoverPart(lead)
        guard qualifies else {
            record(.notQualified, lead, at: now, rep: rep)
            if let p = handoverPart { ledger.funnel[p].notQualified += 1 }
            recycle(lead, at: now)
            return desk.discoveryHours
        }
        record(.sql, lead, at: now, rep: rep)
        if let p = handoverPart {
            ledger.funnel[p].sql += 1
            ledger.channels[Int(leads[lead].channel)].sql += 1
        }
        if measured(now) { weekly.sqls[week(now)] += 1 }
        guard random.uniform() < desk.opportunityRate else {
            record(.noOpportunity, lead, at: now, rep: rep)
            if let p = handoverPart { ledger.funnel[p].noOpportunity += 1 }
            recycle(lead, at: now)
            return desk.discoveryHours
        }
        leads[lead].stage = .none
        for step in [Meeting.demo, .proposal] {
            floor.schedule(
                ScheduledTask(
                    due: now + desk.meetingGapHours * Double(step.rawValue - 1), lead: Int32(lead), step: step.rawValue,
                    episode: leadEpisode),
                rep: rep, meeting: true)
        }
        var deal = RandomStream(
            seed: desk.config.seed, subject: UInt64(leads[lead].id), purpose: .opportunity, episode: UInt64(leadEpisode))
        let cycle = deal.gamma(shape: 2, mean: desk.cycleHours)
        let fit = Double(leads[lead].fit)
        let wins = deal.uniform() < min(1, desk.winRate * (0.4 + 1.2 * intent) * (0.5 + fit))
        let close = now + cycle
        leads[lead].state = close >= end ? .opportunityOpen : wins ? .won : .lost
        let dealValue = leads[lead].dealValue
        record(.opportunity, lead, at: now, rep: rep, value: dealValue)
        // Closed after the window's end, it is open in the window's data.
        if close < end { record(wins ? .won : .lost, lead, at: close, rep: rep, value: dealValue) }
        if wins && measured(close) && close < end { weekly.won[week(close)] += 1 }
        if measured(now) { weekly.opportunities[week(now)] += 1 }
        // The window's opportunities are followed to their close, past the window's end where
        // need be: their outcome is drawn when they open, so nothing is censored.
        guard let p = handoverPart else { return desk.discoveryHours }
        let value = Double(leads[lead].dealValue)
        ledger.funnel[p].opportunities += 1
        let channel = Int(leads[lead].channel)
        ledger.channels[channel].opportunities += 1
        ledger.channels[channel].pipelineValue += value
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
        return desk.discoveryHours
    }

    /// Rep `rep` looks for work at `now`: a due meeting, then its best new hand-over, then a due
    /// follow-up attempt.
    private mutating func wake(rep: Int, at now: Double) {
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
        let done = floor.book(rep: rep, start: now, work: work)
        // Busy hours count where they fall: work that runs past the window's end (or began before
        // it) counts only its hours inside, so no rep is ever busier than its working hours.
        if done > windowStart && now < end {
            let inside =
                now >= windowStart && done <= end
                ? work : desk.calendar.workingHours(rep: rep, from: max(now, windowStart), to: min(done, end))
            ledger.repBusyHours[part(max(now, windowStart)) * desk.reps + rep] += inside
        }
    }
}
