import Foundation
import LeadSimCore
import LeadSimData
import LeadSimRender

/// Runs statements and scenario files with the exit-status rules of `leadsim run`, printing
/// tables in the session's output mode.
public enum ScriptRunner {
    public enum Status: Int32, Sendable {
        case passed = 0
        case expectationFailed = 1
        case inputError = 2
        /// Stopped from outside (Ctrl-C, SIGTERM) through the session's cancellation flag; the
        /// executable exits with 128 + the signal's number.
        case interrupted = 130
    }

    /// How deep `source` may nest before it is taken for a loop.
    static let sourceDepthLimit = 16

    /// Runs one script's text: prints command output with `write`, messages with `report`.
    /// Syntax errors anywhere stop the file before anything runs.
    public static func run(
        script: String, file: String, session: inout Session,
        write: (String) -> Void, report: (String) -> Void
    ) -> Status {
        run(script: script, file: file, session: &session, write: write, report: report, depth: 0)
    }

    static func run(
        script: String, file: String, session: inout Session,
        write: (String) -> Void, report: (String) -> Void, depth: Int
    ) -> Status {
        let parsed = Parser.parse(script: script, file: file)
        if !parsed.errors.isEmpty {
            for error in parsed.errors {
                report(error.description + "\n")
                if session.mode == .json {
                    var record = CommandRecord(command: nil, text: error.sourceLine, file: error.location.file, line: error.location.line)
                    record.fail(error)
                    write(record.json + "\n")
                }
            }
            return .inputError
        }
        // A script states its own runs: no what-if runs after each change inside it.
        let showsChanges = session.showsChanges
        session.showsChanges = false
        defer { session.showsChanges = showsChanges }
        var status = Status.passed
        for statement in parsed.statements {
            if statement.command == .quit { break }
            if session.options.cancellation?.isSet == true { return .interrupted }
            let outcome = execute(statement, in: &session, write: write, report: report, depth: depth)
            if session.options.cancellation?.isSet == true { return .interrupted }
            if outcome == .inputError { return .inputError }
            if outcome == .expectationFailed { status = .expectationFailed }
        }
        return status
    }

    /// Carries out one statement, printing its output; says how it went.
    public static func execute(
        _ statement: Statement, in session: inout Session, write: (String) -> Void, report: (String) -> Void
    ) -> Status {
        execute(statement, in: &session, write: write, report: report, depth: 0)
    }

    static func execute(
        _ statement: Statement, in session: inout Session, write: (String) -> Void, report: (String) -> Void,
        depth: Int
    ) -> Status {
        if depth == 0 { session.work.begin() }
        defer { if depth == 0 { session.work.end() } }
        let status = executeIntoTarget(statement, in: &session, write: write, report: report, depth: depth)
        // What worked is what a saved session replays; a refused line changed nothing.
        if depth == 0, status != .inputError, !isSave(statement) { session.transcript.append(statement.sourceLine) }
        return status
    }

    static func isSave(_ statement: Statement) -> Bool {
        if case .save = statement.command { return true }
        return false
    }

    private static func executeIntoTarget(
        _ statement: Statement, in session: inout Session, write: (String) -> Void, report: (String) -> Void, depth: Int
    ) -> Status {
        // Results go to the file `.output` or `.once` named, written whole after the command.
        guard session.outputTarget != nil, !isOutputCommand(statement) else {
            return perform(statement, in: &session, write: write, report: report, depth: depth)
        }
        var captured = ""
        let status = perform(statement, in: &session, write: { captured += $0 }, report: report, depth: depth)
        // Statements a `source` ran have added theirs already.
        guard var target = session.outputTarget else { return status }
        target.text += captured
        do throws(FileWriteProblem) {
            try AtomicFile.write(target.text, to: target.path)
        } catch {
            report(statement.error("cannot write the output file '\(target.path)': \(error)").description + "\n")
            session.outputTarget = nil
            return .inputError
        }
        // A `.once` lasts one command.
        session.outputTarget = target.once ? nil : target
        return status
    }

