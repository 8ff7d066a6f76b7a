import Foundation
import LeadSimCore
import LeadSimData
import LeadSimRender

/// What a command printed, and whether an expectation held.
public enum SessionOutput: Sendable {
    case text(String)
    /// A file for the script runner to write (atomically).
    case file(path: String, contents: String)
    case tables([TextTable])
    case expectation(passed: Bool, message: String)
}

/// What a run is made of — model, parameters, campaigns, population, replications — and the
/// results of its last run. A value, so a baseline, a snapshot or an undo step is a plain copy (the
/// populations and results are shared, not duplicated, until one side changes).
public struct Configuration: Sendable {
    public internal(set) var experiment: Experiment
    /// The replications' populations, synthesised on first use and kept while `populationsKey`
    /// still matches the experiment.
    var populations: [Population]?
    var populationsKey: Experiment.PopulationKey?
    public internal(set) var lastRuns: RunSet?

    init(model: any LeadModel) {
        experiment = Experiment(model: model, leads: Session.defaultLeads, seed: Session.defaultSeed)
    }

    public var model: any LeadModel { experiment.model }
    public var parameters: ParameterSet { experiment.parameters }
    public var campaigns: [Campaign] { experiment.campaigns }
    public var population: Population? { populationsKey == experiment.populationKey ? populations?.first : nil }
    /// The first replication of the last run.
    public var lastResult: RunResult? { lastRuns?.first }
}

/// The state a script or the REPL works on: the current configuration, the baseline, snapshots,
/// undo steps, the last sweep, optimisation and comparison, and how output is shown.
public struct Session: Sendable {
    public static let defaultLeads = 100_000
    public static let defaultSeed: UInt64 = 1
    /// Undo steps kept; older ones are dropped.
    public static let undoDepth = 100
    /// Replications a session may ask for with `set runs`.
    public static let replicationRange = 1...1000
    /// Names `compare` gives to the baseline and the current configuration.
    public static let reservedSnapshotNames: Set<String> = ["baseline", "now", "current"]

    public internal(set) var current: Configuration
    public private(set) var baseline: Configuration?
    /// Named snapshots in the order they were taken.
    public private(set) var snapshots: [(name: String, configuration: Configuration)] = []
    private var undoSteps: [Configuration] = []
    public private(set) var lastSweep: SweepResult?
    public private(set) var lastOptimisation: OptimisationResult?
    public private(set) var lastComparison: Comparison?
    public var options = RunOptions()
    /// The most memory a configuration may need (`Experiment.estimatedBytes`): a change that would
    /// need more is refused before anything runs. 80 % of the machine's memory unless the
    /// executable says otherwise (`LEADSIM_MEMORY_LIMIT`).
    public var memoryLimitBytes = MemoryLimit.inForce.bytes
    /// Where the limit came from, for the message that names it.
    public var memoryLimitSource = MemoryLimit.inForce.source
    /// The REPL's what-if loop: after a change, re-simulate and show the key figures old → new.
    public var showsChanges = false
    /// The commands that worked, as typed: what `.save` writes.
    public var transcript: [String] = []
    public var mode = OutputMode.table
    /// The terminal's columns, when the output is a terminal: aligned tables fit them.
    public var width: Int?
    public private(set) var timer = false
    /// How far the running command has got: runs, bytes read or leads generated, for a progress
    /// line at a terminal. Shared by the session's copies (undo, snapshots): one command runs at a time.
    public let work = WorkProgress()
    /// The pseudonyms of the loaded leads, for their events to find them by.
    public var pseudonymiser: Pseudonymiser?
    /// Where results go instead of the screen (`.output`, `.once`): the file, whether only for
    /// the next command, and what has gone there so far (the file is written whole each time).
    public struct OutputTarget: Sendable {
        public var path: String
        public var once: Bool
        public var text = ""
    }
    public internal(set) var outputTarget: OutputTarget?

    public init(model: any LeadModel = B2BModel()) {
        current = Configuration(model: model)
        options.progress = work
    }

    public var model: any LeadModel { current.model }
    public var parameters: ParameterSet { current.parameters }
    public var population: Population? { current.population }
    public var lastResult: RunResult? { current.lastResult }
    public var lastRuns: RunSet? { current.lastRuns }
    public var replications: Int { current.experiment.replications }
    public var canUndo: Bool { !undoSteps.isEmpty }

