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
