import LeadSimCore

/// The text form of a scoring model, read by `scoring FILE` and printed by `show scoring`: one
/// directive per line, `#` starts a comment.
///
///     fit size_enterprise company_size == "1000+" points 40
///     fit industry_core industry in manufacturing, finance points 20
///     grades A 70, B 50, C 30, D
///     group web cap 30
///     points web_visit 4 repeatable group web
///     cap 100
///     decay percent 0.25 every 30 days          # or: decay expire after 90 days
///     mql score >= 50 and grade >= C or demo_request or contact_form
///     mal grade >= B
///
/// The rule may also be a fit × engagement matrix: `mql matrix A1 A2 B1 levels 75, 50, 25`.
public enum ScoringSyntax {
    /// Reads a scoring model; the first error names its file, line and column.
    /// `attributes` are those of the leads the model will score.
    public static func parse(
        _ text: String, file: String, model: any LeadModel, attributes: [LeadAttribute] = LeadAttribute.all
    ) throws(ScriptError) -> ScoringModel {
        var reader = Reader(file: file, attributes: attributes)
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            try reader.read(line: String(line), number: index + 1)
        }
        let scoring = try reader.model(endLine: lines.count)
        do throws(ScoringError) {
            // Hand-over touchpoints are those a lead starts: the ones campaigns may target too.
            try scoring.validate(
                touchpoints: model.scoredTouchpoints, eventTouchpoints: model.campaignTargets.touchpoints, attributes: attributes)
        } catch {
            let place = error.part.flatMap { reader.lines[$0] } ?? (lines.count, "")
            throw ScriptError(error.message, at: SourceLocation(file: file, line: place.number, column: 1), sourceLine: place.text)
        }
        return scoring
    }

    /// The model in its text form, with the values `parameters` holds for its numbers.
    public static func format(_ scoring: ScoringModel, parameters p: ParameterSet) -> String {
        var lines: [String] = ["# leadsim scoring model"]
        for criterion in scoring.fit {
            lines.append("fit \(criterion.name) \(criterion.attribute) \(testText(criterion.test)) points \(value(p, Key.fitPoints(criterion.name)))")
        }
        let grades = scoring.grades.map { grade in
            grade.minFitPoints == nil ? grade.name : "\(grade.name) \(value(p, Key.gradeMinimum(grade)))"
        }
        lines.append("grades " + grades.joined(separator: ", "))
        for group in scoring.groups { lines.append("group \(group.name) cap \(value(p, Key.groupCap(group.name)))") }
        for rule in scoring.engagement {
            let repeatable = p[Key.repeatable(rule.touchpoint)] ? "repeatable" : "once"
            lines.append("points \(rule.touchpoint) \(value(p, Key.points(rule.touchpoint))) \(repeatable) group \(rule.group)")
        }
        lines.append("cap \(value(p, Key.cap))")
        if p[Key.decayStyle] == .percent {
            lines.append("decay percent \(value(p, Key.decayPercent)) every \(value(p, Key.decayPeriodDays)) days")
        } else {
            lines.append("decay expire after \(value(p, Key.expireDays)) days")
        }
        lines.append("mql " + ruleText(scoring.mqlRule(with: p), top: true))
        lines.append("mal grade >= \(scoring.gradeNames[p[Key.malMinGrade(scoring.gradeNames)]])")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func value(_ p: ParameterSet, _ key: ParameterKey<Double>) -> String { formatNumber(p[key]) }

    private typealias Key = ScoringModel.Key

    static func testText(_ test: ScoringModel.FitTest) -> String {
        switch test {
        case .equals(let value): "== \(quotedIfNeeded(value))"
        default: test.summary
        }
    }

    static func ruleText(_ rule: MQLRule, top: Bool = false) -> String {
        switch rule {
        case .score(let comparison, let points): "score \(comparison.text) \(formatNumber(points))"
        case .grade(let comparison, let grade): "grade \(comparison.text) \(grade)"
        case .fit(let comparison, let points): "fit \(comparison.text) \(formatNumber(points))"
        case .event(let touchpoint): touchpoint
        case .matrix(let cells, let levels):
            "matrix \(cells.joined(separator: " ")) levels \(levels.map(formatNumber).joined(separator: ", "))"
        case .all(let rules): rules.map { ruleText($0) }.joined(separator: " and ")
        case .any(let rules):
            top ? rules.map { ruleText($0) }.joined(separator: " or ") : "(" + rules.map { ruleText($0) }.joined(separator: " or ") + ")"
        }
    }

    /// Reads directives line by line, remembering where each part was written for later messages.
    struct Reader {
        let file: String
        var fit: [ScoringModel.FitCriterion] = []
        var engagement: [ScoringModel.Engagement] = []
        var groups: [ScoringModel.ScoreGroup] = []
        var cap = 10_000.0
        var decay = ScoringModel.Decay(style: .percent, percent: 0, periodDays: 30, expireDays: 90)
        var grades: [ScoringModel.Grade] = []
        var mql: MQLRule?
        var mal: String?
        /// Where each part was written (`fit NAME`, `points TOUCHPOINT`, `grades`, …), for messages
        /// about it after the whole file is read.
        var lines: [String: (number: Int, text: String)] = [:]

        let attributes: [LeadAttribute]

        init(file: String, attributes: [LeadAttribute]) {
            self.file = file
            self.attributes = attributes
        }

        mutating func read(line: String, number: Int) throws(ScriptError) {
            let location = SourceLocation(file: file, line: number, column: 1)
            var cursor = Cursor(
                tokens: try Self.split(Lexer.tokens(of: line, location: location)), statementStart: location, line: line,
                end: line.count + 1)
            guard let directive = cursor.peek else { return }
            cursor.advance()
            func remember(_ part: String) { lines[part] = (number, line) }
            switch directive.text {
            case "fit":
                let name = try cursor.word("a criterion name")
                let attribute = try cursor.word("an attribute (\(attributes.map(\.name).joined(separator: ", ")))")
                let test = try cursor.fitTest()
                try cursor.keyword("points")
                fit.append(ScoringModel.FitCriterion(name: name, attribute: attribute, test: test, points: try cursor.number("the criterion's points")))
                remember("fit \(name)")
            case "grades":
                var ladder: [ScoringModel.Grade] = []
                while cursor.peek != nil {
                    let name = try cursor.word("a grade name")
                    if let next = cursor.peek, next.text.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
                        ladder.append(ScoringModel.Grade(name: name, minFitPoints: try cursor.number("the grade's minimum fit points")))
                    } else {
                        ladder.append(ScoringModel.Grade(name: name, minFitPoints: nil))
                    }
                }
                guard !ladder.isEmpty else { throw cursor.error("expected grades, e.g. grades A 70, B 50, C 30, D", column: cursor.end) }
                grades = ladder
                remember("grades")
            case "group":
                let name = try cursor.word("a group name")
                try cursor.keyword("cap")
                groups.append(ScoringModel.ScoreGroup(name: name, cap: try cursor.number("the group's cap")))
                remember("group")
            case "points":
                let touchpoint = try cursor.word("a touchpoint")
                let points = try cursor.number("the touchpoint's points")
                var repeatable = true
                var group = ""
                while let token = cursor.peek {
                    switch token.text {
                    case "repeatable", "once":
                        repeatable = token.text == "repeatable"
                        cursor.advance()
                    case "group":
                        cursor.advance()
                        group = try cursor.word("a group name")
                    default:
                        throw cursor.error("expected repeatable, once or group GROUP, got '\(token.text)'", column: token.column)
                    }
                }
                engagement.append(ScoringModel.Engagement(touchpoint: touchpoint, points: points, repeatable: repeatable, group: group))
                remember("points \(touchpoint)")
            case "cap":
                cap = try cursor.number("the cap on the total score")
            case "decay":
                switch try cursor.word("percent or expire") {
                case "percent":
                    decay.style = .percent
                    decay.percent = try cursor.number("the share lost each period (0.25 for 25 %)")
                    try cursor.keyword("every")
                    decay.periodDays = try cursor.number("the period in days")
                case "expire":
                    decay.style = .expire
                    try cursor.keyword("after")
                    decay.expireDays = try cursor.number("the age in days at which points expire")
                default:
                    throw cursor.error("expected percent or expire", column: cursor.lastColumn)
                }
                try cursor.keyword("days")
            case "mql":
                mql = try cursor.rule()
                remember("mql")
            case "mal":
                try cursor.keyword("grade")
                try cursor.keyword(">=")
                mal = try cursor.word("a grade")
                remember("mal")
            default:
                throw cursor.error(
                    "unknown directive '\(directive.text)': expected fit, grades, group, points, cap, decay, mql or mal", column: directive.column)
            }
            try cursor.expectEnd()
        }

        func model(endLine: Int) throws(ScriptError) -> ScoringModel {
            func missing(_ what: String) -> ScriptError {
                ScriptError("the scoring model has no \(what)", at: SourceLocation(file: file, line: max(1, endLine), column: 1), sourceLine: "")
            }
            guard !grades.isEmpty else { throw missing("`grades` line: expected e.g. grades A 70, B 50, C 30, D") }
            guard let mql else { throw missing("`mql` rule: expected e.g. mql score >= 50 and grade >= C") }
            // Without groups, one group holds every point and only the total cap applies.
            let groups = groups.isEmpty ? [ScoringModel.ScoreGroup(name: "all", cap: cap)] : groups
            var engagement = engagement
            for index in engagement.indices where engagement[index].group.isEmpty {
                guard groups.count == 1 else {
                    let place = lines["points \(engagement[index].touchpoint)"]!
                    throw ScriptError(
                        "points \(engagement[index].touchpoint): expected group GROUP (one of \(groups.map(\.name).joined(separator: ", ")))",
                        at: SourceLocation(file: file, line: place.number, column: place.text.count + 1), sourceLine: place.text)
                }
                engagement[index].group = groups[0].name
            }
            return ScoringModel(
                fit: fit, engagement: engagement, groups: groups, cap: cap, decay: decay, grades: grades, mql: mql,
                malMinGrade: mal ?? grades.last!.name)
        }

        /// Tokens with commas dropped and parentheses on their own.
        static func split(_ tokens: [Token]) -> [Token] {
            var result: [Token] = []
            for token in tokens {
                guard token.kind == .word else {
                    result.append(token)
                    continue
                }
                var piece = ""
                var start = token.column
                for (offset, character) in token.text.enumerated() {
                    if character == "(" || character == ")" || character == "," {
                        if !piece.isEmpty { result.append(Token(kind: .word, text: piece, column: start)) }
                        if character != "," { result.append(Token(kind: .word, text: String(character), column: token.column + offset)) }
                        piece = ""
                        start = token.column + offset + 1
                    } else {
                        piece.append(character)
                    }
                }
                if !piece.isEmpty { result.append(Token(kind: .word, text: piece, column: start)) }
            }
            return result
        }
    }
}