    /// Carries out one statement; errors name the statement's place. `source` is the script
    /// runner's, which reads the file; `export` and `report` return the file for it to write.
    public mutating func execute(_ statement: Statement) throws(ScriptError) -> [SessionOutput] {
        switch statement.command {
        case .model(nil):
            return [.text("model \(current.model.name): \(current.model.summary)\n")]
        case .model(let name?):
            guard let chosen = Models.named(name) else {
                throw statement.error(
                    "unknown model '\(name)': expected one of \(Models.names.joined(separator: ", "))", argument: 0)
            }
            return try change(statement, compare: false) { configuration throws(ScriptError) in
                let previous = configuration.experiment
                configuration = Configuration(model: chosen)
                configuration.experiment.leads = previous.leads
                configuration.experiment.seed = previous.seed
                configuration.experiment.weeks = previous.weeks
                configuration.experiment.replications = previous.replications
            }
        case .population(let leads, let seed, let weeks):
            return try change(statement, compare: false) { configuration throws(ScriptError) in
                configuration.experiment.leads = leads
                configuration.experiment.seed = seed ?? configuration.experiment.seed
                configuration.experiment.weeks = weeks
                configuration.experiment.history = nil
                configuration.lastRuns = nil
            }
        case .set("runs", let text):
            guard let runs = Int(text), Self.replicationRange.contains(runs) else {
                throw statement.error(
                    "expected the number of replications as a whole number from \(Self.replicationRange.lowerBound) to "
                        + "\(Self.replicationRange.upperBound), got '\(text)'", argument: 1)
            }
            return try change(statement, compare: false) { configuration throws(ScriptError) in
                configuration.experiment.replications = runs
            }
        case .set(let name, let text):
            return try change(statement) { configuration throws(ScriptError) in
                do throws(ParameterError) {
                    try configuration.experiment.parameters.set(name, text: text)
                } catch {
                    throw statement.error(error.description, argument: error.isAboutValue ? 1 : 0)
                }
            }
        case .reset("runs"):
            return try change(statement, compare: false) { configuration throws(ScriptError) in
                configuration.experiment.replications = 1
            }
        case .reset(let name):
            return try change(statement) { configuration throws(ScriptError) in
                if let name {
                    do throws(ParameterError) {
                        let spec = try configuration.parameters.spec(named: name)
                        try configuration.experiment.parameters.set(name, to: spec.defaultValue)
                    } catch {
                        throw statement.error(error.description, argument: 0)
                    }
                } else {
                    configuration.experiment.parameters = configuration.model.defaultParameters()
                    configuration.experiment.campaigns = []
                }
            }
        case .preset(let name):
            guard let preset = current.model.presets.first(where: { $0.name == name }) else {
                let names = current.model.presets.map(\.name)
                throw statement.error(
                    "unknown preset '\(name)'"
                        + (names.isEmpty ? ": model \(current.model.name) has none" : ": expected one of \(names.joined(separator: ", "))")
                        + didYouMean(name, among: names),
                    argument: 0)
            }
            return try change(statement) { configuration throws(ScriptError) in
                for (parameter, value) in preset.values {
                    do throws(ParameterError) {
                        try configuration.experiment.parameters.set(parameter, to: value)
                    } catch {
                        throw statement.error(error.description, argument: 0)
                    }
                }
            }
        case .campaign(let campaign):
            let targets = current.model.campaignTargets
            guard !targets.isEmpty else {
                throw statement.error("model \(current.model.name) takes no campaigns")
            }
            let (name, known, kind, argument) = switch campaign.target {
            case .touchpoint(let name): (name, targets.touchpoints, "touchpoint", 0)
            case .channel(let name): (name, targets.channels, "channel", 1)
            }
            guard known.contains(name) else {
                throw statement.error(
                    "unknown \(kind) '\(name)': expected one of \(known.joined(separator: ", "))"
                        + didYouMean(name, among: known), argument: argument)
            }
            if campaign.shapesPopulation, campaign.endWeek > Double(current.experiment.horizonWeeks) {
                throw statement.error(
                    "the campaign ends after the window's \(current.experiment.horizonWeeks) weeks: expected weeks within 0..\(current.experiment.horizonWeeks)",
                    argument: argument + 3)
            }
            let horizon = Double(current.experiment.horizonWeeks)
            let outputs = try change(statement) { configuration throws(ScriptError) in configuration.experiment.campaigns.append(campaign) }
            // A touchpoint campaign past the window is allowed (the window may grow) but changes nothing now.
            if campaign.startWeek >= horizon {
                return outputs + [.text("note: the campaign starts in week \(formatNumber(campaign.startWeek)), after the window's \(formatNumber(horizon)) weeks: it changes nothing in this window\n")]
            }
            if campaign.endWeek > horizon {
                return outputs + [.text("note: the campaign runs past the window's \(formatNumber(horizon)) weeks: only weeks \(formatNumber(campaign.startWeek))..\(formatNumber(horizon)) count\n")]
            }
            return outputs
        case .clearCampaigns:
            return try change(statement) { configuration throws(ScriptError) in configuration.experiment.campaigns = [] }
        case .run:
            let runs = try run(statement)
            return [.tables(ResultTables.summary(runs))] + Self.warnings(runs)
        case .show(let topic):
            return try show(topic, statement: statement)
        case .expect(let expectation):
            let actual = try value(of: expectation.metric, statement: statement)
            let passed = expectation.holds(for: actual)
            let shown = formatNumber((actual * 10_000).rounded() / 10_000)
            let message = passed
                ? "ok: \(expectation) (actual \(shown))"
                : "\(statement.location): expectation failed: expected \(expectation), actual \(shown)"
            return [.expectation(passed: passed, message: message)]
        case .quit:
            // The runner and the shell stop before it; a statement run on its own does nothing.
            return []
        case .output(nil, _):
            outputTarget = nil
            return []
        case .output(let path?, let once):
            if let problem = FileSource.problem(writing: ScriptRunner.expandingHome(path)) {
                throw statement.error("cannot write '\(path)': \(problem)", argument: 0)
            }
            outputTarget = OutputTarget(path: path, once: once)
            return []
        case .echo(let text):
            return [.text(text + "\n")]
        case .baseline(let clear):
            if clear {
                baseline = nil
                return [.text("baseline cleared\n")]
            }
            _ = try currentRuns(statement)
            baseline = current
            return [.text("baseline pinned: \(describe(current))\n")]
        case .snapshot(let name):
            _ = try currentRuns(statement)
            snapshots.removeAll { $0.name == name }
            snapshots.append((name, current))
            return [.text("snapshot \(name): \(describe(current))\n")]
        case .compare(let first, let second):
            return try compare(first, second, statement: statement)
        case .sweep(let request):
            return try sweep(request, statement: statement)
        case .optimise(let request):
            return try optimise(request, statement: statement)
        case .export(let table, let path):
            return [.file(path: path, contents: try export(table, json: path.hasSuffix(".json"), statement: statement))]
        case .report(let path):
            let runs = try currentRuns(statement)
            let report = HTMLReport(
                title: "leadsim report — \(describe(current))", runs: runs, parameters: current.parameters,
                campaigns: current.campaigns.map(Self.describe), sweep: lastSweep, optimisation: lastOptimisation,
                comparison: lastComparison)
            return [.file(path: path, contents: report.render())]
        case .undo:
            guard let previous = undoSteps.popLast() else { throw statement.error("nothing to undo") }
            let undone = current
            current = previous
            var output: [SessionOutput] = [.text("undone: back to \(describe(current))\n")]
            if showsChanges, let before = undone.lastRuns, let after = current.lastRuns,
               undone.model.name == current.model.name, before.replications == after.replications
            {
                output.append(.tables(ResultTables.changes(from: before, to: after, before: "before", after: "after")))
            }
            return output
        case .diff(let againstBaseline):
            return [try diff(againstBaseline: againstBaseline, statement: statement)]
        case .help(let topic):
            return [.text(try Help.text(for: topic, session: self, statement: statement))]
        case .mode(nil):
            return [.text("mode \(mode.rawValue)\n")]
        case .mode(let mode?):
            self.mode = mode
            return []
        case .timer(let on):
            timer = on
            return []
        case .changes(let on):
            showsChanges = on
            return []
        case .save(let path):
            let lines = ["# A leadsim session's commands: `leadsim run` on this file prints what the session printed.",
                         "changes \(showsChanges ? "on" : "off")"] + transcript
            return [.file(path: path, contents: lines.joined(separator: "\n") + "\n")]
        case .source:
            throw statement.error("`source` runs through the script runner")
        case .trace(let lead):
            return try trace(lead, statement: statement)
        case .calibrate:
            return try calibrate(statement: statement)
        case .fit(let metricName, let target, let parameterName):
            return try fit(metricName, target: target, by: parameterName, statement: statement)
        case .replay:
            return try replay(statement: statement)
        case .backtest(let date):
            return try backtest(from: date, statement: statement)
        case .loadLeads, .loadPackage, .loadEvents, .loadOpportunities:
            throw statement.error("`load` runs through the script runner, which reads the files")
        case .generate(let options):
            do throws(GenerateFailure) {
                return [.text(try generate(options, progress: { [work] done, total in work.set(done: done, total: total, of: .leads) }))]
            } catch {
                let argument = error.option.flatMap { options.arguments[$0] } ?? 0
                throw statement.error(error.message, argument: argument)
            }
        case .scoring(let path):
            if path != nil { throw statement.error("`scoring FILE` runs through the script runner, which reads the file") }
            return try use(scoring: nil, statement: statement)
        }
    }

