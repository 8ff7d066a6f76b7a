import Testing
@testable import LeadSimCore

/// Scoring as data: criteria, grade ladders and MQL rules as a team writes them.
@Suite struct ScoringModelTests {
    func model(
        fit: [ScoringModel.FitCriterion] = [], grades: [ScoringModel.Grade]? = nil, mql: MQLRule = .score(.atLeast, 50)
    ) -> ScoringModel {
        var model = ScoringModel.b2bDefault
        model.fit = fit
        model.grades = grades ?? model.grades
        model.mql = mql
        model.malMinGrade = model.grades.last!.name
        return model
    }

    func run(_ model: ScoringModel) -> ScoringRun {
        ScoringRun(model, parameters: ParameterSet(specs: model.parameterSpecs()))
    }

    func validate(_ model: ScoringModel) throws(ScoringError) {
        try model.validate(touchpoints: B2BModel.scoredTouchpoints, eventTouchpoints: B2BModel.spontaneousTouchpoints)
    }

    @Test func eachCriterionKindGivesPointsPerCategory() throws {
        let scoring = model(fit: [
            .init(name: "big", attribute: "company_size", test: .equals("1000+"), points: 40),
            .init(name: "core", attribute: "industry", test: .oneOf(["software", "finance"]), points: 20),
            .init(name: "public", attribute: "industry", test: .contains("SECTOR"), points: -10),
        ])
        try validate(scoring)
        let compiled = run(scoring)
        #expect(compiled.fitAttributes == ["company_size", "industry"])
        #expect(compiled.fitPoints(for: "company_size") == [0, 0, 0, 0, 40])
        // software, manufacturing, finance, healthcare, retail, education, public_sector, other
        #expect(compiled.fitPoints(for: "industry") == [20, 0, 20, 0, 0, 0, -10, 0])
    }

    @Test func criteriaMustReferToWhatLeadsHave() {
        let unknownAttribute = model(fit: [.init(name: "x", attribute: "job_title", test: .contains("cto"), points: 5)])
        #expect(throws: ScoringError.self) { try validate(unknownAttribute) }
        let unknownValue = model(fit: [.init(name: "x", attribute: "region", test: .equals("mars"), points: 5)])
        #expect { try validate(unknownValue) } throws: { ($0 as? ScoringError)?.message.contains("expected one of dach") == true }
        let rangeOnCategory = model(fit: [.init(name: "x", attribute: "company_size", test: .range(50, 250), points: 5)])
        #expect { try validate(rangeOnCategory) } throws: { ($0 as? ScoringError)?.part == "fit x" }
    }

    @Test func aPardotLadderGradesByFitPoints() throws {
        let ladder: [ScoringModel.Grade] = [
            .init(name: "A+", minFitPoints: 85), .init(name: "A", minFitPoints: 70), .init(name: "B", minFitPoints: 50),
            .init(name: "C", minFitPoints: 30), .init(name: "D", minFitPoints: 10), .init(name: "F", minFitPoints: nil),
        ]
        let scoring = model(grades: ladder, mql: .all([.score(.atLeast, 50), .grade(.atLeast, "A")]))
        try validate(scoring)
        #expect(scoring.parameterSpecs().contains { $0.name == "grade.a_plus_min" })
        let compiled = run(scoring)
        #expect([90.0, 85, 84, 50, 29, 10, 9].map { compiled.grade(fitPoints: $0) } == [0, 0, 1, 2, 4, 4, 5])
        // grade >= A holds for A+ and A only.
        #expect(compiled.ceilingByGrade == [50, 50, .infinity, .infinity, .infinity, .infinity])
        var upsideDown = ladder
        upsideDown[1].minFitPoints = 90
        #expect { try validate(model(grades: upsideDown)) } throws: { ($0 as? ScoringError)?.part == "grades" }
    }

    @Test func ruleCeilingsFollowAndOrAndTheMatrix() {
        let grades = ["A", "B", "C", "D"]
        func ceilings(_ rule: MQLRule, fit: Double = 0) -> [Double] {
            grades.indices.map { rule.ceiling(gradeIndex: $0, fitPoints: fit, grades: grades) }
        }
        #expect(ceilings(.all([.score(.atLeast, 60), .grade(.atLeast, "B")])) == [60, 60, .infinity, .infinity])
        #expect(ceilings(.score(.above, 60)) == Array(repeating: 60.0.nextUp, count: 4))
        let either: MQLRule = .any([.all([.score(.atLeast, 40), .grade(.equal, "A")]), .score(.atLeast, 80)])
        #expect(ceilings(either) == [40, 80, 80, 80])
        #expect(ceilings(.all([.score(.atLeast, 30), .fit(.atLeast, 50)]), fit: 49) == Array(repeating: .infinity, count: 4))
        #expect(ceilings(.all([.score(.atLeast, 30), .fit(.atLeast, 50)]), fit: 50) == [30, 30, 30, 30])
        // Levels: 1 from 75, 2 from 50, 3 from 25, 4 below. A1 and A2 for A, B1 for B, C4: C at any score.
        let matrix: MQLRule = .matrix(cells: ["A1", "A2", "B1", "C4"], levels: [75, 50, 25])
        #expect(ceilings(matrix) == [50, 75, -.infinity, .infinity])
    }

