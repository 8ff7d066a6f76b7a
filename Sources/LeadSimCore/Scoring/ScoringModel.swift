/// A lead-scoring model as a marketing team writes it: fit criteria over a lead's attributes that
/// add up to fit points and a grade, engagement points per touchpoint in capped score groups with
/// decay, and the rule that makes a lead MQL. The platforms' setups map onto it: HubSpot's fit and
/// engagement criteria, Pardot's score plus grade, Marketo's behaviour and demographic scores,
/// Mautic's point actions.
///
/// A value. Its numbers become parameters (`parameterSpecs`) under dotted names, so `set`, `sweep`
/// and `optimise` reach a criterion's points; a run reads the current values from the parameter set.
/// Scoring is a function of a lead's attributes and its event history only, so the same model can
/// score simulated journeys and replayed ones.
public struct ScoringModel: Sendable, Equatable {
    public var fit: [FitCriterion]
    public var engagement: [Engagement]
    /// At most `maxGroups` groups; each engagement rule names one.
    public var groups: [ScoreGroup]
    /// Cap on the total engagement score.
    public var cap: Double
    public var decay: Decay
    /// Best first; a lead gets the first grade whose minimum its fit points reach, and the last
    /// grade (which has no minimum) otherwise.
    public var grades: [Grade]
    public var mql: MQLRule
    /// The lowest grade marketing accepts (MAL): the gate before MQL by score.
    public var malMinGrade: String
    /// Where the default values come from, by parameter name.
    public var sources: [String: String] = [:]

    public static let maxGroups = 4

    public init(
        fit: [FitCriterion], engagement: [Engagement], groups: [ScoreGroup], cap: Double, decay: Decay,
        grades: [Grade], mql: MQLRule, malMinGrade: String
    ) {
        self.fit = fit
        self.engagement = engagement
        self.groups = groups
        self.cap = cap
        self.decay = decay
        self.grades = grades
        self.mql = mql
        self.malMinGrade = malMinGrade
    }

    /// Fit points for a lead whose attribute matches the test.
    public struct FitCriterion: Sendable, Equatable {
        /// Names the criterion's parameter `fit.NAME.points`.
        public var name: String
        public var attribute: String
        public var test: FitTest
        public var points: Double

        public init(name: String, attribute: String, test: FitTest, points: Double) {
            self.name = name
            self.attribute = attribute
            self.test = test
            self.points = points
        }
    }

    public enum FitTest: Sendable, Equatable {
        case equals(String)
        case oneOf([String])
        /// The value contains the text, ignoring case.
        case contains(String)
        /// A number from the first bound to the second, both included.
        case range(Double, Double)

        func matches(_ value: String) -> Bool {
            switch self {
            case .equals(let expected): value == expected
            case .oneOf(let options): options.contains(value)
            case .contains(let text): value.lowercased().contains(text.lowercased())
            case .range(let low, let high): Double(value).map { $0 >= low && $0 <= high } ?? false
            }
        }
    }

    /// Points a touchpoint earns, into which group, and whether every time or the first time only.
    public struct Engagement: Sendable, Equatable {
        public var touchpoint: String
        public var points: Double
        public var repeatable: Bool
        public var group: String

        public init(touchpoint: String, points: Double, repeatable: Bool, group: String) {
            self.touchpoint = touchpoint
            self.points = points
            self.repeatable = repeatable
            self.group = group
        }
    }

    public struct ScoreGroup: Sendable, Equatable {
        public var name: String
        public var cap: Double

        public init(name: String, cap: Double) {
            self.name = name
            self.cap = cap
        }
    }

    public struct Decay: Sendable, Equatable {
        public enum Style: String, ParameterChoice {
            case percent, expire
            public var name: String { rawValue }
        }
        public var style: Style
        /// Share of the score lost each period (percent style).
        public var percent: Double
        public var periodDays: Double
        /// Age at which points vanish (expire style).
        public var expireDays: Double

        public init(style: Style, percent: Double, periodDays: Double, expireDays: Double) {
            self.style = style
            self.percent = percent
            self.periodDays = periodDays
            self.expireDays = expireDays
        }
    }

