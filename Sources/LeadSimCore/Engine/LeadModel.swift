/// A simulation model of the lead funnel: its parameters, how it synthesises a population, and how
/// it simulates one. Models are values; all state of a run lives inside `simulate`.
public protocol LeadModel: Sendable {
    /// The name scripts use (`model b2b`).
    var name: String { get }
    var summary: String { get }
    var parameterSpecs: [ParameterSpec] { get }
    /// The horizon a new synthetic population gets unless the script says otherwise.
    var defaultHorizonWeeks: Int { get }
    /// Bytes per lead a run holds beside its population, and those a population keeps for later
    /// runs: what `Experiment.estimatedBytes` adds up.
    var runBytesPerLead: Int { get }
    var keptBytesPerLead: Int { get }
    /// Parameters that shape the synthetic population itself: a change to one of them needs a new
    /// population, a change to any other re-runs the same leads.
    var populationParameters: [String] { get }
    /// Named sets of parameter values the model ships, each reproducing a source (`preset NAME`).
    var presets: [ParameterPreset] { get }
    /// What campaigns may target; none for a model that takes no campaigns.
    var campaignTargets: CampaignTargets { get }
    /// The model with these campaigns in force for its next populations and runs.
    func with(campaigns: [Campaign]) -> any LeadModel
    /// The scoring model in force, for a model whose scoring users write (`scoring FILE`); nil
    /// for a model with a fixed rule.
    var scoring: ScoringModel? { get }
    /// The touchpoints a scoring model may give points to.
    var scoredTouchpoints: [String] { get }
    /// The metrics its runs compute; nil for all. Others are not shown (never as a zero) and
    /// `expect` refuses them.
    var metricNames: Set<String>? { get }
    /// The model with this scoring model; an error names what it refers to that the model or
    /// the leads (`attributes`, a population's) lack.
    func with(scoring: ScoringModel, attributes: [LeadAttribute]) throws(ScoringError) -> any LeadModel

    /// How many leads `synthesize` makes for `leads` in the window — with warm-up leads and those
    /// the lead campaigns add — so that a configuration's memory is known before it runs.
    func populationSize(leads: Int, horizonWeeks: Int, parameters: ParameterSet) -> Int

    /// A synthetic population; every lead's attributes depend only on (seed, lead), so any number
    /// of threads gives the same population.
    func synthesize(
        leads: Int, seed: UInt64, horizonWeeks: Int, parameters: ParameterSet, options: RunOptions
    ) throws(RunCancelled) -> Population

    /// The parameter that moves each rate most directly, for `fit METRIC VALUE` without `by`.
    var levers: [String: String] { get }
    /// Whether the model runs a team's own leads (`population(from:seed:parameters:)`).
    var runsHistories: Bool { get }
    /// A population of a team's own leads (`History`), its hidden truth drawn from `seed`; nil for
    /// a model that runs synthetic leads only.
    func population(from history: History, seed: UInt64, parameters: ParameterSet) -> Population?

    /// Simulates the population's journeys over its horizon.
    func simulate(_ population: Population, parameters: ParameterSet, options: RunOptions) throws(RunCancelled) -> RunResult

    /// The same run with every lead's journey told as events; nil for a model that only counts.
    func journeys(_ population: Population, parameters: ParameterSet, options: RunOptions) throws(RunCancelled) -> (any LeadJourneys)?
}

/// A run's result and, lead by lead, the events of its journeys. Leads are told one at a time
/// (any number of threads may tell different leads at once), so a dataset of any size streams.
public protocol LeadJourneys: Sendable {
    var result: RunResult { get }
    /// The names of the touchpoint codes in `LeadEvent.detail`.
    var touchpointNames: [String] { get }
    /// What the run resolved about a lead beyond its population columns.
    func facts(of lead: Int) -> LeadFacts
    /// The rep time a contact attempt or meeting took; nil for other events.
    func repHours(for event: LeadEvent) -> Double?
    /// The number of reps.
    var reps: Int { get }
    /// `lead`'s events in time order, replacing `events`' contents; `scratch` is working space
    /// a thread reuses from lead to lead.
    func events(of lead: Int, into events: inout [LeadEvent], scratch: inout JourneyScratch)
}