    /// The attributes the current leads have, which scoring criteria may test.
    public var leadAttributes: [LeadAttribute] { current.population?.attributes ?? LeadAttribute.all }

    /// Puts a scoring model in force (nil: the model's default), with its numbers at its values and
    /// every other parameter kept.
    public mutating func use(scoring: ScoringModel?, statement: Statement) throws(ScriptError) -> [SessionOutput] {
        let defaultModel = Models.named(current.model.name) ?? current.model
        guard let scoring = scoring ?? defaultModel.scoring else {
            throw statement.error("the \(current.model.name) model has a fixed scoring rule: expected `model b2b` before `scoring`")
        }
        let model: any LeadModel
        do throws(ScoringError) {
            model = try current.model.with(scoring: scoring, attributes: leadAttributes)
        } catch {
            throw statement.error(error.message, argument: 0)
        }
        return try change(statement) { configuration throws(ScriptError) in
            let old = configuration.parameters
            let scoringNames = Set(scoring.parameterSpecs().map(\.name))
            var parameters = model.defaultParameters()
            for spec in parameters.specs where !scoringNames.contains(spec.name) {
                if let value = try? old.value(of: spec.name) { try? parameters.set(spec.name, to: value) }
            }
            configuration.experiment.model = model
            configuration.experiment.parameters = parameters
        }
    }

