import Foundation

extension B2BModel {
    /// How each spontaneous touchpoint's rate leans on intent (base + slope × intent, 1 at intent
    /// 0.5), one lane per touchpoint; the eighth lane is unused. Lanes let a segment's seven rates
    /// come out of a few vector operations in the nurture loop.
    static let intentBase = SIMD8<Double>(0.4, 0.1, 0.5, 0.5, 0, 0, 0.4, 0)
    static let intentSlope = SIMD8<Double>(1.2, 1.8, 1.0, 1.0, 2, 2, 1.2, 0)
    /// 1 in the lanes of touchpoints whose rate fit scales too (demo requests come from leads who
    /// could buy). Arithmetic on it rather than a mask: `replacing(with:where:)` is not
    /// specialised well and cost more than the rest of an episode's set-up.
    static let scaledByFit = SIMD8<Double>(0, 0, 0, 0, 1, 0, 0, 0)
    static let demoRequestIndex = 4
    static let contactFormIndex = 5
    /// Codes of the e-mail answers after the spontaneous touchpoints (`scoredTouchpoints` order).
    static let emailOpenIndex = 7
    static let emailClickIndex = 8

    /// Where single opt-ins must confirm before they are e-mailed.
    enum DoubleOptIn: ParameterChoice {
        case off, dach, all

        var name: String {
            switch self {
            case .off: "off"
            case .dach: "dach"
            case .all: "all"
            }
        }
    }

    /// Window leads by week of creation, and by fit grade and channel within each part of the window.
    struct LeadTally: Sendable {
        /// Per part of the measured window (`B2BModel.part(of:weeks:)`).
        struct Group: Sendable {
            var grades: [Int] = []
            var channels = [Int](repeating: 0, count: Channel.allCases.count)
        }

        var groups: [Group]
        var newLeads: [Int]

        init(weeks: Int, grades: Int) {
            newLeads = [Int](repeating: 0, count: weeks)
            var group = Group()
            group.grades = [Int](repeating: 0, count: grades)
            groups = [Group](repeating: group, count: B2BModel.parts(weeks: weeks))
        }

        mutating func add(_ other: LeadTally) {
            for group in groups.indices {
                for index in groups[group].grades.indices { groups[group].grades[index] += other.groups[group].grades[index] }
                for index in groups[group].channels.indices {
                    groups[group].channels[index] += other.groups[group].channels[index]
                }
            }
            for index in newLeads.indices { newLeads[index] += other.newLeads[index] }
        }
    }

    /// Parameters resolved once per run into the flat form the hot loops read.
    struct Config: Sendable {
        let seed: UInt64
        /// The measured window, in hours since the start of the warm-up; runs stop at its end.
        let windowStartHours: Double
        let endHours: Double
        /// Weeks of the measured window.
        let weeks: Int
        let lifeHours: Double
        let malMinGrade: UInt8
        /// The scoring model's grades, best first, which `grade` indexes.
        let gradeNames: [String]
        /// Spontaneous touchpoints (bit per index) that hand a lead over whatever its score.
        let fastTrack: UInt16
        /// The scoring model's engagement rules with this run's values.
        let engagement: EngagementRules
        /// Spontaneous touchpoints, one lane each: rate per hour at intent 0.5, points, score group.
        let rate: SIMD8<Double>
        let points: SIMD8<Double>
        let group: SIMD8<Int64>
        let openGroup, clickGroup: Int
        let openRate, clickRate, unsubscribeRate, bounceRate: Double
        let openPoints, clickPoints: Double
        let cadenceHours: Double
        let trackEmails: Int
        let fatigue: Double
        /// Sends that fall within 30 days of each other at this cadence.
        let sendsPer30Days: Int
        let recycleDelayHours: Double
        let recycleFactor: Double
        let nurtureLift: Double
        let windowBoost: Double
        let nurtureIntentLift: Double
        /// (touchpoint index, multiplier, start hour, end hour)
        let campaigns: [(Int, Double, Double, Double)]

        /// Per lead, resolved for this run.
        let grade: [UInt8]
        /// The score at which the MQL rule hands the lead over (`mqlCeiling(for:)`).
        let mqlCeilings: [Double]
        let emailable: [Bool]
        let confirmed: [Bool]
        /// The buying window in hours since the start of the warm-up; infinity when it does not open
        /// within the lead's active life. Nurturing moves it, so it is resolved per run.
        let windowStart: [Float]
        let windowEnd: [Float]

        /// Counts over the window's leads that the sales side reports.
        let tally: LeadTally
        /// Copies of the model's lane constants and the exponential tables, so that the hot loop
        /// reads them without a lazy-global check each time.
        let intentBase = B2BModel.intentBase
        let intentSlope = B2BModel.intentSlope
        let scaledByFit = B2BModel.scaledByFit
        let ziggurat = ExponentialZiggurat.shared

