import Foundation

extension B2BModel {
    /// A campaign multiplies one touchpoint's rate over a span of weeks (e.g. a webinar push).
    public struct Campaign: Sendable, Equatable {
        public var touchpoint: String
        public var multiplier: Double
        public var startWeek: Double
        public var endWeek: Double

        public init(touchpoint: String, multiplier: Double, startWeek: Double, endWeek: Double) {
            self.touchpoint = touchpoint
            self.multiplier = multiplier
            self.startWeek = startWeek
            self.endWeek = endWeek
        }
    }

    /// How each spontaneous touchpoint's rate leans on intent (a + b × intent, 1 at intent 0.5),
    /// and whether fit scales it too (demo requests come from leads who could buy).
    static let intentSlope: [(base: Double, slope: Double, byFit: Bool)] = [
        (0.4, 1.2, false), (0.1, 1.8, false), (0.5, 1.0, false), (0.5, 1.0, false), (0, 2, true), (0, 2, false),
        (0.4, 1.2, false),
    ]
    static let spontaneousGroup: [Int] = [1, 1, 2, 2, 3, 3, 3]
    static let demoRequestIndex = 4
    static let contactFormIndex = 5

    /// Parameters resolved once per run into the flat form the hot loops read.
    struct Config: Sendable {
        let seed: UInt64
        let horizonHours: Double
        let weeks: Int
        let threshold: Double
        let minGrade: UInt8
        let malMinGrade: UInt8
        let fastTrack: Bool
        let percentDecay: Bool
        let decayKeep: Double
        let decayPeriodHours: Double
        let expireHours: Double
        let groupCap: [Double]
        let totalCap: Double
        /// Spontaneous touchpoints: rate per hour at intent 0.5, points, repeatable.
        let rate: [Double]
        let points: [Double]
        let repeatable: [Bool]
        let openRate, clickRate, unsubscribeRate, bounceRate: Double
        let openPoints, clickPoints: Double
        let openRepeatable, clickRepeatable: Bool
        let cadenceHours: Double
        let trackEmails: Int
        let fatigue: Double
        /// Sends that fall within 30 days of each other at this cadence.
        let sendsPer30Days: Int
        let recycleDelayHours: Double
        let recycleFactor: Double
        let nurtureLift: Double
        let windowBoost: Double
        /// (touchpoint index, multiplier, start hour, end hour)
        let campaigns: [(Int, Double, Double, Double)]

        /// Per lead, resolved for this run.
        let grade: [UInt8]
        let emailable: [Bool]
        let confirmed: [Bool]

        init(_ p: ParameterSet, population: Population, campaigns: [Campaign]) {
            seed = population.seed
            horizonHours = population.horizonHours
            weeks = population.horizonWeeks
            threshold = p["mql.threshold"]
            minGrade = UInt8(p["mql.min_grade"])
            malMinGrade = UInt8(p["mal.min_grade"])
            fastTrack = p["mql.fast_track_handraisers"] != 0
            percentDecay = p["score.decay.style"] == 0
            decayKeep = 1 - p["score.decay.percent"]
            decayPeriodHours = p["score.decay.period_days"] * 24
            expireHours = p["score.decay.expire_days"] * 24
            groupCap = B2BModel.scoreGroups.map { p["score.group.\($0).cap"] }
            totalCap = p["score.cap"]
            rate = B2BModel.spontaneousTouchpoints.map { p["touchpoint.\($0).rate"] / 24 }
            points = B2BModel.spontaneousTouchpoints.map { p["touchpoint.\($0).points"] }
            repeatable = B2BModel.spontaneousTouchpoints.map { p["touchpoint.\($0).repeatable"] != 0 }
            openRate = p["touchpoint.email_open.rate"]
            clickRate = p["touchpoint.email_click.rate"]
            unsubscribeRate = p["touchpoint.unsubscribe.rate"]
            bounceRate = p["touchpoint.bounce.rate"]
            openPoints = p["touchpoint.email_open.points"]
            clickPoints = p["touchpoint.email_click.points"]
            openRepeatable = p["touchpoint.email_open.repeatable"] != 0
            clickRepeatable = p["touchpoint.email_click.repeatable"] != 0
            cadenceHours = p["nurture.cadence_days"] * 24
            trackEmails = Int(p["nurture.track_emails"])
            fatigue = p["nurture.fatigue"]
            sendsPer30Days = Int(720 / cadenceHours) + 1
            recycleDelayHours = p["recycle.delay_days"] * 24
            recycleFactor = p["recycle.engagement_factor"]
            nurtureLift = p["nurture.engagement_lift"]
            windowBoost = p["intent.window_boost"]
            self.campaigns = campaigns.compactMap { campaign in
                B2BModel.spontaneousTouchpoints.firstIndex(of: campaign.touchpoint).map {
                    ($0, campaign.multiplier, campaign.startWeek * 168, campaign.endWeek * 168)
                }
            }

            let gradeMin = [p["grade.a_min"], p["grade.b_min"], p["grade.c_min"]]
            var grade = [UInt8](repeating: 3, count: population.count)
            var emailable = [Bool](repeating: false, count: population.count)
            var confirmed = [Bool](repeating: false, count: population.count)
            let doubleOptIn = p["consent.double_opt_in"] != 0
            let confirmRate = p["consent.confirm_rate"]
            for lead in 0..<population.count {
                let fitPoints = B2BModel.fitPoints(
                    size: population.companySize[lead], seniority: population.seniority[lead],
                    industry: population.industry[lead], region: population.region[lead])
                grade[lead] = UInt8(gradeMin.firstIndex { fitPoints >= $0 } ?? 3)
                switch population.consent[lead] {
                case .none: break
                case .doubleOptIn:
                    emailable[lead] = true
                    confirmed[lead] = true
                case .singleOptIn:
                    if doubleOptIn {
                        var consent = RandomStream(seed: seed, subject: UInt64(lead), purpose: .consent)
                        let confirms = consent.uniform() < confirmRate
                        emailable[lead] = confirms
                        confirmed[lead] = confirms
                    } else {
                        emailable[lead] = true
                    }
                }
            }
            self.grade = grade
            self.emailable = emailable
            self.confirmed = confirmed
        }

        /// Campaign multiplier of a touchpoint at `time`, and the next time any campaign starts or ends.
        @inline(__always)
        func campaignEffect(touchpoint: Int, at time: Double) -> Double {
            var multiplier = 1.0
            for (index, factor, start, end) in campaigns where index == touchpoint && time >= start && time < end {
                multiplier *= factor
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