    /// Simulates the current configuration, synthesising the populations first if needed.
    @discardableResult
    public mutating func run() throws(RunCancelled) -> RunSet {
        try Self.simulate(&current, options: options)
    }

    /// The current configuration's results: those of its last run, or — when there are none, or
    /// a change made them stale — a run now, in a script as in the shell.
    private mutating func currentRuns(_ statement: Statement) throws(ScriptError) -> RunSet {
        if let last = current.lastRuns { return last }
        return try run(statement)
    }

    private mutating func run(_ statement: Statement) throws(ScriptError) -> RunSet {
        do {
            return try run()
        } catch {
            throw statement.error(error.description)
        }
    }

    private static func simulate(_ configuration: inout Configuration, options: RunOptions) throws(RunCancelled) -> RunSet {
        let populations = try currentPopulations(&configuration, options: options)
        let runs = try configuration.experiment.run(on: populations, options: options)
        configuration.lastRuns = runs
        return runs
    }

    /// The populations of the current configuration's replications.
    public mutating func currentPopulations() throws(RunCancelled) -> [Population] {
        try Self.currentPopulations(&current, options: options)
    }

    static func currentPopulations(
        _ configuration: inout Configuration, options: RunOptions
    ) throws(RunCancelled) -> [Population] {
        let key = configuration.experiment.populationKey
        if let populations = configuration.populations, configuration.populationsKey == key { return populations }
        let created = try configuration.experiment.synthesizePopulations(options: options)
        configuration.populations = created
        configuration.populationsKey = key
        return created
    }

    /// Applies a change to a copy of the configuration, keeping an undo step. In the what-if loop
    /// the copy is simulated at once and the key figures are shown old → new; the change only
    /// lands when that run completes, so an interrupted run leaves everything as it was.
    mutating func change(
        _ statement: Statement, compare: Bool = true, _ body: (inout Configuration) throws(ScriptError) -> Void
    ) throws(ScriptError) -> [SessionOutput] {
        var next = current
        try body(&next)
        try checkMemory(next.experiment, statement: statement)
        var output: [SessionOutput] = []
        if showsChanges {
            let before = current.lastRuns
            next.lastRuns = nil
            let after: RunSet
            do {
                after = try Self.simulate(&next, options: options)
            } catch {
                throw statement.error(error.description + "; nothing changed")
            }
            if compare, let before, current.model.name == next.model.name, before.replications == after.replications {
                output.append(.tables(ResultTables.changes(from: before, to: after, before: "before", after: "after")))
            } else {
                output.append(.tables(ResultTables.summary(after)))
            }
            output += Self.warnings(after)
        } else if next.experiment.parameters.values != current.parameters.values || next.campaigns != current.campaigns
            || next.experiment.replications != current.experiment.replications || next.model.scoring != current.model.scoring
        {
            // Results of other settings must not be checked or compared as if they were current.
            next.lastRuns = nil
        }
        undoSteps.append(current)
        if undoSteps.count > Self.undoDepth { undoSteps.removeFirst() }
        current = next
        return output
    }

    /// Refuses a configuration whose runs would need more memory than the limit, naming what it
    /// would need, the limit, and the ways out.
    func checkMemory(_ experiment: Experiment, statement: Statement) throws(ScriptError) {
        let needed = experiment.estimatedBytes(threads: options.threads)
        guard needed > memoryLimitBytes else { return }
        let synthetic = experiment.runnableModel.populationSize(leads: experiment.leads, horizonWeeks: experiment.horizonWeeks, parameters: experiment.parameters)
        let leadCampaigns = experiment.campaigns.contains { $0.shapesPopulation }
        let size = experiment.history.map { "\(Format.count($0.count)) historical leads" } ?? "population \(Format.count(experiment.leads))"
            + (leadCampaigns ? " (\(Format.count(synthetic)) leads with the warm-up and the lead campaigns)" : "")
        throw statement.error(
            "\(size) with \(experiment.replications) run\(experiment.replications == 1 ? "" : "s") would need about \(Format.gigabytes(needed)) of memory, "
                + "more than the \(Format.gigabytes(memoryLimitBytes)) leadsim allows itself (\(memoryLimitSource)): expected fewer leads or runs "
                + "(`population N`, `set runs N`)" + (leadCampaigns ? ", smaller lead campaigns" : "") + ", or LEADSIM_MEMORY_LIMIT=\(Int((needed / 1e9 * 1.2).rounded(.up)))G to allow more")
    }

