import Testing
@testable import LeadSimCore

/// Historical leads keep what was observed; what is hidden is drawn given it, so that the
/// imported population is the same business as the one that produced the history.
@Suite struct HistoricalPopulationTests {
    let model = B2BModel()

    /// A synthetic population's observable columns, as an export would hold them.
    func export(_ population: Population, originSeconds: Int, keep: (Int) -> Bool = { _ in true }) -> ObservedLeads {
        var observed = ObservedLeads()
        observed.freeColumns = [("lifecycle_source", []), ("annual_revenue", [])]
        for lead in 0..<population.count where keep(lead) {
            observed.append(
                id: "C\(lead)", createdSeconds: originSeconds + Int(Double(population.createdHours[lead]) * 3600),
                channel: population.channel[lead], moment: population.moment[lead], industry: population.industry[lead],
                companySize: population.companySize[lead], employees: population.employees[lead], region: population.region[lead],
                seniority: population.seniority[lead], consent: population.consent[lead], mqlSeconds: nil, sqlSeconds: nil,
                converted: nil, convertedSeconds: nil, free: [lead % 3 == 0 ? nil : "Event \(lead % 4)", lead % 5 == 0 ? nil : "\(lead % 7 * 1000)"])
        }
        return observed
    }

    var parameters: ParameterSet {
        var parameters = model.defaultParameters()
        try! parameters.set("warmup.weeks", to: 0)
        return parameters
    }

    @Test func importedLeadsKeepWhatWasObserved() throws {
        let synthetic = model.synthesize(leads: 3000, seed: 5, horizonWeeks: 10, parameters: parameters)
        // 2025-01-06 is a Monday.
        let monday = CivilDate(year: 2025, month: 1, day: 6).daysSinceEpoch * 86_400
        let (imported, origin) = try model.population(from: export(synthetic, originSeconds: monday), seed: 9, parameters: parameters)
        #expect(origin == monday)
        #expect(imported.count == 3000 && imported.windowLeads == 3000 && imported.warmupWeeks == 0)
        #expect(imported.horizonWeeks == 10)
        let byCreation = (0..<3000).sorted { (synthetic.createdHours[$0], $0) < (synthetic.createdHours[$1], $1) }
        for (index, lead) in byCreation.enumerated() {
            #expect(abs(imported.createdHours[index] - synthetic.createdHours[lead]) < 0.001)
            #expect(imported.channel[index] == synthetic.channel[lead] && imported.companySize[index] == synthetic.companySize[lead])
            #expect(imported.employees[index] == synthetic.employees[lead] && imported.consent[index] == synthetic.consent[lead])
        }
        #expect(imported.attributes.map(\.name).suffix(2) == ["lifecycle_source", "annual_revenue"])
        #expect(imported.attributes.last!.isNumber && !imported.attributes[imported.attributes.count - 2].isNumber)
        let result = try model.simulate(imported, parameters: parameters, options: RunOptions())
        #expect(result.funnel.created == 3000 && result.funnel.mql > 100)
    }

    /// Fit drawn from its posterior averages, band by band, to the fit the synthetic model gave
    /// the leads of that band: within 4 standard errors of the difference of two means of about
    /// 2,000 to 20,000 leads each.
    @Test func fitIsDrawnFromItsPosterior() throws {
        let synthetic = model.synthesize(leads: 60_000, seed: 12, horizonWeeks: 26, parameters: parameters)
        let (imported, _) = try model.population(from: export(synthetic, originSeconds: 0), seed: 3, parameters: parameters)
        for size in CompanySize.allCases {
            let truth = (0..<synthetic.count).filter { synthetic.companySize[$0] == size }.map { Double(synthetic.fit[$0]) }
            let drawn = (0..<imported.count).filter { imported.companySize[$0] == size }.map { Double(imported.fit[$0]) }
            #expect(truth.count == drawn.count)
            func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
            func variance(_ values: [Double]) -> Double { let m = mean(values); return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1) }
            let standardError = ((variance(truth) + variance(drawn)) / Double(truth.count)).squareRoot()
            #expect(abs(mean(truth) - mean(drawn)) < 4 * standardError, "\(size.name): true \(mean(truth)), drawn \(mean(drawn))")
        }
        // What is observed moves fit the way the model says: executives at large companies fit better.
        let strong = B2BModel.fitPosterior(prior: 0.5, size: .enterprise, seniority: .executive, industry: .software).mean
        let weak = B2BModel.fitPosterior(prior: 0.5, size: .micro, seniority: .individual, industry: .retail).mean
        let unknown = B2BModel.fitPosterior(prior: 0.5, size: nil, seniority: nil, industry: nil).mean
        #expect(strong > unknown + 0.15 && weak < unknown - 0.15)
        #expect(abs(unknown - 0.5) < 0.01)
    }

    /// An attribute the export lacks is drawn from the model given the rest.
    @Test func missingAttributesAreDrawn() throws {
        var observed = ObservedLeads()
        for lead in 0..<4000 {
            observed.append(
                id: "\(lead)", createdSeconds: lead * 600, channel: .webinar, moment: nil, industry: nil, companySize: nil,
                employees: lead % 2 == 0 ? 5000 : nil, region: nil, seniority: nil, consent: nil, mqlSeconds: nil, sqlSeconds: nil,
                converted: nil, convertedSeconds: nil, free: [])
        }
        let (imported, _) = try model.population(from: observed, seed: 1, parameters: parameters)
        let webinars = (0..<imported.count).filter { imported.moment[$0] == .webinarRegistration }.count
        #expect(Double(webinars) / 4000 > 0.92, "webinar leads mostly register for webinars (95 % in the model)")
        let withEmployees = (0..<imported.count).filter { imported.employees[$0] == 5000 }
        #expect(withEmployees.count == 2000 && withEmployees.allSatisfy { imported.companySize[$0] == .enterprise })
        #expect(Set(imported.region).count > 5)
    }
}