extension MQLRule.Comparison {
    /// As the scoring syntax writes it (`==` for equality, as in `expect`).
    var text: String { self == .equal ? "==" : rawValue }

    init?(token: String) {
        if token == "==" {
            self = .equal
        } else if let comparison = MQLRule.Comparison(rawValue: token), comparison != .equal {
            self = comparison
        } else {
            return nil
        }
    }
}

/// Reading the parts of a scoring line.
extension Cursor {
    mutating func fitTest() throws(ScriptError) -> ScoringModel.FitTest {
        let token = try next("a test: == VALUE, in VALUE, VALUE …, contains \"TEXT\" or FROM..TO")
        switch token.text {
        case "==": return .equals(try word("a value"))
        case "in":
            var values: [String] = []
            while let value = peek, value.text != "points" {
                values.append(value.text)
                advance()
            }
            guard !values.isEmpty else { throw error("expected values after 'in'", column: token.column) }
            return .oneOf(values)
        case "contains": return .contains(try word("the text to look for"))
        default:
            let bounds = token.text.components(separatedBy: "..")
            guard bounds.count == 2, let low = try? DecimalText.value(of: bounds[0]).get(), let high = try? DecimalText.value(of: bounds[1]).get(), low <= high else {
                throw error(
                    "expected a test: == VALUE, in VALUE, VALUE …, contains \"TEXT\" or FROM..TO, got '\(token.text)'", column: token.column)
            }
            return .range(low, high)
        }
    }

