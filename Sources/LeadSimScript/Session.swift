import LeadSimCore
import LeadSimRender

/// What a command printed, and whether an expectation held.
public enum SessionOutput: Sendable {
    case text(String)
    case tables([TextTable])
    case expectation(passed: Bool, message: String)
}

/// What a run is made of: model, parameters, campaigns, population, and the results of the last
/// run. A value, so a baseline or an undo step is a plain copy (the population and results are
/// shared, not duplicated, until one side changes).
public struct Configuration: Sendable {
    public internal(set) var model: any LeadModel
    public internal(set) var parameters: ParameterSet
    public internal(set) var campaigns: [B2BModel.Campaign] = []
    public internal(set) var populationLeads = Session.defaultLeads
    public internal(set) var populationSeed = Session.defaultSeed
    public internal(set) var populationWeeks: Int?
    /// Synthesised on first use and kept until the population or the model changes.
    public internal(set) var population: Population?
    public internal(set) var lastResult: RunResult?

    init(model: any LeadModel) {
        self.model = model
        parameters = model.defaultParameters()
    }
}

/// The state a script or the REPL works on: the current configuration, the baseline, the undo
/// steps, and how output is shown.
public struct Session: Sendable {
    public static let defaultLeads = 100_000
    public static let defaultSeed: UInt64 = 1
    /// Undo steps kept; older ones are dropped.
    public static let undoDepth = 100

    public private(set) var current: Configuration
    public private(set) var baseline: Configuration?
    private var undoSteps: [Configuration] = []
    public var options = RunOptions()
    /// The REPL's what-if loop: after a change, re-simulate and show the key figures old → new.
    public var showsChanges = false
    public private(set) var mode = OutputMode.table
    public private(set) var timer = false

    public init(model: any LeadModel = B2BModel()) {
        current = Configuration(model: model)
    }

    public var model: any LeadModel { current.model }
    public var parameters: ParameterSet { current.parameters }
    public var population: Population? { current.population }
    public var lastResult: RunResult? { current.lastResult }
    public var canUndo: Bool { !undoSteps.isEmpty }

