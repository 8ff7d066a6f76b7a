import LeadSimCore
import LeadSimData
import LeadSimRender

/// A parsed script line: its command and where it came from.
public struct Statement: Sendable, Equatable {
    public var command: Command
    public var location: SourceLocation
    public var sourceLine: String
    /// Column of each argument after the command word, for messages about them.
    public var argumentColumns: [Int]

    func error(_ message: String, argument: Int? = nil) -> ScriptError {
        var at = location
        if let argument, argument < argumentColumns.count { at.column = argumentColumns[argument] }
        return ScriptError(message, at: at, sourceLine: sourceLine)
    }
}

/// Turns script text into statements. Syntax and metric names are checked here, so that a typo on
/// line 50 is reported before a long run; parameter names are checked against the model in force
/// when the line runs.
public enum Parser {
    /// Parses one line; nil for a blank or comment line.
    public static func parse(line: String, location: SourceLocation) throws(ScriptError) -> Statement? {
        let tokens = try Lexer.tokens(of: line, location: location)
        guard let first = tokens.first else { return nil }
        var start = location
        start.column = first.column
        let arguments = Array(tokens.dropFirst())
        var cursor = Cursor(tokens: arguments, statementStart: start, line: line, end: line.count + 1)
        let command = try parseCommand(first, &cursor)
        try cursor.expectEnd()
        return Statement(command: command, location: start, sourceLine: line, argumentColumns: arguments.map(\.column))
    }

