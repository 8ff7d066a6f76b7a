import Foundation

/// How a nurture episode of the default model ends.
enum NurtureEnd: Sendable, Equatable {
    /// Became MQL by its score.
    case handover(hours: Double)
    /// Asked for sales (demo request, contact form) and was fast-tracked.
    case handRaised(hours: Double)
    case unsubscribed(hours: Double)
    case bounced(hours: Double)
    case none
}

/// What an episode's score did: the highest value the MQL rule was checked against, and where the
/// score stood when the episode ran out without an end (the lead's temperature at the window's end).
struct ScoreTrace {
    var peak = -Double.infinity
    var final = 0.0
}

extension B2BModel.Config {
    /// The score at which this run's MQL rule hands `lead` over: infinity when no score does
    /// (its grade keeps it out), minus infinity when any does (the first scoring touchpoint).
    @inline(__always)
    func mqlCeiling(for lead: Int) -> Double { mqlCeilings[lead] }

    /// One nurture episode of `lead` from `start` (hours) with a fresh engagement score: when it
    /// becomes MQL (a hand-over), unsubscribes, bounces, or nothing before the run ends or the lead
    /// is archived (`lead.active_days` after its creation).
    ///
    /// Exact in continuous time: between rate changes (buying window, campaigns) the spontaneous
    /// touchpoints form a Poisson process, so the time to the next one is one exponential draw,
    /// and e-mail sends and decay steps in between do not change it. `scored` carries the
    /// touchpoints a lead has already scored for first-time-only points; `awards` is scratch space
    /// reused across calls. The lead becomes MQL once its score reaches `ceiling`; `trace.peak` ends
    /// as the highest score checked against it, so the episode is known to run the same under any
    /// ceiling above that (`FirstEpisodes`). `sink` hears each send, touchpoint and the end.
    func episode<Sink: JourneySink>(
        lead: Int, population: Population, from start: Double, index: UInt32, ceiling: Double,
        scored: inout UInt16, awards: inout [PointAward], trace: inout ScoreTrace, sink: inout Sink
    ) -> NurtureEnd {
        let id = Int32(lead)
        let stop = min(endHours, Double(population.createdHours[lead]) + lifeHours)
        guard start < stop else { return .none }
        var random = RandomStream(seed: seed, subject: UInt64(lead), purpose: .nurture, episode: UInt64(index))
        let canEmail = isNurtured(lead)
        let baseIntent = Double(population.intent[lead]) + (canEmail ? nurtureIntentLift : 0)
        let fit = Double(population.fit[lead])
        let windowStart = Double(self.windowStart[lead])
        let windowEnd = Double(self.windowEnd[lead])
        let stage = index == 0 ? 1.0 : recycleFactor
        var scorer = EngagementScorer(rules: engagement, from: start, scored: scored, awards: &awards)
        defer { scored = scorer.scored }
        // Awards are written out where they happen rather than in a local function: one would
        // capture the scorer and keep it in memory through the whole loop (15 % of a run).

        if index == 0 {
            let moment = population.moment[lead]
            let creation: Int? = switch moment {
            case .demoRequest: B2BModel.demoRequestIndex
            case .contactForm: B2BModel.contactFormIndex
            case .whitepaperDownload: 2
            case .newsletterSignup, .webinarRegistration, .badgeScan: nil
            }
            if let touchpoint = creation {
                if fastTrack & (1 << touchpoint) != 0 {
                    sink.record(LeadEvent(hours: start, lead: id, kind: .handRaised, detail: UInt8(touchpoint)))
                    return .handRaised(hours: start)
                }
                let total = scorer.award(
                    points[touchpoint], group: Int(group[touchpoint]), bit: 1 << touchpoint, at: start, rules: engagement,
                    awards: &awards)
                sink.record(touchpointEvent(lead: id, touchpoint, at: start, total: total))
                if let total {
                    trace.peak = max(trace.peak, total)
                    if total >= ceiling {
                        sink.record(LeadEvent(hours: start, lead: id, kind: .mql, score: Float(total)))
                        return .handover(hours: start)
                    }
                }
            }
        }

        var nextSend = canEmail ? start + 24 : .infinity
        // Nurture e-mails bring leads to the site while the track runs (and a cadence beyond).
        let trackEnd = canEmail ? start + 24 + Double(trackEmails) * cadenceHours : start
        var sendsDone = 0
        let bounce = confirmed[lead] ? bounceRate * 0.1 : bounceRate
        let fitWeight = 1 - scaledByFit + scaledByFit * (0.5 + fit)
        let baseRates = rate * fitWeight * stage
        var time = start
        // Rates, intent and lift hold for a whole segment between rate changes, so they are
        // computed once per segment rather than once per touchpoint.
        var rateChange = -Double.infinity
        var intent = baseIntent
        var rates = SIMD8<Double>()
        var total = 0.0
        var meanGap = Double.infinity

        while true {
            if time >= rateChange {
                let inWindow = time >= windowStart && time < windowEnd
                intent = inWindow ? min(1, baseIntent + windowBoost) : baseIntent
                let inTrack = time < trackEnd
                rates = baseRates * (inTrack ? nurtureLift : 1) * (intentBase + intentSlope * intent)
                rateChange = min(
                    inWindow ? windowEnd : (time < windowStart ? windowStart : .infinity), inTrack ? trackEnd : .infinity,
                    stop)
                if !campaigns.isEmpty {
                    rates *= campaignEffect(at: time)
                    rateChange = min(rateChange, nextCampaignBoundary(after: time))
                }
                total = rates.sum()
                meanGap = 1 / total
            }
            let nextTouch = total > 0 ? time + random.exponential(mean: meanGap, ziggurat) : .infinity
            let segmentEnd = min(nextTouch, rateChange)

            // E-mail sends before the next touchpoint leave its timing unchanged.
            while nextSend < segmentEnd {
                let sendTime = nextSend
                scorer.decay(until: sendTime, including: true, rules: engagement)
                let recent = min(sendsDone + 1, sendsPer30Days)
                let fatigueFactor = 1 + fatigue * Double(max(0, recent - 2))
                let unsubscribes = min(1, unsubscribeRate * fatigueFactor)
                let opens = min(1, openRate * (0.6 + 0.8 * intent) / fatigueFactor)
                // One uniform decides the send: bounce, else unsubscribe, else open (and then
                // perhaps a click), else nothing, each outcome a slice of [0, 1) of its exact
                // chance. Edges rather than rescaling keep divisions off the draw's path.
                let u = random.uniform()
                sink.record(LeadEvent(hours: sendTime, lead: id, kind: .emailSent, detail: UInt8(min(255, sendsDone + 1))))
                if u < bounce {
                    sink.record(LeadEvent(hours: sendTime, lead: id, kind: .bounced))
                    return .bounced(hours: sendTime)
                }
                let unsubscribeEdge = bounce + (1 - bounce) * unsubscribes
                if u < unsubscribeEdge {
                    sink.record(LeadEvent(hours: sendTime, lead: id, kind: .unsubscribed))
                    return .unsubscribed(hours: sendTime)
                }
                let openWidth = (1 - bounce) * (1 - unsubscribes) * opens
                if u < unsubscribeEdge + openWidth {
                    var qualifies = false
                    let opened = scorer.award(openPoints, group: openGroup, bit: 1 << 7, at: sendTime, rules: engagement, awards: &awards)
                    sink.record(touchpointEvent(lead: id, B2BModel.emailOpenIndex, at: sendTime, total: opened))
                    var score = opened ?? .nan
                    if let total = opened {
                        trace.peak = max(trace.peak, total)
                        qualifies = total >= ceiling
                    }
                    if u - unsubscribeEdge < clickRate * (0.5 + intent) * openWidth {
                        let clicked = scorer.award(clickPoints, group: clickGroup, bit: 1 << 8, at: sendTime, rules: engagement, awards: &awards)
                        sink.record(touchpointEvent(lead: id, B2BModel.emailClickIndex, at: sendTime, total: clicked))
                        if let total = clicked {
                            trace.peak = max(trace.peak, total)
                            qualifies = qualifies || total >= ceiling
                            score = total
                        }
                    }
                    if qualifies {
                        sink.record(LeadEvent(hours: sendTime, lead: id, kind: .mql, score: Float(score)))
                        return .handover(hours: sendTime)
                    }
                }
                sendsDone += 1
                nextSend = sendsDone < trackEmails ? sendTime + cadenceHours : .infinity
            }

            if nextTouch < rateChange {
                time = nextTouch
                let target = random.uniform() * total
                var touchpoint = 0
                var cumulative = rates[0]
                while touchpoint < 6, cumulative <= target {
                    touchpoint += 1
                    cumulative += rates[touchpoint]
                }
                if fastTrack & (1 << touchpoint) != 0 {
                    sink.record(LeadEvent(hours: time, lead: id, kind: .handRaised, detail: UInt8(touchpoint)))
                    return .handRaised(hours: time)
                }
                scorer.decay(until: time, including: false, rules: engagement)
                let total = scorer.award(
                    points[touchpoint], group: Int(group[touchpoint]), bit: 1 << touchpoint, at: time, rules: engagement,
                    awards: &awards)
                sink.record(touchpointEvent(lead: id, touchpoint, at: time, total: total))
                if let total {
                    trace.peak = max(trace.peak, total)
                    if total >= ceiling {
                        sink.record(LeadEvent(hours: time, lead: id, kind: .mql, score: Float(total)))
                        return .handover(hours: time)
                    }
                }
            } else {
                time = rateChange
                if time >= stop {
                    trace.final = scorer.total(at: stop, rules: engagement, awards: &awards)
                    return .none
                }
            }
        }
    }

    /// A touchpoint with the points it earned and the score after it; a touchpoint that scored
    /// nothing (first time only, already scored) keeps the score unknown here.
    @inline(__always)
    func touchpointEvent(lead: Int32, _ touchpoint: Int, at hours: Double, total: Double?) -> LeadEvent {
        LeadEvent(
            hours: hours, lead: lead, kind: .touchpoint, detail: UInt8(touchpoint),
            value: total == nil ? 0 : Float(touchpointPoints(touchpoint)), score: total.map(Float.init) ?? .nan)
    }

    /// This run's points for a touchpoint by its code (spontaneous ones, then open and click).
    func touchpointPoints(_ touchpoint: Int) -> Double {
        switch touchpoint {
        case B2BModel.emailOpenIndex: openPoints
        case B2BModel.emailClickIndex: clickPoints
        default: points[touchpoint]
        }
    }
}
