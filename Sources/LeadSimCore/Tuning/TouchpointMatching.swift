/// A touchpoint's rate matched to a history: how often the history's leads did it, how often
/// the model's leads do at the matched rate, and the rate before and after.
public struct TouchpointFit: Sendable {
    /// The touchpoint's name and the parameter of its rate.
    public let touchpoint: String
    public let parameter: String
    /// Touchpoints of this type per lead in the history, with the 95 % interval of the mean.
    public let observed: MeasuredFigure
    /// Per lead in the simulation of the same leads at `value` (at `old` when not set).
    public let simulated: Double
    public let old: Double
    /// nil when the rate is left as it was; `reason` says why.
    public let value: Double?
    public let reason: String?
}

/// Touchpoint rates are what the model's journeys are made of, but a history shows their counts,
/// not their rates: how often a lead visits depends on its intent, its buying window and when it
/// leaves nurture for sales. So each rate is scaled by the ratio of the history's count per lead
/// to the simulation's on the history's own leads, and the simulation run again, until the
/// counts agree: a fixed point the ratio reaches in a few rounds, because a count grows in
/// proportion to its rate (and a click, which needs an open, with both rates — the rounds take
/// care of that). Types the history holds none of are left as they are: an export that does not
/// log chats says nothing of how often leads chat.
public enum TouchpointMatching {
    /// Rounds at most, and the agreement at which they stop (every count within 1 %).
    static let rounds = 5
    static let tolerance = 0.01

    /// Touchpoints of each type per lead in `history`, in the order of `names` (nil for a type it
    /// does not show): from its events where it has them (those before the end of the weeks its
    /// leads span), else from the counts its leads export holds.
    public static func observed(in history: History, names: [String], horizonWeeks: Int) -> [[Double]?] {
        var perLead = [[Double]?](repeating: nil, count: names.count)
        if !history.events.isEmpty {
            let origin = history.observed.firstMondaySeconds
            let end = origin + horizonWeeks * 604_800
            perLead = names.map { _ in [Double](repeating: 0, count: history.count) }
            for event in history.events where event.seconds >= origin && event.seconds < end && event.touchpoint < names.count {
                perLead[event.touchpoint]![event.lead] += 1
            }
        } else {
            for column in history.observed.touchpointCounts where column.touchpoint < names.count {
                perLead[column.touchpoint] = column.values.compactMap { $0.map(Double.init) }
            }
        }
        return perLead
    }

    /// Matches the rates of `experiment`'s model's touchpoints to `history`'s, on its
    /// `populations` (the history's leads; the first three replications are simulated).
    /// Returns the parameters with the matched rates, and a fit for each touchpoint.
    public static func match(
        _ experiment: Experiment, history: History, populations: [Population], options: RunOptions
    ) throws(RunCancelled) -> (parameters: ParameterSet, fits: [TouchpointFit]) {
        guard let first = populations.first else { return (experiment.parameters, []) }
        let model = experiment.runnableModel
        var parameters = experiment.parameters
        guard let names = try model.journeys(first, parameters: parameters, options: options)?.touchpointNames else { return (parameters, []) }
        let perLead = observed(in: history, names: names, horizonWeeks: first.horizonWeeks)
        let observed = names.indices.map { MeasuredFigure.mean("\(names[$0]) per lead", unit: "touchpoints", perLead[$0] ?? []) }
        let rated = Set(parameters.specs.map(\.name))
        let matched = names.indices.filter { observed[$0].sampleSize > 0 && observed[$0].value > 0 && rated.contains("touchpoint.\(names[$0]).rate") }
        let old = names.map { rated.contains("touchpoint.\($0).rate") ? parameters["touchpoint.\($0).rate"] : .nan }
        var simulated = try counts(model: model, parameters: parameters, populations: populations, types: names.count, options: options)
        var outOfRange = Set<Int>()
        for _ in 0..<rounds {
            let off = matched.filter { simulated[$0] > 0 && abs(simulated[$0] / observed[$0].value - 1) > tolerance && !outOfRange.contains($0) }
            if off.isEmpty { break }
            for type in off {
                let name = "touchpoint.\(names[type]).rate"
                let scaled = parameters[name] * observed[type].value / simulated[type]
                do throws(ParameterError) { try parameters.set(name, to: scaled) } catch { outOfRange.insert(type) }
            }
            simulated = try counts(model: model, parameters: parameters, populations: populations, types: names.count, options: options)
        }
        let fits = names.indices.map { type in
            let name = "touchpoint.\(names[type]).rate"
            let reason: String? =
                observed[type].sampleSize == 0 ? "the history holds no events or counts of them"
                : observed[type].value == 0 ? "none in the history: an export that does not log them says nothing of their rate"
                : !matched.contains(type) ? "the model has no rate of its own for them"
                : simulated[type] == 0 ? "the model's leads do none at this rate: nothing to scale"
                : outOfRange.contains(type) ? "the rate that matches lies beyond \(name)'s range"
                : nil
            return TouchpointFit(
                touchpoint: names[type], parameter: name, observed: observed[type], simulated: simulated[type], old: old[type],
                value: reason == nil ? parameters[name] : nil, reason: reason)
        }
        for fit in fits where fit.value == nil && rated.contains(fit.parameter) {
            try! parameters.set(fit.parameter, to: fit.old)
        }
        return (parameters, fits)
    }

    /// Touchpoints per lead by type, over the journeys of the first three replications.
    static func counts(
        model: any LeadModel, parameters: ParameterSet, populations: [Population], types: Int, options: RunOptions
    ) throws(RunCancelled) -> [Double] {
        let used = populations.prefix(3)
        var totals = [Double](repeating: 0, count: types)
        var events: [LeadEvent] = []
        var scratch = JourneyScratch()
        for population in used {
            guard let journeys = try model.journeys(population, parameters: parameters, options: options) else { continue }
            let end = Double(population.horizonWeeks + population.warmupWeeks) * 168
            for lead in 0..<population.count {
                journeys.events(of: lead, into: &events, scratch: &scratch)
                for event in events where (event.kind == .touchpoint || event.kind == .handRaised) && event.hours < end {
                    totals[Int(event.detail)] += 1
                }
            }
        }
        let leads = Double(used.reduce(0) { $0 + $1.count })
        return totals.map { $0 / max(1, leads) }
    }
}
