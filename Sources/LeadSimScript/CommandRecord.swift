import LeadSimRender

/// One command's results as one JSON object on one line: what `mode json` prints and `leadsim
/// run --json` streams. The shape is `schemas/leadsim-results.schema.json`; `schema` names its
/// version, which changes only when a field changes meaning or goes away.
struct CommandRecord {
    static let schema = "leadsim-results/1"

    /// The command word (`run`, `sweep`); nil for a line that did not parse.
    var command: String?
    /// The statement as written, and where.
    var text: String
    var file: String
    var line: Int
    /// `ok`, `expectation_failed` or `error`.
    var status = "ok"
    var tables: [TextTable] = []
    /// What the command says in prose, a line each.
    var messages: [String] = []
    var expectation: (passed: Bool, message: String)?
    /// Files it wrote (exports, reports, datasets).
    var files: [String] = []
    var error: ScriptError?

    init(command: String?, text: String, file: String, line: Int) {
        self.command = command
        self.text = text
        self.file = file
        self.line = line
    }

    init(_ statement: Statement) {
        let text = statement.sourceLine.trimmingCharacters(in: .whitespaces)
        self.init(
            command: text.split(separator: " ", maxSplits: 1).first.map(String.init), text: text, file: statement.location.file,
            line: statement.location.line)
    }

    mutating func fail(_ error: ScriptError) {
        status = "error"
        self.error = error
    }

    var json: String {
        func string(_ text: String?) -> String { text.map(TextTable.jsonString) ?? "null" }
        var fields = [
            "\"schema\": \(string(Self.schema))", "\"command\": \(string(command))", "\"text\": \(string(text))",
            "\"file\": \(string(file))", "\"line\": \(line)", "\"status\": \(string(status))",
            "\"tables\": [" + tables.map(\.jsonObject).joined(separator: ", ") + "]",
            "\"messages\": [" + messages.map(string).joined(separator: ", ") + "]",
        ]
        fields.append(
            "\"expectation\": "
                + (expectation.map { "{\"passed\": \($0.passed), \"message\": \(string($0.message))}" } ?? "null"))
        fields.append("\"files\": [" + files.map(string).joined(separator: ", ") + "]")
        fields.append(
            "\"error\": "
                + (error.map {
                    "{\"file\": \(string($0.location.file)), \"line\": \($0.location.line), \"column\": \($0.location.column), \"message\": \(string($0.message))}"
                } ?? "null"))
        return "{" + fields.joined(separator: ", ") + "}"
    }
}
