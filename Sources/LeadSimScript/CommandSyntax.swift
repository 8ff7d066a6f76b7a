import LeadSimCore
import LeadSimData
import LeadSimRender

/// The syntax of each command: how its arguments read. `CommandSpec.all` names these beside the
/// command's usage and help, so the parser, `help` and completion read one table.
enum Syntax {
    static func model(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .model(name: cursor.peek == nil ? nil : try cursor.word("a model name (\(Models.names.joined(separator: ", ")))"))
    }

    static func population(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let leads = try cursor.integer("the number of leads", range: 1...50_000_000)
        var seed: UInt64?
        var weeks: Int?
        while let option = cursor.peek {
            if (option.text == "seed" && seed != nil) || (option.text == "weeks" && weeks != nil) {
                throw cursor.error("'\(option.text)' given twice: expected it once", column: option.column)
            }
            switch option.text {
            case "seed":
                cursor.advance()
                seed = UInt64(try cursor.integer("a seed", range: 0...Int.max))
            case "weeks":
                cursor.advance()
                weeks = try cursor.integer("the horizon in weeks", range: 1...520)
            default:
                throw cursor.error("expected 'seed N' or 'weeks N', got '\(option.text)'", column: option.column)
            }
        }
        return .population(leads: leads, seed: seed, weeks: weeks)
    }

    static func set(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let name = try cursor.word("a parameter name")
        return .set(parameter: name, value: try cursor.word("a value for \(name)"))
    }

    static func reset(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .reset(parameter: cursor.peek == nil ? nil : try cursor.word("a parameter name"))
    }

    static func preset(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .preset(name: try cursor.word("a preset name (see `show presets`)"))
    }

    static func campaign(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        // The model checks the names: what a campaign may target is the model's to say.
        let first = try cursor.word("a touchpoint name, 'leads CHANNEL' or 'clear'")
        if first == "clear" { return .clearCampaigns }
        let target: Campaign.Target = first == "leads" ? .channel(try cursor.word("a channel name")) : .touchpoint(first)
        let factorToken = try cursor.next("a factor like x2")
        guard factorToken.text.hasPrefix("x"), let factor = try? DecimalText.value(of: String(factorToken.text.dropFirst())).get(),
              Campaign.multipliers.contains(factor)
        else {
            throw cursor.error(
                "expected a factor from x\(formatNumber(Campaign.multipliers.lowerBound)) to x\(formatNumber(Campaign.multipliers.upperBound)), "
                    + "like x2 or x0.5, got '\(factorToken.text)'", column: factorToken.column)
        }
        try cursor.keyword("weeks")
        let span = try cursor.next("a span of weeks like 4..8")
        let bounds = span.text.components(separatedBy: "..")
        guard bounds.count == 2, let from = try? DecimalText.value(of: String(bounds[0])).get(), let to = try? DecimalText.value(of: String(bounds[1])).get(),
              from >= 0, to > from else {
            throw cursor.error("expected a span of weeks FROM..TO with FROM < TO, like 4..8, got '\(span.text)'", column: span.column)
        }
        if case .channel = target, factor < 1 {
            throw cursor.error("a lead campaign adds leads: expected a factor from x1 to x\(formatNumber(Campaign.multipliers.upperBound)), got '\(factorToken.text)'", column: factorToken.column)
        }
        return .campaign(Campaign(target, multiplier: factor, startWeek: from, endWeek: to))
    }

    static func run(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .run
    }

    static func show(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let value = try cursor.oneOf(ShowTopic.self, verb: "show")
        return .show(value)
    }

    static func expect(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let name = try cursor.word("a metric name (see `show metrics`)")
        guard Figure.parse(name) != nil else {
            throw cursor.error(
                "unknown metric '\(name)'" + didYouMean(name, among: Figure.knownNames) + ": expected a metric (see `show metrics`)",
                column: cursor.lastColumn)
        }
        if cursor.peek?.text == "between" {
            cursor.advance()
            let low = try cursor.number("the lower bound")
            try cursor.keyword("and")
            let high = try cursor.number("the upper bound")
            guard low <= high else { throw cursor.error("expected LOW <= HIGH, got \(formatNumber(low)) and \(formatNumber(high))", column: cursor.lastColumn) }
            return .expect(Expectation(metric: name, check: .between(low, high)))
        }
        let op = try cursor.comparison(orWord: "between")
        return .expect(Expectation(metric: name, check: .compare(op, try cursor.number("the value to compare with"))))
    }