    public struct Grade: Sendable, Equatable {
        public var name: String
        /// Fit points the grade needs; nil for the last grade, which takes the rest.
        public var minFitPoints: Double?

        public init(name: String, minFitPoints: Double?) {
            self.name = name
            self.minFitPoints = minFitPoints
        }

        /// `A+` → `grade.a_plus_min`.
        public var parameterName: String {
            let slug = name.lowercased().replacingOccurrences(of: "+", with: "_plus").replacingOccurrences(of: "-", with: "_minus")
            return "grade.\(slug)_min"
        }
    }

    /// The grade names, best first.
    public var gradeNames: [String] { grades.map(\.name) }

    /// The MQL rule with the values `parameters` holds for its numbers and grades, without its
    /// hand-over touchpoints when `mql.fast_track_handraisers` is off.
    public func mqlRule(with parameters: ParameterSet) -> MQLRule {
        let rule = mql.replacingLiterals(mql.slotKeys(grades: gradeNames).map { parameters[$0] }, grades: gradeNames)
        guard !rule.events.isEmpty, !parameters[Key.fastTrack] else { return rule }
        return rule.scoreRule ?? rule
    }
}

extension ScoringModel {
    /// How a run reads the scoring model's parameters.
    public enum Key {
        public static let decayStyle = ParameterKey<Decay.Style>.choice("score.decay.style")
        public static let decayPercent = ParameterKey<Double>.number("score.decay.percent")
        public static let decayPeriodDays = ParameterKey<Double>.number("score.decay.period_days")
        public static let expireDays = ParameterKey<Double>.number("score.decay.expire_days")
        public static let cap = ParameterKey<Double>.number("score.cap")
        public static let fastTrack = ParameterKey<Bool>.flag("mql.fast_track_handraisers")
        public static func groupCap(_ group: String) -> ParameterKey<Double> { .number("score.group.\(group).cap") }
        public static func points(_ touchpoint: String) -> ParameterKey<Double> { .number("touchpoint.\(touchpoint).points") }
        public static func repeatable(_ touchpoint: String) -> ParameterKey<Bool> { .flag("touchpoint.\(touchpoint).repeatable") }
        public static func fitPoints(_ criterion: String) -> ParameterKey<Double> { .number("fit.\(criterion).points") }
        public static func gradeMinimum(_ grade: Grade) -> ParameterKey<Double> { .number(grade.parameterName) }
        public static func malMinGrade(_ grades: [String]) -> ParameterKey<Int> { .option("mal.min_grade", among: grades) }
    }

    /// Every key a run of this model reads, for checking them against the specs.
    public var keys: [AnyParameterKey] {
        var keys: [AnyParameterKey] = [
            .init(Key.decayStyle), .init(Key.decayPercent), .init(Key.decayPeriodDays), .init(Key.expireDays), .init(Key.cap),
            .init(Key.malMinGrade(gradeNames)),
        ]
        if !mql.events.isEmpty { keys.append(.init(Key.fastTrack)) }
        keys += groups.map { .init(Key.groupCap($0.name)) }
        keys += engagement.flatMap { [AnyParameterKey(Key.points($0.touchpoint)), AnyParameterKey(Key.repeatable($0.touchpoint))] }
        keys += fit.map { .init(Key.fitPoints($0.name)) }
        keys += grades.dropLast().map { .init(Key.gradeMinimum($0)) }
        keys += mql.slotKeys(grades: gradeNames).map(AnyParameterKey.init)
        return keys
    }
}

/// A scoring model that cannot work, with what was expected.
public struct ScoringError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The line of a scoring file the error is about: `fit NAME`, `points TOUCHPOINT`, `grades`,
    /// `group`, `mql` or `mal`; nil for the model as a whole.
    public var part: String?
    public init(_ message: String, part: String? = nil) {
        self.message = message
        self.part = part
    }
    public var description: String { message }
}