    /// `or` of `and`s of conditions; `matrix CELLS levels N, N …`.
    mutating func rule() throws(ScriptError) -> MQLRule {
        if peek?.text == "matrix" {
            advance()
            var cells: [String] = []
            while let token = peek, token.text != "levels" {
                cells.append(token.text)
                advance()
            }
            try keyword("levels")
            var levels: [Double] = []
            while peek != nil { levels.append(try number("a score level")) }
            guard !cells.isEmpty, !levels.isEmpty else { throw error("expected matrix CELLS levels N, N …", column: lastColumn) }
            return .matrix(cells: cells, levels: levels)
        }
        return try disjunction()
    }

    private mutating func disjunction() throws(ScriptError) -> MQLRule {
        var terms = [try conjunction()]
        while peek?.text == "or" {
            advance()
            terms.append(try conjunction())
        }
        return terms.count == 1 ? terms[0] : .any(terms)
    }

    private mutating func conjunction() throws(ScriptError) -> MQLRule {
        var terms = [try condition()]
        while peek?.text == "and" {
            advance()
            terms.append(try condition())
        }
        return terms.count == 1 ? terms[0] : .all(terms)
    }

    private mutating func condition() throws(ScriptError) -> MQLRule {
        let token = try next("a condition: score >= N, grade >= G, fit >= N, a touchpoint, or ( … )")
        switch token.text {
        case "(":
            let inner = try disjunction()
            try keyword(")")
            return inner
        case "score", "grade", "fit":
            let symbol = try next("a comparison")
            guard let comparison = MQLRule.Comparison(token: symbol.text) else {
                throw error("expected a comparison (>=, >, <=, <, ==, !=), got '\(symbol.text)'", column: symbol.column)
            }
            if token.text == "grade" { return .grade(comparison, try word("a grade")) }
            let points = try number(token.text == "score" ? "a score" : "fit points")
            return token.text == "score" ? .score(comparison, points) : .fit(comparison, points)
        default:
            return .event(token.text)
        }
    }
}
