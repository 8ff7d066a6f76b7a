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

enum Console {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func report(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
