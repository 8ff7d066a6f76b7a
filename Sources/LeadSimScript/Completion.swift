import LeadSimCore
import LeadSimRender

/// Tab completion for the REPL, read from the same command, parameter and metric registries as the
/// parser, so the two cannot disagree.
public enum Completion {
    public enum Candidates: Equatable, Sendable {
        /// Replacements for the word being typed.
        case words([String])
        /// The word is a file name: the line editor completes it from the file system.
        case files
    }

    /// Candidates for the last word of `line` (the text before the cursor).
    public static func candidates(forLineBefore line: String, session: Session) -> Candidates {
        let endsInSpace = line.last == " " || line.last == "\t"
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let partial = endsInSpace ? "" : (words.popLast() ?? "")
        let parameters = session.parameters.specs.map(\.name)
        let metrics = Metric.all.map(\.name)
        guard let first = words.first else {
            return .words(matching(partial, CommandSpec.spellings))
        }
        let command = CommandSpec.named(first)?.name ?? first
        let position = words.count  // index of the word being typed
        switch (command, position) {
        case ("set", 1), ("reset", 1):
            return .words(dotted(partial, parameters + ["runs"]))
        case ("set", 2):
            guard let spec = try? session.parameters.spec(named: words[1]) else { return .words([]) }
            let values = spec.options.isEmpty ? [spec.format(session.parameters[spec.name])] : spec.options
            return .words(matching(partial, values))
        case ("help", 1):
            return .words(dotted(partial, CommandSpec.spellings + parameters + metrics))
        case ("expect", 1):
            return .words(dotted(partial, metrics))
        case ("expect", 2):
            return .words(matching(partial, ["<", "<=", ">", ">=", "==", "!=", "between"]))
        case ("source", 1), ("export", 2), ("report", 1), (".output", 1), (".once", 1):
            return .files
        case ("scoring", 1):
            return partial.isEmpty || "default".hasPrefix(partial) ? .words(matching(partial, ["default"])) : .files
        case ("compare", 1), ("compare", 2):
            return .words(matching(partial, ["baseline", "now"] + session.snapshots.map(\.name)))
        case ("sweep", _), ("optimise", _):
            return .words(tuning(partial, words: words, sweep: command == "sweep", parameters: parameters, metrics: metrics))
        case ("preset", 1):
            return .words(matching(partial, session.model.presets.map(\.name)))
        case ("campaign", 1):
            return .words(matching(partial, session.model.campaignTargets.touchpoints + ["leads", "clear"]))
        case ("campaign", 2) where words.count > 1 && words[1] == "leads":
            return .words(matching(partial, session.model.campaignTargets.channels))
        case ("campaign", 3) where words[1] != "leads", ("campaign", 4) where words[1] == "leads":
            return .words(matching(partial, ["weeks"]))
        case ("population", 1):
            return .words([])
        case ("population", _) where position % 2 == 0:
            return .words(matching(partial, ["seed", "weeks"].filter { !words.contains($0) }))
        case (_, 1):
            return .words(matching(partial, CommandSpec.named(command)?.words ?? []))
        default:
            return .words([])
        }
    }

    /// Sweep and optimise lines, word by word as the parser reads them: a parameter first and after
    /// `by`, `step` or `by` after a range, a metric after `maximise`, `minimise`, `subject` and
    /// `and`, a comparison after a constraint's metric; `optimise` needs its objective before
    /// `subject` and has no `show`.
    static func tuning(_ partial: String, words: [String], sweep: Bool, parameters: [String], metrics: [String]) -> [String] {
        let previous = words.last ?? "", before = words.dropLast().last ?? ""
        let comparisons = ComparisonOperator.allCases.map(\.rawValue)
        let objectives = ["maximise", "minimise"]
        let options = sweep ? objectives + ["subject", "show"] : objectives
        let isNumber = Double(previous) != nil
        func afterRange(stepGiven: Bool) -> [String] {
            (stepGiven ? [] : ["step"]) + (words.contains("by") ? [] : ["by"]) + options
        }
        switch previous {
        case _ where words.count == 1, "by":
            return dotted(partial, parameters)
        case _ where Cursor.objectiveWords.contains(previous), "subject", "and", "show":
            return dotted(partial, metrics)
        case _ where previous.contains(".."):
            return matching(partial, afterRange(stepGiven: false))
        case _ where isNumber && before == "step":
            return matching(partial, afterRange(stepGiven: true))
        case _ where isNumber && comparisons.contains(before):
            return matching(partial, ["and"] + (sweep ? options : []))
        case _ where Cursor.objectiveWords.contains(before):
            return matching(partial, sweep ? ["subject", "show"] : ["subject"])
        case _ where before == "subject" || before == "and":
            return matching(partial, comparisons)
        default:
            return []
        }
    }

    static func matching(_ partial: String, _ names: [String]) -> [String] {
        names.filter { $0.hasPrefix(partial) }
    }

    /// Dotted names complete one level at a time: `touchpoint.` offers `touchpoint.webinar.` and
    /// its siblings rather than every name below, and a full name once only one is left.
    static func dotted(_ partial: String, _ names: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        let matches = names.filter { $0.hasPrefix(partial) }
        for name in matches {
            var candidate = name
            if let dot = name[name.index(name.startIndex, offsetBy: partial.count)...].firstIndex(of: ".") {
                let level = String(name[...dot])
                // A level with a single name below it completes straight to that name.
                if matches.filter({ $0.hasPrefix(level) }).count > 1 { candidate = level }
            }
            if seen.insert(candidate).inserted { result.append(candidate) }
        }
        return result
    }
}
