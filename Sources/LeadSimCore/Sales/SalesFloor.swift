
/// A new hand-over in a queue, ordered by its key (lower first), then by lead.
struct QueuedLead: Comparable, Sendable {
    var key: Double
    var lead: Int32
    /// The lead's hand-over it belongs to: an entry left behind by an earlier one is skipped.
    var episode: UInt16

    static func < (a: QueuedLead, b: QueuedLead) -> Bool {
        a.key < b.key || (a.key == b.key && a.lead < b.lead)
    }
}

/// Something due at a time: work a rep has booked for later (a follow-up attempt or a meeting), or
/// a timer of the desk (`QueueTimer`).
struct ScheduledTask: Comparable, Sendable {
    var due: Double
    var lead: Int32
    /// The attempt number of a follow-up, the meeting's `Meeting` raw value, or the timer's kind.
    var step: UInt8
    var episode: UInt16

    static func < (a: ScheduledTask, b: ScheduledTask) -> Bool {
        a.due < b.due || (a.due == b.due && (a.lead < b.lead || (a.lead == b.lead && a.step < b.step)))
    }
}

/// When a rep looks for its next piece of work.
struct RepWakeup: Comparable, Sendable {
    var time: Double
    var rep: Int32

    static func < (a: RepWakeup, b: RepWakeup) -> Bool {
        a.time < b.time || (a.time == b.time && a.rep < b.rep)
    }
}

/// The reps' queues and calendars: who has which new hand-overs waiting, which follow-ups and
/// meetings are booked, and when each rep next looks for work.
///
/// A rep finishes what it has started, then takes, in this order: a meeting that is due, the best
/// new hand-over in its queue (or in the shared queue when routing is pooled), a follow-up attempt
/// that is due. Each rep has at most one live wake-up; an earlier need pushes an earlier one and
/// the later one is skipped when it comes up.
struct SalesFloor {
    let calendar: SalesCalendar
    let reps: Int
    let routing: Routing
    /// New hand-overs, one queue per rep and, last, the shared queue of pooled routing.
    var waiting: [MinHeap<QueuedLead>]
    /// Leads still waiting in each queue: a queue's heap also holds entries of leads that have
    /// left it (escalated, gone back to nurture, given up), skipped when they come up.
    var waitingCount: [Int]
    var followUps: [MinHeap<ScheduledTask>]
    var meetings: [MinHeap<ScheduledTask>]
    var wakeups = MinHeap<RepWakeup>()
    /// The time of each rep's live wake-up; infinity while the rep has nothing to do.
    var nextWake: [Double]
    /// When each rep finishes the work it has started.
    var freeAt: [Double]
    private var roundRobinNext = 0
    private var territoryNext: [Int]
    private let regions: Int

    init(reps: Int, calendar: SalesCalendar, routing: Routing, regions: Int = Region.allCases.count) {
        self.calendar = calendar
        self.reps = reps
        self.routing = routing
        self.regions = regions
        waiting = Array(repeating: MinHeap(), count: reps + 1)
        waitingCount = Array(repeating: 0, count: reps + 1)
        followUps = Array(repeating: MinHeap(), count: reps)
        meetings = Array(repeating: MinHeap(), count: reps)
        nextWake = Array(repeating: .infinity, count: reps)
        freeAt = Array(repeating: 0, count: reps)
        territoryNext = Array(repeating: 0, count: regions)
    }

    /// The queue pooled routing shares.
    var pool: Int { reps }

    /// The rep's meeting that is due at `time`, taken off its calendar.
    @inline(__always)
    mutating func takeDueMeeting(rep: Int, at time: Double) -> ScheduledTask? {
        guard let top = meetings[rep].min, top.due <= time else { return nil }
        return meetings[rep].removeMin()
    }

    /// The rep's follow-up attempt that is due at `time`, taken off its list.
    @inline(__always)
    mutating func takeDueFollowUp(rep: Int, at time: Double) -> ScheduledTask? {
        guard let top = followUps[rep].min, top.due <= time else { return nil }
        return followUps[rep].removeMin()
    }

    /// The next new hand-over `rep` may take (from its own queue, or the shared one when routing
    /// is pooled), taken off the queue whether or not it is still waiting.
    @inline(__always)
    mutating func takeNewHandover(rep: Int) -> (lead: QueuedLead, queue: Int)? {
        let queue = routing == .pooled ? pool : rep
        return waiting[queue].popMin().map { ($0, queue) }
    }

