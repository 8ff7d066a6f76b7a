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
        guard let spec = CommandSpec.named(word.text) else {
            throw cursor.error(
                "unknown command '\(word.text)'" + didYouMean(word.text, among: CommandSpec.all.map(\.name))
                    + ": expected a command (`help` lists them)", column: word.column)
        }
        return try spec.parse(&cursor)
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
            throw error("unknown metric '\(name)'" + didYouMean(name, among: Metric.all.map(\.name)) + ": expected a metric (see `show metrics`)",
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

    mutating func onOrOff() throws(ScriptError) -> Bool {
        let value = try word("on or off")
        guard value == "on" || value == "off" else { throw error("expected on or off, got '\(value)'", column: lastColumn) }
        return value == "on"
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
        if let extra = peek { throw error("unexpected '\(extra.text)': expected the end of the command", column: extra.column) }
    }
}
