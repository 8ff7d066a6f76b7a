extension B2BModel {
    /// How the model's code reads its own parameters (the scoring model's are `ScoringModel.Key`).
    enum Key {
        static func rate(_ touchpoint: String) -> ParameterKey<Double> { .number("touchpoint.\(touchpoint).rate") }
        static func share(_ channel: Channel) -> ParameterKey<Double> { .number("channel.\(channel.name).share") }
        static func costPerLead(_ channel: Channel) -> ParameterKey<Double> { .number("channel.\(channel.name).cost_per_lead") }
        static func dealMedian(_ size: CompanySize) -> ParameterKey<Double> { .number("deal.\(size.parameterName).median") }
        static func weekdayShare(_ day: String) -> ParameterKey<Double> { .number("arrival.\(day).share") }

        static let cadenceDays = ParameterKey<Double>.number("nurture.cadence_days")
        static let trackEmails = ParameterKey<Int>.count("nurture.track_emails")
        static let fatigue = ParameterKey<Double>.number("nurture.fatigue")
        static let engagementLift = ParameterKey<Double>.number("nurture.engagement_lift")
        static let windowPull = ParameterKey<Double>.number("nurture.window_pull")
        static let intentLift = ParameterKey<Double>.number("nurture.intent_lift")
        static let recycleDelayDays = ParameterKey<Double>.number("recycle.delay_days")
        static let recycleEngagement = ParameterKey<Double>.number("recycle.engagement_factor")
        static let activeDays = ParameterKey<Double>.number("lead.active_days")
        static let warmupWeeks = ParameterKey<Int>.count("warmup.weeks")
        static let doubleOptIn = ParameterKey<DoubleOptIn>.choice("consent.double_opt_in")
        static let contactWithoutConsent = ParameterKey<Bool>.flag("sales.contact_without_consent")
        static let confirmRate = ParameterKey<Double>.number("consent.confirm_rate")
        static let windowShare = ParameterKey<Double>.number("intent.window_share")
        static let windowDays = ParameterKey<Double>.number("intent.window_days")
        static let windowBoost = ParameterKey<Double>.number("intent.window_boost")

        static let reps = ParameterKey<Int>.count("sales.reps")
        static let routing = ParameterKey<Routing>.choice("sales.routing")
        static let queueOrder = ParameterKey<QueueOrder>.choice("sales.queue_order")
        static let capacityHoursPerWeek = ParameterKey<Double>.number("sales.capacity_hours_per_week")
        static let dayStartHour = ParameterKey<Double>.number("sales.day_start_hour")
        static let absenceShare = ParameterKey<Double>.number("sales.absence_share")
        static let attempts = ParameterKey<Int>.count("sales.attempts")
        static let attemptGapDays = ParameterKey<Double>.number("sales.attempt_gap_days")
        static let attemptHours = ParameterKey<Double>.number("sales.attempt_hours")
        static let meetingGapDays = ParameterKey<Double>.number("sales.meeting_gap_days")
        static let discoveryHours = ParameterKey<Double>.number("sales.discovery_hours")
        static let demoHours = ParameterKey<Double>.number("sales.demo_hours")
        static let proposalHours = ParameterKey<Double>.number("sales.proposal_hours")
        static let patienceDays = ParameterKey<Double>.number("sales.patience_days")
        static let acceptanceRate = ParameterKey<Double>.number("sales.acceptance_rate")
        static let unreadyAcceptance = ParameterKey<Double>.number("sales.unready_acceptance")
        static let prematureLoss = ParameterKey<Double>.number("sales.premature_loss")
        static let disqualifyShare = ParameterKey<Double>.number("sales.disqualify_share")
        static let intentWeight = ParameterKey<Double>.number("sql.intent_weight")
        static let bantRequired = ParameterKey<Int>.count("sql.bant_required")
        static let firstTouchHours = ParameterKey<Double>.number("sla.first_touch_hours")
        static let maxWaitHours = ParameterKey<Double>.number("sla.max_wait_hours")
        static let onBreach = ParameterKey<BreachRule>.choice("sla.on_breach")
        static let opportunityRate = ParameterKey<Double>.number("opportunity.rate")
        static let cycleDays = ParameterKey<Double>.number("opportunity.cycle_days")
        static let winRate = ParameterKey<Double>.number("win.rate")
        static let repCostPerWeek = ParameterKey<Double>.number("sales.rep_cost_per_week")

        /// Every key, for checking them against the specs.
        static var all: [AnyParameterKey] {
            let fixed: [AnyParameterKey] = [
                .init(cadenceDays), .init(trackEmails), .init(fatigue), .init(engagementLift), .init(windowPull),
                .init(intentLift), .init(recycleDelayDays), .init(recycleEngagement), .init(activeDays), .init(warmupWeeks),
                .init(doubleOptIn), .init(contactWithoutConsent), .init(confirmRate), .init(windowShare), .init(windowDays),
                .init(windowBoost), .init(reps), .init(routing), .init(queueOrder), .init(capacityHoursPerWeek),
                .init(dayStartHour), .init(absenceShare), .init(attempts), .init(attemptGapDays), .init(attemptHours),
                .init(meetingGapDays), .init(discoveryHours), .init(demoHours), .init(proposalHours), .init(patienceDays),
                .init(acceptanceRate), .init(unreadyAcceptance), .init(prematureLoss), .init(disqualifyShare),
                .init(intentWeight), .init(bantRequired), .init(firstTouchHours), .init(maxWaitHours), .init(onBreach),
                .init(opportunityRate), .init(cycleDays), .init(winRate), .init(repCostPerWeek),
            ]
            return fixed + (spontaneousTouchpoints + emailTouchpoints).map { .init(rate($0)) }
                + Channel.allCases.flatMap { [AnyParameterKey(share($0)), AnyParameterKey(costPerLead($0))] }
                + CompanySize.allCases.map { AnyParameterKey(dealMedian($0)) } + weekdays.map { AnyParameterKey(weekdayShare($0)) }
                + ["speed.contact", "speed.qualify"].flatMap { SpeedCurve.keys(prefix: $0).map(AnyParameterKey.init) }
        }
    }
}