    @Test func aRuleMayNotUndoAQualification() {
        #expect { try validate(model(mql: .score(.atMost, 60))) } throws: { ($0 as? ScoringError)?.part == "mql" }
        #expect(throws: ScoringError.self) { try validate(model(mql: .all([.score(.atLeast, 50), .event("demo_request")]))) }
        #expect(throws: ScoringError.self) { try validate(model(mql: .any([.score(.atLeast, 50), .event("email_open")]))) }
        #expect(throws: ScoringError.self) { try validate(model(mql: .grade(.atLeast, "Z"))) }
        #expect(throws: ScoringError.self) { try validate(model(mql: .matrix(cells: ["A5"], levels: [75, 50, 25]))) }
    }

    @Test func theRulesNumbersAreNamedParameters() {
        let rule: MQLRule = .any([
            .all([.score(.atLeast, 50), .grade(.atLeast, "C")]), .score(.atLeast, 80), .event("demo_request"),
        ])
        let names = rule.parameterSpecs(grades: ["A", "B", "C", "D"], sources: [:]).map(\.name)
        #expect(names == ["mql.threshold", "mql.min_grade", "mql.threshold_2", "mql.fast_track_handraisers"])
        var parameters = ParameterSet(specs: model(mql: rule).parameterSpecs())
        #expect(parameters["mql.threshold_2"] == 80)
        try? parameters.set("mql.threshold_2", to: 70)
        #expect(model(mql: rule).mqlRule(with: parameters) == .any([
            .all([.score(.atLeast, 50), .grade(.atLeast, "C")]), .score(.atLeast, 70), .event("demo_request"),
        ]))
        try? parameters.set("mql.fast_track_handraisers", text: "off")
        #expect(model(mql: rule).mqlRule(with: parameters).events.isEmpty)
    }

    /// A criterion's points are a lever: with the rule asking for grade A, points for enterprise
    /// accounts lift many of them to A, so more qualify.
    @Test func aCriterionsPointsChangeTheFunnel() throws {
        let b2b = B2BModel()
        var parameters = b2b.defaultParameters()
        try parameters.set("mql.min_grade", text: "A")
        let population = b2b.synthesize(leads: 4000, seed: 3, horizonWeeks: 13, parameters: parameters)
        try parameters.set("fit.size_enterprise.points", to: 0)
        let without = try b2b.simulate(population, parameters: parameters, options: RunOptions())
        try parameters.set("fit.size_enterprise.points", to: 60)
        let with = try b2b.simulate(population, parameters: parameters, options: RunOptions())
        #expect(with.funnel.mql > without.funnel.mql + 50)
    }

    /// A matrix rule runs end to end and hands over fewer leads the fewer cells it lists.
    @Test func aMatrixRuleRuns() throws {
        var wide = ScoringModel.b2bDefault
        wide.mql = .any([.matrix(cells: ["A1", "A2", "A3", "B1", "B2", "C1"], levels: [60, 40, 20]), .event("demo_request")])
        var narrow = wide
        narrow.mql = .any([.matrix(cells: ["A1", "B1"], levels: [60, 40, 20]), .event("demo_request")])
        var counts: [Int] = []
        for scoring in [wide, narrow] {
            let model = try B2BModel().with(scoring: scoring)
            let parameters = model.defaultParameters()
            #expect(parameters.specs.contains { $0.name == "mql.level_2" })
            let population = model.synthesize(leads: 4000, seed: 3, horizonWeeks: 13, parameters: parameters)
            counts.append(try model.simulate(population, parameters: parameters, options: RunOptions()).funnel.mql)
        }
        #expect(counts[0] > counts[1] + 50)
    }
}

