import ArgumentParser
import Foundation
import LeadSimScript

@main
struct LeadSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadsim",
        abstract: "Simulate lead journeys from marketing to sales, and tune thresholds and capacities.",
        subcommands: [RunScenarios.self, Interactive.self],
        defaultSubcommand: Interactive.self
    )
}

/// `leadsim run FILE...`: exit 0 when every expectation holds, 1 when one fails, 2 on bad input.
struct RunScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run scenario files; exit 1 if an expectation fails, 2 on an input error.")

    @Argument(help: "Scenario files, run one after the other, each in a fresh session.")
    var files: [String]

    func run() throws {
        var worst = ScriptRunner.Status.passed
        for file in files {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                Console.report("\(file): error: cannot read the file (expected a readable UTF-8 text file)\n")
                throw ExitCode(ScriptRunner.Status.inputError.rawValue)
            }
            var session = Session()
            let status = ScriptRunner.run(
                script: text, file: file, session: &session, write: Console.write, report: Console.report)
            if status.rawValue > worst.rawValue { worst = status }
            if status == .inputError { break }
        }
        if worst != .passed { throw ExitCode(worst.rawValue) }
    }
}

/// `leadsim` without a subcommand: reads commands from standard input, one line at a time.
///
/// Piped input behaves like `leadsim run`: no prompt, the first input error stops with status 2,
/// a failed expectation gives status 1. At a terminal a plain prompt is shown and errors do not
/// end the session.
struct Interactive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell", abstract: "Read commands from standard input (the default).")

    func run() throws {
        let terminal = isatty(STDIN_FILENO) == 1
        var session = Session()
        if terminal {
            Console.write("leadsim — model \(session.model.name), \(Session.defaultLeads) synthetic leads (seed \(Session.defaultSeed)).\n")
            Console.write("Commands: \(CommandSpec.all.map(\.name).joined(separator: ", ")); `show models`, `show params`, `show metrics`.\n")
        }
        var status = ScriptRunner.Status.passed
        var lineNumber = 0
        while true {
            if terminal { Console.write("leadsim> ") }
            guard let line = readLine() else { break }
            lineNumber += 1
            let location = SourceLocation(file: "<stdin>", line: lineNumber, column: 1)
            let outcome: ScriptRunner.Status
            do {
                guard let statement = try Parser.parse(line: line, location: location) else { continue }
                outcome = ScriptRunner.execute(statement, in: &session, write: Console.write, report: Console.report)
            } catch {
                Console.report(error.description + "\n")
                outcome = .inputError
            }
            if terminal { continue }
            if outcome == .inputError { throw ExitCode(outcome.rawValue) }
            if outcome == .expectationFailed { status = .expectationFailed }
        }
        if terminal { Console.write("\n") }
        if status != .passed { throw ExitCode(status.rawValue) }
    }
}

enum Console {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func report(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
