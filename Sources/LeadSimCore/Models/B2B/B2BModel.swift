import Foundation

/// The default B2B lead-management model (PRODUCT.md §2): channels and conversion moments,
/// firmographic fit grades, intent with buying windows, e-mail nurture with consent and fatigue,
/// grouped and decaying engagement scores, a two-axis MQL rule with hand-raiser fast track, and a
/// sales team with working hours, absences, routing, SLAs, reneging and activity costs.
///
/// Leads are independent until they reach sales, so every lead's first nurture episode runs in
/// parallel, and later runs that change only the MQL rule or the sales side re-use them
/// (`FirstEpisodes`); hand-overs then meet the reps in time order. A run starts `warmup.weeks` before the
/// measured window, so that it measures a business already running.
public struct B2BModel: LeadModel {
    /// Touchpoint campaigns in force for the next runs.
    public var campaigns: [Campaign] = []
    public var scoringModel: ScoringModel

    public init(campaigns: [Campaign] = [], scoring: ScoringModel = .b2bDefault) {
        self.campaigns = campaigns
        scoringModel = scoring
    }

    public var name: String { "b2b" }
    public var summary: String { "the default B2B model: scoring, nurture, routing to reps, SLAs, opportunities" }
    public var parameterSpecs: [ParameterSpec] {
        scoringModel.parameterSpecs() + Self.specs
    }
    public var defaultHorizonWeeks: Int { 26 }
    /// The deal medians and weekday weights too: a lead's deal value is drawn with its hidden
    /// truth, its arrival day with its creation.
    public var populationParameters: [String] {
        ["warmup.weeks"] + Channel.allCases.map { "channel.\($0.name).share" } + CompanySize.allCases.map { "deal.\($0.parameterName).median" }
            + Self.weekdays.map { "arrival.\($0).share" }
    }
    public var campaignTargets: CampaignTargets {
        CampaignTargets(touchpoints: Self.spontaneousTouchpoints, channels: Channel.allCases.map(\.name))
    }

    public func with(campaigns: [Campaign]) -> any LeadModel { B2BModel(campaigns: campaigns, scoring: scoringModel) }

    public var scoring: ScoringModel? { scoringModel }
    public var scoredTouchpoints: [String] { Self.scoredTouchpoints }

    public func with(scoring: ScoringModel, attributes: [LeadAttribute]) throws(ScoringError) -> any LeadModel {
        try scoring.validate(touchpoints: Self.scoredTouchpoints, eventTouchpoints: Self.spontaneousTouchpoints, attributes: attributes)
        return B2BModel(campaigns: campaigns, scoring: scoring)
    }

    public func simulate(
        _ population: Population, parameters: ParameterSet, options: RunOptions
    ) throws(RunCancelled) -> RunResult {
        var silent = NoJourney()
        return try simulate(population, parameters: parameters, options: options, sink: &silent).result
    }

    public func journeys(
        _ population: Population, parameters: ParameterSet, options: RunOptions
    ) throws(RunCancelled) -> (any LeadJourneys)? {
        var log = JourneyLog()
        let (result, config) = try simulate(population, parameters: parameters, options: options, sink: &log)
        return B2BJourneys(
            result: result, config: config, population: population, salesEvents: log.events,
            desk: SalesDesk(config: config, parameters: parameters, population: population))
    }

    /// A run whose sales side `sink` hears (the nurture episodes are told by `B2BJourneys`).
    private func simulate<Sink: JourneySink>(
        _ population: Population, parameters: ParameterSet, options: RunOptions, sink: inout Sink
    ) throws(RunCancelled) -> (result: RunResult, config: Config) {
        let config = Config(parameters, population: population, campaigns: campaigns, scoring: scoringModel, threads: options.threads)
        let key = Self.firstEpisodeKey(parameters, campaigns: campaigns, scoring: scoringModel)
        let episodes = try population.memo.value(for: key) {
            () throws(RunCancelled) in try FirstEpisodes(config: config, population: population, options: options)
        }
        let (firstEnd, scored, finals) = episodes.resolved(config: config, population: population, threads: options.threads)
        try options.checkCancelled()
        let sales = SalesDesk(config: config, parameters: parameters, population: population)
        let result = try sales.run(
            firstEnd: firstEnd, scored: scored, finalScores: finals, options: options, model: name, sink: &sink)
        return (result, config)
    }

    /// The model's named parameter sets.
    public var presets: [ParameterPreset] { Self.presets }

    static let presets: [ParameterPreset] = [
        ParameterPreset(
            name: "oldroyd",
            summary: "speed-to-lead curves of Oldroyd 2007 (5 vs 30 min: contact 100×, qualifying 21×) and Oldroyd, McElheran & Elkington 2011 (1 h vs 2 h: 7×, vs 24 h: 60×)",
            values: SpeedCurve.oldroydContact.assignments(prefix: "speed.contact")
                + SpeedCurve.oldroydQualify.assignments(prefix: "speed.qualify")),
        ParameterPreset(
            name: "velocify",
            summary: "the default speed-to-lead curves (Velocify 2015: conversions about double within the first minutes)",
            values: SpeedCurve.defaultContact.assignments(prefix: "speed.contact")
                + SpeedCurve.defaultQualify.assignments(prefix: "speed.qualify")),
    ]
}

