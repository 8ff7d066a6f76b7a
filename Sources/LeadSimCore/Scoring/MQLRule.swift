/// The rule that makes a lead MQL: conditions on its engagement score, its grade and its fit
/// points, joined by `and` and `or`, and touchpoints that hand a lead over at once (hand-raisers),
/// or a fit × engagement matrix (cells such as A1, B2).
///
/// The rule is checked after every touchpoint that scores. A score may only be asked to be high
/// enough (`score >= 60`, `score > 60`), never low, so a lead that qualifies stays qualified as its
/// score rises; that makes the rule, for a lead of a given grade and fit, one score at which it
/// qualifies (`ceiling`), which is what the simulation compares after each award.
public indirect enum MQLRule: Sendable, Equatable {
    case score(Comparison, Double)
    case grade(Comparison, String)
    case fit(Comparison, Double)
    /// The touchpoint hands the lead over whatever its score (a demo request, a contact form).
    case event(String)
    /// Engagement levels by score (level 1 from `levels[0]` up, level 2 from `levels[1]`, …, the
    /// last level below all of them) against grades; a lead in a listed cell (`A1`) qualifies.
    case matrix(cells: [String], levels: [Double])
    case all([MQLRule])
    case any([MQLRule])

    public enum Comparison: String, Sendable, CaseIterable {
        case atLeast = ">=", above = ">", atMost = "<=", below = "<", equal = "=", notEqual = "!="

        func holds<T: Comparable>(_ left: T, _ right: T) -> Bool {
            switch self {
            case .atLeast: left >= right
            case .above: left > right
            case .atMost: left <= right
            case .below: left < right
            case .equal: left == right
            case .notEqual: left != right
            }
        }
    }

    /// The touchpoints that hand a lead over by themselves.
    public var events: [String] {
        switch self {
        case .event(let touchpoint): [touchpoint]
        case .any(let rules): rules.flatMap(\.events)
        default: []
        }
    }

    /// The rule without its events: what the score, grade and fit must be.
    var scoreRule: MQLRule? {
        switch self {
        case .event: return nil
        case .any(let rules):
            let kept = rules.compactMap(\.scoreRule)
            return kept.isEmpty ? nil : kept.count == 1 ? kept[0] : .any(kept)
        default: return self
        }
    }

    /// Whether the rule's result depends on fit points, which differ per lead even within a grade.
    var usesFit: Bool {
        switch self {
        case .fit: true
        case .all(let rules), .any(let rules): rules.contains(where: \.usesFit)
        default: false
        }
    }

    func validate(grades: [String], eventTouchpoints: [String], topLevel: Bool = true) throws(ScoringError) {
        switch self {
        case .score(let comparison, _):
            guard comparison == .atLeast || comparison == .above else {
                throw ScoringError(
                    "mql: score \(comparison.rawValue) …: a rising score must not undo a qualification; expected score >= N or score > N",
                    part: "mql")
            }
        case .grade(_, let grade):
            guard grades.contains(grade) else {
                throw ScoringError("mql: unknown grade '\(grade)': expected one of \(grades.joined(separator: ", "))", part: "mql")
            }
        case .fit: break
        case .event(let touchpoint):
            guard eventTouchpoints.contains(touchpoint) else {
                throw ScoringError(
                    "mql: '\(touchpoint)' cannot hand a lead over by itself: expected a score, grade or fit condition, "
                        + "or one of the touchpoints a lead starts: \(eventTouchpoints.joined(separator: ", "))", part: "mql")
            }
            guard topLevel else {
                throw ScoringError(
                    "mql: \(touchpoint) inside and/parentheses: expected hand-over touchpoints as `… or \(touchpoint)`", part: "mql")
            }
        case .matrix(let cells, let levels):
            guard !levels.isEmpty, zip(levels, levels.dropFirst()).allSatisfy({ $0 > $1 }) else {
                throw ScoringError("mql matrix: expected falling score levels, e.g. levels 75, 50, 25", part: "mql")
            }
            for cell in cells {
                guard let (_, level) = Self.split(cell: cell, grades: grades), level >= 1, level <= levels.count + 1 else {
                    throw ScoringError(
                        "mql matrix: '\(cell)' is not a cell: expected a grade (\(grades.joined(separator: ", "))) "
                            + "and a level 1 to \(levels.count + 1), e.g. \(grades[0])1", part: "mql")
                }
            }
        case .all(let rules):
            for rule in rules { try rule.validate(grades: grades, eventTouchpoints: eventTouchpoints, topLevel: false) }
        case .any(let rules):
            for rule in rules { try rule.validate(grades: grades, eventTouchpoints: eventTouchpoints, topLevel: topLevel) }
        }
    }

    /// `B2` → (B, 2), matching the longest grade name first (`A+1` with grades A+ and A).
    static func split(cell: String, grades: [String]) -> (grade: String, level: Int)? {
        for grade in grades.sorted(by: { $0.count > $1.count }) where cell.hasPrefix(grade) {
            if let level = Int(cell.dropFirst(grade.count)) { return (grade, level) }
        }
        return nil
    }

    /// The lowest score at which the rule holds for a lead of grade `gradeIndex` (0 best) with
    /// `fitPoints`: infinity if none, minus infinity if any.
    func ceiling(gradeIndex: Int, fitPoints: Double, grades: [String]) -> Double {
        switch self {
        case .score(let comparison, let points):
            return comparison == .above ? points.nextUp : points
        case .grade(let comparison, let grade):
            // A better grade has a lower index: `grade >= B` holds for A and B.
            let other = grades.firstIndex(of: grade)!
            return comparison.holds(-gradeIndex, -other) ? -.infinity : .infinity
        case .fit(let comparison, let points):
            return comparison.holds(fitPoints, points) ? -.infinity : .infinity
        case .event:
            return .infinity
        case .matrix(let cells, let levels):
            var lowest = Double.infinity
            for cell in cells {
                guard let (grade, level) = Self.split(cell: cell, grades: grades), grade == grades[gradeIndex] else { continue }
                lowest = min(lowest, level <= levels.count ? levels[level - 1] : -.infinity)
            }
            return lowest
        case .all(let rules):
            return rules.reduce(-.infinity) { max($0, $1.ceiling(gradeIndex: gradeIndex, fitPoints: fitPoints, grades: grades)) }
        case .any(let rules):
            return rules.reduce(.infinity) { min($0, $1.ceiling(gradeIndex: gradeIndex, fitPoints: fitPoints, grades: grades)) }
        }
    }
}

