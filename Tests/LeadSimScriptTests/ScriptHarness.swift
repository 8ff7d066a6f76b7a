@testable import LeadSimScript

/// What a script printed and how it ended, as `leadsim run` would report it.
struct ScriptOutcome {
    var status: ScriptRunner.Status
    var out: String
    var err: String
}

/// Runs `script` as the file `file` in a fresh session (or the given one).
func runScript(_ script: String, file: String, in session: inout Session) -> ScriptOutcome {
    var out = ""
    var err = ""
    let status = ScriptRunner.run(script: script, file: file, session: &session, write: { out += $0 }, report: { err += $0 })
    return ScriptOutcome(status: status, out: out, err: err)
}

func runScript(_ script: String, file: String) -> ScriptOutcome {
    var session = Session()
    return runScript(script, file: file, in: &session)
}
