import LeadSimCore
import LeadSimRender

/// One command of the language shared by scenario files and the REPL.
public enum Command: Sendable, Equatable {
    /// nil: show the model in force.
    case model(name: String?)
    case population(leads: Int, seed: UInt64?, weeks: Int?)
    case set(parameter: String, value: String)
    case reset(parameter: String?)
    /// Sets the parameters of one of the model's presets.
    case preset(name: String)
    case campaign(Campaign)
    case clearCampaigns
    case run
    case show(ShowTopic)
    case expect(Expectation)
    case echo(String)
    /// Leave the shell; in a script, stop there with the status so far (`exit`, `.quit`, `\q`).
    case quit
    /// Sends the results of the commands that follow to a file (`.output FILE`; `.output` alone
    /// back to the screen), or only of the next command (`.once FILE`), as sqlite3 does.
    case output(path: String?, once: Bool)
    /// Pins the current configuration and its results as the baseline (`baseline clear` drops it).
    case baseline(clear: Bool)
    /// Keeps the current configuration and its results under a name, for `compare`.
    case snapshot(name: String)
    /// Two configurations side by side: the baseline or a snapshot against the current one, or
    /// two snapshots (nil means the baseline, then the current configuration).
    case compare(first: String?, second: String?)
    /// Runs a parameter (or two) over a range of values.
    case sweep(SweepRequest)
    /// Searches a range (or two) for the best value under constraints.
    case optimise(OptimiseRequest)
    /// Writes a table to a CSV or JSON file.
    case export(ExportTable, path: String)
    /// Writes a self-contained HTML report of the last results.
    case report(path: String)
    /// Reverts the last change of model, population, parameters or campaigns.
    case undo
    /// Parameters changed from the defaults, or from the baseline.
    case diff(againstBaseline: Bool)
    case help(topic: String?)
    /// nil: show the mode in force.
    case mode(OutputMode?)
    case timer(on: Bool)
    /// Whether each change re-runs and shows the key figures old → new (the shell's what-if).
    case changes(on: Bool)
    /// Writes the session's commands as a script that replays to the same output.
    case save(path: String)
    /// Runs a script file in this session.
    case source(path: String)
    /// Loads a scoring model from a file (`ScoringSyntax`), or goes back to the model's default.
    case scoring(path: String?)
    /// One lead's journey in the current configuration, event by event.
    case trace(lead: Int)
    /// Measures the loaded history's funnel and sets the model's parameters to it.
    case calibrate
    /// Solves for the value of a parameter at which a metric takes a target, and sets it.
    case fit(metric: String, target: Double, parameter: String?)
    /// Writes a dataset generated from the current configuration's journeys.
    case generate(GenerateOptions)
    /// Loads a team's leads from an export through a mapping file; `skip` leaves bad rows out.
    case loadLeads(path: String, mapping: String, skipBadRows: Bool, pseudonymise: Bool)
    /// Loads the touchpoints of the loaded leads from an events export through a mapping file.
    case loadEvents(path: String, mapping: String, skipBadRows: Bool)
    /// Loads the deals of the loaded leads from an opportunities export through a mapping file.
    case loadOpportunities(path: String, mapping: String, skipBadRows: Bool)
    /// Re-scores the loaded history under the scoring in force, week by week.
    case replay
    /// Calibrates on the history before a date and compares the simulated weeks after it with the history's.
    case backtest(from: String)
    /// Loads the leads of a package `leadsim generate` wrote, without a mapping.
    case loadPackage(path: String, skipBadRows: Bool, pseudonymise: Bool)
}

public enum ShowTopic: String, Sendable, CaseIterable {
    case summary, funnel, weekly, workload, kpis, sweep, compare, optimum, params, changed, campaigns, models, metrics, snapshots,
        presets, channels, scoring
}

extension Command {
    var isLoadPackage: Bool { if case .loadPackage = self { true } else { false } }
}

/// `generate DIR [leads N] [seed S] [weeks W] [format csv|jsonl] [locale en,de] [start YYYY-MM-DD] [dirty RATE]`;
/// what is not given comes from the current population.
public struct GenerateOptions: Sendable, Equatable {
    /// Field by field: a tuple (the shard) has no `==` of its own to synthesise from.
    public static func == (a: GenerateOptions, b: GenerateOptions) -> Bool {
        a.directory == b.directory && a.leads == b.leads && a.seed == b.seed && a.weeks == b.weeks && a.format == b.format
            && a.locales == b.locales && a.startDate == b.startDate && a.dirtyRate == b.dirtyRate && a.scenario == b.scenario
            && a.arguments == b.arguments && a.shard?.index == b.shard?.index && a.shard?.count == b.shard?.count
    }

    public var directory: String
    public var leads: Int?
    public var seed: UInt64?
    public var weeks: Int?
    public var format: String?
    public var locales: [String]?
    public var startDate: String?
    public var dirtyRate: Double?
    /// The scenario file that set the session up (`leadsim generate --scenario`), for the README.
    public var scenario: String?
    /// One share of the leads (1-based index of count), written as a part into `directory`
    /// (`leadsim generate --shard I/N --parts DIR`; `leadsim merge` joins the parts).
    public var shard: (index: Int, count: Int)?
    /// Where each option's value stands among the statement's arguments, for messages.
    public var arguments: [String: Int] = [:]

    public init(directory: String) { self.directory = directory }
}

/// The tables `export` writes.
public enum ExportTable: String, Sendable, CaseIterable {
    case summary, funnel, weekly, workload, channels, kpis, sweep, compare, optimum, params
}

/// A parameter's range as a sweep or `optimise` states it: `mql.threshold 40..90 step 5`.
public struct RangeRequest: Sendable, Equatable {
    public var parameter: String
    public var from: Double
    public var to: Double
    public var step: Double?
    /// Index of the parameter's word among the statement's arguments, for messages.
    public var argument: Int
}

public struct SweepRequest: Sendable, Equatable {
    public var ranges: [RangeRequest]
    public var objective: Objective
    public var constraints: [Constraint]
    /// Metrics shown per value besides the objective.
    public var metrics: [String]
}

public struct OptimiseRequest: Sendable, Equatable {
    public var ranges: [RangeRequest]
    public var objective: Objective
    public var constraints: [Constraint]
}

/// A promise a scenario makes about the last run, e.g. `expect sql between 1800 and 2400`.
public struct Expectation: Sendable, Equatable, CustomStringConvertible {
    public enum Check: Sendable, Equatable {
        case compare(ComparisonOperator, Double)
        case between(Double, Double)
    }

    /// A figure name (see `Figure`): a metric, its interval bound, or a sweep's, optimum's or
    /// comparison's figure.
    public var metric: String
    public var check: Check

    public func holds(for actual: Double) -> Bool {
        switch check {
        case .between(let low, let high): actual >= low && actual <= high
        case .compare(let op, let value): op.holds(actual, value)
        }
    }

    public var description: String {
        switch check {
        case .between(let low, let high): "\(metric) between \(formatNumber(low)) and \(formatNumber(high))"
        case .compare(let op, let value): "\(metric) \(op.rawValue) \(formatNumber(value))"
        }
    }
}