/// Numbers a CRM holds, such as employees, are tested by range.
@Suite struct NumericCriteriaTests {
    @Test func employeesFallInTheirSizeBandAndRangesScoreThem() throws {
        let model = B2BModel()
        let parameters = model.defaultParameters()
        let population = model.synthesize(leads: 2000, seed: 8, horizonWeeks: 8, parameters: parameters)
        for lead in 0..<population.count {
            #expect(population.companySize[lead].employees.contains(Double(population.employees[lead])))
        }
        var scoring = ScoringModel.b2bDefault
        scoring.fit = [.init(name: "mid", attribute: "employees", test: .range(100, 500), points: 30)]
        try scoring.validate(touchpoints: B2BModel.scoredTouchpoints, eventTouchpoints: B2BModel.spontaneousTouchpoints)
        let compiled = ScoringRun(scoring, parameters: ParameterSet(specs: scoring.parameterSpecs()))
        for lead in 0..<population.count {
            let employees = population.employees[lead]
            #expect(compiled.fitPoints(of: lead, in: population) == (100...500 ~= employees ? 30 : 0))
        }
        var category = scoring
        category.fit = [.init(name: "x", attribute: "employees", test: .equals("500"), points: 5)]
        #expect { try category.validate(touchpoints: B2BModel.scoredTouchpoints, eventTouchpoints: []) } throws: {
            ($0 as? ScoringError)?.message.contains("employees is a number: expected a range") == true
        }
    }
}

/// The scorer the episodes score through takes any history of touchpoints in time order, so a
/// replayed history scores the same way a simulated one does.
@Suite struct EngagementScorerTests {
    let percent = EngagementRules(
        groupCap: SIMD4(15, 30, 40, 60), totalCap: 100, percentDecay: true, decayKeep: 0.75, decayPeriodHours: 720,
        expireHours: 2160, firstTimeOnly: 1 << 2)

    @Test func aHistoryScoresWithCapsOnceOnlyAndDecay() {
        var awards: [PointAward] = []
        var scorer = EngagementScorer(rules: percent, from: 0, scored: 0, awards: &awards)
        for hours in [1.0, 2, 3] { _ = scorer.award(4, group: 1, bit: 1 << 0, at: hours, rules: percent, awards: &awards) }
        #expect(scorer.award(8, group: 2, bit: 1 << 2, at: 10, rules: percent, awards: &awards) == 20)
        // A first-time-only download scores once.
        #expect(scorer.award(8, group: 2, bit: 1 << 2, at: 20, rules: percent, awards: &awards) == nil)
        // Eight web visits fill the web group's cap of 30.
        for hours in stride(from: 30.0, to: 38, by: 1) { _ = scorer.award(4, group: 1, bit: 1 << 0, at: hours, rules: percent, awards: &awards) }
        #expect(scorer.score.total(cap: 100) == 38)
        // At 720 hours a quarter decays away: web 30 → 22.5, content 8 → 6; then a visit adds 4.
        scorer.decay(until: 800, including: false, rules: percent)
        #expect(scorer.award(4, group: 1, bit: 1 << 0, at: 800, rules: percent, awards: &awards) == 32.5)
        #expect(scorer.scored == 1 << 2)
    }

    @Test func expiredPointsLeaveTheScore() {
        let expire = EngagementRules(
            groupCap: SIMD4(100, 100, 100, 100), totalCap: 100, percentDecay: false, decayKeep: 1, decayPeriodHours: 720,
            expireHours: 48, firstTimeOnly: 0)
        var awards: [PointAward] = []
        var scorer = EngagementScorer(rules: expire, from: 0, scored: 0, awards: &awards)
        _ = scorer.award(10, group: 0, bit: 1, at: 0, rules: expire, awards: &awards)
        #expect(scorer.award(5, group: 0, bit: 1, at: 24, rules: expire, awards: &awards) == 15)
        #expect(scorer.award(5, group: 0, bit: 1, at: 50, rules: expire, awards: &awards) == 10)
        #expect(scorer.total(at: 100, rules: expire, awards: &awards) == 0)
    }
}

/// Columns an imported export brings beyond the synthetic catalogue are attributes that fit
/// criteria test like the built-in ones; a lead that lacks a value matches no criterion.
@Suite struct FreeAttributeCriteriaTests {
    let b2b = B2BModel()

    /// 3,000 synthetic leads with a lifecycle source (one in seven missing) and an annual revenue
    /// (one in five missing), both drawn from the lead's number so the test can recompute them.
    func population() throws -> Population {
        var population = b2b.synthesize(leads: 3000, seed: 11, horizonWeeks: 13, parameters: b2b.defaultParameters())
        try population.addAttribute("lifecycle_source", categories: (0..<population.count).map(Self.source))
        try population.addAttribute("annual_revenue", numbers: (0..<population.count).map(Self.revenue))
        return population
    }

    static let sources = ["Trade Show", "Webinar", "Web Form", "Partner Referral", "Cold Call", "Website Chat"]

