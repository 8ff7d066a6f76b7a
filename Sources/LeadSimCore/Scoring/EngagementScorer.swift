/// A scoring model's engagement rules with one run's values, as the scorer reads them.
struct EngagementRules: Sendable {
    /// Caps of the (up to four) score groups, one lane each.
    let groupCap: SIMD4<Double>
    let totalCap: Double
    let percentDecay: Bool
    /// Share of the score kept at each percent-style decay step, and the steps' period.
    let decayKeep: Double
    let decayPeriodHours: Double
    /// Age at which points expire (expire style).
    let expireHours: Double
    /// Bit per touchpoint (spontaneous 0–6, open 7, click 8) that scores only once per lead.
    let firstTimeOnly: UInt16
}

/// A point award remembered for expiry-style decay.
struct PointAward: Sendable {
    var hours: Double
    var group: Int
    var points: Double
}

/// The engagement score itself: score groups with caps under an overall cap.
struct EngagementScore {
    // Four scalars rather than a SIMD4: a one-lane update of a vector stalls on store forwarding
    // in the hot loop, where single awards outnumber whole-score operations.
    var groups: (Double, Double, Double, Double) = (0, 0, 0, 0)

    @inline(__always)
    func total(cap: Double) -> Double {
        min(cap, groups.0 + groups.1 + groups.2 + groups.3)
    }

    @inline(__always)
    mutating func add(_ points: Double, group: Int, cap: Double) {
        switch group {
        case 0: groups.0 = min(cap, groups.0 + points)
        case 1: groups.1 = min(cap, groups.1 + points)
        case 2: groups.2 = min(cap, groups.2 + points)
        default: groups.3 = min(cap, groups.3 + points)
        }
    }

    @inline(__always)
    mutating func scale(_ factor: Double) {
        groups = (groups.0 * factor, groups.1 * factor, groups.2 * factor, groups.3 * factor)
    }

    /// Expiry style: each group is the capped sum of its awards younger than the window.
    mutating func recompute(awards: inout [PointAward], now: Double, expireHours: Double, caps: SIMD4<Double>) {
        awards.removeAll { $0.hours <= now - expireHours }
        var sums = SIMD4<Double>()
        for award in awards { sums[award.group] += award.points }
        sums = sums.replacing(with: caps, where: sums .> caps)
        groups = (sums[0], sums[1], sums[2], sums[3])
    }
}

/// A lead's engagement score as a scoring model keeps it, touchpoint by touchpoint in time order:
/// points into capped groups, first-time-only touchpoints scored once, and decay in either style
/// (percent steps on the calendar, or points that expire). It knows nothing of how the touchpoints
/// came about, so the simulation's episodes score through it and a replayed history can too.
struct EngagementScorer {
    private(set) var score = EngagementScore()
    /// The first-time-only touchpoints the lead has scored, across its episodes.
    var scored: UInt16
    private var nextDecay: Double

    /// A fresh score from `start`; `awards` is the caller's scratch space for expiry, emptied here.
    init(rules: EngagementRules, from start: Double, scored: UInt16, awards: inout [PointAward]) {
        self.scored = scored
        nextDecay = rules.percentDecay ? ((start / rules.decayPeriodHours).rounded(.down) + 1) * rules.decayPeriodHours : .infinity
        awards.removeAll(keepingCapacity: true)
    }

    /// Applies the percent-style decay steps due before `time`, and one due at `time` too when
    /// `including` (a step and an e-mail at the same moment: the step comes first).
    @inline(__always)
    mutating func decay(until time: Double, including: Bool, rules: EngagementRules) {
        while nextDecay < time || (including && nextDecay == time) {
            score.scale(rules.decayKeep)
            nextDecay += rules.decayPeriodHours
        }
    }

    /// Adds a touchpoint's points at `time` and returns the capped total; nil when the touchpoint
    /// scores the first time only and has scored before.
    @inline(__always)
    mutating func award(
        _ points: Double, group: Int, bit: UInt16, at time: Double, rules: EngagementRules, awards: inout [PointAward]
    ) -> Double? {
        if rules.firstTimeOnly & bit != 0 {
            if scored & bit != 0 { return nil }
            scored |= bit
        }
        if rules.percentDecay {
            score.add(points, group: group, cap: rules.groupCap[group])
        } else {
            awards.append(PointAward(hours: time, group: group, points: points))
            score.recompute(awards: &awards, now: time, expireHours: rules.expireHours, caps: rules.groupCap)
        }
        return score.total(cap: rules.totalCap)
    }

    /// The capped total at `time`, with decay due before it applied and expired points dropped.
    mutating func total(at time: Double, rules: EngagementRules, awards: inout [PointAward]) -> Double {
        decay(until: time, including: false, rules: rules)
        if !rules.percentDecay { score.recompute(awards: &awards, now: time, expireHours: rules.expireHours, caps: rules.groupCap) }
        return score.total(cap: rules.totalCap)
    }
}
