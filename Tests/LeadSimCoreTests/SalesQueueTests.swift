import Foundation
import Testing
@testable import LeadSimCore

@Suite struct SalesQueueTests {
    /// A rep who works around the clock every day, never away.
    static func alwaysOn(reps: Int) -> SalesCalendar {
        SalesCalendar(reps: reps, weeks: 0, dayStartHour: 0, hoursPerWeek: 168, workdays: 7) { _, _ in false }
    }

    /// Erlang C mean wait of M/M/c with arrival rate λ and service rate μ per server.
    static func erlangCWait(servers c: Int, arrivalRate λ: Double, serviceRate μ: Double) -> Double {
        let offered = λ / μ
        let ρ = offered / Double(c)
        var term = 1.0
        var sum = 0.0
        for k in 0..<c {
            if k > 0 { term *= offered / Double(k) }
            sum += term
        }
        let last = term * offered / Double(c) / (1 - ρ)
        let pWait = last / (sum + last)
        return pWait / (Double(c) * μ - λ)
    }

    /// A pooled sales queue (first free rep takes the next lead) with Poisson hand-overs and
    /// exponential work is M/M/c: the floor's wake-ups, shared queue and bookings give the mean
    /// wait of Erlang C. 10^6 hand-overs, fixed seed; tolerance 5 % of the exact wait (the
    /// batch-means standard error is about 1 %).
    @Test(arguments: [(1, 0.7), (3, 2.4), (8, 6.8)])
    func pooledQueueMatchesErlangC(reps: Int, arrivalRate: Double) {
        var floor = SalesFloor(reps: reps, calendar: Self.alwaysOn(reps: reps), routing: .pooled)
        var random = RandomStream(seed: 17, subject: UInt64(reps), purpose: .sales)
        var nextArrival = random.exponential(mean: 1 / arrivalRate)
        var arrived = 0
        var served = 0
        var totalWait = 0.0
        let handovers = 1_000_000
        var arrivals: [Double] = []
        arrivals.reserveCapacity(handovers)
        while served < handovers {
            if arrived < handovers, nextArrival <= floor.nextWakeTime {
                arrivals.append(nextArrival)
                floor.enqueue(QueuedLead(key: nextArrival, lead: Int32(arrived), episode: 0), queue: floor.pool, at: nextArrival)
                arrived += 1
                nextArrival += random.exponential(mean: 1 / arrivalRate)
            } else if let wakeup = floor.popWakeup(notAfter: .infinity) {
                let rep = Int(wakeup.rep)
                if let lead = floor.waiting[floor.pool].popMin() {
                    totalWait += wakeup.time - arrivals[Int(lead.lead)]
                    served += 1
                    floor.book(rep: rep, start: wakeup.time, work: random.exponential(mean: 1))
                } else {
                    floor.idle(rep: rep, at: wakeup.time)
                }
            }
        }
        let exact = Self.erlangCWait(servers: reps, arrivalRate: arrivalRate, serviceRate: 1)
        let observed = totalWait / Double(handovers)
        #expect(abs(observed - exact) <= 0.05 * exact, "observed \(observed) h, Erlang C \(exact) h")
    }

    @Test func roundRobinSkipsAbsentReps() {
        let calendar = SalesCalendar(reps: 3, weeks: 2, dayStartHour: 9, hoursPerWeek: 40) { rep, week in
            rep == 1 && week == 0
        }
        var floor = SalesFloor(reps: 3, calendar: calendar, routing: .roundRobin)
        let weekZero = (0..<4).map { _ in floor.route(region: 0, at: 10) }
        #expect(weekZero == [0, 2, 0, 2])
        let weekOne = (0..<3).map { _ in floor.route(region: 0, at: 168 + 10) }
        #expect(weekOne == [0, 1, 2])
    }

    @Test func leastLoadedPicksTheShortestQueue() {
        var floor = SalesFloor(reps: 3, calendar: Self.alwaysOn(reps: 3), routing: .leastLoaded)
        floor.enqueue(QueuedLead(key: 0, lead: 0, episode: 0), queue: 0, at: 0)
        floor.enqueue(QueuedLead(key: 0, lead: 1, episode: 0), queue: 0, at: 0)
        floor.enqueue(QueuedLead(key: 0, lead: 2, episode: 0), queue: 2, at: 0)
        #expect(floor.route(region: 0, at: 1) == 1)
        floor.enqueue(QueuedLead(key: 0, lead: 3, episode: 0), queue: 1, at: 0)
        floor.enqueue(QueuedLead(key: 0, lead: 4, episode: 0), queue: 1, at: 0)
        #expect(floor.route(region: 0, at: 1) == 2)
    }

