/// A campaign over some weeks of the measured window: more of a touchpoint (a webinar push makes
/// webinar attendance twice as likely) or more leads from a channel (a paid-search push brings
/// half as many leads again). A model says what its campaigns can target (`LeadModel.campaignTargets`).
public struct Campaign: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        /// Multiplies the touchpoint's rate for every lead.
        case touchpoint(String)
        /// Multiplies the channel's inflow of new leads: the extra leads join the population.
        case channel(String)
    }

    /// The factors a campaign may have. A push that multiplies a touchpoint or a channel's inflow
    /// more than a hundredfold is a different business rather than a campaign, and without a
    /// bound a factor like x1e70 would ask one lead for more touchpoints than a run can hold.
    public static let multipliers: ClosedRange<Double> = 0...100

    public var target: Target
    public var multiplier: Double
    /// Weeks from the start of the measured window.
    public var startWeek: Double
    public var endWeek: Double

    public init(_ target: Target, multiplier: Double, startWeek: Double, endWeek: Double) {
        self.target = target
        self.multiplier = multiplier
        self.startWeek = startWeek
        self.endWeek = endWeek
    }

    /// Whether the campaign changes who the leads are, rather than what they do.
    public var shapesPopulation: Bool {
        if case .channel = target { return true }
        return false
    }
}

/// What a model's campaigns may target.
public struct CampaignTargets: Sendable {
    public var touchpoints: [String]
    public var channels: [String]

    public init(touchpoints: [String] = [], channels: [String] = []) {
        self.touchpoints = touchpoints
        self.channels = channels
    }

    public var isEmpty: Bool { touchpoints.isEmpty && channels.isEmpty }
}
