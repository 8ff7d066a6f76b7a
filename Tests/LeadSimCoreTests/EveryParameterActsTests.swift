import Testing
@testable import LeadSimCore

/// Every parameter of every model changes some figure of a run — or declares the condition under
/// which it acts (`ParameterSpec.condition`), and then changes a figure under that condition.
@Suite struct EveryParameterActsTests {
    /// Values of `spec` other than `current` inside its range, one above and one below where
    /// there is room: a cap acts when lowered, a rate when raised.
    static func otherValues(_ spec: ParameterSpec, current: Double) -> [Double] {
        switch spec.kind {
        case .flag: return [1 - current]
        case .choice(let options): return (0..<options.count).map(Double.init).filter { $0 != current }
        case .integer:
            return [current + max(1, (current * 2).rounded()), (current / 2).rounded(.down)]
                .filter { spec.range.contains($0) && $0 != current }
        case .real:
            let up = current == 0 ? min(spec.range.upperBound, 1) : current * 3
            return [min(up, spec.range.upperBound), current / 3, spec.range.lowerBound]
                .filter { spec.range.contains($0) && $0 != current }
        }
    }

    static func run(_ model: any LeadModel, _ parameters: ParameterSet) throws -> RunResult {
        let population = model.synthesize(leads: 3000, seed: 17, horizonWeeks: 13, parameters: parameters)
        return try model.simulate(population, parameters: parameters, options: RunOptions())
    }

    /// The settings a parameter is tried in: the defaults, and for a model with reps a team of
    /// three, whose queues make the order and grades of hand-overs matter.
    static func bases(_ model: any LeadModel) throws -> [ParameterSet] {
        let defaults = model.defaultParameters()
        guard defaults.specs.contains(where: { $0.name == "sales.reps" }) else { return [defaults] }
        var queued = defaults
        try queued.set("sales.reps", to: 3)
        return [defaults, queued]
    }

    @Test(arguments: Models.names)
    func everyParameterActs(modelName: String) throws {
        let model = Models.named(modelName)!
        let plain = try Self.bases(model)
        let plainResults = try plain.map { try Self.run(model, $0) }
        for spec in model.parameterSpecs {
            var acts = false
            for (index, var base) in plain.enumerated() where !acts {
                var baseResult = plainResults[index]
                if let condition = spec.condition {
                    try base.set(condition.parameter, text: condition.value)
                    baseResult = try Self.run(model, base)
                }
                for value in Self.otherValues(spec, current: base[spec.name]) where !acts {
                    var changed = base
                    try changed.set(spec.name, to: value)
                    acts = try Self.run(model, changed) != baseResult
                }
            }
            let when = spec.condition.map { " when \($0.parameter) is \($0.value)" } ?? ""
            #expect(acts, "\(modelName): \(spec.name) changes nothing\(when)")
        }
    }
}

/// Models read their parameters through typed keys: each key names one of the model's
/// parameters, of the kind it reads (a choice's cases by the options' names, in order), and every
/// parameter has a key.
@Suite struct ParameterKeyTests {
    func check(_ keys: [AnyParameterKey], _ specs: [ParameterSpec], _ model: String) {
        for key in keys {
            let spec = specs.first { $0.name == key.name }
            #expect(spec.map(key.matches) == true, "\(model): key \(key.name) does not read a parameter of its kind")
        }
        let keyed = Set(keys.map(\.name))
        for spec in specs { #expect(keyed.contains(spec.name), "\(model): \(spec.name) has no key") }
    }

    @Test func everyParameterIsReadThroughAKeyOfItsKind() throws {
        check(ReferenceModel.Key.all, ReferenceModel().parameterSpecs, "reference")
        let b2b = B2BModel()
        check(B2BModel.Key.all + b2b.scoringModel.keys, b2b.parameterSpecs, "b2b")
        var custom = ScoringModel.b2bDefault
        custom.mql = .any([.matrix(cells: ["A1", "B2"], levels: [70, 40]), .fit(.atLeast, 30), .event("chat")])
        let customModel = try B2BModel().with(scoring: custom) as! B2BModel
        check(B2BModel.Key.all + custom.keys, customModel.parameterSpecs, "b2b with a matrix rule")
    }

    @Test func aChoiceReadsItsCaseByName() throws {
        var parameters = B2BModel().defaultParameters()
        try parameters.set("sla.on_breach", text: "wait")
        #expect(parameters[B2BModel.Key.onBreach] == .wait)
        try parameters.set("sales.routing", text: "pooled")
        #expect(parameters[B2BModel.Key.routing] == .pooled)
        #expect(AnyParameterKey(B2BModel.Key.onBreach).matches(ParameterSpec.choice("sla.on_breach", options: ["wait", "escalate", "recycle"], default: "wait", "")) == false)
    }
}