    /// Parses a whole script, collecting every syntax error rather than stopping at the first.
    public static func parse(script: String, file: String) -> (statements: [Statement], errors: [ScriptError]) {
        var statements: [Statement] = []
        var errors: [ScriptError] = []
        var text = script
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var pending: (text: String, line: Int)?
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            // A line ending in a backslash continues on the next; the statement is reported at its
            // first line.
            let joined = (pending?.text ?? "") + line
            let start = pending?.line ?? index + 1
            if let body = continuedLine(joined) {
                pending = (body, start)
                continue
            }
            pending = nil
            do {
                if let statement = try parse(line: joined, location: SourceLocation(file: file, line: start, column: 1)) {
                    statements.append(statement)
                }
            } catch {
                errors.append(error)
            }
        }
        if let pending {
            let location = SourceLocation(file: file, line: pending.line, column: pending.text.count + 1)
            errors.append(ScriptError("the file ends after a continuation backslash: expected another line", at: location, sourceLine: pending.text))
        }
        return (statements, errors)
    }

    /// The line without its trailing backslash when it continues on the next line (outside a
    /// comment), nil otherwise.
    public static func continuedLine(_ line: some StringProtocol) -> String? {
        var text = String(line)
        while text.last == " " || text.last == "\t" || text.last == "\r" { text.removeLast() }
        guard text.hasSuffix("\\") else { return nil }
        var inString = false
        for character in text.dropLast() {
            if character == "\"" { inString.toggle() }
            if character == "#" && !inString { return nil }
        }
        return String(text.dropLast()) + " "
    }

    private static func parseCommand(_ word: Token, _ cursor: inout Cursor) throws(ScriptError) -> Command {
        guard word.kind == .word else { throw cursor.error("expected a command, got '\(word.text)'", column: word.column) }
        switch word.text {
        case "model":
            return .model(name: cursor.peek == nil ? nil : try cursor.word("a model name (\(Models.names.joined(separator: ", ")))"))
        case "population":
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
        case "set":
            let name = try cursor.word("a parameter name")
            return .set(parameter: name, value: try cursor.word("a value for \(name)"))
        case "reset":
            return .reset(parameter: cursor.peek == nil ? nil : try cursor.word("a parameter name"))
        case "preset":
            return .preset(name: try cursor.word("a preset name (see `show presets`)"))
        case "campaign":
            // The model checks the names: what a campaign may target is the model's to say.
            let first = try cursor.word("a touchpoint name, 'leads CHANNEL' or 'clear'")
            if first == "clear" { return .clearCampaigns }
            let target: Campaign.Target = first == "leads" ? .channel(try cursor.word("a channel name")) : .touchpoint(first)
            let factorToken = try cursor.next("a factor like x2")
            guard factorToken.text.hasPrefix("x"), let factor = try? DecimalText.value(of: String(factorToken.text.dropFirst())).get(), factor >= 0
            else { throw cursor.error("expected a factor like x2 or x0.5, got '\(factorToken.text)'", column: factorToken.column) }
            try cursor.keyword("weeks")
            let span = try cursor.next("a span of weeks like 4..8")
            let bounds = span.text.components(separatedBy: "..")
            guard bounds.count == 2, let from = try? DecimalText.value(of: String(bounds[0])).get(), let to = try? DecimalText.value(of: String(bounds[1])).get(),
                  from >= 0, to > from else {
                throw cursor.error("expected a span of weeks FROM..TO with FROM < TO, like 4..8, got '\(span.text)'", column: span.column)
            }
            if case .channel = target, factor < 1 {
                throw cursor.error("a lead campaign adds leads: expected a factor of at least x1, got '\(factorToken.text)'", column: factorToken.column)
            }
            return .campaign(Campaign(target, multiplier: factor, startWeek: from, endWeek: to))
        case "run":
            return .run
        case "show":
            let value = try cursor.oneOf(ShowTopic.self, verb: "show")
            return .show(value)
        case "expect":
            let name = try cursor.word("a metric name (see `show metrics`)")
            guard Figure.parse(name) != nil else {
                throw cursor.error(
                    "unknown metric '\(name)'" + didYouMean(name, among: Figure.knownNames, otherwise: " (see `show metrics`)"),
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
        case "quit", "exit", ".quit", ".exit", "\\q":
            return .quit
        case ".output":
            return .output(path: cursor.peek == nil ? nil : try cursor.word("a file to print to"), once: false)
        case ".once":
            return .output(path: try cursor.word("a file for the next command's results"), once: true)
        case "echo":
            var words: [String] = []
            while let token = cursor.peek { words.append(token.text); cursor.advance() }
            return .echo(words.joined(separator: " "))
        case "baseline":
            if cursor.peek == nil { return .baseline(clear: false) }
            try cursor.keyword("clear")
            return .baseline(clear: true)
        case "snapshot":
            let name = try cursor.word("a name for the snapshot")
            guard !Session.reservedSnapshotNames.contains(name) else {
                throw cursor.error("'\(name)' names a configuration already: expected another name", column: cursor.lastColumn)
            }
            return .snapshot(name: name)
        case "compare":
            let first = cursor.peek == nil ? nil : try cursor.word("a snapshot name, baseline or now")
            let second = cursor.peek == nil ? nil : try cursor.word("a snapshot name, baseline or now")
            return .compare(first: first, second: second)
        case "sweep":
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
                            throw cursor.error("unknown metric '\(word)' (see `show metrics`)", column: list.column)
                        }
                        return metric.name
                    }
                default:
                    throw cursor.error(
                        "expected 'step', 'by', 'maximise', 'minimise', 'subject' or 'show', got '\(option.text)'", column: option.column)
                }
            }
            return .sweep(SweepRequest(ranges: ranges, objective: objective, constraints: constraints, metrics: metrics))
        case "optimise", "optimize":
            let ranges = try cursor.ranges()
            guard let next = cursor.peek, Cursor.objectiveWords.contains(next.text) else {
                throw cursor.error(
                    "expected 'maximise METRIC' or 'minimise METRIC'" + (cursor.peek.map { ", got '\($0.text)'" } ?? ""),
                    column: cursor.peek?.column ?? cursor.end)
            }
            let objective = try cursor.objective()
            let constraints = cursor.peek == nil ? [] : try cursor.constraints()
            return .optimise(OptimiseRequest(ranges: ranges, objective: objective, constraints: constraints))
        case "export":
            let value = try cursor.oneOf(ExportTable.self, verb: "export")
            let path = try cursor.word("a file name ending in .csv or .json")
            guard path.hasSuffix(".csv") || path.hasSuffix(".json") else {
                throw cursor.error("expected a file name ending in .csv or .json, got '\(path)'", column: cursor.lastColumn)
            }
            return .export(value, path: path)
        case "report":
            let path = try cursor.word("a file name ending in .html")
            guard path.hasSuffix(".html") || path.hasSuffix(".htm") else {
                throw cursor.error("expected a file name ending in .html, got '\(path)'", column: cursor.lastColumn)
            }
            return .report(path: path)
        case "undo":
            return .undo
        case "diff":
            if cursor.peek == nil { return .diff(againstBaseline: false) }
            try cursor.keyword("baseline")
            return .diff(againstBaseline: true)
        case "help":
            return .help(topic: cursor.peek == nil ? nil : try cursor.word("a command, parameter or metric name"))
        case "mode":
            guard cursor.peek != nil else { return .mode(nil) }
            let modes = OutputMode.allCases.map(\.rawValue)
            let name = try cursor.word("an output mode (\(modes.joined(separator: ", ")))")
            guard let mode = OutputMode(rawValue: name) else {
                throw cursor.error("unknown mode '\(name)': expected one of \(modes.joined(separator: ", "))" + didYouMean(name, among: modes), column: cursor.lastColumn)
            }
            return .mode(mode)
        case "timer":
            let value = try cursor.word("on or off")
            guard value == "on" || value == "off" else {
                throw cursor.error("expected on or off, got '\(value)'", column: cursor.lastColumn)
            }
            return .timer(on: value == "on")
        case "source", ".read":
            return .source(path: try cursor.word("a file name"))
        case "scoring":
            let path = try cursor.word("a scoring file, or default")
            return .scoring(path: path == "default" ? nil : path)
        case "generate":
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
        case "replay":
            return .replay
        case "backtest":
            return .backtest(from: try cursor.word("the first day of the weeks to predict (YYYY-MM-DD)"))
        case "calibrate":
            return .calibrate
        case "fit":
            let metric = try cursor.word("a metric (see `show metrics`)")
            let target = try cursor.number("the value the metric should reach")
            var parameter: String?
            if cursor.peek != nil {
                try cursor.keyword("by")
                parameter = try cursor.word("the parameter to solve for")
            }
            return .fit(metric: metric, target: target, parameter: parameter)
        case "load":
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
        case "trace":
            return .trace(lead: try cursor.integer("a lead's number (0 is the first lead of the window)", range: 0...Int(Int32.max)))
        default:
            throw cursor.error(
                "unknown command '\(word.text)'" + didYouMean(word.text, among: CommandSpec.all.map(\.name))
                    + ": expected a command (`help` lists them)", column: word.column)
        }
    }
}