    /// What a run warns about (an overloaded team, for one), each warning once across replications.
    static func warnings(_ runs: RunSet) -> [SessionOutput] {
        var seen: [String] = []
        for warning in runs.runs.flatMap(\.warnings) where !seen.contains(warning) { seen.append(warning) }
        return seen.map { .text("warning: " + $0 + "\n") }
    }

    private func describe(_ configuration: Configuration) -> String {
        let experiment = configuration.experiment
        let changed = configuration.parameters.differences(from: configuration.parameters.defaults).count
        return "model \(configuration.model.name), \(Format.count(experiment.leads)) leads (seed \(experiment.seed)), "
            + (changed == 0 ? "default parameters" : "\(changed) parameter\(changed == 1 ? "" : "s") changed")
            + (configuration.campaigns.isEmpty ? "" : ", \(configuration.campaigns.count) campaign(s)")
            + (experiment.replications == 1 ? "" : ", \(experiment.replications) replications")
    }

    static func describe(_ campaign: Campaign) -> String {
        let target = switch campaign.target {
        case .touchpoint(let name): name
        case .channel(let name): "leads \(name)"
        }
        return "\(target) x\(formatNumber(campaign.multiplier)) weeks \(formatNumber(campaign.startWeek))..\(formatNumber(campaign.endWeek))"
    }
    private func diff(againstBaseline: Bool, statement: Statement) throws(ScriptError) -> SessionOutput {
        let reference: ParameterSet
        let label: String
        if againstBaseline {
            guard let baseline else { throw statement.error("no baseline yet: expected `baseline` first") }
            guard baseline.model.name == current.model.name else {
                throw statement.error("the baseline uses model \(baseline.model.name), now it is \(current.model.name): nothing to diff")
            }
            reference = baseline.parameters
            label = "baseline"
        } else {
            reference = current.parameters.defaults
            label = "default"
        }
        let differences = current.parameters.differences(from: reference)
        guard !differences.isEmpty else { return .text("no parameter differs from the \(label)\n") }
        var table = TextTable("changed_parameters", [("parameter", .left), (label, .right), ("now", .right), ("unit", .left)])
        for (spec, old, new) in differences {
            table.append([
                Cell(spec.name), Cell(Format.parameter(old, of: spec), number: spec.options.isEmpty ? old : nil),
                Cell(Format.parameter(new, of: spec), number: spec.options.isEmpty ? new : nil), Cell(spec.unit.rawValue),
            ])
        }
        return .tables([table])
    }

    private mutating func show(_ topic: ShowTopic, statement: Statement) throws(ScriptError) -> [SessionOutput] {
        switch topic {
        case .params: return [.tables(ResultTables.parameters(current.parameters, onlyChanged: false))]
        case .scoring:
            guard let scoring = current.model.scoring else {
                return [.text("the \(current.model.name) model has a fixed scoring rule\n")]
            }
            return [.text(ScoringSyntax.format(scoring, parameters: current.parameters))]
        case .changed:
            return current.parameters.differences(from: current.parameters.defaults).isEmpty
                ? [.text("all parameters at their defaults\n")]
                : [.tables(ResultTables.parameters(current.parameters, onlyChanged: true))]
        case .campaigns:
            return [.text(current.campaigns.isEmpty ? "no campaigns\n" : current.campaigns.map { Self.describe($0) + "\n" }.joined())]
        case .models:
            return [.text(Models.all.map { "\($0.name)  \($0.summary)\n" }.joined())]
        case .presets:
            guard !current.model.presets.isEmpty else { return [.text("model \(current.model.name) has no presets\n")] }
            var table = TextTable("presets", [("preset", .left), ("what it sets", .left)])
            for preset in current.model.presets { table.append([Cell(preset.name), Cell(preset.summary)]) }
            return [.tables([table])]
        case .metrics:
            var table = TextTable("metrics", [("metric", .left), ("unit", .left), ("description", .left)])
            for metric in Metric.all { table.append([Cell(metric.name), Cell(metric.unit), Cell(metric.summary)]) }
            return [.tables([table])]
        case .snapshots:
            return [.text(snapshots.isEmpty ? "no snapshots\n" : snapshots.map { "\($0.name): \(describe($0.configuration))\n" }.joined())]
        case .sweep:
            guard let lastSweep else { throw statement.error("nothing to show yet: expected a `sweep` first") }
            return sweepOutput(lastSweep)
        case .optimum:
            guard let lastOptimisation else { throw statement.error("nothing to show yet: expected an `optimise` first") }
            return optimumOutput(lastOptimisation)
        case .compare:
            guard let lastComparison else { throw statement.error("nothing to show yet: expected a `compare` first") }
            return comparisonOutput(lastComparison)
        case .summary, .funnel, .weekly, .workload, .channels, .kpis:
            let runs = try currentRuns(statement)
            let result = runs.first
            // Funnel, weekly and rep tables are of one run; KPIs and the summary carry the intervals.
            let note: [SessionOutput] = runs.replications > 1 && [.funnel, .weekly, .workload, .channels].contains(topic)
                ? [.text("replication 1 of \(runs.replications); `show kpis` has the means and 95 % intervals\n")] : []
            switch topic {
            case .funnel: return note + [.tables(ResultTables.funnel(result))]
            case .weekly: return note + [.tables(ResultTables.weekly(result))]
            case .workload:
                return note + [ResultTables.workload(result).map(SessionOutput.tables)
                    ?? .text("model \(result.model) has no individual reps\n")]
            case .channels:
                return note + [ResultTables.channels(result).map(SessionOutput.tables)
                    ?? .text("model \(result.model) has no channels\n")]
            case .kpis: return [.tables(ResultTables.kpis(runs))]
            default: return [.tables(ResultTables.summary(runs))]
            }
        }
    }

