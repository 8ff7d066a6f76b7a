/// A scoring model with one run's parameter values, in the form the per-lead pass reads: a table
/// of fit points per category for each attribute the criteria test, the grade minimums, and the
/// MQL rule's score at which each grade qualifies.
struct ScoringRun: Sendable {
    let gradeCount: Int
    /// Fit points each grade but the last needs, best first.
    let gradeMinimums: [Double]
    /// The attributes the criteria test, and for each its points per category, one after the
    /// other in `fitTable` from `fitTableStart[i]`: flat, so the per-lead pass reads them without
    /// reference counting. Each table ends with a 0 for a lead that lacks the attribute.
    let fitAttributes: [String]
    let fitColumns: [LeadAttribute.Column]
    let fitTableStart: [Int]
    let fitTable: [Double]
    /// Criteria on numbers: the attribute, its range (both ends included) and the points.
    let rangeColumns: [LeadAttribute.Column]
    let rangeBounds: [(low: Double, high: Double)]
    let rangePoints: [Double]
    /// The rule's conditions on score, grade and fit, with this run's values; nil when only events
    /// hand leads over.
    let rule: MQLRule?
    /// The rule's ceiling per grade, when it does not depend on fit points.
    let ceilingByGrade: [Double]?
    let gradeNames: [String]
    /// Touchpoints that hand a lead over whatever its score, in this run.
    let events: [String]
    /// The lowest grade marketing accepts (MAL), as a ladder index.
    let malMinGrade: Int

    /// `attributes` are those of the population the run is on; the model's criteria were validated
    /// against them.
    init(_ model: ScoringModel, parameters p: ParameterSet, attributes: [LeadAttribute] = LeadAttribute.all) {
        gradeNames = model.gradeNames
        gradeCount = model.grades.count
        gradeMinimums = model.grades.dropLast().map { p[ScoringModel.Key.gradeMinimum($0)] }
        var tables: [(attribute: LeadAttribute, points: [Double])] = []
        var ranges: [(column: LeadAttribute.Column, low: Double, high: Double, points: Double)] = []
        for criterion in model.fit {
            guard let attribute = LeadAttribute.named(criterion.attribute, in: attributes) else {
                preconditionFailure("fit \(criterion.name) tests '\(criterion.attribute)', which these leads lack")
            }
            let points = p[ScoringModel.Key.fitPoints(criterion.name)]
            if attribute.isNumber, case .range(let low, let high) = criterion.test {
                ranges.append((attribute.column, low, high, points))
                continue
            }
            if let index = tables.firstIndex(where: { $0.attribute.name == attribute.name }) {
                for (code, value) in attribute.values.enumerated() where criterion.test.matches(value) {
                    tables[index].points[code] += points
                }
            } else {
                tables.append((attribute, attribute.values.map { criterion.test.matches($0) ? points : 0 } + [0]))
            }
        }
        fitAttributes = tables.map(\.attribute.name)
        fitColumns = tables.map(\.attribute.column)
        fitTableStart = tables.indices.map { index in tables[..<index].reduce(0) { $0 + $1.points.count } }
        fitTable = tables.flatMap(\.points)
        rangeColumns = ranges.map(\.column)
        rangeBounds = ranges.map { ($0.low, $0.high) }
        rangePoints = ranges.map(\.points)
        let bound = model.mqlRule(with: p)
        rule = bound.scoreRule
        let malMinGrade = p[ScoringModel.Key.malMinGrade(model.gradeNames)]
        self.malMinGrade = malMinGrade
        if let rule, !rule.usesFit {
            ceilingByGrade = model.grades.indices.map {
                $0 > malMinGrade ? .infinity : rule.ceiling(gradeIndex: $0, fitPoints: 0, grades: model.gradeNames)
            }
        } else {
            ceilingByGrade = rule == nil ? Array(repeating: .infinity, count: model.grades.count) : nil
        }
        events = bound.events
    }

    @inline(__always)
    func fitPoints(of lead: Int, in population: Population) -> Double {
        var total = 0.0
        for index in fitColumns.indices { total += fitTable[fitTableStart[index] + fitColumns[index].code(population, lead)] }
        for index in rangeColumns.indices {
            let value = rangeColumns[index].number(population, lead)
            if value >= rangeBounds[index].low && value <= rangeBounds[index].high { total += rangePoints[index] }
        }
        return total
    }

    /// Points per category of one tested attribute.
    func fitPoints(for attribute: String) -> [Double] {
        guard let index = fitAttributes.firstIndex(of: attribute) else { return [] }
        let end = index + 1 < fitTableStart.count ? fitTableStart[index + 1] : fitTable.count
        return Array(fitTable[fitTableStart[index]..<end - 1])
    }

    @inline(__always)
    func grade(fitPoints: Double) -> Int {
        for (grade, minimum) in gradeMinimums.enumerated() where fitPoints >= minimum { return grade }
        return gradeCount - 1
    }

    /// The score at which the rule makes a lead of this grade and fit MQL. MAL is the gate before
    /// it: a lead whose fit marketing does not accept never qualifies by its score (a hand-raiser
    /// still goes to sales).
    @inline(__always)
    func ceiling(grade: Int, fitPoints: Double) -> Double {
        if let ceilingByGrade { return ceilingByGrade[grade] }
        guard grade <= malMinGrade else { return .infinity }
        return rule!.ceiling(gradeIndex: grade, fitPoints: fitPoints, grades: gradeNames)
    }
}