    /// Carries out one statement; errors name the statement's place. `source` is the script
    /// runner's, which reads the file.
    public mutating func execute(_ statement: Statement) throws(ScriptError) -> [SessionOutput] {
        switch statement.command {
        case .model(let name):
            guard let chosen = Models.named(name) else {
                throw statement.error(
                    "unknown model '\(name)': expected one of \(Models.names.joined(separator: ", "))", argument: 0)
            }
            return try change(statement, compare: false) { configuration throws(ScriptError) in
                let previous = configuration
                configuration = Configuration(model: chosen)
                configuration.populationLeads = previous.populationLeads
                configuration.populationSeed = previous.populationSeed
                configuration.populationWeeks = previous.populationWeeks
            }
        case .population(let leads, let seed, let weeks):
            return try change(statement, compare: false) { configuration throws(ScriptError) in
                configuration.populationLeads = leads
                configuration.populationSeed = seed ?? configuration.populationSeed
                configuration.populationWeeks = weeks
                configuration.population = nil
                configuration.lastResult = nil
            }
        case .set(let name, let text):
            return try change(statement) { configuration throws(ScriptError) in
                do throws(ParameterError) {
                    try configuration.parameters.set(name, text: text)
                } catch {
                    throw statement.error(error.description, argument: error.isAboutValue ? 1 : 0)
                }
            }
        case .reset(let name):
            return try change(statement) { configuration throws(ScriptError) in
                if let name {
                    do throws(ParameterError) {
                        let spec = try configuration.parameters.spec(named: name)
                        try configuration.parameters.set(name, to: spec.defaultValue)
                    } catch {
                        throw statement.error(error.description, argument: 0)
                    }
                } else {
                    configuration.parameters = configuration.model.defaultParameters()
                    configuration.campaigns = []
                }
            }
        case .campaign(let campaign):
            guard current.model is B2BModel else {
                throw statement.error("campaigns need the b2b model (model \(current.model.name) has none)")
            }
            return try change(statement) { configuration throws(ScriptError) in configuration.campaigns.append(campaign) }
        case .clearCampaigns:
            return try change(statement) { configuration throws(ScriptError) in configuration.campaigns = [] }
        case .run:
            let result = try run(statement)
            return [.tables(ResultTables.summary(result))]
        case .show(let topic):
            return [try show(topic, statement: statement)]
        case .expect(let expectation):
            guard let result = current.lastResult else {
                throw statement.error("nothing to check yet: expected a `run` before `expect`")
            }
            let metric = Metric.named(expectation.metric)!
            let actual = metric.value(result)
            let passed = expectation.holds(for: actual)
            let shown = formatNumber((actual * 10_000).rounded() / 10_000)
            let message = passed
                ? "ok: \(expectation) (actual \(shown))"
                : "\(statement.location): expectation failed: expected \(expectation), actual \(shown)"
            return [.expectation(passed: passed, message: message)]
        case .echo(let text):
            return [.text(text + "\n")]
        case .baseline(let clear):
            if clear {
                baseline = nil
                return [.text("baseline cleared\n")]
            }
            if current.lastResult == nil { _ = try run(statement) }
            baseline = current
            return [.text("baseline pinned: \(describe(current))\n")]
        case .compare:
            guard let baseline, let pinned = baseline.lastResult else {
                throw statement.error("no baseline yet: expected `baseline` first")
            }
            let result: RunResult
            if let last = current.lastResult { result = last } else { result = try run(statement) }
            return [.tables(ResultTables.changes(from: pinned, to: result, before: "baseline", after: "now"))]
        case .undo:
            guard let previous = undoSteps.popLast() else { throw statement.error("nothing to undo") }
            let undone = current
            current = previous
            var output: [SessionOutput] = [.text("undone: back to \(describe(current))\n")]
            if showsChanges, let before = undone.lastResult, let after = current.lastResult,
               undone.model.name == current.model.name
            {
                output.append(.tables(ResultTables.changes(from: before, to: after, before: "before", after: "after")))
            }
            return output
        case .diff(let againstBaseline):
            return [try diff(againstBaseline: againstBaseline, statement: statement)]
        case .help(let topic):
            return [.text(try Help.text(for: topic, session: self, statement: statement))]
        case .mode(let mode):
            self.mode = mode
            return []
        case .timer(let on):
            timer = on
            return []
        case .source:
            throw statement.error("`source` runs through the script runner")
        }
    }

    /// Simulates the current configuration, synthesising the population first if needed.
    @discardableResult
    public mutating func run() throws(RunCancelled) -> RunResult {
        try Self.simulate(&current, options: options)
    }

    private mutating func run(_ statement: Statement) throws(ScriptError) -> RunResult {
        do {
            return try run()
        } catch {
            throw statement.error(error.description)
        }
    }

    private static func simulate(_ configuration: inout Configuration, options: RunOptions) throws(RunCancelled) -> RunResult {
        let population = try currentPopulation(&configuration, options: options)
        var runModel = configuration.model
        if var b2b = runModel as? B2BModel {
            b2b.campaigns = configuration.campaigns
            runModel = b2b
        }
        let result = try runModel.simulate(population, parameters: configuration.parameters, options: options)
        configuration.lastResult = result
        return result
    }

    public mutating func currentPopulation() throws(RunCancelled) -> Population {
        try Self.currentPopulation(&current, options: options)
    }

    private static func currentPopulation(
        _ configuration: inout Configuration, options: RunOptions
    ) throws(RunCancelled) -> Population {
        if let population = configuration.population { return population }
        let created = try configuration.model.synthesize(
            leads: configuration.populationLeads, seed: configuration.populationSeed,
            horizonWeeks: configuration.populationWeeks ?? configuration.model.defaultHorizonWeeks,
            parameters: configuration.parameters, options: options)
        configuration.population = created
        return created
    }