    static func quit(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .quit
    }

    static func output(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .output(path: cursor.peek == nil ? nil : try cursor.word("a file to print to"), once: false)
    }

    static func once(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .output(path: try cursor.word("a file for the next command's results"), once: true)
    }

    static func echo(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        var words: [String] = []
        while let token = cursor.peek { words.append(token.text); cursor.advance() }
        return .echo(words.joined(separator: " "))
    }

    static func baseline(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        if cursor.peek == nil { return .baseline(clear: false) }
        try cursor.keyword("clear")
        return .baseline(clear: true)
    }

    static func snapshot(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let name = try cursor.word("a name for the snapshot")
        guard !Session.reservedSnapshotNames.contains(name) else {
            throw cursor.error("'\(name)' names a configuration already: expected another name", column: cursor.lastColumn)
        }
        return .snapshot(name: name)
    }

    static func compare(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let first = cursor.peek == nil ? nil : try cursor.word("a snapshot name, baseline or now")
        let second = cursor.peek == nil ? nil : try cursor.word("a snapshot name, baseline or now")
        return .compare(first: first, second: second)
    }

    static func sweep(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let ranges = try cursor.ranges()
        var objective = Objective.default
        var constraints: [Constraint] = []
        var metrics: [String] = []
        while let option = cursor.peek {
            switch option.text {
            case _ where Cursor.objectiveWords.contains(option.text): objective = try cursor.objective()
            case "subject": constraints = try cursor.constraints()
            case "show":
                cursor.advance()
                let list = try cursor.next("metric names separated by commas, like won,sql")
                metrics = try list.text.split(separator: ",", omittingEmptySubsequences: false).map { word throws(ScriptError) in
                    guard let metric = Metric.resolve(String(word)) else {
                        throw cursor.error("unknown metric '\(word)'" + didYouMean(String(word), among: Metric.all.map(\.name)) + ": expected a metric (see `show metrics`)", column: list.column)
                    }
                    return metric.name
                }
            default:
                throw cursor.error(
                    "expected 'step', 'by', 'maximise', 'minimise', 'subject' or 'show', got '\(option.text)'", column: option.column)
            }
        }
        return .sweep(SweepRequest(ranges: ranges, objective: objective, constraints: constraints, metrics: metrics))
    }

    static func optimise(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let ranges = try cursor.ranges()
        guard let next = cursor.peek, Cursor.objectiveWords.contains(next.text) else {
            throw cursor.error(
                "expected 'maximise METRIC' or 'minimise METRIC'" + (cursor.peek.map { ", got '\($0.text)'" } ?? ""),
                column: cursor.peek?.column ?? cursor.end)
        }
        let objective = try cursor.objective()
        let constraints = cursor.peek == nil ? [] : try cursor.constraints()
        return .optimise(OptimiseRequest(ranges: ranges, objective: objective, constraints: constraints))
    }

    static func export(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let value = try cursor.oneOf(ExportTable.self, verb: "export")
        let path = try cursor.word("a file name ending in .csv or .json")
        guard path.hasSuffix(".csv") || path.hasSuffix(".json") else {
            throw cursor.error("expected a file name ending in .csv or .json, got '\(path)'", column: cursor.lastColumn)
        }
        return .export(value, path: path)
    }

    static func report(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let path = try cursor.word("a file name ending in .html")
        guard path.hasSuffix(".html") || path.hasSuffix(".htm") else {
            throw cursor.error("expected a file name ending in .html, got '\(path)'", column: cursor.lastColumn)
        }
        return .report(path: path)
    }

    static func undo(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .undo
    }

    static func diff(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        if cursor.peek == nil { return .diff(againstBaseline: false) }
        try cursor.keyword("baseline")
        return .diff(againstBaseline: true)
    }

    static func help(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .help(topic: cursor.peek == nil ? nil : try cursor.word("a command, parameter or metric name"))
    }

    static func mode(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        guard cursor.peek != nil else { return .mode(nil) }
        let modes = OutputMode.allCases.map(\.rawValue)
        let name = try cursor.word("an output mode (\(modes.joined(separator: ", ")))")
        guard let mode = OutputMode(rawValue: name) else {
            throw cursor.error("unknown mode '\(name)': expected one of \(modes.joined(separator: ", "))" + didYouMean(name, among: modes), column: cursor.lastColumn)
        }
        return .mode(mode)
    }