/// What a run resolved about one lead: its grade under the run's scoring, and the buying window
/// that nurturing moved (the population holds only the window's clock and length factor).
public struct LeadFacts: Sendable, Equatable {
    public var grade: String
    /// Hours since the start of the warm-up; nil when the window does not open in the lead's
    /// active life.
    public var buyingWindow: Range<Double>?
    /// Whether the lead receives the nurture e-mails (consent given, and confirmed where double
    /// opt-in applies).
    public var nurtured: Bool
    /// Whether the lead confirmed a double opt-in (asked of it, or given that way).
    public var optInConfirmed: Bool

    public init(grade: String, buyingWindow: Range<Double>?, nurtured: Bool, optInConfirmed: Bool) {
        self.grade = grade
        self.buyingWindow = buyingWindow
        self.nurtured = nurtured
        self.optInConfirmed = optInConfirmed
    }
}

/// Working space for telling journeys, reused from lead to lead so that no lead allocates.
public struct JourneyScratch {
    var awards: [PointAward] = []
    var nurture: [LeadEvent] = []
    public init() {}
}

extension LeadModel {
    public var populationParameters: [String] { [] }
    public var keptBytesPerLead: Int { 0 }
    public var presets: [ParameterPreset] { [] }
    public var campaignTargets: CampaignTargets { CampaignTargets() }
    public func with(campaigns: [Campaign]) -> any LeadModel { self }
    public var scoring: ScoringModel? { nil }
    public var scoredTouchpoints: [String] { [] }
    public var metricNames: Set<String>? { nil }
    public var runsHistories: Bool { false }
    public var levers: [String: String] { [:] }
    public func population(from history: History, seed: UInt64, parameters: ParameterSet) -> Population? { nil }
    public func journeys(
        _ population: Population, parameters: ParameterSet, options: RunOptions
    ) throws(RunCancelled) -> (any LeadJourneys)? { nil }
    public func with(scoring: ScoringModel, attributes: [LeadAttribute]) throws(ScoringError) -> any LeadModel {
        throw ScoringError("the \(name) model has a fixed scoring rule: expected `model b2b` before `scoring`")
    }

    /// The model with this scoring model, for leads with the synthetic attributes.
    public func with(scoring: ScoringModel) throws(ScoringError) -> any LeadModel {
        try with(scoring: scoring, attributes: LeadAttribute.all)
    }

    public func defaultParameters() -> ParameterSet { ParameterSet(specs: parameterSpecs) }

    /// A synthetic population, built without a way to cancel it.
    public func synthesize(leads: Int, seed: UInt64, horizonWeeks: Int, parameters: ParameterSet) -> Population {
        // Without a cancellation flag nothing can cancel the work.
        try! synthesize(leads: leads, seed: seed, horizonWeeks: horizonWeeks, parameters: parameters, options: RunOptions())
    }
}

/// The built-in models, by name.
public enum Models {
    public static let all: [any LeadModel] = [B2BModel(), ReferenceModel()]

    public static func named(_ name: String) -> (any LeadModel)? {
        all.first { $0.name == name }
    }

    public static var names: [String] { all.map(\.name) }
}

/// How a run executes: none of these change what it computes.
public struct RunOptions: Sendable {
    /// Worker threads for the parallel phase; results are identical for any value.
    public var threads: Int
    /// Polled between chunks of work; a set flag ends the run with `RunCancelled`.
    public var cancellation: CancellationFlag?
    /// Where a sharded script's jobs come from and go (`ShardLedger`); nil: every job runs here.
    public var ledger: ShardLedger?
    /// Counts finished runs, for a progress line; nil: nobody is watching.
    public var progress: WorkProgress?

    public init(
        threads: Int = ParallelChunks.defaultThreads, cancellation: CancellationFlag? = nil, ledger: ShardLedger? = nil, progress: WorkProgress? = nil
    ) {
        self.threads = max(1, threads)
        self.cancellation = cancellation
        self.ledger = ledger
        self.progress = progress
    }

    public func checkCancelled() throws(RunCancelled) {
        if cancellation?.isSet == true { throw RunCancelled() }
    }
}

public struct RunCancelled: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "run cancelled" }
}
