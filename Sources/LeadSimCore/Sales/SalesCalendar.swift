/// When each rep works on hand-overs: the first `workdays` days of each week (Monday to Friday by
/// default) from a start hour, a weekly number of hours spread evenly over them, and whole weeks of
/// absence drawn per (seed, rep, week).
public struct SalesCalendar: Sendable {
    let dayStartHour: Double
    let hoursPerDay: Double
    let workdays: Int
    /// absent[rep * weeks + week]; weeks past the table count as present.
    private let absent: [Bool]
    private let weeks: Int

    /// Absences drawn per (seed, rep, week) with the given chance.
    public init(
        reps: Int, weeks: Int, dayStartHour: Double, hoursPerWeek: Double, workdays: Int = 5, absenceShare: Double,
        seed: UInt64
    ) {
        self.init(reps: reps, weeks: weeks, dayStartHour: dayStartHour, hoursPerWeek: hoursPerWeek, workdays: workdays) {
            rep, week in
            var random = RandomStream(seed: seed, subject: UInt64(rep), purpose: .repAbsence, episode: UInt64(week))
            return random.uniform() < absenceShare
        }
    }

    /// Absences as given; `dayStartHour + hoursPerWeek / workdays` must not pass midnight.
    public init(
        reps: Int, weeks: Int, dayStartHour: Double, hoursPerWeek: Double, workdays: Int = 5,
        isAbsent: (_ rep: Int, _ week: Int) -> Bool
    ) {
        precondition(workdays >= 1 && workdays <= 7 && dayStartHour + hoursPerWeek / Double(workdays) <= 24)
        self.dayStartHour = dayStartHour
        self.workdays = workdays
        hoursPerDay = hoursPerWeek / Double(workdays)
        self.weeks = weeks
        var absent = [Bool](repeating: false, count: reps * weeks)
        for rep in 0..<reps {
            for week in 0..<weeks { absent[rep * weeks + week] = isAbsent(rep, week) }
        }
        self.absent = absent
    }

    @inline(__always)
    public func isAbsent(rep: Int, week: Int) -> Bool {
        week < weeks && week >= 0 && absent[rep * weeks + week]
    }

    /// The first moment at or after `hours` when the rep works.
    public func nextWorkingTime(rep: Int, from hours: Double) -> Double {
        var day = Int((hours / 24).rounded(.down))
        var time = hours
        while true {
            if day % 7 < workdays && !isAbsent(rep: rep, week: day / 7) {
                let open = Double(day) * 24 + dayStartHour
                if time < open + hoursPerDay { return max(time, open) }
            }
            day += 1
            time = Double(day) * 24
        }
    }

    /// The moment the rep finishes `work` hours of work begun at `hours`.
    public func finish(rep: Int, startingAt hours: Double, work: Double) -> Double {
        var remaining = work
        var now = nextWorkingTime(rep: rep, from: hours)
        while true {
            let close = (now / 24).rounded(.down) * 24 + dayStartHour + hoursPerDay
            if remaining <= close - now { return now + remaining }
            remaining -= close - now
            now = nextWorkingTime(rep: rep, from: close)
        }
    }

    /// Working hours the rep has between two moments.
    public func workingHours(rep: Int, from start: Double, to end: Double) -> Double {
        var total = 0.0
        var now = nextWorkingTime(rep: rep, from: start)
        while now < end {
            let close = (now / 24).rounded(.down) * 24 + dayStartHour + hoursPerDay
            total += min(close, end) - now
            now = nextWorkingTime(rep: rep, from: close)
        }
        return total
    }

    /// Working hours the rep has within the first `weeks` weeks.
    public func availableHours(rep: Int, weeks: Int) -> Double {
        availableHours(rep: rep, weeks: 0..<weeks)
    }

    /// Working hours the rep has within the given weeks.
    public func availableHours(rep: Int, weeks: Range<Int>) -> Double {
        weeks.reduce(0) { $0 + (isAbsent(rep: rep, week: $1) ? 0 : hoursPerDay * Double(workdays)) }
    }
}