/// Reads the arguments of one statement, with messages that name what was expected.
struct Cursor {
    let tokens: [Token]
    let statementStart: SourceLocation
    let line: String
    let end: Int
    var position = 0
    var lastColumn: Int

    init(tokens: [Token], statementStart: SourceLocation, line: String, end: Int) {
        self.tokens = tokens
        self.statementStart = statementStart
        self.line = line
        self.end = end
        lastColumn = statementStart.column
    }

    var peek: Token? { position < tokens.count ? tokens[position] : nil }

    mutating func advance() { position += 1 }

    func error(_ message: String, column: Int) -> ScriptError {
        var at = statementStart
        at.column = column
        return ScriptError(message, at: at, sourceLine: line)
    }

    mutating func next(_ expected: String) throws(ScriptError) -> Token {
        guard let token = peek else { throw error("expected \(expected)", column: end) }
        position += 1
        lastColumn = token.column
        return token
    }

    mutating func word(_ expected: String) throws(ScriptError) -> String {
        let token = try next(expected)
        guard token.kind != .comparison else { throw error("expected \(expected), got '\(token.text)'", column: token.column) }
        return token.text
    }

    mutating func keyword(_ keyword: String) throws(ScriptError) {
        let token = try next("'\(keyword)'")
        guard token.text == keyword else { throw error("expected '\(keyword)', got '\(token.text)'", column: token.column) }
    }

    mutating func number(_ expected: String) throws(ScriptError) -> Double {
        let token = try next(expected)
        switch DecimalText.value(of: token.text) {
        case .success(let value): return value
        case .failure(.notDecimal): throw error("expected \(expected) (a decimal number), got '\(token.text)'", column: token.column)
        case .failure(.underflow): throw error("expected \(expected): '\(token.text)' is too small to tell from zero", column: token.column)
        case .failure(.overflow): throw error("expected \(expected): '\(token.text)' is too large for a number", column: token.column)
        }
    }

    mutating func integer(_ expected: String, range: ClosedRange<Int>) throws(ScriptError) -> Int {
        let token = try next(expected)
        guard let value = Int(token.text.replacingOccurrences(of: "_", with: "")) else {
            throw error("expected \(expected) (a whole number), got '\(token.text)'", column: token.column)
        }
        guard range.contains(value) else {
            throw error("expected \(expected) from \(range.lowerBound) to \(range.upperBound), got \(value)", column: token.column)
        }
        return value
    }

