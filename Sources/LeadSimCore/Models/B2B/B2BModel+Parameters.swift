extension B2BModel {
    /// Touchpoints that happen on the lead's own initiative, at a daily rate.
    public static let spontaneousTouchpoints = [
        "web_visit", "pricing_visit", "content_download", "webinar", "demo_request", "contact_form", "chat",
    ]
    /// Touchpoints that answer a nurture e-mail, at a rate per send.
    static let emailTouchpoints = ["email_open", "email_click", "unsubscribe", "bounce"]
    /// The e-mail touchpoints that score; an unsubscribe or a bounce ends the lead's nurture instead.
    static let scoredEmailTouchpoints = ["email_open", "email_click"]
    /// The touchpoints a scoring model gives points to.
    public static let scoredTouchpoints = spontaneousTouchpoints + scoredEmailTouchpoints

    static let oldroyd =
        "Oldroyd, McElheran & Elkington, 'The Short Life of Online Sales Leads', HBR 2011; Oldroyd, Lead Response Management Study, MIT/InsideSales 2007"

    /// The model's own parameters; the scoring model's come before them (`B2BModel.parameterSpecs`).
    static let specs: [ParameterSpec] = touchpointSpecs + nurtureSpecs + salesSpecs + costSpecs

    /// Default rate per touchpoint (points are the scoring model's).
    static let touchpointDefaults: [String: (rate: Double, summary: String)] = [
        "web_visit": (0.05, "visits to the website, per day at intent 0.5"),
        "pricing_visit": (0.03, "visits to the pricing page, per day at intent 0.5"),
        "content_download": (0.02, "content downloads, per day at intent 0.5"),
        "webinar": (0.008, "webinar attendances, per day at intent 0.5"),
        "demo_request": (0.0003, "demo requests (hand-raiser), per day at intent 0.5"),
        "contact_form": (0.0002, "contact-sales forms (hand-raiser), per day at intent 0.5"),
        "chat": (0.002, "chat conversations, per day at intent 0.5"),
        "email_open": (0.22, "opens per nurture e-mail sent, at intent 0.5 and no fatigue"),
        "email_click": (0.15, "clicks per opened e-mail, at intent 0.5"),
        "unsubscribe": (0.004, "unsubscribes per e-mail sent, before fatigue"),
        "bounce": (0.006, "bounces per e-mail sent to a single opt-in address"),
    ]

    static let touchpointSpecs: [ParameterSpec] = (spontaneousTouchpoints + emailTouchpoints).map { name in
        let defaults = touchpointDefaults[name]!
        let isEmail = emailTouchpoints.contains(name)
        return ParameterSpec(
            "touchpoint.\(name).rate", unit: isEmail ? .perSend : .perDay, default: defaults.rate,
            range: 0...(isEmail ? 1 : 10), defaults.summary,
            source: isEmail ? "typical B2B e-mail benchmarks (opens 20–25 %, click-to-open 10–20 %)" : nil)
    }

    static let marketingSherpa = "MarketingSherpa B2B benchmark: 73 % of B2B leads are not sales-ready when they arrive"
    static let nurtureSource =
        "DemandGen Report: nurtured leads bring about 20 % more sales opportunities; Forrester: firms that nurture well get 50 % more sales-ready leads"

    static let nurtureSpecs: [ParameterSpec] = [
        ParameterSpec("nurture.cadence_days", unit: .days, default: 7, range: 0.5...365,
                      "days between two e-mails of a nurture track"),
        ParameterSpec("nurture.track_emails", unit: .count, kind: .integer, default: 12, range: 0...1000,
                      "e-mails in a nurture track; after the last one the lead is only watched"),
        ParameterSpec("nurture.fatigue", unit: .multiplier, default: 0.25, range: 0...100,
                      "each e-mail beyond 2 in 30 days raises unsubscribes and lowers opens by this share"),
        ParameterSpec("nurture.engagement_lift", unit: .multiplier, default: 1.3, range: 0...100,
                      "touchpoint rates of a lead in a running nurture track relative to one not e-mailed",
                      source: "nurture e-mails drive site visits, downloads and registrations"),
        ParameterSpec("nurture.window_pull", unit: .multiplier, default: 1.5, range: 0...100,
                      "how much faster a lead's buying window opens while its nurture track runs",
                      source: "assumption, of the size the surveys report (\(nurtureSource))"),
        ParameterSpec("nurture.intent_lift", unit: .fraction, default: 0.1, range: 0...1,
                      "buying intent a nurtured lead gains (more engagement, better qualification and win chances)",
                      source: "assumption (\(nurtureSource))"),
        ParameterSpec("recycle.delay_days", unit: .days, default: 30, range: 0...3650,
                      "days before a recycled lead re-enters a nurture track"),
        ParameterSpec("recycle.engagement_factor", unit: .multiplier, default: 0.7, range: 0...10,
                      "touchpoint rates of a recycled lead relative to a new one"),
        ParameterSpec("lead.active_days", unit: .days, default: 90, range: 1...3650,
                      "days a lead stays in the active marketing database; then it is archived as stale",
                      source: "the common CRM rule that leads untouched for 90 days are stale"),
        ParameterSpec("warmup.weeks", unit: .weeks, kind: .integer, default: 15, range: 0...520,
                      "weeks simulated before the measured window so that tracks, recycled leads and the reps' queues are running (15 covers lead.active_days and the sales steps after it)"),
        .choice("consent.double_opt_in", options: DoubleOptIn.allCases.map(\.name), default: "dach",
                "where single opt-in leads must confirm by e-mail before they are nurtured: nowhere, in the DACH region, or everywhere",
                source: "DACH practice: German courts read UWG §7 as requiring proof of consent, which double opt-in gives; confirmed addresses bounce far less"),
        .flag("sales.contact_without_consent", default: true,
              "whether sales may contact an MQL that has no marketing consent (a hand-raiser who asked for a call, a badge scan)",
              source: "B2B sales contact on legitimate interest (GDPR Art. 6(1)(f)); switch off where the team requires consent"),
        ParameterSpec("consent.confirm_rate", unit: .fraction, default: 0.7, range: 0...1,
                      "share of single opt-ins that confirm a double opt-in mail",
                      source: "double opt-in confirmation rates of 60–80 % are commonly reported"),
        ParameterSpec("intent.window_share", unit: .fraction, default: 0.3, range: 0...0.999,
                      "share of leads of average fit whose buying window opens within their active life without nurturing",
                      source: marketingSherpa),
        ParameterSpec("intent.window_days", unit: .days, default: 42, range: 1...3650,
                      "median length of a buying window (log-normal)"),
        ParameterSpec("intent.window_boost", unit: .fraction, default: 0.45, range: 0...1,
                      "intent added while a lead's buying window is open"),
    ]

    static let velocify =
        "Velocify 2015 (3.5 M leads): conversions more than double when the first call comes within minutes; 95 % of conversions by the sixth call"

    static let salesSpecs: [ParameterSpec] = [
        ParameterSpec("sales.reps", unit: .count, kind: .integer, default: 45, range: 1...10000,
                      "reps working the hand-overs"),
        .choice("sales.routing", options: Routing.allCases.map(\.name), default: "round_robin",
                "how hand-overs are assigned: round robin (skipping absent reps), least backlog, by region, or one shared queue"),
        .choice("sales.queue_order", options: QueueOrder.allCases.map(\.name), default: "priority",
                "the order a rep works new hand-overs: hand-raisers and better grades first, or first in, first out"),
        ParameterSpec("sales.capacity_hours_per_week", unit: .hours, default: 30, range: 1...80,
                      "hours a week each rep spends on hand-overs, spread over Monday to Friday"),
        ParameterSpec("sales.day_start_hour", unit: .hourOfDay, default: 8, range: 0...8,
                      "hour at which reps start working hand-overs"),
        ParameterSpec("sales.absence_share", unit: .fraction, default: 0.08, range: 0...0.9,
                      "share of weeks a rep is away (holiday, sickness)",
                      source: "about four weeks of absence a year"),
        ParameterSpec("sales.attempts", unit: .count, kind: .integer, default: 6, range: 1...50,
                      "contact attempts per hand-over before it counts as not reached", source: velocify),
        ParameterSpec("sales.attempt_gap_days", unit: .days, default: 2, range: 0...365,
                      "days between two contact attempts"),
        ParameterSpec("sales.attempt_hours", unit: .hours, default: 0.15, range: 0...100,
                      "rep time of one contact attempt (call, e-mail, CRM notes)"),
        ParameterSpec("sales.meeting_gap_days", unit: .days, default: 3, range: 0...365,
                      "days from a step to the next meeting it books (contact → discovery → demo → proposal)"),
        ParameterSpec("sales.discovery_hours", unit: .hours, default: 0.75, range: 0...100,
                      "rep time of a discovery call with an accepted lead"),
        ParameterSpec("sales.demo_hours", unit: .hours, default: 1.5, range: 0...100, "rep time of a demo"),
        ParameterSpec("sales.proposal_hours", unit: .hours, default: 2, range: 0...100, "rep time of a proposal"),
    ] + SpeedCurve.specs(prefix: "speed.contact", what: "reaching the lead on one attempt", defaults: SpeedCurve.defaultContact, source: velocify)
        + SpeedCurve.specs(
            prefix: "speed.qualify", what: "qualifying a ready lead at discovery (the wait is to its first attempt)",
            defaults: SpeedCurve.defaultQualify, source: velocify)
        + [
        ParameterSpec("sales.patience_days", unit: .days, default: 10, range: 0.01...3650,
                      "mean time a lead waits for a first attempt before giving up (reneging)"),
        ParameterSpec("sales.acceptance_rate", unit: .fraction, default: 0.8, range: 0...1,
                      "chance that sales accepts a reached lead of average fit whose buying window is open (SAL)"),
        ParameterSpec("sales.unready_acceptance", unit: .fraction, default: 0.15, range: 0...1,
                      "chance that sales accepts a reached lead whose buying window is not open", source: marketingSherpa),
        ParameterSpec("sales.premature_loss", unit: .fraction, default: 0.3, range: 0...1,
                      "share of reached leads that were not ready and ask not to be contacted again (a premature hand-over burns the lead)",
                      source: "assumption: sales calls to leads who are not buying cost goodwill"),
        ParameterSpec("sales.disqualify_share", unit: .fraction, default: 0.3, range: 0...1,
                      "share of rejected ready leads disqualified rather than recycled"),
        ParameterSpec("sql.intent_weight", unit: .multiplier, default: 2, range: 0...20,
                      "how much buying intent moves the qualification odds: × exp(weight × (intent − 0.5))"),
        ParameterSpec("sql.bant_required", unit: .count, kind: .integer, default: 2, range: 0...4,
                      "BANT criteria (budget, authority, need, timeline) a lead must meet to be an SQL"),
        ParameterSpec("sla.first_touch_hours", unit: .hours, default: 24, range: 0...10000,
                      "service-level agreement: first attempt within this many hours of the hand-over"),
        ParameterSpec("sla.max_wait_hours", unit: .hours, default: 120, range: 0...100000,
                      "longest a hand-over may wait untouched before sla.on_breach applies"),
        .choice("sla.on_breach", options: BreachRule.optionNames, default: "escalate",
                "what happens at sla.max_wait_hours: hand to the rep free soonest, back to nurture, or keep waiting"),
        ParameterSpec("opportunity.rate", unit: .fraction, default: 0.55, range: 0...1,
                      "chance that an SQL becomes an opportunity", source: "SQL→opportunity ≈ 0.55 (PRODUCT.md §2)"),
        ParameterSpec("opportunity.cycle_days", unit: .days, default: 120, range: 1...3650,
                      "mean days from opportunity to close (gamma, shape 2)",
                      source: "B2B sales cycles of 4–6 months are commonly reported"),
        ParameterSpec("win.rate", unit: .fraction, default: 0.16, range: 0...1,
                      "win chance scale: an opportunity wins with win.rate × (0.4 + 1.2 intent) × (0.5 + fit)",
                      source: "HubSpot's survey of B2B reps: close rate about 21 %"),
    ] + CompanySize.allCases.map { size in
        ParameterSpec("deal.\(size.parameterName).median", unit: .euros, default: dealMedian[size]!, range: 1...1_000_000_000,
                      "median value of a deal with a company of \(size.name) employees (log-normal, σ \(formatNumber(dealSigma)))",
                      source: "a B2B price ladder: first-year deal values grow about 2–3× a company size band")
    }

    /// Median deal value in euros by company size, and the spread of values around it (σ of their
    /// logarithm: half the deals within a factor of about 1.4 of the median).
    static let dealMedian: [CompanySize: Double] = [.micro: 3000, .small: 8000, .medium: 20000, .large: 45000, .enterprise: 90000]
    static let dealSigma = 0.5

    static let costSpecs: [ParameterSpec] = Channel.allCases.map { channel in
        ParameterSpec("channel.\(channel.name).share", unit: .fraction, default: channelShare[channel]!, range: 0...1,
                      "weight of \(channel.name.replacingOccurrences(of: "_", with: " ")) in the inflow of new leads (the weights are normalised)",
                      source: "a typical B2B channel mix")
    } + Channel.allCases.map { channel in
        ParameterSpec("channel.\(channel.name).cost_per_lead", unit: .euros, default: channelCostPerLead[channel]!,
                      range: 0...1_000_000, "cost of one lead from \(channel.name.replacingOccurrences(of: "_", with: " "))",
                      source: "typical B2B cost per lead by channel")
    } + weekdays.enumerated().map { day, name in
        ParameterSpec("arrival.\(name).share", unit: .fraction, default: weekdayWeight[day], range: 0...10,
                      "weight of \(name.prefix(1).uppercased() + name.dropFirst()) in the week's new leads (the weights are normalised)",
                      source: "B2B form fills and list imports come on working days, least on weekends")
    } + [
        ParameterSpec("sales.rep_cost_per_week", unit: .euroPerWeek, default: 1800, range: 0...1_000_000,
                      "fully loaded cost of one rep a week"),
    ]

    static let channelCostPerLead: [Channel: Double] = [
        .organicSearch: 30, .paidSearch: 110, .social: 80, .referral: 60, .newsletter: 20,
        .webinar: 90, .tradeShow: 250, .partner: 120, .outbound: 150,
    ]
}
