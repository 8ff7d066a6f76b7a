import LeadSimCore
import LeadSimGenerate
import LeadSimRender

/// The commands with their usage and a line of help: the list that parsing, `help` and completion
/// share.
public struct CommandSpec: Sendable {
    public let name: String
    /// Other spellings the parser, `help` and completion accept: those of the shells users know
    /// (`exit`, `\q`, `.read`) and American English.
    public let aliases: [String]
    public let usage: String
    public let summary: String
    public let example: String

    /// Words that may follow the command, for completion and help (empty when free-form).
    public let words: [String]

    /// Reads the command's arguments.
    let parse: @Sendable (inout Cursor) throws(ScriptError) -> Command

    init(
        name: String, aliases: [String] = [], usage: String, summary: String, example: String, words: [String] = [],
        parse: @escaping @Sendable (inout Cursor) throws(ScriptError) -> Command
    ) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.summary = summary
        self.example = example
        self.words = words
        self.parse = parse
    }

    /// The command a word names, by its name or one of its aliases.
    public static func named(_ word: String) -> CommandSpec? { all.first { $0.name == word || $0.aliases.contains(word) } }

    /// Every word that starts a command.
    public static var spellings: [String] { all.flatMap { [$0.name] + $0.aliases } }

    public static let all: [CommandSpec] = [
        CommandSpec(name: "model", usage: "model NAME", summary: "choose the simulation model (b2b or reference); parameters reset to its defaults",
                    example: "model b2b", words: Models.names,
                    parse: Syntax.model),
        CommandSpec(name: "population", usage: "population LEADS [seed N] [weeks N]",
                    summary: "create a synthetic population of LEADS leads over a horizon of weeks",
                    example: "population 100000 seed 7 weeks 26", words: ["seed", "weeks"],
                    parse: Syntax.population),
        CommandSpec(name: "set", usage: "set PARAMETER VALUE | set runs N",
                    summary: "change a parameter (see `show params`, `help PARAMETER`), or the number of replications",
                    example: "set mql.threshold 65",
                    parse: Syntax.set),
        CommandSpec(name: "reset", usage: "reset [PARAMETER]", summary: "put one parameter, or all, back to the default",
                    example: "reset sales.reps",
                    parse: Syntax.reset),
        CommandSpec(name: "preset", usage: "preset NAME",
                    summary: "set the parameters of one of the model's sourced presets (see `show presets`)",
                    example: "preset oldroyd",
                    parse: Syntax.preset),
        CommandSpec(name: "campaign", usage: "campaign TOUCHPOINT xFACTOR weeks FROM..TO | campaign leads CHANNEL xFACTOR weeks FROM..TO | campaign clear",
                    summary: "multiply a touchpoint's rate over a span of weeks (b2b model)",
                    example: "campaign webinar x2 weeks 4..8", words: B2BModel.spontaneousTouchpoints + ["clear"],
                    parse: Syntax.campaign),
        CommandSpec(name: "run", usage: "run", summary: "simulate the population and print the key figures", example: "run",
                    parse: Syntax.run),
        CommandSpec(name: "show", usage: "show " + ShowTopic.allCases.map(\.rawValue).joined(separator: "|"),
                    summary: "print a table of the last run, the parameters, or what is available",
                    example: "show funnel", words: ShowTopic.allCases.map(\.rawValue),
                    parse: Syntax.show),
        CommandSpec(name: "expect", usage: "expect METRIC (<|<=|>|>=|==|!=) NUMBER | expect METRIC between LOW and HIGH",
                    summary: "check a figure of the last run; a failed expectation makes `leadsim run` exit 1",
                    example: "expect funnel.mql_to_sql >= 0.10",
                    parse: Syntax.expect),
        CommandSpec(name: "echo", usage: "echo TEXT", summary: "print a line of text", example: "echo \"-- two more reps --\"",
                    parse: Syntax.echo),
        CommandSpec(name: ".output", usage: ".output FILE | .output",
                    summary: "send what the following commands print to FILE (written whole after each command); `.output` alone: back to the screen",
                    example: ".output results.csv",
                    parse: Syntax.output),
        CommandSpec(name: ".once", usage: ".once FILE", summary: "send only what the next command prints to FILE", example: ".once results.csv",
                    parse: Syntax.once),
        CommandSpec(name: "quit", aliases: ["exit", ".quit", ".exit", "\\q"], usage: "quit | exit | .quit | \\q", summary: "leave the shell (Ctrl-D too); in a script, stop there with the status so far", example: "quit",
                    parse: Syntax.quit),
        CommandSpec(name: "baseline", usage: "baseline | baseline clear",
                    summary: "pin the current configuration and results as the baseline for `compare` and `diff baseline`",
                    example: "baseline", words: ["clear"],
                    parse: Syntax.baseline),
        CommandSpec(name: "snapshot", usage: "snapshot NAME", summary: "keep the current configuration and results under a name for `compare`",
                    example: "snapshot two-more-reps",
                    parse: Syntax.snapshot),
        CommandSpec(name: "compare", usage: "compare [A [B]]",
                    summary: "two configurations side by side, paired on the same leads: baseline (or snapshot A) against now, or snapshot A against B; * marks significant changes",
                    example: "compare baseline two-more-reps", words: ["baseline", "now"],
                    parse: Syntax.compare),
        CommandSpec(name: "sweep",
                    usage: "sweep PARAMETER FROM..TO [step S] [by PARAMETER FROM..TO [step S]] [maximise|minimise METRIC] [subject METRIC OP NUMBER [and ...]] [show METRIC,...]",
                    summary: "run a parameter (or two) over a range: a table per value and a chart (a heat map for two)",
                    example: "sweep mql.threshold 40..90 step 5", words: ["step", "by", "maximise", "minimise", "subject", "show"],
                    parse: Syntax.sweep),
        CommandSpec(name: "optimise", aliases: ["optimize"],
                    usage: "optimise PARAMETER FROM..TO [step S] [by PARAMETER FROM..TO [step S]] maximise|minimise METRIC [subject METRIC OP NUMBER [and ...]]",
                    summary: "find the value (or pair) that maximises or minimises a metric under constraints, by grid refinement",
                    example: "optimise mql.threshold 30..90 maximise won subject workload.utilisation <= 0.85",
                    words: ["step", "by", "maximise", "minimise", "subject"],
                    parse: Syntax.optimise),
        CommandSpec(name: "export", usage: "export " + ExportTable.allCases.map(\.rawValue).joined(separator: "|") + " FILE.csv|FILE.json",
                    summary: "write a table to a CSV or JSON file (stable column names, written atomically)",
                    example: "export sweep sweep.csv", words: ExportTable.allCases.map(\.rawValue),
                    parse: Syntax.export),
        CommandSpec(name: "report", usage: "report FILE.html",
                    summary: "write a self-contained HTML report with charts of the last run, sweep and comparison",
                    example: "report pipeline.html",
                    parse: Syntax.report),
        CommandSpec(name: "undo", usage: "undo", summary: "revert the last change of model, population, parameters or campaigns",
                    example: "undo",
                    parse: Syntax.undo),
        CommandSpec(name: "diff", usage: "diff [baseline]", summary: "parameters changed from the defaults, or from the baseline",
                    example: "diff baseline", words: ["baseline"],
                    parse: Syntax.diff),
        CommandSpec(name: "help", usage: "help [COMMAND | PARAMETER | METRIC]",
                    summary: "this list, or help on one command, parameter or metric", example: "help mql.threshold",
                    parse: Syntax.help),
        CommandSpec(name: "mode", usage: "mode table|csv|json|markdown", summary: "how results are printed: aligned tables, CSV (prose to standard error), one JSON record per command (as `leadsim run --json`), or Markdown", example: "mode csv",
                    words: OutputMode.allCases.map(\.rawValue),
                    parse: Syntax.mode),
        CommandSpec(name: "changes", usage: "changes on|off",
                    summary: "after each change, re-run and show the key figures old → new (on in the shell, off in scripts)", example: "changes on",
                    words: ["on", "off"], parse: Syntax.changes),
        CommandSpec(name: ".save", usage: ".save FILE",
                    summary: "write this session's commands (those that worked) as a script: `leadsim run FILE` prints what the session printed",
                    example: ".save session.leadsim", parse: Syntax.save),
        CommandSpec(name: "timer", usage: "timer on|off", summary: "print how long each command took (to standard error)", example: "timer on",
                    words: ["on", "off"],
                    parse: Syntax.timer),
        CommandSpec(name: "source", aliases: [".read"], usage: "source FILE", summary: "run a scenario file in this session", example: "source scenarios/stricter-sla.leadsim",
                    parse: Syntax.source),
        CommandSpec(
            name: "scoring", usage: "scoring FILE | scoring default",
            summary: "use a scoring model written in a file (fit criteria, points, groups, decay, grades, MQL rule; see `show scoring`), or the model's own",
            example: "scoring scenarios/hubspot-style.scoring",
                    parse: Syntax.scoring),
        CommandSpec(
            name: "calibrate", usage: "calibrate",
            summary: "measure the loaded history (channel mix, weekly inflow, stage shares, days between stages, each with its 95 % interval and sample size) and set the model to it, showing old → new",
            example: "calibrate",
                    parse: Syntax.calibrate),
        CommandSpec(
            name: "fit", usage: "fit METRIC VALUE [by PARAMETER]",
            summary: "set the parameter (or the model's lever for the metric) to the value at which the metric reaches VALUE, e.g. a conversion rate a team measured or believes in; shows the steps and the value reached",
            example: "fit funnel.mql_to_sql 0.18 by sales.acceptance_rate", words: ["by"],
                    parse: Syntax.fit),
        CommandSpec(
            name: "generate", usage: "generate DIR [leads N] [seed S] [weeks W] [format csv|jsonl] [locale en|de|en,de] [start YYYY-MM-DD] [dirty RATE]",
            summary: "write a dataset (accounts, leads, touchpoints, stage changes, sales activities, opportunities, ground truth, datapackage.json) generated from the current configuration's simulated journeys; `dirty 0.05` adds duplicates, typos and malformed values at that rate with their truth",
            example: "generate out/leads leads 5000 seed 7 locale en,de",
            words: ["leads", "seed", "weeks", "format", "locale", "start", "dirty"],
                    parse: Syntax.generate),
        CommandSpec(
            name: "load", usage: "load leads FILE map MAPPING [strict|skip] [pseudonymise] | load events FILE map MAPPING [strict|skip] | load opportunities FILE map MAPPING [strict|skip] | load DIR [strict|skip] [pseudonymise]",
            summary: "load a team's own leads from a CRM export through a mapping file (YAML), or a package `generate` wrote: `run` then simulates them forward; `skip` leaves bad rows out and counts them, `strict` (the default) stops at the first bad row",
            example: "load leads datasets/history/kontakte.csv map datasets/history/kontakte.mapping.yaml",
            words: ["leads", "events", "opportunities", "map", "strict", "skip", "pseudonymise"],
                    parse: Syntax.load),
        CommandSpec(
            name: "backtest", usage: "backtest YYYY-MM-DD",
            summary: "calibrate on the loaded history before a date, simulate, and compare each week from it with what really happened (the simulation's mean and 95 % interval against the history's MQLs)",
            example: "backtest 2025-02-17",
                    parse: Syntax.backtest),
        CommandSpec(
            name: "replay", usage: "replay",
            summary: "re-score the loaded history under the scoring model and thresholds in force: MQLs and hand-overs per week against the history's, the reps' load, and the rule's precision and recall on the leads that really converted",
            example: "replay",
                    parse: Syntax.replay),
        CommandSpec(
            name: "trace", usage: "trace LEAD",
            summary: "one lead's journey in the current configuration: its attributes and hidden truth, then every touchpoint, score, stage change and sales step with its time",
            example: "trace 42",
                    parse: Syntax.trace),
    ]
}
