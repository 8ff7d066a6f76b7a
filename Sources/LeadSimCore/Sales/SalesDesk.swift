import Foundation

/// What sales does with a hand-over when SLA's longest wait (`sla.max_wait_hours`) runs out.
enum BreachRule: ParameterChoice {
    case escalate, recycle, wait

    var name: String {
        switch self {
        case .escalate: "escalate"
        case .recycle: "recycle"
        case .wait: "wait"
        }
    }
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

/// Where a lead stands, kept as it moves so that a run can say where each window lead ended up
/// (`LeadStates`).
enum LeadState: UInt8 {
    case nurture, unsubscribed, bounced, withoutConsent, waiting, withSales, recycled, burned, disqualified
    case opportunityOpen, won, lost
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
    var state = LeadState.nurture
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
/// discovery, demo and proposal on later days, and open opportunities. This type holds the desk's
/// settings, resolved once per run; `SalesShift` holds the state of one run and its event handlers.
struct SalesDesk {
    typealias Key = B2BModel.Key

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
        reps = p[Key.reps]
        routing = p[Key.routing]
        order = p[Key.queueOrder]
        calendar = SalesCalendar(
            reps: reps, weeks: population.warmupWeeks + population.horizonWeeks, dayStartHour: p[Key.dayStartHour],
            hoursPerWeek: p[Key.capacityHoursPerWeek], absenceShare: p[Key.absenceShare], seed: config.seed)
        attempts = p[Key.attempts]
        attemptGapHours = p[Key.attemptGapDays] * 24
        attemptHours = p[Key.attemptHours]
        meetingGapHours = p[Key.meetingGapDays] * 24
        discoveryHours = p[Key.discoveryHours]
        demoHours = p[Key.demoHours]
        proposalHours = p[Key.proposalHours]
        contactCurve = SpeedCurve(p, prefix: "speed.contact")
        qualifyCurve = SpeedCurve(p, prefix: "speed.qualify")
        contactWithoutConsent = p[Key.contactWithoutConsent]
        patienceHours = p[Key.patienceDays] * 24
        acceptReady = p[Key.acceptanceRate]
        acceptUnready = p[Key.unreadyAcceptance]
        prematureLoss = p[Key.prematureLoss]
        disqualifyShare = p[Key.disqualifyShare]
        bantRequired = p[Key.bantRequired]
        intentWeight = p[Key.intentWeight]
        slaHours = p[Key.firstTouchHours]
        maxWaitHours = p[Key.maxWaitHours]
        onBreach = p[Key.onBreach]
        opportunityRate = p[Key.opportunityRate]
        cycleHours = p[Key.cycleDays] * 24
        winRate = p[Key.winRate]
        costPerLead = Channel.allCases.map { p[Key.costPerLead($0)] }
        repCostPerWeek = p[Key.repCostPerWeek]
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

    /// The desk's record of every lead, in slot order (`slots[slot]` is the lead's number),
    /// gathered in parallel.
    func salesLeads(slots: [Int32], threads: Int) -> [SalesLead] {
        let count = slots.count
        return [SalesLead](unsafeUninitializedCapacity: count) { buffer, initialized in
            let out = DisjointWrites(buffer.baseAddress!)
            ParallelChunks.forEach(count: count, chunkSize: 16_384, threads: threads) { [config, population] _, range in
                for slot in range {
                    let lead = Int(slots[slot])
                    let nurtured = config.isNurtured(lead)
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

    func run<Sink: JourneySink>(
        firstEnd: [NurtureEnd], scored: [UInt16], finalScores: [Float], options: RunOptions, model: String, sink: inout Sink
    ) throws(RunCancelled) -> RunResult {
        var shift = SalesShift(
            desk: self, firstEnd: firstEnd, scored: scored, finalScores: finalScores, threads: options.threads, sink: sink)
        try shift.work(options: options)
        sink = shift.sink
        return shift.finish(model: model, threads: options.threads)
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
