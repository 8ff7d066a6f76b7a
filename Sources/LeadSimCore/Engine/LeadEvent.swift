/// One moment of a lead's journey: the vocabulary that `trace`, the dataset generator and tests
/// read a simulated journey in. 24 bytes, so a run's sales-side events fit in memory beside its
/// leads.
public struct LeadEvent: Sendable, Equatable {
    /// Hours since the start of the warm-up.
    public var hours: Double
    public var lead: Int32
    public var kind: Kind
    /// What the kind needs: the touchpoint's code (`touchpoint`, `handRaised`), the attempt's number
    /// (`contactAttempt`), the meeting (`meeting`: 1 discovery, 2 demo, 3 proposal), the episode
    /// (`nurtureStart`), the grade (`created`); 0 otherwise.
    public var detail: UInt8
    /// The rep, for sales work; -1 otherwise (and for a hand-over into a pooled queue).
    public var rep: Int16
    /// Points the scoring rules give a touchpoint (0 when it scored nothing; caps may keep the
    /// score from rising by all of them), euros of an opportunity or deal, 1 for a contact attempt
    /// that reached the lead, the episode's number for `nurtureStart`.
    public var value: Float
    /// The engagement score after a touchpoint, or at which the lead became MQL; NaN otherwise.
    public var score: Float

    public init(
        hours: Double, lead: Int32, kind: Kind, detail: UInt8 = 0, rep: Int16 = -1, value: Float = 0, score: Float = .nan
    ) {
        self.hours = hours
        self.lead = lead
        self.kind = kind
        self.detail = detail
        self.rep = rep
        self.value = value
        self.score = score
    }

    public static func == (a: LeadEvent, b: LeadEvent) -> Bool {
        a.hours == b.hours && a.lead == b.lead && a.kind == b.kind && a.detail == b.detail && a.rep == b.rep
            && a.value == b.value && (a.score == b.score || (a.score.isNaN && b.score.isNaN))
    }

    public enum Kind: UInt8, Sendable, CaseIterable {
        /// The lead enters the funnel (its conversion moment is a touchpoint when it scores).
        case created
        /// A nurture episode begins: at creation (episode 0) or after a recycle.
        case nurtureStart
        case emailSent
        /// A touchpoint: spontaneous (`detail` indexes the model's touchpoints) or an answer to an
        /// e-mail (open, click).
        case touchpoint
        /// The score reached the MQL rule.
        case mql
        /// A hand-raiser asked for sales and went straight over (fast track).
        case handRaised
        case unsubscribed
        case bounced
        /// Sales got the lead: it waits in a queue for a first attempt.
        case handover
        /// MQL, but the lead gave no consent to be contacted: it stays where it is.
        case withoutConsent
        case reneged
        case slaEscalated
        /// Sent back untouched when the SLA's longest wait ran out.
        case slaRecycled
        case contactAttempt
        /// Sales accepted the lead (SAL).
        case accepted
        case rejected
        /// Rejected, and lost for good: handed over before it was ready.
        case burned
        case disqualified
        case meeting
        case sql
        case notQualified
        case opportunity
        case noOpportunity
        case won
        case lost
        /// Back to nurture; a new episode starts after `recycle.delay_days`.
        case recycled

        public var name: String {
            switch self {
            case .created: "created"
            case .nurtureStart: "nurture_start"
            case .emailSent: "email_sent"
            case .touchpoint: "touchpoint"
            case .mql: "mql"
            case .handRaised: "hand_raised"
            case .unsubscribed: "unsubscribed"
            case .bounced: "bounced"
            case .handover: "handover"
            case .withoutConsent: "without_consent"
            case .reneged: "reneged"
            case .slaEscalated: "sla_escalated"
            case .slaRecycled: "sla_recycled"
            case .contactAttempt: "contact_attempt"
            case .accepted: "accepted"
            case .rejected: "rejected"
            case .burned: "burned"
            case .disqualified: "disqualified"
            case .meeting: "meeting"
            case .sql: "sql"
            case .notQualified: "not_qualified"
            case .opportunity: "opportunity"
            case .noOpportunity: "no_opportunity"
            case .won: "won"
            case .lost: "lost"
            case .recycled: "recycled"
            }
        }
    }
}

/// Where a run writes its journey events. The engine's loops are generic over the sink, so a run
/// that no one listens to (`NoJourney`) compiles to the same code as before events existed.
public protocol JourneySink {
    mutating func record(_ event: LeadEvent)
}

/// The sink of a run that only counts.
public struct NoJourney: JourneySink {
    public init() {}
    @inline(__always) public mutating func record(_ event: LeadEvent) {}
}

/// Events kept in the order they were recorded.
public struct JourneyLog: JourneySink {
    public var events: [LeadEvent] = []
    public init() {}
    public mutating func record(_ event: LeadEvent) { events.append(event) }
}