extension ScoringModel {
    /// Checks what each part refers to: attributes and their values, touchpoints the model has,
    /// declared groups, grades of the ladder, and a rule that a rising score never undoes.
    /// `attributes` are those of the leads it will score (a population's `attributes`).
    public func validate(
        touchpoints: [String], eventTouchpoints: [String], attributes: [LeadAttribute] = LeadAttribute.all
    ) throws(ScoringError) {
        try validateCriteria(attributes: attributes)
        for (index, criterion) in fit.enumerated() where fit[..<index].contains(where: { $0.name == criterion.name }) {
            throw ScoringError("fit \(criterion.name): a second criterion of this name: expected one name each", part: "fit \(criterion.name)")
        }
        guard !groups.isEmpty, groups.count <= Self.maxGroups else {
            throw ScoringError("\(groups.count) score groups: expected 1 to \(Self.maxGroups)", part: "group")
        }
        for rule in engagement {
            guard touchpoints.contains(rule.touchpoint) else {
                throw ScoringError(
                    "points \(rule.touchpoint): unknown touchpoint: expected one of \(touchpoints.joined(separator: ", "))",
                    part: "points \(rule.touchpoint)")
            }
            guard groups.contains(where: { $0.name == rule.group }) else {
                throw ScoringError(
                    "points \(rule.touchpoint): unknown group '\(rule.group)': expected one of \(groups.map(\.name).joined(separator: ", "))",
                    part: "points \(rule.touchpoint)")
            }
        }
        for touchpoint in touchpoints where !engagement.contains(where: { $0.touchpoint == touchpoint }) {
            throw ScoringError(
                "no points for \(touchpoint): expected a `points \(touchpoint) …` line (0 points if it should not score)")
        }
        guard let last = grades.last, last.minFitPoints == nil, grades.dropLast().allSatisfy({ $0.minFitPoints != nil }) else {
            throw ScoringError(
                "grades: expected minimum fit points for every grade but the last, e.g. grades A 70, B 50, C 30, D", part: "grades")
        }
        for (better, worse) in zip(grades, grades.dropFirst()) where worse.minFitPoints.map({ $0 >= better.minFitPoints! }) ?? false {
            throw ScoringError(
                "grades: \(worse.name) needs fewer fit points than \(better.name): expected minimums that fall down the ladder",
                part: "grades")
        }
        guard grades.count <= 16 else { throw ScoringError("\(grades.count) grades: expected at most 16", part: "grades") }
        guard gradeNames.contains(malMinGrade) else {
            throw ScoringError("mal: unknown grade '\(malMinGrade)': expected one of \(gradeNames.joined(separator: ", "))", part: "mal")
        }
        try mql.validate(grades: gradeNames, eventTouchpoints: eventTouchpoints)
    }

    /// Checks that each fit criterion's attribute exists among `attributes`, that its values are
    /// among the attribute's, and that ranges test numbers and the rest categories: run whenever
    /// the leads change, since imported leads bring attributes of their own.
    public func validateCriteria(attributes: [LeadAttribute]) throws(ScoringError) {
        for criterion in fit {
            guard let attribute = LeadAttribute.named(criterion.attribute, in: attributes) else {
                throw ScoringError(
                    "fit \(criterion.name): unknown attribute '\(criterion.attribute)': expected one of "
                        + attributes.map(\.name).joined(separator: ", "), part: "fit \(criterion.name)")
            }
            let named: [String] = switch criterion.test {
            case .equals(let value): [value]
            case .oneOf(let values): values
            case .contains, .range: []
            }
            for value in named where !attribute.isNumber && !attribute.values.contains(value) {
                throw ScoringError(
                    "fit \(criterion.name): \(attribute.name) has no value '\(value)': expected one of "
                        + Self.listed(attribute.values), part: "fit \(criterion.name)")
            }
            let isRange: Bool = if case .range = criterion.test { true } else { false }
            if isRange && !attribute.isNumber {
                throw ScoringError(
                    "fit \(criterion.name): \(attribute.name) is a category (\(Self.listed(attribute.values))): "
                        + "a range needs a number such as employees; expected == VALUE, in VALUE, VALUE … or contains \"TEXT\"",
                    part: "fit \(criterion.name)")
            }
            if !isRange && attribute.isNumber {
                throw ScoringError(
                    "fit \(criterion.name): \(attribute.name) is a number: expected a range FROM..TO, e.g. 50..249",
                    part: "fit \(criterion.name)")
            }
        }
    }

