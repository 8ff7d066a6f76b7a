import Testing
@testable import LeadSimCore

@Suite struct ParameterTests {
    var parameters = B2BModel().defaultParameters()

    @Test func everyParameterHasUnitRangeDefaultAndDescription() {
        for model in Models.all {
            for spec in model.parameterSpecs {
                #expect(spec.name.contains("."), "\(spec.name) is not dotted")
                #expect(!spec.summary.isEmpty)
                #expect(spec.range.contains(spec.defaultValue))
            }
        }
    }

    @Test mutating func setValidatesInsteadOfClamping() throws {
        try parameters.set("mql.threshold", text: "65")
        #expect(parameters["mql.threshold"] == 65)
        #expect(throws: ParameterError.outOfRange(parameter: "mql.threshold", given: "-5", range: "0 to 1000 points")) {
            try parameters.set("mql.threshold", text: "-5")
        }
        #expect(parameters["mql.threshold"] == 65)
        #expect(throws: ParameterError.notAnInteger(parameter: "sales.reps", given: "2.5")) {
            try parameters.set("sales.reps", text: "2.5")
        }
        #expect(throws: ParameterError.notANumber(parameter: "sales.reps", given: "many", unit: .count)) {
            try parameters.set("sales.reps", text: "many")
        }
    }

    @Test mutating func choicesAndFlags() throws {
        try parameters.set("sales.routing", text: "least_loaded")
        #expect(parameters.specs.first { $0.name == "sales.routing" }!.format(parameters["sales.routing"]) == "least_loaded")
        try parameters.set("consent.double_opt_in", text: "all")
        #expect(parameters["consent.double_opt_in"] == 2)
        try parameters.set("sales.contact_without_consent", text: "off")
        #expect(parameters["sales.contact_without_consent"] == 0)
        let error = #expect(throws: ParameterError.self) { try parameters.set("sales.routing", text: "random") }
        #expect(error?.description == "sales.routing expects one of round_robin, least_loaded, territory, pooled, got 'random'")
    }

    @Test func unknownNameSuggestsTheNearest() {
        let error = #expect(throws: ParameterError.self) { try parameters.spec(named: "mql.treshold") }
        #expect(error?.description == "unknown parameter 'mql.treshold' (did you mean mql.threshold?): expected a parameter of the model (see `show params`)")
    }

    @Test mutating func differencesListChangedParameters() throws {
        try parameters.set("sales.reps", text: "44")
        let changes = parameters.differences(from: parameters.defaults)
        #expect(changes.map(\.spec.name) == ["sales.reps"])
        #expect(changes.first?.old == 45 && changes.first?.new == 44)
    }
}