    @Test func territoryKeepsRegionsApart() {
        var floor = SalesFloor(reps: 16, calendar: Self.alwaysOn(reps: 16), routing: .territory, regions: 8)
        #expect(floor.route(region: 3, at: 0) == 3)
        #expect(floor.route(region: 3, at: 0) == 11)
        #expect(floor.route(region: 3, at: 0) == 3)
    }

    /// A rep takes due meetings before new hand-overs, and follow-ups only when no new hand-over
    /// waits; an idle rep wakes when its next booked task falls due.
    @Test func repsWakeForBookedWork() {
        var floor = SalesFloor(reps: 1, calendar: Self.alwaysOn(reps: 1), routing: .roundRobin)
        floor.schedule(ScheduledTask(due: 5, lead: 9, step: 2, episode: 0), rep: 0, meeting: false)
        #expect(floor.nextWakeTime == 5)
        floor.enqueue(QueuedLead(key: 1, lead: 1, episode: 0), queue: 0, at: 1)
        #expect(floor.nextWakeTime == 1)
        #expect(floor.popWakeup(notAfter: 1)?.time == 1)
        floor.book(rep: 0, start: 1, work: 2)
        #expect(floor.nextWakeTime == 3)
        floor.idle(rep: 0, at: 3)
        #expect(floor.nextWakeTime == 5)
    }

    /// Working hours and weekly capacity: 10 hours a week over Monday to Friday from 9:00 is two
    /// hours a day, so 25 one-hour touches booked at once end on Wednesday of the third week.
    @Test func weeklyCapacityBoundsTheWork() {
        let calendar = SalesCalendar(reps: 1, weeks: 4, dayStartHour: 9, hoursPerWeek: 10) { _, _ in false }
        #expect(calendar.nextWorkingTime(rep: 0, from: 0) == 9)
        #expect(calendar.nextWorkingTime(rep: 0, from: 11.5) == 24 + 9)
        #expect(calendar.nextWorkingTime(rep: 0, from: 4 * 24 + 12) == 7 * 24 + 9)  // Friday after hours → Monday
        let finish = calendar.finish(rep: 0, startingAt: 0, work: 25)
        #expect(finish == 2 * 168 + 2 * 24 + 10)
        #expect(calendar.availableHours(rep: 0, weeks: 4) == 40)
    }

    @Test func absenceMovesWorkToTheNextWeek() {
        let calendar = SalesCalendar(reps: 1, weeks: 4, dayStartHour: 9, hoursPerWeek: 40) { _, week in week == 1 }
        #expect(calendar.nextWorkingTime(rep: 0, from: 4 * 24 + 17) == 2 * 168 + 9)
        #expect(calendar.availableHours(rep: 0, weeks: 4) == 120)
    }

    /// Selection gives the same quantiles as sorting, including over long runs of equal waits
    /// (many leads are touched at the same opening hour).
    @Test func quantilesBySelectionMatchSorting() {
        var stream = RandomStream(seed: 5, subject: 0, purpose: .sales)
        for count in [1, 2, 3, 10, 1_001, 20_000] {
            let values = (0..<count).map { _ in stream.uniform() < 0.3 ? 9.0 : (stream.uniform() * 100).rounded() }
            let sorted = values.sorted()
            for q in [0.0, 0.1, 0.5, 0.9, 1.0] {
                let position = q * Double(count - 1)
                let lower = Int(position)
                let upper = min(lower + 1, count - 1)
                let expected = sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
                var scratch = values
                #expect(quantile(of: &scratch, q) == expected)
            }
        }
    }

    @Test func handoversSortByTimeThenLead() {
        var stream = RandomStream(seed: 6, subject: 0, purpose: .sales)
        var shuffler = SeededGenerator(stream: RandomStream(seed: 7, subject: 0, purpose: .sales))
        let handovers = (0..<5_000).map { lead in
            // Whole and half hours make ties; the last hour of the horizon is included.
            PendingHandover(hours: (stream.uniform() * 400).rounded() / 2, lead: Int32(lead))
        }.shuffled(using: &shuffler)
        #expect(PendingHandover.sortedByTime(handovers, horizonHours: 200) == handovers.sorted())
    }
}

/// Lets the standard library's shuffle draw from a seeded stream, so the test is repeatable.
private struct SeededGenerator: RandomNumberGenerator {
    var stream: RandomStream
    mutating func next() -> UInt64 { stream.next() }
}