    // MARK: compare, sweep, optimise

    private func configuration(named name: String?, statement: Statement, argument: Int) throws(ScriptError) -> (String, Configuration) {
        switch name {
        case nil, "baseline":
            guard let baseline else { throw statement.error("no baseline yet: expected `baseline` first", argument: name == nil ? nil : argument) }
            return ("baseline", baseline)
        case "now", "current":
            return ("now", current)
        case let name?:
            guard let found = snapshots.last(where: { $0.name == name }) else {
                throw statement.error(
                    "no snapshot named '\(name)'" + didYouMean(name, among: snapshots.map(\.name) + ["baseline", "now"])
                        + ": expected baseline, now or a name from `show snapshots`", argument: argument)
            }
            return (name, found.configuration)
        }
    }

    private mutating func compare(_ first: String?, _ second: String?, statement: Statement) throws(ScriptError) -> [SessionOutput] {
        var (nameA, a) = try configuration(named: first, statement: statement, argument: 0)
        var (nameB, b): (String, Configuration) = second == nil
            ? ("now", current) : try configuration(named: second, statement: statement, argument: 1)
        guard a.model.name == b.model.name else {
            throw statement.error("\(nameA) uses model \(a.model.name), \(nameB) model \(b.model.name): expected the same model to compare")
        }
        let (ea, eb) = (a.experiment, b.experiment)
        guard ea.leads == eb.leads, ea.seed == eb.seed, ea.horizonWeeks == eb.horizonWeeks else {
            throw statement.error(
                "\(nameA) and \(nameB) run on different populations: expected the same leads, seed and weeks, so that the comparison is paired")
        }
        // Both sides run on the current number of replications, on the same populations.
        let replications = current.experiment.replications
        do {
            for side in [0, 1] {
                var configuration = side == 0 ? a : b
                if configuration.experiment.replications != replications || configuration.lastRuns == nil {
                    configuration.experiment.replications = replications
                    _ = try Self.simulate(&configuration, options: options)
                    if side == 0 { a = configuration } else { b = configuration }
                }
            }
        } catch {
            throw statement.error(error.description)
        }
        if nameB == "now" { current = b }
        if nameA == "now" { current = a }
        let comparison = Comparison(before: nameA, after: nameB, old: a.lastRuns!, new: b.lastRuns!)
        lastComparison = comparison
        return comparisonOutput(comparison)
    }

    private func comparisonOutput(_ comparison: Comparison) -> [SessionOutput] {
        let pairing = comparison.old.replications > 1
            ? "paired over \(comparison.old.replications) replications"
            : "paired over the \(comparison.old.first.groups.count) \(comparison.old.first.groupKind) of one run"
        return [
            .tables(ResultTables.changes(
                from: comparison.old, to: comparison.new, before: comparison.before, after: comparison.after,
                metrics: printsData ? Metric.all.map(\.name) : ResultTables.comparisonMetrics)),
            .text("* significant: the change is beyond its 95 % noise (\(pairing))\n"),
        ]
    }

    private mutating func sweep(_ request: SweepRequest, statement: Statement) throws(ScriptError) -> [SessionOutput] {
        let axes = try tuningRanges(request.ranges, statement: statement) { spec, range throws(TuningError) in
            // Ten steps unless told otherwise; whole steps for a whole-number parameter.
            let span = range.to - range.from
            let step = range.step ?? (spec.kind == .integer ? max(1, (span / 10).rounded(.up)) : span / 10)
            return try SweepAxis(spec, from: range.from, to: range.to, step: step)
        }
        var result = try onCurrentPopulations(statement) { experiment, populations, options throws(RunCancelled) in
            try Tuning.sweep(
                experiment, axes: axes, objective: request.objective, constraints: request.constraints,
                populations: populations, options: options)
        }
        result.metrics = request.metrics
        lastSweep = result
        return sweepOutput(result)
    }