    /// Applies a change to a copy of the configuration, keeping an undo step. In the what-if loop
    /// the copy is simulated at once and the key figures are shown old → new; the change only
    /// lands when that run completes, so an interrupted run leaves everything as it was.
    private mutating func change(
        _ statement: Statement, compare: Bool = true, _ body: (inout Configuration) throws(ScriptError) -> Void
    ) throws(ScriptError) -> [SessionOutput] {
        var next = current
        try body(&next)
        var output: [SessionOutput] = []
        if showsChanges {
            let before = current.lastResult
            next.lastResult = nil
            let after: RunResult
            do {
                after = try Self.simulate(&next, options: options)
            } catch {
                throw statement.error(error.description + "; nothing changed")
            }
            if compare, let before, current.model.name == next.model.name {
                output.append(.tables(ResultTables.changes(from: before, to: after, before: "before", after: "after")))
            } else {
                output.append(.tables(ResultTables.summary(after)))
            }
        } else if next.parameters.values != current.parameters.values || next.campaigns != current.campaigns {
            // Results of other parameters must not be checked or compared as if they were current.
            next.lastResult = nil
        }
        undoSteps.append(current)
        if undoSteps.count > Self.undoDepth { undoSteps.removeFirst() }
        current = next
        return output
    }

    private func describe(_ configuration: Configuration) -> String {
        let changed = configuration.parameters.differences(from: configuration.parameters.defaults).count
        return "model \(configuration.model.name), \(Format.count(configuration.populationLeads)) leads (seed \(configuration.populationSeed)), "
            + (changed == 0 ? "default parameters" : "\(changed) parameter\(changed == 1 ? "" : "s") changed")
            + (configuration.campaigns.isEmpty ? "" : ", \(configuration.campaigns.count) campaign(s)")
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
        var table = TextTable([("parameter", .left), (label, .right), ("now", .right), ("unit", .left)])
        for (spec, old, new) in differences {
            table.append([
                Cell(spec.name), Cell(spec.format(old), number: spec.options.isEmpty ? old : nil),
                Cell(spec.format(new), number: spec.options.isEmpty ? new : nil), Cell(spec.unit.rawValue),
            ])
        }
        return .tables([table])
    }

    private func show(_ topic: ShowTopic, statement: Statement) throws(ScriptError) -> SessionOutput {
        switch topic {
        case .params: return .tables(ResultTables.parameters(current.parameters, onlyChanged: false))
        case .changed:
            return current.parameters.differences(from: current.parameters.defaults).isEmpty
                ? .text("all parameters at their defaults\n")
                : .tables(ResultTables.parameters(current.parameters, onlyChanged: true))
        case .campaigns:
            return .text(
                current.campaigns.isEmpty
                    ? "no campaigns\n"
                    : current.campaigns.map {
                        "\($0.touchpoint) x\(formatNumber($0.multiplier)) weeks \(formatNumber($0.startWeek))..\(formatNumber($0.endWeek))\n"
                    }.joined())
        case .models:
            return .text(Models.all.map { "\($0.name)  \($0.summary)\n" }.joined())
        case .metrics:
            var table = TextTable([("metric", .left), ("unit", .left), ("description", .left)])
            for metric in Metric.all { table.append([Cell(metric.name), Cell(metric.unit), Cell(metric.summary)]) }
            return .tables([table])
        case .summary, .funnel, .weekly, .workload, .kpis:
            guard let result = current.lastResult else { throw statement.error("nothing to show yet: expected a `run` first") }
            switch topic {
            case .funnel: return .tables(ResultTables.funnel(result))
            case .weekly: return .tables(ResultTables.weekly(result))
            case .workload:
                return ResultTables.workload(result).map(SessionOutput.tables)
                    ?? .text("model \(result.model) has no individual reps\n")
            case .kpis: return .tables(ResultTables.kpis(result))
            default: return .tables(ResultTables.summary(result))
            }
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
