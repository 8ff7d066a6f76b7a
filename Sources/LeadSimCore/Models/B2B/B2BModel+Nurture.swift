import Foundation

/// How a nurture episode of the default model ends.
enum NurtureEnd: Sendable, Equatable {
    case handover(hours: Double)
    case unsubscribed(hours: Double)
    case bounced(hours: Double)
    case none
}

/// A point award remembered for expiry-style decay.
struct PointAward: Sendable {
    var hours: Double
    var group: Int
    var points: Double
}

/// The engagement score of one lead during one episode: score groups with caps, an overall cap,
/// and one of the two decay styles.
struct EngagementScore {
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
    mutating func recompute(awards: inout [PointAward], now: Double, expireHours: Double, caps: [Double]) {
        awards.removeAll { $0.hours <= now - expireHours }
        var sums = (0.0, 0.0, 0.0, 0.0)
        for award in awards {
            switch award.group {
            case 0: sums.0 += award.points
            case 1: sums.1 += award.points
            case 2: sums.2 += award.points
            default: sums.3 += award.points
            }
        }
        groups = (min(caps[0], sums.0), min(caps[1], sums.1), min(caps[2], sums.2), min(caps[3], sums.3))
    }
}

extension B2BModel.Config {
    /// One nurture episode of `lead` from `start` (hours) with a fresh engagement score: when it
    /// becomes MQL (a hand-over), unsubscribes, bounces, or nothing within the horizon.
    ///
    /// Exact in continuous time: between rate changes (buying window, campaigns) the spontaneous
    /// touchpoints form a Poisson process, so the time to the next one is one exponential draw,
    /// and e-mail sends and decay steps in between do not change it. `scored` carries the
    /// touchpoints a lead has already scored for first-time-only points; `awards` is scratch space
    /// reused across calls.
    func episode(
        lead: Int, population: Population, from start: Double, index: UInt32,
        scored: inout UInt16, awards: inout [PointAward]
    ) -> NurtureEnd {
        guard start < horizonHours else { return .none }
        var random = RandomStream(seed: seed, subject: UInt64(lead), purpose: .nurture, episode: UInt64(index))
        let baseIntent = Double(population.intent[lead])
        let fit = Double(population.fit[lead])
        let windowStart = Double(population.windowStartHours[lead])
        let windowEnd = Double(population.windowEndHours[lead])
        let gradeOK = grade[lead] <= minGrade
        let stage = index == 0 ? 1.0 : recycleFactor
        var score = EngagementScore()
        awards.removeAll(keepingCapacity: true)

        /// Adds a touchpoint's points (unless it is first-time-only and already scored) and says
        /// whether the MQL rule now holds.
        func award(_ points: Double, group: Int, bit: UInt16, repeatable: Bool, at time: Double) -> Bool {
            if !repeatable {
                if scored & bit != 0 { return false }
                scored |= bit
            }
            if percentDecay {
                score.add(points, group: group, cap: groupCap[group])
            } else {
                awards.append(PointAward(hours: time, group: group, points: points))
                score.recompute(awards: &awards, now: time, expireHours: expireHours, caps: groupCap)
            }
            return gradeOK && score.total(cap: totalCap) >= threshold
        }

        if index == 0 {
            let moment = population.moment[lead]
            if moment.isHandRaiser && fastTrack { return .handover(hours: start) }
            let creation: Int? = switch moment {
            case .demoRequest: B2BModel.demoRequestIndex
            case .contactForm: B2BModel.contactFormIndex
            case .whitepaperDownload: 2
            case .newsletterSignup, .webinarRegistration, .badgeScan: nil
            }
            if let touchpoint = creation,
               award(points[touchpoint], group: B2BModel.spontaneousGroup[touchpoint], bit: 1 << touchpoint,
                     repeatable: repeatable[touchpoint], at: start) {
                return .handover(hours: start)
            }
        }

        let canEmail = emailable[lead] && trackEmails > 0
        var nextSend = canEmail ? start + 24 : .infinity
        // Nurture e-mails bring leads to the site while the track runs (and a cadence beyond).
        let trackEnd = canEmail ? start + 24 + Double(trackEmails) * cadenceHours : start
        var sendsDone = 0
        var nextDecay = percentDecay ? ((start / decayPeriodHours).rounded(.down) + 1) * decayPeriodHours : .infinity
        let bounce = confirmed[lead] ? bounceRate * 0.1 : bounceRate
        var time = start
        var rates = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)