    /// Validates the ranges of a sweep or an optimisation against the current model, with errors
    /// at the parameter's or the range's place.
    private func tuningRanges<Range>(
        _ ranges: [RangeRequest], statement: Statement, _ build: (ParameterSpec, RangeRequest) throws(TuningError) -> Range
    ) throws(ScriptError) -> [Range] {
        if ranges.count == 2, ranges[0].parameter == ranges[1].parameter {
            throw statement.error(TuningError.sameParameterTwice(parameter: ranges[1].parameter).description, argument: ranges[1].argument)
        }
        var built: [Range] = []
        for range in ranges {
            let spec: ParameterSpec
            do throws(ParameterError) {
                spec = try current.parameters.spec(named: range.parameter)
            } catch {
                throw statement.error(error.description, argument: range.argument)
            }
            do throws(TuningError) {
                built.append(try build(spec, range))
            } catch {
                throw statement.error(error.description, argument: error.isAboutParameter ? range.argument : range.argument + 1)
            }
        }
        return built
    }

    /// Runs `work` on the current experiment and its populations; a cancelled run is an error of
    /// the statement.
    private mutating func onCurrentPopulations<T>(
        _ statement: Statement, _ work: (Experiment, [Population], RunOptions) throws(RunCancelled) -> T
    ) throws(ScriptError) -> T {
        do {
            return try work(current.experiment, try currentPopulations(), options)
        } catch {
            throw statement.error(error.description)
        }
    }

    /// Whether results go to a program (CSV, JSON): then a command prints the tables `export`
    /// writes, every metric with stable columns, rather than the view made for the screen.
    private var printsData: Bool { mode == .csv || mode == .json }

    private func sweepOutput(_ sweep: SweepResult) -> [SessionOutput] {
        if printsData { return [.tables([ResultTables.sweepLong(sweep)]), .text(ResultTables.sweepBestText(sweep))] }
        var output: [SessionOutput] = [.tables(ResultTables.sweep(sweep))]
        if mode == .table { output.append(.text(sweep.axes.count == 1 ? TerminalChart.sweepLine(sweep) : TerminalChart.sweepHeatMap(sweep))) }
        output.append(.text(ResultTables.sweepBestText(sweep)))
        return output
    }

    private func optimumOutput(_ result: OptimisationResult) -> [SessionOutput] {
        [.text(ResultTables.optimumText(result)), .tables(ResultTables.optimum(result, allMetrics: printsData))]
    }

    private mutating func optimise(_ request: OptimiseRequest, statement: Statement) throws(ScriptError) -> [SessionOutput] {
        let ranges = try tuningRanges(request.ranges, statement: statement) { spec, range throws(TuningError) in
            try SearchRange(spec, from: range.from, to: range.to, step: range.step)
        }
        let result = try onCurrentPopulations(statement) { experiment, populations, options throws(RunCancelled) in
            try Optimiser.optimise(
                experiment, ranges: ranges, objective: request.objective, constraints: request.constraints,
                populations: populations, options: options)
        }
        lastOptimisation = result
        return optimumOutput(result)
    }

    /// One lead's journey, simulated in the current configuration on the first replication's leads.
    private mutating func trace(_ lead: Int, statement: Statement) throws(ScriptError) -> [SessionOutput] {
        let (journeys, population) = try onCurrentPopulations(statement) { experiment, populations, options throws(RunCancelled) in
            let population = populations[0]
            let journeys = try experiment.runnableModel.journeys(population, parameters: experiment.parameters, options: options)
            return (journeys, population)
        }
        guard let journeys else {
            throw statement.error("the \(current.model.name) model only counts and tells no journeys: expected `model b2b` before `trace`")
        }
        guard lead < population.count else {
            throw statement.error(
                "no lead \(lead): expected 0 to \(population.count - 1) (leads 0 to \(population.windowLeads - 1) are created in the window, the rest in the warm-up)",
                argument: 0)
        }
        var events: [LeadEvent] = []
        var scratch = JourneyScratch()
        journeys.events(of: lead, into: &events, scratch: &scratch)
        return [.tables(JourneyTables.trace(
            lead: lead, population: population, facts: journeys.facts(of: lead), events: events,
            touchpointNames: journeys.touchpointNames))]
    }

    // MARK: figures and exports

