import ArgumentParser
import Foundation
import LeadSimCore
import LeadSimRender
import LeadSimScript

/// `leadsim` without a subcommand: the what-if workbench at a terminal, a script reader otherwise.
///
/// At a terminal: line editing, history and completion (GNU readline), the default population
/// loaded and run once, and after every change the key figures old → new. Errors do not end the
/// session; Ctrl-C cancels a running command and leaves the state as it was; Ctrl-D leaves.
///
/// Piped input behaves like `leadsim run`: no prompt and no escape codes, the first input error
/// stops with status 2, a failed expectation gives status 1.
struct Interactive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell", abstract: "The interactive workbench (the default); reads a script when input is not a terminal.")

    @Argument(help: "A scenario file to run instead of the shell (as `leadsim run FILE`).")
    var files: [String] = []
    @Option(name: .customShort("c"), help: "Commands to run instead of the shell, one a line.")
    var commands: String?
    @Flag(help: "With a file or -c: write JSON Lines, one record per command.")
    var json = false
    @Flag(name: .customLong("no-init"), help: "Start the shell without reading ~/.leadsimrc.")
    var noInit = false

    func validate() throws {
        if commands != nil && !files.isEmpty { throw ValidationError("-c takes the commands itself: expected a file or -c, not both") }
    }

    func run() throws {
        if !files.isEmpty || commands != nil {
            try RunScenarios.run(files: files, commands: commands, json: json)
            return
        }
        if isatty(STDIN_FILENO) == 1 {
            runTerminal()
        } else {
            try runPiped()
        }
    }

    private func runTerminal() {
        var session = Session.forCommandLine()
        session.showsChanges = true
        Interrupts.install()
        let editor = LineEditor()
        let banner = "leadsim — model \(session.model.name), \(Format.count(Session.defaultLeads)) synthetic leads over "
            + "\(session.model.defaultHorizonWeeks) weeks (seed \(Session.defaultSeed)).\n"
            + "Type `help` to start; `set mql.threshold 70` shows what a change does. Ctrl-D or `quit` leaves.\n"
        Console.write(Console.terminalWidth.map { TextWrap.prose(banner, width: $0) } ?? banner)
        if !noInit { Self.readInitFile(into: &session) }
        session.work.begin()
        do {
            session.width = Console.terminalWidth
            let first = try session.run()
            session.work.end()
            session.transcript.append("run")
            Console.write(ScriptRunner.render(ResultTables.summary(first), mode: session.mode, width: session.width))
        } catch {
            session.work.end()
            Console.report("the first run was cancelled; `run` starts it again\n")
        }
        var lineNumber = 0
        reading: while true {
            LineEditor.session = session
            ProgressLine.shared?.clear()
            guard let input = editor.readCommand(prompt: "leadsim> ", continuation: "   ...> ") else { break }
            // Pasted text (bracketed paste) holds several lines: they run as the same lines in a
            // file would — continued by a trailing backslash, and stopping at the first error.
            var lines = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            while !lines.isEmpty {
                var line = lines.removeFirst()
                lineNumber += 1
                while let body = Parser.continuedLine(line), !lines.isEmpty {
                    line = body + lines.removeFirst()
                    lineNumber += 1
                }
                let statement: Statement
                do {
                    guard let parsed = try Parser.parse(line: line, location: SourceLocation(file: "<stdin>", line: lineNumber, column: 1))
                    else { continue }
                    statement = parsed
                } catch {
                    Self.report(error.description + "\n", width: session.width)
                    Self.reportUnrun(lines)
                    continue reading
                }
                if statement.command == .quit { break reading }
                // The terminal may have been resized since the last command.
                session.width = Console.terminalWidth
                // The command works on a copy; an interrupted command leaves the session as it was.
                Interrupts.flag.reset()
                var trial = session
                let status = ScriptRunner.execute(statement, in: &trial, write: Console.write) { message in
                    if !Interrupts.flag.isSet { Self.report(message, width: session.width) }
                }
                if Interrupts.received.load(ordering: .relaxed) == SIGTERM {
                    editor.saveHistory()
                    Foundation.exit(Interrupts.exitStatus)
                }
                if Interrupts.flag.isSet {
                    Console.report("interrupted: nothing changed\n")
                    Self.reportUnrun(lines)
                    continue reading
                }
                session = trial
                if status == .inputError {
                    Self.reportUnrun(lines)
                    continue reading
                }
            }
        }
        editor.saveHistory()
        Console.write("\n")
    }

    /// A message at the terminal's width: its first line (the error) wraps at words; a source
    /// line and the caret under it stay as they are, so the caret still points at the place.
    static func report(_ text: String, width: Int?) {
        guard let width, let end = text.firstIndex(of: "\n") else { return Console.report(text) }
        Console.report(TextWrap.prose(String(text[..<end]), width: width) + text[end...])
    }

    /// Says that pasted lines after a failed one were not run, as a file stops there too.
    static func reportUnrun(_ lines: [String]) {
        let left = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
        if left > 0 { Console.report("the \(left) pasted line\(left == 1 ? "" : "s") after it did not run\n") }
    }

    /// `~/.leadsimrc`: commands the shell runs before its first prompt (a team's usual model,
    /// mode or population), as sqlite3 reads `~/.sqliterc`. A mistake in it is reported with its
    /// place and the shell starts all the same; scripts never read it, so that they stay
    /// reproducible.
    static func readInitFile(into session: inout Session) {
        let path = (ScriptRunner.homeDirectory as NSString).appendingPathComponent(".leadsimrc")
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            Console.report("\(path): error: not readable UTF-8 text; started without it\n")
            return
        }
        let showsChanges = session.showsChanges
        if ScriptRunner.run(script: text, file: path, session: &session, write: Console.write, report: Console.report) == .inputError {
            Console.report("started without the rest of \(path) (`leadsim --no-init` skips it)\n")
        }
        session.showsChanges = showsChanges
    }

    private func runPiped() throws {
        var session = Session.forCommandLine()
        defer { ProgressLine.shared?.clear() }
        var status = ScriptRunner.Status.passed
        var lineNumber = 0
        var pending: (text: String, line: Int)?
        while let line = readLine() {
            lineNumber += 1
            let joined = (pending?.text ?? "") + line
            let start = pending?.line ?? lineNumber
            if let body = Parser.continuedLine(joined) {
                pending = (body, start)
                continue
            }
            pending = nil
            let location = SourceLocation(file: "<stdin>", line: start, column: 1)
            let outcome: ScriptRunner.Status
            do {
                guard let statement = try Parser.parse(line: joined, location: location) else { continue }
                if statement.command == .quit { break }
                outcome = ScriptRunner.execute(statement, in: &session, write: Console.write, report: Console.report)
                Interrupts.exitIfStopped()
            } catch {
                Console.report(error.description + "\n")
                outcome = .inputError
            }
            if outcome == .inputError { throw ExitCode(outcome.rawValue) }
            if outcome == .expectationFailed { status = .expectationFailed }
        }
        if status != .passed { throw ExitCode(status.rawValue) }
    }
}