        init(
            _ p: ParameterSet, population: Population, campaigns: [Campaign], scoring model: ScoringModel = .b2bDefault,
            threads: Int = ParallelChunks.defaultThreads
        ) {
            let scoring = ScoringRun(model, parameters: p, attributes: population.attributes)
            seed = population.seed
            windowStartHours = population.windowStartHours
            endHours = population.endHours
            weeks = population.horizonWeeks
            lifeHours = p[Key.activeDays] * 24
            malMinGrade = UInt8(scoring.malMinGrade)
            gradeNames = scoring.gradeNames
            fastTrack = scoring.events.reduce(0) { mask, event in
                mask | UInt16(1) << B2BModel.spontaneousTouchpoints.firstIndex(of: event)!
            }
            let groups = model.groups.map(\.name)
            func groupIndex(_ touchpoint: String) -> Int {
                groups.firstIndex(of: model.engagement.first { $0.touchpoint == touchpoint }!.group)!
            }
            let touchpoints = B2BModel.spontaneousTouchpoints
            rate = Self.lanes(touchpoints.map { p[Key.rate($0)] / 24 })
            points = Self.lanes(touchpoints.map { p[ScoringModel.Key.points($0)] })
            group = SIMD8(touchpoints.map { Int64(groupIndex($0)) } + [0])
            openGroup = groupIndex("email_open")
            clickGroup = groupIndex("email_click")
            var firstTimeOnly: UInt16 = 0
            for (bit, name) in (touchpoints + B2BModel.scoredEmailTouchpoints).enumerated()
            where !p[ScoringModel.Key.repeatable(name)] {
                firstTimeOnly |= 1 << bit
            }
            engagement = EngagementRules(
                groupCap: SIMD4((groups.map { p[ScoringModel.Key.groupCap($0)] } + Array(repeating: .infinity, count: 4)).prefix(4)),
                totalCap: p[ScoringModel.Key.cap], percentDecay: p[ScoringModel.Key.decayStyle] == .percent,
                decayKeep: 1 - p[ScoringModel.Key.decayPercent], decayPeriodHours: p[ScoringModel.Key.decayPeriodDays] * 24,
                expireHours: p[ScoringModel.Key.expireDays] * 24, firstTimeOnly: firstTimeOnly)
            openRate = p[Key.rate("email_open")]
            clickRate = p[Key.rate("email_click")]
            unsubscribeRate = p[Key.rate("unsubscribe")]
            bounceRate = p[Key.rate("bounce")]
            openPoints = p[ScoringModel.Key.points("email_open")]
            clickPoints = p[ScoringModel.Key.points("email_click")]
            cadenceHours = p[Key.cadenceDays] * 24
            trackEmails = p[Key.trackEmails]
            fatigue = p[Key.fatigue]
            sendsPer30Days = Int(720 / cadenceHours) + 1
            recycleDelayHours = p[Key.recycleDelayDays] * 24
            recycleFactor = p[Key.recycleEngagement]
            nurtureLift = p[Key.engagementLift]
            windowBoost = p[Key.windowBoost]
            nurtureIntentLift = p[Key.intentLift]
            // Campaign weeks count from the start of the measured window.
            let measuredStart = population.windowStartHours
            self.campaigns = campaigns.compactMap { campaign in
                guard case .touchpoint(let touchpoint) = campaign.target else { return nil }
                return B2BModel.spontaneousTouchpoints.firstIndex(of: touchpoint).map {
                    ($0, campaign.multiplier, measuredStart + campaign.startWeek * 168, measuredStart + campaign.endWeek * 168)
                }
            }

            let doubleOptIn = p[Key.doubleOptIn]
            let confirmRate = p[Key.confirmRate]
            let count = population.count
            let seed = seed
            let weeks = weeks
            let windowStartHours = windowStartHours
            let lifeHours = lifeHours
            let windowHazard = -Foundation.log(1 - p[Key.windowShare]) / lifeHours
            let windowMedianHours = p[Key.windowDays] * 24
            let windowPull = p[Key.windowPull]
            let trackHours = Double(trackEmails) * cadenceHours
            var grade = [UInt8](repeating: 0, count: count)
            var mqlCeilings = [Double](repeating: .infinity, count: count)
            var emailable = [Bool](repeating: false, count: count)
            var confirmed = [Bool](repeating: false, count: count)
            var windowStart = [Float](repeating: .infinity, count: count)
            var windowEnd = [Float](repeating: .infinity, count: count)
            var tallies = [LeadTally](
                repeating: LeadTally(weeks: weeks, grades: scoring.gradeCount),
                count: ParallelChunks.chunkCount(count: count, chunkSize: Self.chunkSize))
            /// What the run resolves for one lead: its fit grade, whether it may be e-mailed and
            /// has confirmed, and its buying window if one opens within its active life.
            @Sendable func resolve(
                _ lead: Int
            ) -> (grade: UInt8, ceiling: Double, emailable: Bool, confirmed: Bool, window: (Float, Float)?) {
                let fitPoints = scoring.fitPoints(of: lead, in: population)
                let gradeIndex = scoring.grade(fitPoints: fitPoints)
                let grade = UInt8(gradeIndex)
                let ceiling = scoring.ceiling(grade: gradeIndex, fitPoints: fitPoints)
                var canEmail = false
                var confirmed = false
                switch population.consent[lead] {
                case .none: break
                case .doubleOptIn:
                    canEmail = true
                    confirmed = true
                case .singleOptIn:
                    if doubleOptIn == .all || (doubleOptIn == .dach && population.region[lead] == .dach) {
                        var consent = RandomStream(seed: seed, subject: UInt64(lead), purpose: .consent)
                        canEmail = consent.uniform() < confirmRate
                        confirmed = canEmail
                    } else {
                        canEmail = true
                    }
                }
                let created = Double(population.createdHours[lead])
                let nurtured = canEmail && trackHours > 0
                let opens = B2BModel.windowOpening(
                    clock: Double(population.windowClock[lead]),
                    hazardPerHour: windowHazard * (0.5 + Double(population.fit[lead])),
                    created: created, track: nurtured ? (created + 24, created + 24 + trackHours) : nil, pull: windowPull)
                guard opens - created < lifeHours else { return (grade, ceiling, canEmail, confirmed, nil) }
                let length = windowMedianHours * Double(population.windowLengthFactor[lead])
                return (grade, ceiling, canEmail, confirmed, (Float(opens), Float(opens + length)))
            }

            // Resolved in parallel chunks: at 100,000 leads this pass alone took 3 ms on one thread.
            grade.withUnsafeMutableBufferPointer { gradeBuffer in
                mqlCeilings.withUnsafeMutableBufferPointer { ceilingBuffer in
                    emailable.withUnsafeMutableBufferPointer { emailableBuffer in
                        confirmed.withUnsafeMutableBufferPointer { confirmedBuffer in
                            windowStart.withUnsafeMutableBufferPointer { startBuffer in
                                windowEnd.withUnsafeMutableBufferPointer { endBuffer in
                                    tallies.withUnsafeMutableBufferPointer { tallyBuffer in
                                        let gradeOut = DisjointWrites(gradeBuffer.baseAddress!)
                                        let ceilingOut = DisjointWrites(ceilingBuffer.baseAddress!)
                                        let emailableOut = DisjointWrites(emailableBuffer.baseAddress!)
                                        let confirmedOut = DisjointWrites(confirmedBuffer.baseAddress!)
                                        let startOut = DisjointWrites(startBuffer.baseAddress!)
                                        let endOut = DisjointWrites(endBuffer.baseAddress!)
                                        let tallyOut = DisjointWrites(tallyBuffer.baseAddress!)
                                        ParallelChunks.forEach(count: count, chunkSize: Self.chunkSize, threads: threads) {
                                            chunk, range in
                                            var tally = LeadTally(weeks: weeks, grades: scoring.gradeCount)
                                            for lead in range {
                                                let resolved = resolve(lead)
                                                gradeOut[lead] = resolved.grade
                                                ceilingOut[lead] = resolved.ceiling
                                                emailableOut[lead] = resolved.emailable
                                                confirmedOut[lead] = resolved.confirmed
                                                if let (start, end) = resolved.window {
                                                    startOut[lead] = start
                                                    endOut[lead] = end
                                                }
                                                let created = Double(population.createdHours[lead])
                                                guard created >= windowStartHours else { continue }
                                                let part = B2BModel.part(of: created - windowStartHours, weeks: weeks)
                                                tally.groups[part].grades[Int(resolved.grade)] += 1
                                                tally.groups[part].channels[Int(population.channel[lead].rawValue)] += 1
                                                tally.newLeads[min(weeks - 1, Int((created - windowStartHours) / 168))] += 1
                                            }
                                            tallyOut[chunk] = tally
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            self.grade = grade
            self.mqlCeilings = mqlCeilings
            self.emailable = emailable
            self.confirmed = confirmed
            self.windowStart = windowStart
            self.windowEnd = windowEnd
            tally = tallies.reduce(into: LeadTally(weeks: weeks, grades: scoring.gradeCount)) { $0.add($1) }
        }

        static let chunkSize = 8192

        /// Whether the lead gets a nurture track: it may be e-mailed, and tracks have e-mails.
        @inline(__always)
        func isNurtured(_ lead: Int) -> Bool { emailable[lead] && trackEmails > 0 }

        /// Seven touchpoint values in the first lanes of a vector.
        private static func lanes(_ values: [Double]) -> SIMD8<Double> {
            SIMD8(values + [0])
        }

        /// Campaign multipliers of all touchpoints at `time`, one lane each.
        @inline(__always)
        func campaignEffect(at time: Double) -> SIMD8<Double> {
            var multiplier = SIMD8<Double>(repeating: 1)
            for (index, factor, start, end) in campaigns where time >= start && time < end {
                multiplier[index] *= factor
            }
            return multiplier
        }

        @inline(__always)
        func nextCampaignBoundary(after time: Double) -> Double {
            var next = Double.infinity
            for (_, _, start, end) in campaigns {
                if start > time { next = min(next, start) } else if end > time { next = min(next, end) }
            }
            return next
        }
    }
}