    /// The value of a figure `expect` names (see `Figure`).
    mutating func value(of name: String, statement: Statement) throws(ScriptError) -> Double {
        guard let figure = Figure.parse(name) else { throw statement.error("unknown metric '\(name)': expected a metric or a figure such as sweep.best.won (see `show metrics`)", argument: 0) }
        switch figure {
        case .metric(let metric, let bound):
            let runs = try currentRuns(statement)
            guard runs.first.computes(Metric.named(metric)!) else {
                throw statement.error(
                    "the \(runs.first.model) model does not compute \(metric): expected one of the metrics `show kpis` lists", argument: 0)
            }
            let estimate = runs.estimate(Metric.named(metric)!)
            switch bound {
            case .mean: return estimate.mean
            case .low, .high:
                guard estimate.halfWidth != nil else {
                    throw statement.error("\(metric) has no interval in this run: expected `set runs 2` or more", argument: 0)
                }
                return bound == .low ? estimate.low : estimate.high
            }
        case .sweepBest(let target):
            guard let lastSweep else { throw statement.error("no sweep yet: expected a `sweep` before `expect \(name)`") }
            guard let best = lastSweep.best else {
                throw statement.error("no value of the last sweep keeps its constraints: nothing is best", argument: 0)
            }
            return try pointValue(target, of: best, axes: lastSweep.axes.map(\.parameter), statement: statement)
        case .optimum(let target, let bound):
            guard let lastOptimisation else {
                throw statement.error("no optimisation yet: expected an `optimise` before `expect \(name)`")
            }
            guard let optimum = lastOptimisation.optimum else {
                throw statement.error("the last optimisation found no value that keeps its constraints", argument: 0)
            }
            let names = lastOptimisation.ranges.map(\.parameter)
            if bound != .mean {
                guard let axis = names.firstIndex(of: target) else {
                    throw statement.error("the last optimisation did not move \(target): expected one of \(names.joined(separator: ", "))", argument: 0)
                }
                let range = lastOptimisation.nearOptimal[axis]
                return bound == .low ? range.lowerBound : range.upperBound
            }
            return try pointValue(target, of: optimum, axes: names, statement: statement)
        case .compareDelta(let metric), .compareNoise(let metric):
            guard let lastComparison else { throw statement.error("no comparison yet: expected a `compare` before `expect \(name)`") }
            let change = MetricChange(Metric.named(metric)!, from: lastComparison.old, to: lastComparison.new)
            if case .compareDelta = figure { return change.delta }
            guard let noise = change.noise else { throw statement.error("the last comparison has no noise estimate for \(metric)", argument: 0) }
            return noise
        }
    }

    /// A parameter's value at a tuning point (one it moved, or else the current value), or a metric's mean there.
    private func pointValue(_ target: String, of point: TuningPoint, axes: [String], statement: Statement) throws(ScriptError) -> Double {
        if let axis = axes.firstIndex(of: target) { return point.values[axis] }
        if let metric = Metric.named(target) { return point.runs.estimate(metric).mean }
        guard let value = try? current.parameters.value(of: target) else {
            throw statement.error("\(target) is no parameter of model \(current.model.name)", argument: 0)
        }
        return value
    }

    private mutating func export(_ table: ExportTable, json: Bool, statement: Statement) throws(ScriptError) -> String {
        let tables: [TextTable]
        switch table {
        case .params: tables = ResultTables.parameters(current.parameters, onlyChanged: false)
        case .sweep:
            guard let lastSweep else { throw statement.error("nothing to export yet: expected a `sweep` first", argument: 0) }
            tables = [ResultTables.sweepLong(lastSweep)]
        case .compare:
            guard let lastComparison else { throw statement.error("nothing to export yet: expected a `compare` first", argument: 0) }
            tables = ResultTables.changes(from: lastComparison.old, to: lastComparison.new, before: lastComparison.before,
                                          after: lastComparison.after, metrics: Metric.all.map(\.name))
        case .optimum:
            guard let lastOptimisation else { throw statement.error("nothing to export yet: expected an `optimise` first", argument: 0) }
            tables = ResultTables.optimum(lastOptimisation, allMetrics: true)
        case .summary, .funnel, .weekly, .workload, .channels, .kpis:
            let runs = try currentRuns(statement)
            switch table {
            case .summary: tables = ResultTables.summary(runs)
            case .funnel: tables = [ResultTables.funnelExport(runs.first)]
            case .weekly: tables = ResultTables.weekly(runs.first)
            case .workload:
                guard let workload = ResultTables.workload(runs.first) else {
                    throw statement.error("model \(runs.first.model) has no individual reps: nothing to export", argument: 0)
                }
                tables = workload
            case .channels:
                guard let channels = ResultTables.channels(runs.first) else {
                    throw statement.error("model \(runs.first.model) has no channels: nothing to export", argument: 0)
                }
                tables = channels
            default: tables = ResultTables.kpis(runs)
            }
        }
        return json ? TextTable.exportJSON(tables, name: table.rawValue) : tables.map { $0.render(.csv) }.joined(separator: "\n")
    }
}

extension TuningError {
    /// Whether the message is about the parameter rather than its range.
    var isAboutParameter: Bool {
        switch self {
        case .notNumeric, .sameParameterTwice: true
        default: false
        }
    }
}

extension ParameterError {
    /// Whether the message is about the value (second argument) rather than the name.
    var isAboutValue: Bool {
        if case .unknown = self { return false }
        return true
    }
}
