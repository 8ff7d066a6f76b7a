import LeadSimCore

/// Runs scenario files with the exit-status rules of `leadsim run`.
public enum ScriptRunner {
    public enum Status: Int32, Sendable {
        case passed = 0
        case expectationFailed = 1
        case inputError = 2
    }

    /// Runs one script's text: prints command output with `write`, messages with `report`.
    /// Syntax errors anywhere stop the file before anything runs.
    public static func run(
        script: String, file: String, session: inout Session,
        write: (String) -> Void, report: (String) -> Void
    ) -> Status {
        let parsed = Parser.parse(script: script, file: file)
        if !parsed.errors.isEmpty {
            for error in parsed.errors { report(error.description + "\n") }
            return .inputError
        }
        var status = Status.passed
        for statement in parsed.statements {
            let outcome = execute(statement, in: &session, write: write, report: report)
            if outcome == .inputError { return .inputError }
            if outcome == .expectationFailed { status = .expectationFailed }
        }
        return status
    }

    /// Carries out one statement, printing its output; says how it went.
    public static func execute(
        _ statement: Statement, in session: inout Session, write: (String) -> Void, report: (String) -> Void
    ) -> Status {
        do {
            var status = Status.passed
            for output in try session.execute(statement) {
                switch output {
                case .text(let text): write(text)
                case .expectation(let passed, let message):
                    if passed {
                        write(message + "\n")
                    } else {
                        report(message + "\n")
                        status = .expectationFailed
                    }
                }
            }
            return status
        } catch {
            report(error.description + "\n")
            return .inputError
        }
    }
}