// MARK: - The rule's numbers as parameters

extension MQLRule {
    /// A number or grade of the rule that is a parameter, in reading order.
    struct Slot {
        var name: String
        var kind: Kind
        enum Kind { case score, grade, fit, level }
    }

    /// Parameter names of the rule's numbers and grades, in reading order: `mql.threshold` for a
    /// score, `mql.min_grade` for `grade >=` (`mql.grade` for other comparisons), `mql.min_fit`
    /// for `fit >=` (`mql.fit` otherwise), `mql.level_K` for the matrix's levels; a second one of
    /// the same name gets `_2`, and so on.
    func slots() -> [Slot] {
        var raw: [(String, Slot.Kind)] = []
        func walk(_ rule: MQLRule) {
            switch rule {
            case .score: raw.append(("mql.threshold", .score))
            case .grade(let comparison, _): raw.append((comparison == .atLeast ? "mql.min_grade" : "mql.grade", .grade))
            case .fit(let comparison, _): raw.append((comparison == .atLeast ? "mql.min_fit" : "mql.fit", .fit))
            case .matrix(_, let levels): raw += levels.indices.map { ("mql.level_\($0 + 1)", .level) }
            case .event: break
            case .all(let rules), .any(let rules): rules.forEach(walk)
            }
        }
        walk(self)
        var seen: [String: Int] = [:]
        return raw.map { name, kind in
            seen[name, default: 0] += 1
            return Slot(name: seen[name]! == 1 ? name : "\(name)_\(seen[name]!)", kind: kind)
        }
    }

    /// Keys of the rule's numbers and grades in reading order (grades read as ladder indices).
    func slotKeys(grades: [String]) -> [ParameterKey<Double>] {
        slots().map { slot in
            slot.kind == .grade
                ? ParameterKey(name: slot.name, kind: .choice(grades)) { $0 } : .number(slot.name)
        }
    }

    /// The rule's numbers and grades in reading order (grades as ladder indices).
    func literals(grades: [String]) -> [Double] {
        switch self {
        case .score(_, let points), .fit(_, let points): [points]
        case .grade(_, let grade): [Double(grades.firstIndex(of: grade) ?? 0)]
        case .matrix(_, let levels): levels
        case .event: []
        case .all(let rules), .any(let rules): rules.flatMap { $0.literals(grades: grades) }
        }
    }

    /// The rule with its numbers and grades taken from `values` in reading order.
    func replacingLiterals(_ values: [Double], grades: [String]) -> MQLRule {
        var next = 0
        func take() -> Double {
            defer { next += 1 }
            return values[next]
        }
        func walk(_ rule: MQLRule) -> MQLRule {
            switch rule {
            case .score(let comparison, _): return .score(comparison, take())
            case .grade(let comparison, _): return .grade(comparison, grades[Int(take())])
            case .fit(let comparison, _): return .fit(comparison, take())
            case .matrix(let cells, let levels): return .matrix(cells: cells, levels: levels.map { _ in take() })
            case .event: return rule
            case .all(let rules): return .all(rules.map(walk))
            case .any(let rules): return .any(rules.map(walk))
            }
        }
        return walk(self)
    }

    /// The rule's parameters, with its values as defaults, and a flag for its hand-over events.
    func parameterSpecs(grades: [String], sources: [String: String]) -> [ParameterSpec] {
        let values = literals(grades: grades)
        var specs = zip(slots(), values).map { slot, value -> ParameterSpec in
            switch slot.kind {
            case .score:
                return ParameterSpec(slot.name, unit: .points, default: value, range: 0...1000,
                                     "engagement score at which the MQL rule's condition holds", source: sources[slot.name])
            case .grade:
                return ParameterSpec(slot.name, unit: .choice, kind: .choice(grades), default: value,
                                     range: 0...Double(grades.count - 1), "fit grade in the MQL rule", source: sources[slot.name])
            case .fit:
                return ParameterSpec(slot.name, unit: .points, default: value, range: -10000...10000,
                                     "fit points in the MQL rule", source: sources[slot.name])
            case .level:
                return ParameterSpec(slot.name, unit: .points, default: value, range: 0...1000,
                                     "engagement score from which the matrix's level \(slot.name.split(separator: "_").last!) starts",
                                     source: sources[slot.name])
            }
        }
        if !events.isEmpty {
            specs.append(.flag(
                "mql.fast_track_handraisers", default: true,
                "\(events.joined(separator: " and ")) go straight to sales, whatever the score",
                source: sources["mql.fast_track_handraisers"]))
        }
        return specs
    }
}