extension B2BModel {
    /// Parts of the measured window: up to 13 equal spans of time. Each part measures the window's
    /// figures on its own, so the spread across parts (batch means) gives a single run its noise;
    /// spans of weeks are long against the days a hand-over spends in the queue, which keeps
    /// neighbouring parts close to independent even though all leads share the reps.
    static func parts(weeks: Int) -> Int { max(1, min(13, weeks)) }

    @inline(__always)
    static func part(of hoursIntoWindow: Double, weeks: Int) -> Int {
        let parts = parts(weeks: weeks)
        return min(parts - 1, max(0, Int(hoursIntoWindow * Double(parts) / (Double(weeks) * 168))))
    }

    /// When a buying window opens: the moment the lead's window hazard, summed from its creation,
    /// reaches its clock (an Exp(1) draw). The hazard is `pull` times higher while the nurture
    /// `track` runs, which brings windows forward; the clock is the lead's own, so a change to
    /// nurturing moves each window rather than redrawing it.
    static func windowOpening(
        clock: Double, hazardPerHour: Double, created: Double, track: (start: Double, end: Double)?, pull: Double
    ) -> Double {
        guard clock > 0 else { return created }
        guard hazardPerHour > 0 else { return .infinity }
        guard let track else { return created + clock / hazardPerHour }
        let before = hazardPerHour * (track.start - created)
        if clock <= before { return created + clock / hazardPerHour }
        let during = hazardPerHour * pull * (track.end - track.start)
        let remaining = clock - before
        if remaining <= during { return track.start + remaining / (hazardPerHour * pull) }
        return track.end + (remaining - during) / hazardPerHour
    }
}

/// A hand-over waiting to be processed, ordered by time, then lead (so that ties are deterministic).
struct PendingHandover: Comparable, Sendable {
    var hours: Double
    var lead: Int32
    /// Whether the lead raised its hand (demo request, contact form) rather than scored its way in.
    var handRaiser = false

    static func < (a: PendingHandover, b: PendingHandover) -> Bool {
        a.hours < b.hours || (a.hours == b.hours && a.lead < b.lead)
    }

    /// `handovers` (times in 0...`horizonHours`) in time order: a counting sort by whole hour,
    /// then insertion sort within each hour. Hand-overs spread over thousands of hours a handful
    /// at a time, so this is linear where a comparison sort is not (3.7 ms → 0.4 ms for the
    /// first hand-overs of 100,000 leads).
    static func sortedByTime(_ handovers: [PendingHandover], horizonHours: Double) -> [PendingHandover] {
        let buckets = Int(horizonHours) + 1
        var starts = [Int](repeating: 0, count: buckets + 1)
        @inline(__always) func bucket(_ h: PendingHandover) -> Int { min(buckets - 1, max(0, Int(h.hours))) }
        for handover in handovers { starts[bucket(handover) + 1] += 1 }
        for index in 1...buckets { starts[index] += starts[index - 1] }
        var next = starts
        var sorted = [PendingHandover](repeating: PendingHandover(hours: 0, lead: 0), count: handovers.count)
        for handover in handovers {
            let b = bucket(handover)
            sorted[next[b]] = handover
            next[b] += 1
        }
        for b in 0..<buckets where starts[b + 1] - starts[b] > 1 {
            for index in (starts[b] + 1)..<starts[b + 1] {
                let item = sorted[index]
                var hole = index
                while hole > starts[b], item < sorted[hole - 1] {
                    sorted[hole] = sorted[hole - 1]
                    hole -= 1
                }
                sorted[hole] = item
            }
        }
        return sorted
    }
}

extension B2BModel {
    /// Bytes a run holds per lead beside the population (per-hand-over queues come on top): the
    /// first episode's outcome, the scored-touchpoint mask, the final score, the grade, MQL
    /// ceiling, consent and buying window resolved for the run, and the sales desk's record.
    public static let runBytesPerLead =
        MemoryLayout<NurtureEnd>.stride + MemoryLayout<UInt16>.stride + MemoryLayout<Float>.stride
        + MemoryLayout<UInt8>.stride + MemoryLayout<Double>.stride + MemoryLayout<Bool>.stride * 2
        + MemoryLayout<Float>.stride * 2 + MemoryLayout<SalesLead>.stride

    /// Bytes per lead of the first episodes a population keeps for later runs (`FirstEpisodes`),
    /// up to `RunMemo.capacity` sets of them.
    public static let keptBytesPerLead = FirstEpisodes.bytesPerLead

    public var runBytesPerLead: Int { Self.runBytesPerLead }
    public var keptBytesPerLead: Int { Self.keptBytesPerLead * RunMemo.capacity }
}