    /// An imported category may have hundreds of values: a message names the first dozen.
    private static func listed(_ values: [String]) -> String {
        let shown = values.prefix(12).map(PersonalData.masked)
        return values.count <= 12 ? shown.joined(separator: ", ") : shown.joined(separator: ", ") + " … (\(values.count) in all)"
    }

    /// The model's numbers as parameters, with its values as defaults.
    public func parameterSpecs() -> [ParameterSpec] {
        var specs = mql.parameterSpecs(grades: gradeNames, sources: sources)
        specs.append(.choice(
            "mal.min_grade", options: gradeNames, default: malMinGrade,
            "lowest fit grade marketing accepts (MAL): only MAL leads become MQL by their score; hand-raisers may come from any grade",
            source: sources["mal.min_grade"]))
        for grade in grades {
            guard let minimum = grade.minFitPoints else { continue }
            specs.append(ParameterSpec(
                grade.parameterName, unit: .points, default: minimum, range: -10000...10000, "fit points for grade \(grade.name)",
                source: sources[grade.parameterName]))
        }
        for criterion in fit {
            let name = "fit.\(criterion.name).points"
            specs.append(ParameterSpec(
                name, unit: .points, default: criterion.points, range: -10000...10000,
                "fit points when \(criterion.attribute) \(criterion.test.summary)", source: sources[name]))
        }
        specs += [
            .choice("score.decay.style", options: Decay.Style.allCases.map(\.rawValue), default: decay.style.rawValue,
                    "percent: lose a share every period; expire: points vanish after a window", source: sources["score.decay.style"]),
            ParameterSpec("score.decay.percent", unit: .fraction, default: decay.percent, range: 0...1,
                          "share of the engagement score lost each decay period (percent style)").when("score.decay.style", is: "percent"),
            ParameterSpec("score.decay.period_days", unit: .days, default: decay.periodDays, range: 1...3650,
                          "length of a decay period (percent style)").when("score.decay.style", is: "percent"),
            ParameterSpec("score.decay.expire_days", unit: .days, default: decay.expireDays, range: 1...3650,
                          "age at which points expire (expire style)").when("score.decay.style", is: "expire"),
            ParameterSpec("score.cap", unit: .points, default: cap, range: 0...10000, "cap on the total engagement score"),
        ]
        for group in groups {
            specs.append(ParameterSpec(
                "score.group.\(group.name).cap", unit: .points, default: group.cap, range: 0...10000,
                "cap on the points of the \(group.name) score group"))
        }
        for rule in engagement {
            let what = rule.touchpoint.replacingOccurrences(of: "_", with: " ")
            var points = ParameterSpec(
                "touchpoint.\(rule.touchpoint).points", unit: .points, default: rule.points, range: -1000...1000,
                "engagement points of one \(what) (negative allowed)")
            var repeatable = ParameterSpec.flag(
                "touchpoint.\(rule.touchpoint).repeatable", default: rule.repeatable,
                "whether \(rule.touchpoint) scores every time (on) or only the first time (off)")
            // A touchpoint that hands the lead over by itself never scores while the fast track runs.
            if mql.events.contains(rule.touchpoint) {
                points = points.when("mql.fast_track_handraisers", is: "off")
                repeatable = repeatable.when("mql.fast_track_handraisers", is: "off")
            }
            specs += [points, repeatable]
        }
        return specs
    }
}

extension ScoringModel.FitTest {
    /// The test as the scoring syntax writes it.
    public var summary: String {
        switch self {
        case .equals(let value): "= \(quotedIfNeeded(value))"
        case .oneOf(let values): "in " + values.map(quotedIfNeeded).joined(separator: ", ")
        case .contains(let text): "contains \"\(text)\""
        case .range(let low, let high): "\(formatNumber(low))..\(formatNumber(high))"
        }
    }
}

/// A value as the scoring syntax writes it: bare when it is a plain word, quoted otherwise.
public func quotedIfNeeded(_ value: String) -> String {
    let plain = !value.isEmpty && value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && value.first!.isLetter
    return plain ? value : "\"\(value)\""
}
