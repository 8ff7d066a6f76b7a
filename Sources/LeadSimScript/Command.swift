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

/// The commands with their usage and a line of help: the list that parsing, `help` and completion
/// share.
public struct CommandSpec: Sendable {
    public let name: String
    public let usage: String
    public let summary: String
    public let example: String

    /// Words that may follow the command, for completion and help (empty when free-form).
    public let words: [String]

    init(name: String, usage: String, summary: String, example: String, words: [String] = []) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.example = example
        self.words = words
    }

    public static func named(_ name: String) -> CommandSpec? { all.first { $0.name == name } }

    public static let all: [CommandSpec] = [
        CommandSpec(name: "model", usage: "model NAME", summary: "choose the simulation model (b2b or reference); parameters reset to its defaults",
                    example: "model b2b", words: Models.names),
        CommandSpec(name: "population", usage: "population LEADS [seed N] [weeks N]",
                    summary: "create a synthetic population of LEADS leads over a horizon of weeks",
                    example: "population 100000 seed 7 weeks 26", words: ["seed", "weeks"]),
        CommandSpec(name: "set", usage: "set PARAMETER VALUE | set runs N",
                    summary: "change a parameter (see `show params`, `help PARAMETER`), or the number of replications",
                    example: "set mql.threshold 65"),
        CommandSpec(name: "reset", usage: "reset [PARAMETER]", summary: "put one parameter, or all, back to the default",
                    example: "reset sales.reps"),
        CommandSpec(name: "preset", usage: "preset NAME",
                    summary: "set the parameters of one of the model's sourced presets (see `show presets`)",
                    example: "preset oldroyd"),
        CommandSpec(name: "campaign", usage: "campaign TOUCHPOINT xFACTOR weeks FROM..TO | campaign leads CHANNEL xFACTOR weeks FROM..TO | campaign clear",
                    summary: "multiply a touchpoint's rate over a span of weeks (b2b model)",
                    example: "campaign webinar x2 weeks 4..8", words: B2BModel.spontaneousTouchpoints + ["clear"]),
        CommandSpec(name: "run", usage: "run", summary: "simulate the population and print the key figures", example: "run"),
        CommandSpec(name: "show", usage: "show " + ShowTopic.allCases.map(\.rawValue).joined(separator: "|"),
                    summary: "print a table of the last run, the parameters, or what is available",
                    example: "show funnel", words: ShowTopic.allCases.map(\.rawValue)),
        CommandSpec(name: "expect", usage: "expect METRIC (<|<=|>|>=|==|!=) NUMBER | expect METRIC between LOW and HIGH",
                    summary: "check a figure of the last run; a failed expectation makes `leadsim run` exit 1",
                    example: "expect funnel.mql_to_sql >= 0.10"),
        CommandSpec(name: "echo", usage: "echo TEXT", summary: "print a line of text", example: "echo \"-- two more reps --\""),
        CommandSpec(name: ".output", usage: ".output FILE | .output | .once FILE",
                    summary: "send what the following commands print to FILE (written whole after each command; `.output` alone: back to the screen), or only what the next one prints (`.once`)",
                    example: ".once results.csv"),
        CommandSpec(name: "quit", usage: "quit | exit | .quit | \\q", summary: "leave the shell (Ctrl-D too); in a script, stop there with the status so far", example: "quit"),
        CommandSpec(name: "baseline", usage: "baseline | baseline clear",
                    summary: "pin the current configuration and results as the baseline for `compare` and `diff baseline`",
                    example: "baseline", words: ["clear"]),
        CommandSpec(name: "snapshot", usage: "snapshot NAME", summary: "keep the current configuration and results under a name for `compare`",
                    example: "snapshot two-more-reps"),
        CommandSpec(name: "compare", usage: "compare [A [B]]",
                    summary: "two configurations side by side, paired on the same leads: baseline (or snapshot A) against now, or snapshot A against B; * marks significant changes",
                    example: "compare baseline two-more-reps", words: ["baseline", "now"]),
        CommandSpec(name: "sweep",
                    usage: "sweep PARAMETER FROM..TO [step S] [by PARAMETER FROM..TO [step S]] [maximise|minimise METRIC] [subject METRIC OP NUMBER [and ...]] [show METRIC,...]",
                    summary: "run a parameter (or two) over a range: a table per value and a chart (a heat map for two)",
                    example: "sweep mql.threshold 40..90 step 5", words: ["step", "by", "maximise", "minimise", "subject", "show"]),
        CommandSpec(name: "optimise",
                    usage: "optimise PARAMETER FROM..TO [step S] [by PARAMETER FROM..TO [step S]] maximise|minimise METRIC [subject METRIC OP NUMBER [and ...]]",
                    summary: "find the value (or pair) that maximises or minimises a metric under constraints, by grid refinement",
                    example: "optimise mql.threshold 30..90 maximise won subject workload.utilisation <= 0.85",
                    words: ["step", "by", "maximise", "minimise", "subject"]),
        CommandSpec(name: "export", usage: "export " + ExportTable.allCases.map(\.rawValue).joined(separator: "|") + " FILE.csv|FILE.json",
                    summary: "write a table to a CSV or JSON file (stable column names, written atomically)",
                    example: "export sweep sweep.csv", words: ExportTable.allCases.map(\.rawValue)),
        CommandSpec(name: "report", usage: "report FILE.html",
                    summary: "write a self-contained HTML report with charts of the last run, sweep and comparison",
                    example: "report pipeline.html"),
        CommandSpec(name: "undo", usage: "undo", summary: "revert the last change of model, population, parameters or campaigns",
                    example: "undo"),
        CommandSpec(name: "diff", usage: "diff [baseline]", summary: "parameters changed from the defaults, or from the baseline",
                    example: "diff baseline", words: ["baseline"]),
        CommandSpec(name: "help", usage: "help [COMMAND | PARAMETER | METRIC]",
                    summary: "this list, or help on one command, parameter or metric", example: "help mql.threshold"),
        CommandSpec(name: "mode", usage: "mode table|csv|json|markdown", summary: "how results are printed: aligned tables, CSV (prose to standard error), one JSON record per command (as `leadsim run --json`), or Markdown", example: "mode csv",
                    words: OutputMode.allCases.map(\.rawValue)),
        CommandSpec(name: "timer", usage: "timer on|off", summary: "print how long each command took (to standard error)", example: "timer on",
                    words: ["on", "off"]),
        CommandSpec(name: "source", usage: "source FILE", summary: "run a scenario file in this session", example: "source scenarios/stricter-sla.leadsim"),
        CommandSpec(
            name: "scoring", usage: "scoring FILE | scoring default",
            summary: "use a scoring model written in a file (fit criteria, points, groups, decay, grades, MQL rule; see `show scoring`), or the model's own",
            example: "scoring scenarios/hubspot-style.scoring"),
        CommandSpec(
            name: "calibrate", usage: "calibrate",
            summary: "measure the loaded history (channel mix, weekly inflow, stage shares, days between stages, each with its 95 % interval and sample size) and set the model to it, showing old → new",
            example: "calibrate"),
        CommandSpec(
            name: "fit", usage: "fit METRIC VALUE [by PARAMETER]",
            summary: "set the parameter (or the model's lever for the metric) to the value at which the metric reaches VALUE, e.g. a conversion rate a team measured or believes in; shows the steps and the value reached",
            example: "fit funnel.mql_to_sql 0.18 by sales.acceptance_rate", words: ["by"]),
        CommandSpec(
            name: "generate", usage: "generate DIR [leads N] [seed S] [weeks W] [format csv|jsonl] [locale en|de|en,de] [start YYYY-MM-DD] [dirty RATE]",
            summary: "write a dataset (accounts, leads, touchpoints, stage changes, sales activities, opportunities, ground truth, datapackage.json) generated from the current configuration's simulated journeys; `dirty 0.05` adds duplicates, typos and malformed values at that rate with their truth",
            example: "generate out/leads leads 5000 seed 7 locale en,de",
            words: ["leads", "seed", "weeks", "format", "locale", "start", "dirty"]),
        CommandSpec(
            name: "load", usage: "load leads FILE map MAPPING [strict|skip] [pseudonymise] | load events FILE map MAPPING [strict|skip] | load opportunities FILE map MAPPING [strict|skip] | load DIR [strict|skip] [pseudonymise]",
            summary: "load a team's own leads from a CRM export through a mapping file (YAML), or a package `generate` wrote: `run` then simulates them forward; `skip` leaves bad rows out and counts them, `strict` (the default) stops at the first",
            example: "load leads datasets/history/kontakte.csv map datasets/history/kontakte.mapping.yaml",
            words: ["leads", "events", "opportunities", "map", "strict", "skip", "pseudonymise"]),
        CommandSpec(
            name: "backtest", usage: "backtest YYYY-MM-DD",
            summary: "calibrate on the loaded history before a date, simulate, and compare each week from it with what really happened (the simulation's mean and 95 % interval against the history's MQLs)",
            example: "backtest 2025-02-17"),
        CommandSpec(
            name: "replay", usage: "replay",
            summary: "re-score the loaded history under the scoring model and thresholds in force: MQLs and hand-overs per week against the history's, the reps' load, and the rule's precision and recall on the leads that really converted",
            example: "replay"),
        CommandSpec(
            name: "trace", usage: "trace LEAD",
            summary: "one lead's journey in the current configuration: its attributes and hidden truth, then every touchpoint, score, stage change and sales step with its time",
            example: "trace 42"),
    ]
}