    /// One of a closed set of words (`show funnel`, `export sweep`), with a suggestion for a typo.
    mutating func oneOf<Choice: CaseIterable & RawRepresentable>(_: Choice.Type, verb: String) throws(ScriptError) -> Choice
    where Choice.RawValue == String {
        let names = Choice.allCases.map(\.rawValue)
        let given = try word("what to \(verb) (\(names.joined(separator: ", ")))")
        guard let choice = Choice(rawValue: given) else {
            throw error(
                "cannot \(verb) '\(given)': expected one of \(names.joined(separator: ", "))"
                    + didYouMean(given, among: names), column: lastColumn)
        }
        return choice
    }

    /// A comparison operator, or an error that also names the `alternative` word.
    mutating func comparison(orWord alternative: String? = nil) throws(ScriptError) -> ComparisonOperator {
        let expected = "a comparison (<, <=, >, >=, ==, !=)" + (alternative.map { " or '\($0)'" } ?? "")
        let token = try next(expected)
        guard token.kind == .comparison, let op = ComparisonOperator(rawValue: token.text) else {
            throw error("expected \(expected), got '\(token.text)'", column: token.column)
        }
        return op
    }

    /// A metric name (full, or its unique last part).
    mutating func metric() throws(ScriptError) -> Metric {
        let name = try word("a metric name (see `show metrics`)")
        guard let metric = Metric.resolve(name) else {
            throw error("unknown metric '\(name)'" + didYouMean(name, among: Metric.all.map(\.name), otherwise: " (see `show metrics`)"),
                        column: lastColumn)
        }
        return metric
    }

    /// `PARAMETER FROM..TO [step S]`; the parameter's name is checked when the line runs, against
    /// the model then in force.
    mutating func range() throws(ScriptError) -> RangeRequest {
        let argument = position
        let parameter = try word("a parameter name")
        let span = try next("a range FROM..TO, like 40..90")
        if span.text.contains("...") {
            throw error("expected a range with two dots, FROM..TO (like 40..90), got '\(span.text)'", column: span.column)
        }
        let bounds = span.text.components(separatedBy: "..")
        guard bounds.count == 2, let from = try? DecimalText.value(of: String(bounds[0])).get(),
              let to = try? DecimalText.value(of: String(bounds[1])).get()
        else {
            throw error("expected a range FROM..TO of numbers, like 40..90, got '\(span.text)'", column: span.column)
        }
        guard from < to else {
            throw error("the range \(span.text) runs backwards or is empty: expected FROM below TO, like \(formatNumber(min(from, to)))..\(formatNumber(max(from, to)))", column: span.column)
        }
        var step: Double?
        if peek?.text == "step" {
            advance()
            let value = try number("the step")
            guard value > 0 else { throw error("expected a positive step, got \(formatNumber(value))", column: lastColumn) }
            step = value
        }
        return RangeRequest(parameter: parameter, from: from, to: to, step: step, argument: argument)
    }

    /// One range, or two joined by `by`: the parameters a sweep or `optimise` moves.
    mutating func ranges() throws(ScriptError) -> [RangeRequest] {
        var ranges = [try range()]
        if peek?.text == "by" {
            advance()
            ranges.append(try range())
        }
        return ranges
    }

    /// The words that start an objective.
    static let objectiveWords: Set<String> = ["maximise", "maximize", "minimise", "minimize"]

    /// `maximise METRIC` or `minimise METRIC` (or the -ize spellings).
    mutating func objective() throws(ScriptError) -> Objective {
        let word = try word("'maximise' or 'minimise'")
        let direction: Objective.Direction = word.hasPrefix("max") ? .maximise : .minimise
        return Objective(direction, try metric().name)
    }

    /// `subject METRIC OP NUMBER [and METRIC OP NUMBER]...`
    mutating func constraints() throws(ScriptError) -> [Constraint] {
        try keyword("subject")
        var constraints: [Constraint] = []
        repeat {
            if !constraints.isEmpty { advance() }
            let metric = try metric()
            let op = try comparison()
            constraints.append(Constraint(metric.name, op, try number("a bound")))
        } while peek?.text == "and"
        return constraints
    }

    func expectEnd() throws(ScriptError) {
        if let extra = peek { throw error("unexpected '\(extra.text)' at the end of the command", column: extra.column) }
    }
}