        while true {
            let inWindow = time >= windowStart && time < windowEnd
            let intent = inWindow ? min(1, baseIntent + windowBoost) : baseIntent
            let inTrack = time < trackEnd
            let lift = stage * (inTrack ? nurtureLift : 1)
            let rateChange = min(
                inWindow ? windowEnd : (time < windowStart ? windowStart : .infinity), inTrack ? trackEnd : .infinity,
                campaigns.isEmpty ? .infinity : nextCampaignBoundary(after: time), horizonHours)
            var total = 0.0
            withUnsafeMutableBytes(of: &rates) { raw in
                let r = raw.bindMemory(to: Double.self)
                for k in 0..<7 {
                    let shape = B2BModel.intentSlope[k]
                    var value = rate[k] * lift * (shape.base + shape.slope * intent)
                    if shape.byFit { value *= 0.5 + fit }
                    if !campaigns.isEmpty { value *= campaignEffect(touchpoint: k, at: time) }
                    r[k] = value
                    total += value
                }
            }
            let nextTouch = total > 0 ? time + random.exponential(mean: 1 / total) : .infinity
            let segmentEnd = min(nextTouch, rateChange)

            // E-mail sends and decay steps before the next touchpoint leave its timing unchanged.
            while min(nextSend, nextDecay) < segmentEnd {
                if nextDecay <= nextSend {
                    score.scale(decayKeep)
                    nextDecay += decayPeriodHours
                    continue
                }
                let sendTime = nextSend
                let recent = min(sendsDone + 1, sendsPer30Days)
                let fatigueFactor = 1 + fatigue * Double(max(0, recent - 2))
                if random.uniform() < bounce { return .bounced(hours: sendTime) }
                if random.uniform() < unsubscribeRate * fatigueFactor { return .unsubscribed(hours: sendTime) }
                if random.uniform() < openRate * (0.6 + 0.8 * intent) / fatigueFactor {
                    var qualifies = award(openPoints, group: 0, bit: 1 << 7, repeatable: openRepeatable, at: sendTime)
                    if random.uniform() < clickRate * (0.5 + intent) {
                        qualifies = award(clickPoints, group: 0, bit: 1 << 8, repeatable: clickRepeatable, at: sendTime)
                            || qualifies
                    }
                    if qualifies { return .handover(hours: sendTime) }
                }
                sendsDone += 1
                nextSend = sendsDone < trackEmails ? sendTime + cadenceHours : .infinity
            }

            if nextTouch < rateChange {
                time = nextTouch
                let target = random.uniform() * total
                var touchpoint = 0
                var cumulative = rates.0
                withUnsafeBytes(of: rates) { raw in
                    let r = raw.bindMemory(to: Double.self)
                    while touchpoint < 6, cumulative <= target {
                        touchpoint += 1
                        cumulative += r[touchpoint]
                    }
                }
                let isHandRaiser = touchpoint == B2BModel.demoRequestIndex || touchpoint == B2BModel.contactFormIndex
                if isHandRaiser && fastTrack { return .handover(hours: time) }
                if award(points[touchpoint], group: B2BModel.spontaneousGroup[touchpoint], bit: 1 << touchpoint,
                         repeatable: repeatable[touchpoint], at: time) {
                    return .handover(hours: time)
                }
            } else {
                time = rateChange
                if time >= horizonHours { return .none }
            }
        }
    }
}