    static func source(of lead: Int) -> String? { lead % 7 == 6 ? nil : sources[(lead * 5) % sources.count] }

    static func revenue(of lead: Int) -> Double? {
        guard lead % 5 != 4 else { return nil }
        let millionsTimesTen = (lead * 7919) % 50
        return Double(millionsTimesTen) * 100_000
    }

    var scoring: ScoringModel {
        var scoring = ScoringModel.b2bDefault
        scoring.fit += [
            .init(name: "events", attribute: "lifecycle_source", test: .oneOf(["Trade Show", "Webinar"]), points: 25),
            .init(name: "web", attribute: "lifecycle_source", test: .contains("web"), points: 5),
            .init(name: "revenue", attribute: "annual_revenue", test: .range(1_000_000, 3_000_000), points: 30),
        ]
        return scoring
    }

    @Test func criteriaOnImportedColumnsScoreEachLead() throws {
        let population = try population()
        #expect(population.attributes.map(\.name).suffix(2) == ["lifecycle_source", "annual_revenue"])
        try scoring.validate(
            touchpoints: B2BModel.scoredTouchpoints, eventTouchpoints: B2BModel.spontaneousTouchpoints, attributes: population.attributes)
        let withImported = ScoringRun(scoring, parameters: ParameterSet(specs: scoring.parameterSpecs()), attributes: population.attributes)
        let builtIn = ScoringRun(.b2bDefault, parameters: ParameterSet(specs: ScoringModel.b2bDefault.parameterSpecs()))
        // Codes in order of first appearance: Trade Show, Website Chat, Cold Call, Partner Referral, Web Form, Webinar.
        #expect(withImported.fitPoints(for: "lifecycle_source") == [25, 5, 0, 0, 5, 30])
        var missingSeen = 0
        for lead in 0..<population.count {
            var extra = 0.0
            if let source = Self.source(of: lead) {
                if ["Trade Show", "Webinar"].contains(source) { extra += 25 }
                if source.lowercased().contains("web") { extra += 5 }
            } else {
                missingSeen += 1
            }
            if let revenue = Self.revenue(of: lead), (1_000_000...3_000_000).contains(revenue) { extra += 30 }
            #expect(withImported.fitPoints(of: lead, in: population) == builtIn.fitPoints(of: lead, in: population) + extra)
        }
        #expect(missingSeen > 400)
    }

    @Test func criteriaOnColumnsTheLeadsLackAreRefused() throws {
        #expect {
            try scoring.validate(touchpoints: B2BModel.scoredTouchpoints, eventTouchpoints: B2BModel.spontaneousTouchpoints)
        } throws: { ($0 as? ScoringError)?.message.hasPrefix("fit events: unknown attribute 'lifecycle_source': expected one of company_size") == true }
        let population = try population()
        var typo = scoring
        typo.fit[typo.fit.count - 3].test = .equals("Tradeshow")
        #expect {
            try typo.validateCriteria(attributes: population.attributes)
        } throws: { ($0 as? ScoringError)?.message == "fit events: lifecycle_source has no value 'Tradeshow': expected one of Trade Show, Website Chat, Cold Call, Partner Referral, Web Form, Webinar" }
        var rangeOnText = scoring
        rangeOnText.fit[rangeOnText.fit.count - 1].attribute = "lifecycle_source"
        #expect(throws: ScoringError.self) { try rangeOnText.validateCriteria(attributes: population.attributes) }
        var again = population
        #expect(throws: AttributeError("attribute 'industry' exists already: expected a new name")) {
            try again.addAttribute("industry", categories: Array(repeating: "x", count: population.count))
        }
        #expect(throws: AttributeError("attribute 'rating' has 2 values: expected one per lead (6462)")) {
            try again.addAttribute("rating", numbers: [1, 2])
        }
    }

    /// A criterion on an imported column is a lever: its points move the MQLs of a run.
    @Test func importedCriteriaAreLevers() throws {
        let population = try population()
        let model = try b2b.with(scoring: scoring, attributes: population.attributes)
        var parameters = model.defaultParameters()
        // Only grade A qualifies, so fit points decide which leads may become MQL.
        try parameters.set("mql.min_grade", text: "A")
        try parameters.set("fit.events.points", to: 0)
        let without = try model.simulate(population, parameters: parameters, options: RunOptions())
        try parameters.set("fit.events.points", to: 60)
        let with = try model.simulate(population, parameters: parameters, options: RunOptions())
        #expect(with.funnel.mql > without.funnel.mql + 50)
        #expect(throws: ScoringError.self) { try b2b.with(scoring: scoring) }
    }
}
