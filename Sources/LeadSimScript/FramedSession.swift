import Foundation
import LeadSimRender

/// The REPL for programs (`leadsim framed`, under the Jupyter kernel): one session that lives
/// across requests, one JSON request a line in, and for each request its JSON lines out, ended by
/// a `done` frame — so a client always knows where one answer stops.
///
/// - `{"id": 1, "execute": "set mql.threshold 60\nrun"}` runs the text as a script in the
///   session: each command's record (`leadsim-results/1`), then `{"done": 1, "status": 0,
///   "stderr": "…"}` with the exit status `leadsim run` would give (0, 1 an expectation failed,
///   2 bad input) and what it said on standard error (messages with their carets).
/// - `{"id": 2, "complete": "set mql.thr"}` completes the last word of the text before the
///   cursor: `{"done": 2, "completions": ["mql.threshold"], "files": false}` (`files`: the word
///   is a file name, for the client to complete).
public struct FramedSession {
    public static let protocolVersion = "leadsim-framed/1"
    var session = Session()
    var requests = 0

    public init() {
        session.mode = .json
    }

    /// The answer to one request line, as lines (each a JSON object, the last the `done` frame).
    public mutating func answer(_ line: String) -> [String] {
        requests += 1
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return [Self.done(nil, status: 2, stderr: "request \(requests): expected one JSON object a line, such as {\"id\": 1, \"execute\": \"run\"}")]
        }
        let id = object["id"] as? Int
        if let code = object["execute"] as? String {
            var out: [String] = []
            var err = ""
            // Every answer is records, whatever a cell's `mode` said.
            session.mode = .json
            let status = ScriptRunner.run(
                script: code, file: "cell[\(id.map(String.init) ?? "?")]", session: &session,
                write: { out += $0.split(separator: "\n").map(String.init) }, report: { err += $0 })
            session.mode = .json
            return out + [Self.done(id, status: Int(status.rawValue), stderr: err)]
        }
        if let text = object["complete"] as? String {
            let words: [String]
            let files: Bool
            switch Completion.candidates(forLineBefore: text, session: session) {
            case .words(let found): (words, files) = (found, false)
            case .files: (words, files) = ([], true)
            }
            let list = "[" + words.map(TextTable.jsonString).joined(separator: ", ") + "]"
            return ["{\"done\": \(id.map(String.init) ?? "null"), \"completions\": \(list), \"files\": \(files)}"]
        }
        return [Self.done(id, status: 2, stderr: "request \(requests): expected an \"execute\" or a \"complete\" field")]
    }

    /// The frame that ends an answer.
    static func done(_ id: Int?, status: Int, stderr: String) -> String {
        "{\"done\": \(id.map(String.init) ?? "null"), \"status\": \(status), \"stderr\": \(TextTable.jsonString(stderr))}"
    }
}