    /// The earliest moment `rep` could start something new that becomes available at `time`.
    @inline(__always)
    func earliestStart(rep: Int, at time: Double) -> Double {
        calendar.nextWorkingTime(rep: rep, from: max(time, freeAt[rep]))
    }

    /// Makes sure `rep` looks for work no later than it could start on something available at `time`.
    mutating func notify(rep: Int, at time: Double) {
        let start = earliestStart(rep: rep, at: time)
        if start < nextWake[rep] {
            nextWake[rep] = start
            wakeups.insert(RepWakeup(time: start, rep: Int32(rep)))
        }
    }

    /// The next live wake-up at or before `limit`, removed from the heap; stale ones are dropped.
    mutating func popWakeup(notAfter limit: Double) -> RepWakeup? {
        while let top = wakeups.min, top.time <= limit {
            wakeups.removeMin()
            if nextWake[Int(top.rep)] == top.time { return top }
        }
        return nil
    }

    var nextWakeTime: Double {
        mutating get {
            while let top = wakeups.min, nextWake[Int(top.rep)] != top.time { wakeups.removeMin() }
            return wakeups.min?.time ?? .infinity
        }
    }

    /// Puts a new hand-over into a queue and wakes a rep who can take it.
    mutating func enqueue(_ item: QueuedLead, queue: Int, at time: Double) {
        waiting[queue].insert(item)
        waitingCount[queue] += 1
        if queue == pool {
            // The rep who can start soonest among those not already due to look earlier.
            var best = -1
            var bestStart = Double.infinity
            for rep in 0..<reps {
                let start = earliestStart(rep: rep, at: time)
                if start < bestStart && start < nextWake[rep] { best = rep; bestStart = start }
            }
            if best >= 0 { notify(rep: best, at: time) }
        } else {
            notify(rep: queue, at: time)
        }
    }

    mutating func schedule(_ task: ScheduledTask, rep: Int, meeting: Bool) {
        if meeting { meetings[rep].insert(task) } else { followUps[rep].insert(task) }
        notify(rep: rep, at: task.due)
    }

    /// Books `work` hours for `rep` from `start`; it looks for work again when done, which it returns.
    mutating func book(rep: Int, start: Double, work: Double) -> Double {
        let done = work > 0 ? calendar.finish(rep: rep, startingAt: start, work: work) : start
        freeAt[rep] = done
        let next = calendar.nextWorkingTime(rep: rep, from: done)
        nextWake[rep] = next
        wakeups.insert(RepWakeup(time: next, rep: Int32(rep)))
        return done
    }

    /// After a rep found nothing to do at `time`: sleep until its next booked task is due.
    mutating func idle(rep: Int, at time: Double) {
        nextWake[rep] = .infinity
        let due = min(meetings[rep].min?.due ?? .infinity, followUps[rep].min?.due ?? .infinity)
        if due < .infinity { notify(rep: rep, at: max(due, time)) }
    }

    /// The rep who can start soonest on something available at `time` (lowest index on ties).
    func soonest(at time: Double) -> Int {
        var best = 0
        var bestStart = earliestStart(rep: 0, at: time)
        for rep in 1..<reps {
            let start = earliestStart(rep: rep, at: time)
            if start < bestStart { best = rep; bestStart = start }
        }
        return best
    }

    /// The queue a lead from `region` handed over at `time` joins.
    mutating func route(region: Int, at time: Double) -> Int {
        let week = Int(time / 168)
        switch routing {
        case .pooled:
            return pool
        case .leastLoaded:
            var best = -1
            var bestLoad = Int.max
            for rep in 0..<reps where !calendar.isAbsent(rep: rep, week: week) {
                let load = waitingCount[rep]
                if load < bestLoad { best = rep; bestLoad = load }
            }
            return best >= 0 ? best : soonest(at: time)
        case .territory:
            guard reps >= regions else { return region % reps }
            let members = (reps - region + regions - 1) / regions
            for _ in 0..<members {
                let rep = region + regions * (territoryNext[region] % members)
                territoryNext[region] += 1
                if !calendar.isAbsent(rep: rep, week: week) { return rep }
            }
            return region
        case .roundRobin:
            for _ in 0..<reps {
                let rep = roundRobinNext % reps
                roundRobinNext += 1
                if !calendar.isAbsent(rep: rep, week: week) { return rep }
            }
            return soonest(at: time)
        }
    }
}