    static func isOutputCommand(_ statement: Statement) -> Bool {
        if case .output = statement.command { return true }
        return false
    }

    static func perform(
        _ statement: Statement, in session: inout Session, write: (String) -> Void, report: (String) -> Void,
        depth: Int
    ) -> Status {
        let started = DispatchTime.now().uptimeNanoseconds
        // Timing is a note about the run, not a result: standard error, whatever the mode.
        defer {
            if session.timer {
                let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                report("time: \(Format.fixed(milliseconds, digits: 1)) ms\n")
            }
        }
        if case .source(let path) = statement.command {
            return source(path, statement: statement, session: &session, write: write, report: report, depth: depth)
        }
        // In JSON mode the command's results gather into one record, written when it is done.
        var record = CommandRecord(statement)
        defer { if session.mode == .json { write(record.json + "\n") } }
        /// Prose: on screen in table and Markdown mode (wrapped at words to a terminal's width),
        /// a message in the record in JSON mode, and on standard error in CSV mode, where it would
        /// break the table.
        func say(_ text: String) {
            switch session.mode {
            case .json: record.messages.append(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            case .csv: report(text)
            case .table: write(session.width.map { TextWrap.prose(text, width: $0) } ?? text)
            case .markdown: write(text)
            }
        }
        do throws(ScriptError) {
            var status = Status.passed
            let outputs: [SessionOutput]
            if case .loadLeads(let path, let mappingPath, let skip, let pseudonymise) = statement.command {
                let pseudonymiser = pseudonymise ? Pseudonymiser() : nil
                outputs = try loadLeads(
                    path, mapping: mappingPath, skip: skip, pseudonymiser: pseudonymiser, statement: statement, session: &session)
                session.pseudonymiser = pseudonymiser
            } else if case .loadEvents(let path, let mappingPath, let skip) = statement.command {
                outputs = try loadEvents(path, mapping: mappingPath, skip: skip, statement: statement, session: &session)
            } else if case .loadOpportunities(let path, let mappingPath, let skip) = statement.command {
                outputs = try loadOpportunities(path, mapping: mappingPath, skip: skip, statement: statement, session: &session)
            } else if case .loadPackage(let path, let skip, let pseudonymise) = statement.command {
                let read: NativePackage.Contents
                let pseudonymiser = pseudonymise ? Pseudonymiser() : nil
                session.pseudonymiser = pseudonymiser
                do throws(ImportError) {
                    read = try NativePackage.read(directory: expandingHome(path), policy: skip ? .skip : .strict, pseudonymiser: pseudonymiser, progress: session.work, stop: session.options.cancellation)
                } catch {
                    throw statement.error(error.description, argument: 0)
                }
                var loaded = try useHistory(read.leads, report: read.report, name: path, statement: statement, session: &session)
                if let (events, report) = read.events { loaded += session.attach(events: events, report: report) }
                if let (deals, report) = read.opportunities { loaded += session.attach(opportunities: deals, report: report) }
                outputs = loaded
            } else if case .scoring(let path?) = statement.command {
                guard session.model.scoring != nil else {
                    throw statement.error("the \(session.model.name) model has a fixed scoring rule: expected `model b2b` before `scoring`", argument: 0)
                }
                let text = try readText(path, statement: statement)
                let scoring = try ScoringSyntax.parse(text, file: path, model: session.model, attributes: session.leadAttributes)
                outputs = try session.use(scoring: scoring, statement: statement)
            } else {
                outputs = try session.execute(statement)
            }
            for output in outputs {
                switch output {
                case .text(let text): say(text)
                case .file(let path, let contents):
                    do throws(FileWriteProblem) {
                        try AtomicFile.write(contents, to: path)
                        record.files.append(path)
                        say("wrote \(path)\n")
                    } catch {
                        let failure = statement.error("cannot write '\(path)': \(error)", argument: statement.argumentColumns.count - 1)
                        record.fail(failure)
                        report(failure.description + "\n")
                        return .inputError
                    }
                case .tables(let tables):
                    if session.mode == .json { record.tables += tables } else { write(render(tables, mode: session.mode, width: session.width)) }
                case .expectation(let passed, let message):
                    record.expectation = (passed, message)
                    if passed {
                        say(message + "\n")
                    } else {
                        report(message + "\n")
                        record.status = "expectation_failed"
                        status = .expectationFailed
                    }
                }
            }
            return status
        } catch {
            record.fail(error)
            report(error.description + "\n")
            return .inputError
        }
    }

    /// Why a file cannot be written, in words.
    struct FileWriteProblem: Error, CustomStringConvertible { var description: String }

    /// Files are written whole or not at all: to a temporary file beside the target, then renamed
    /// over it, so a reader never sees half an export and a failed write leaves the old file.
    enum AtomicFile {
        /// Says why in words (`FileSource.problem(writing:)`: a directory there, no such
        /// directory) where it can, rather than the system's error code.
        static func write(_ contents: String, to path: String) throws(FileWriteProblem) {
            let expanded = ScriptRunner.expandingHome(path)
            if let problem = FileSource.problem(writing: expanded) { throw FileWriteProblem(description: problem) }
            do {
                try Data(contents.utf8).write(to: URL(fileURLWithPath: expanded), options: .atomic)
            } catch {
                throw FileWriteProblem(description: error.localizedDescription)
            }
        }
    }

    /// Tables one after the other; a blank line between them as text, CSV or Markdown; in JSON
    /// mode one record of them.
    public static func render(_ tables: [TextTable], mode: OutputMode, width: Int? = nil) -> String {
        if mode == .json {
            var record = CommandRecord(command: "run", text: "run", file: "", line: 0)
            record.tables = tables
            return record.json + "\n"
        }
        return tables.map { $0.render(mode, width: width) }.joined(separator: "\n")
    }

    private static func source(
        _ path: String, statement: Statement, session: inout Session, write: (String) -> Void,
        report: (String) -> Void, depth: Int
    ) -> Status {
        guard depth < sourceDepthLimit else {
            report(statement.error("`source` nested \(sourceDepthLimit) deep: expected files that do not source each other", argument: 0).description + "\n")
            return .inputError
        }
        do {
            let text = try readText(path, statement: statement)
            return run(script: text, file: path, session: &session, write: write, report: report, depth: depth + 1)
        } catch {
            report(error.description + "\n")
            return .inputError
        }
    }

    /// Reads a leads export through its mapping and puts the leads in the session. An error
    /// names the export's row and column, or the mapping's line and column, under the statement
    /// with a caret at the file it is about.
    private static func loadLeads(
        _ path: String, mapping mappingPath: String, skip: Bool, pseudonymiser: Pseudonymiser?, statement: Statement,
        session: inout Session
    ) throws(ScriptError) -> [SessionOutput] {
        let mappingText = try readText(mappingPath, statement: statement, argument: 3)
        let observed: ObservedLeads
        let report: ImportReport
        do throws(ImportError) {
            let mapping = try ImportMapping(yaml: mappingText, file: mappingPath)
            guard let leads = mapping.leads else {
                throw ImportError(file: mappingPath, line: 1, message: "no `leads:` table: expected one for `load leads`")
            }
            (observed, report) = try LeadImport.read(
                try FileSource(path: expandingHome(path), progress: session.work, stop: session.options.cancellation), file: path, mapping: leads, policy: skip ? .skip : .strict,
                pseudonymiser: pseudonymiser)
        } catch {
            throw statement.error(error.description, argument: error.file == mappingPath ? 3 : 1)
        }
        return try useHistory(observed, report: report, name: path, statement: statement, session: &session)
    }

    /// Reads an events export for the loaded leads; its lead ids must be theirs.
    private static func loadEvents(
        _ path: String, mapping mappingPath: String, skip: Bool, statement: Statement, session: inout Session
    ) throws(ScriptError) -> [SessionOutput] {
        let (pseudonymiser, work, stop) = (session.pseudonymiser, session.work, session.options.cancellation)
        let (read, report) = try readForLoadedLeads(path, mapping: mappingPath, what: "events", statement: statement, session: session) {
            mapping, history throws(ImportError) in
            guard let events = mapping.events else {
                throw ImportError(file: mappingPath, line: 1, message: "no `events:` table: expected one for `load events`")
            }
            return try EventImport.read(
                try FileSource(path: expandingHome(path), progress: work, stop: stop), file: path, mapping: events, leads: history.observed,
                policy: skip ? .skip : .strict, pseudonymiser: pseudonymiser)
        }
        return session.attach(events: read, report: report)
    }

    /// Reads an opportunities export for the loaded leads.
    private static func loadOpportunities(
        _ path: String, mapping mappingPath: String, skip: Bool, statement: Statement, session: inout Session
    ) throws(ScriptError) -> [SessionOutput] {
        let (pseudonymiser, work, stop) = (session.pseudonymiser, session.work, session.options.cancellation)
        let (read, report) = try readForLoadedLeads(path, mapping: mappingPath, what: "deals", statement: statement, session: session) {
            mapping, history throws(ImportError) in
            guard let table = mapping.opportunities else {
                throw ImportError(file: mappingPath, line: 1, message: "no `opportunities:` table: expected one for `load opportunities`")
            }
            return try OpportunityImport.read(
                try FileSource(path: expandingHome(path), progress: work, stop: stop), file: path, mapping: table, leads: history.observed,
                policy: skip ? .skip : .strict, pseudonymiser: pseudonymiser)
        }
        return session.attach(opportunities: read, report: report)
    }

    /// What `load events` and `load opportunities` share: leads to attach `what` to, the mapping
    /// read, and an error at the export's or the mapping's argument.
    private static func readForLoadedLeads<Result>(
        _ path: String, mapping mappingPath: String, what: String, statement: Statement, session: Session,
        _ read: (ImportMapping, History) throws(ImportError) -> Result
    ) throws(ScriptError) -> Result {
        guard let history = session.current.experiment.history else {
            throw statement.error("no leads to attach \(what) to: expected `load leads FILE map MAPPING` first", argument: 1)
        }
        let mappingText = try readText(mappingPath, statement: statement, argument: 3)
        do throws(ImportError) {
            return try read(try ImportMapping(yaml: mappingText, file: mappingPath), history)
        } catch {
            throw statement.error(error.description, argument: error.file == mappingPath ? 3 : 1)
        }
    }

    private static func useHistory(
        _ observed: ObservedLeads, report: ImportReport, name: String, statement: Statement, session: inout Session
    ) throws(ScriptError) -> [SessionOutput] {
        let history: History
        do throws(AttributeError) {
            history = try History(observed: observed, name: name)
        } catch {
            throw statement.error("\(name): \(error.message)", argument: statement.command.isLoadPackage ? 0 : 1)
        }
        return try session.use(history: history, report: report, statement: statement)
    }

    static func expandingHome(_ path: String) -> String {
        path.hasPrefix("~/") ? homeDirectory + path.dropFirst() : path
    }

    /// `$HOME` as the shell has it (so that `HOME=/tmp/x leadsim` keeps to it), else the account's.
    public static var homeDirectory: String {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// The text of a file a statement names (`source`, `scoring`).
    private static func readText(_ path: String, statement: Statement, argument: Int = 0) throws(ScriptError) -> String {
        let expanded = expandingHome(path)
        if let problem = FileSource.problem(reading: expanded, expected: "a UTF-8 text file") {
            throw statement.error("cannot read '\(path)': \(problem)", argument: argument)
        }
        guard let data = FileManager.default.contents(atPath: expanded), let text = String(data: data, encoding: .utf8) else {
            throw statement.error("cannot read '\(path)': not UTF-8 text: expected a UTF-8 text file", argument: argument)
        }
        return text
    }
}