    static func timer(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        .timer(on: try cursor.onOrOff())
    }

    static func changes(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        .changes(on: try cursor.onOrOff())
    }

    static func save(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let path = try cursor.word("a file name for the script")
        return .save(path: path)
    }

    static func source(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .source(path: try cursor.word("a file name"))
    }

    static func scoring(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let path = try cursor.word("a scoring file, or default")
        return .scoring(path: path == "default" ? nil : path)
    }

    static func generate(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        var options = GenerateOptions(directory: try cursor.word("a directory to write the dataset to"))
        while let option = cursor.peek {
            cursor.advance()
            options.arguments[option.text] = cursor.position
            switch option.text {
            case "leads": options.leads = try cursor.integer("the number of leads", range: 1...50_000_000)
            case "seed": options.seed = UInt64(try cursor.integer("a seed", range: 0...Int.max))
            case "weeks": options.weeks = try cursor.integer("the horizon in weeks", range: 1...520)
            case "format": options.format = try cursor.word("a format (csv or jsonl)")
            case "locale": options.locales = try cursor.word("locales (en, de or en,de)").split(separator: ",").map(String.init)
            case "start": options.startDate = try cursor.word("the window's first day, a Monday (YYYY-MM-DD)")
            case "dirty": options.dirtyRate = try cursor.number("the rate of each kind of dirt, a fraction from 0 to 0.5")
            default:
                throw cursor.error(
                    "expected leads, seed, weeks, format, locale, start or dirty, got '\(option.text)'", column: option.column)
            }
        }
        return .generate(options)
    }

    static func replay(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .replay
    }

    static func backtest(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .backtest(from: try cursor.word("the first day of the weeks to predict (YYYY-MM-DD)"))
    }

    static func calibrate(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .calibrate
    }

    static func fit(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        let metric = try cursor.word("a metric (see `show metrics`)")
        let target = try cursor.number("the value the metric should reach")
        var parameter: String?
        if cursor.peek != nil {
            try cursor.keyword("by")
            parameter = try cursor.word("the parameter to solve for")
        }
        return .fit(metric: metric, target: target, parameter: parameter)
    }

    static func load(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        /// `strict` or `skip`, and `pseudonymise`, in either order.
        func options() throws(ScriptError) -> (skip: Bool, pseudonymise: Bool) {
            var (skip, pseudonymise) = (false, false)
            while let word = cursor.peek {
                cursor.advance()
                if word.text == "pseudonymise" || word.text == "pseudonymize" {
                    pseudonymise = true
                } else if let chosen = ImportPolicy(rawValue: word.text) {
                    skip = chosen == .skip
                } else {
                    throw cursor.error("expected strict, skip or pseudonymise, got '\(word.text)'", column: word.column)
                }
            }
            return (skip, pseudonymise)
        }
        if let table = cursor.peek?.text, table == "events" || table == "opportunities" {
            cursor.advance()
            let path = try cursor.word("the \(table) export's file name")
            try cursor.keyword("map")
            let mapping = try cursor.word("the mapping file's name")
            let (skip, pseudonymise) = try options()
            if pseudonymise {
                throw cursor.error("\(table) take the pseudonyms of their leads: expected `pseudonymise` on `load leads`", column: cursor.end)
            }
            return table == "events"
                ? .loadEvents(path: path, mapping: mapping, skipBadRows: skip)
                : .loadOpportunities(path: path, mapping: mapping, skipBadRows: skip)
        }
        guard cursor.peek?.text == "leads" else {
            let directory = try cursor.word("`leads FILE map MAPPING`, or a directory `generate` wrote")
            let (skip, pseudonymise) = try options()
            return .loadPackage(path: directory, skipBadRows: skip, pseudonymise: pseudonymise)
        }
        cursor.advance()
        let path = try cursor.word("the export's file name")
        try cursor.keyword("map")
        let mapping = try cursor.word("the mapping file's name")
        let (skip, pseudonymise) = try options()
        return .loadLeads(path: path, mapping: mapping, skipBadRows: skip, pseudonymise: pseudonymise)
    }

    static func trace(_ cursor: inout Cursor) throws(ScriptError) -> Command {
        return .trace(lead: try cursor.integer("a lead's number (0 is the first lead of the window)", range: 0...Int(Int32.max)))
    }
}
