/// How hand-overs are assigned to reps.
public enum Routing: Int, Sendable, CaseIterable {
    /// In turn, skipping reps who are away this week.
    case roundRobin
    /// To the present rep with the fewest untouched leads.
    case leastLoaded
    /// Reps split over regions; in turn within the lead's region.
    case territory
    /// One shared queue: the rep who can touch the lead soonest takes it.
    case pooled

    public var name: String {
        switch self {
        case .roundRobin: "round_robin"
        case .leastLoaded: "least_loaded"
        case .territory: "territory"
        case .pooled: "pooled"
        }
    }
}

/// The reps' queues. Each rep works its leads first in, first out, so a lead's first touch is
/// known the moment it is assigned: the later of its hand-over and the rep's free time, moved
/// into working hours (Lindley's recursion). That lets the desk handle hand-overs in time order
/// without a per-minute clock.
public struct RepTeam: Sendable {
    public let calendar: SalesCalendar
    public let count: Int
    /// When each rep finishes the work planned so far.
    public private(set) var freeAt: [Double]
    /// Planned first touches per rep, in order; entries before `startHead` have happened.
    private var starts: [[Double]]
    private var startHead: [Int]
    private var roundRobinNext = 0
    private var territoryNext: [Int]
    private let regions: Int

    public init(count: Int, calendar: SalesCalendar, regions: Int = Region.allCases.count) {
        self.count = count
        self.calendar = calendar
        self.regions = regions
        freeAt = Array(repeating: 0, count: count)
        starts = Array(repeating: [], count: count)
        startHead = Array(repeating: 0, count: count)
        territoryNext = Array(repeating: 0, count: regions)
    }

    /// The earliest first touch `rep` can give a lead handed over at `arrival`.
    @inline(__always)
    public func earliestStart(rep: Int, arrival: Double) -> Double {
        calendar.nextWorkingTime(rep: rep, from: max(arrival, freeAt[rep]))
    }

    /// The rep who can touch a lead handed over at `arrival` soonest (lowest index on ties).
    public func soonest(arrival: Double) -> (rep: Int, start: Double) {
        var best = (rep: 0, start: earliestStart(rep: 0, arrival: arrival))
        for rep in 1..<count {
            let start = earliestStart(rep: rep, arrival: arrival)
            if start < best.start { best = (rep, start) }
        }
        return best
    }

    /// Leads assigned to `rep` and not yet touched at `hours`.
    public mutating func backlog(of rep: Int, at hours: Double) -> Int {
        while startHead[rep] < starts[rep].count, starts[rep][startHead[rep]] <= hours { startHead[rep] += 1 }
        return starts[rep].count - startHead[rep]
    }

    /// Chooses the rep for a lead from `region` handed over at `arrival`.
    public mutating func route(_ routing: Routing, region: Int, at arrival: Double) -> Int {
        let week = Int(arrival / 168)
        switch routing {
        case .pooled:
            return soonest(arrival: arrival).rep
        case .leastLoaded:
            var best = -1
            var bestLoad = Int.max
            for rep in 0..<count where !calendar.isAbsent(rep: rep, week: week) {
                let load = backlog(of: rep, at: arrival)
                if load < bestLoad { best = rep; bestLoad = load }
            }
            return best >= 0 ? best : soonest(arrival: arrival).rep
        case .territory:
            guard count >= regions else { return region % count }
            let members = (count - region + regions - 1) / regions
            for _ in 0..<members {
                let rep = region + regions * (territoryNext[region] % members)
                territoryNext[region] += 1
                if !calendar.isAbsent(rep: rep, week: week) { return rep }
            }
            return region
        case .roundRobin:
            for _ in 0..<count {
                let rep = roundRobinNext % count
                roundRobinNext += 1
                if !calendar.isAbsent(rep: rep, week: week) { return rep }
            }
            return soonest(arrival: arrival).rep
        }
    }

    /// Books a first touch at `start` on `rep`'s queue, with `work` hours of work from then on.
    public mutating func book(rep: Int, start: Double, work: Double) {
        starts[rep].append(start)
        freeAt[rep] = work > 0 ? calendar.finish(rep: rep, startingAt: start, work: work) : max(freeAt[rep], start)
    }
}
