import LeadSimCore
import LeadSimRender

/// What a command printed, and whether an expectation held.
public enum SessionOutput: Sendable, Equatable {
    case text(String)
    case expectation(passed: Bool, message: String)
}

/// The state a script or REPL works on: model, parameters, population, campaigns and the last run.
/// A value type: snapshots for baselines and undo are copies.
public struct Session: Sendable {
    public static let defaultLeads = 100_000
    public static let defaultSeed: UInt64 = 1

    public private(set) var model: any LeadModel
    public private(set) var parameters: ParameterSet
    public private(set) var campaigns: [B2BModel.Campaign] = []
    public private(set) var populationLeads = Session.defaultLeads
    public private(set) var populationSeed = Session.defaultSeed
    public private(set) var populationWeeks: Int?
    /// Synthesised on first use and kept until the population or the model changes.
    public private(set) var population: Population?
    public private(set) var lastResult: RunResult?
    public var options = RunOptions()

    public init(model: any LeadModel = B2BModel()) {
        self.model = model
        parameters = model.defaultParameters()
    }

    /// Carries out one statement; errors name the statement's place.
    public mutating func execute(_ statement: Statement) throws(ScriptError) -> [SessionOutput] {
        switch statement.command {
        case .model(let name):
            guard let chosen = Models.named(name) else {
                throw statement.error(
                    "unknown model '\(name)': expected one of \(Models.names.joined(separator: ", "))", argument: 0)
            }
            model = chosen
            parameters = chosen.defaultParameters()
            campaigns = []
            population = nil
            lastResult = nil
            return []
        case .population(let leads, let seed, let weeks):
            populationLeads = leads
            populationSeed = seed ?? populationSeed
            populationWeeks = weeks
            population = nil
            return []
        case .set(let name, let text):
            do {
                try parameters.set(name, text: text)
            } catch {
                throw statement.error(error.description, argument: error.isAboutValue ? 1 : 0)
            }
            return []
        case .reset(let name):
            if let name {
                do {
                    let spec = try parameters.spec(named: name)
                    try parameters.set(name, to: spec.defaultValue)
                } catch {
                    throw statement.error(error.description, argument: 0)
                }
            } else {
                parameters = model.defaultParameters()
            }
            return []
        case .campaign(let campaign):
            guard model is B2BModel else { throw statement.error("campaigns need the b2b model (model \(model.name) has none)") }
            campaigns.append(campaign)
            return []
        case .clearCampaigns:
            campaigns = []
            return []
        case .run:
            do {
                let result = try run()
                return [.text(ResultTables.summary(result))]
            } catch {
                throw statement.error(error.description)
            }
        case .show(let topic):
            return [.text(try show(topic, statement: statement))]
        case .expect(let expectation):
            guard let result = lastResult else {
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
        }
    }

    /// Simulates the current configuration, synthesising the population first if needed.
    @discardableResult
    public mutating func run() throws(RunCancelled) -> RunResult {
        let population = currentPopulation()
        var runModel = model
        if var b2b = runModel as? B2BModel {
            b2b.campaigns = campaigns
            runModel = b2b
        }
        let result = try runModel.simulate(population, parameters: parameters, options: options)
        lastResult = result
        return result
    }

    public mutating func currentPopulation() -> Population {
        if let population { return population }
        let created = model.synthesize(
            leads: populationLeads, seed: populationSeed, horizonWeeks: populationWeeks ?? model.defaultHorizonWeeks,
            parameters: parameters)
        population = created
        return created
    }

    private func show(_ topic: ShowTopic, statement: Statement) throws(ScriptError) -> String {
        switch topic {
        case .params: return ResultTables.parameters(parameters, onlyChanged: false)
        case .changed:
            let table = ResultTables.parameters(parameters, onlyChanged: true)
            return parameters.differences(from: parameters.defaults).isEmpty ? "all parameters at their defaults\n" : table
        case .campaigns:
            return campaigns.isEmpty
                ? "no campaigns\n"
                : campaigns.map {
                    "\($0.touchpoint) x\(formatNumber($0.multiplier)) weeks \(formatNumber($0.startWeek))..\(formatNumber($0.endWeek))\n"
                }.joined()
        case .models:
            return Models.all.map { "\($0.name)  \($0.summary)\n" }.joined()
        case .metrics:
            var table = TextTable([("metric", .left), ("unit", .left), ("description", .left)])
            for metric in Metric.all { table.append([metric.name, metric.unit, metric.summary]) }
            return table.render()
        case .summary, .funnel, .weekly, .workload, .kpis:
            guard let result = lastResult else { throw statement.error("nothing to show yet: expected a `run` first") }
            switch topic {
            case .funnel: return ResultTables.funnel(result)
            case .weekly: return ResultTables.weekly(result)
            case .workload: return ResultTables.workload(result)
            case .kpis: return ResultTables.kpis(result)
            default: return ResultTables.summary(result)
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
