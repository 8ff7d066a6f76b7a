import Foundation
import Testing

/// Runs the real `leadsim` binary the way users and CI do.
@Suite struct CLITests {
    static let binary: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("leadsim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/leadsim")
    }()

    struct Outcome {
        var status: Int32
        var out: String
        var err: String
    }

    func leadsim(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
            err: String(decoding: errData, as: UTF8.self))
    }

    func scenario(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-\(UUID().uuidString).leadsim")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func exitsZeroWhenEveryExpectationHolds() throws {
        let file = try scenario("model reference\npopulation 2000 seed 1\nrun\nexpect created == 2000\n")
        let result = try leadsim(["run", file])
        #expect(result.status == 0)
        #expect(result.out.contains("ok: created == 2000"))
        #expect(result.err.isEmpty)
    }

    @Test func exitsOneWhenAnExpectationFails() throws {
        let file = try scenario("population 2000 seed 1\nrun\nexpect won > 100000\n")
        let result = try leadsim(["run", file])
        #expect(result.status == 1)
        #expect(result.err.contains("\(file):3:1: expectation failed: expected won > 100000, actual"))
    }

    @Test func exitsTwoOnBadInputNamingThePlace() throws {
        let file = try scenario("population 2000\n\nset sales.reps zero\nrun\n")
        let result = try leadsim(["run", file])
        #expect(result.status == 2)
        #expect(result.err.hasPrefix("\(file):3:16: error: sales.reps expects a number (count), got 'zero'"))
        let missing = try leadsim(["run", "/nonexistent/x.leadsim"])
        #expect(missing.status == 2)
        #expect(missing.err == "/nonexistent/x.leadsim: error: no such file: expected a scenario file (UTF-8 text)\n")
    }

    @Test func severalFilesRunInTurn() throws {
        let good = try scenario("population 1000\nrun\nexpect created == 1000\n")
        let bad = try scenario("population 1000\nrun\nexpect created == 5\n")
        #expect(try leadsim(["run", good, good]).status == 0)
        #expect(try leadsim(["run", bad, good]).status == 1)
    }

    /// Without a terminal, commands come from standard input like a script: no prompt, no escape
    /// codes, errors on standard error, and `leadsim run`'s exit status.
    @Test func readsAScriptFromStandardInput() throws {
        let result = try leadsim([], stdin: "population 1500 seed 2\nrun\nexpect created == 1500\n")
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("key figure"))
        #expect(!result.out.contains("\u{1B}"))
        let failing = try leadsim([], stdin: "run\nshow nonsense\n")
        #expect(failing.status == 2)
        #expect(failing.err.hasPrefix("<stdin>:2:6: error: cannot show 'nonsense'"))
    }
}

/// `~` in a path is `$HOME` as the shell has it, not the account's home from the password file.
@Suite struct HomeTests {
    @Test func tildeFollowsHome() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try CLITests().leadsim(["run", "-c", "population 500\nrun\nexport summary ~/summary.csv"], environment: ["HOME": home.path])
        #expect(outcome.status == 0, "\(outcome.err)")
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("summary.csv").path))
    }
}

/// The conventions users bring from sqlite3 and psql: `--version`, `-c`, a file as the argument,
/// `help TOPIC`, and the usual ways out.
@Suite struct ShellConventionTests {
    let cli = CLITests()

    @Test func versionCommandsFilesAndHelpTopics() throws {
        let version = try cli.leadsim(["--version"])
        #expect(version.status == 0 && version.out == "0.3.0-dev\n")
        let commands = try cli.leadsim(["-c", "echo one\necho two"])
        #expect(commands.status == 0 && commands.out == "one\ntwo\n")
        let file = try cli.scenario("population 500\nrun\nexpect mql > 0\n")
        let direct = try cli.leadsim([file])
        #expect(direct.status == 0 && direct.out.contains("ok: mql > 0"), "\(direct.err)")
        let failing = try cli.leadsim([try cli.scenario("population 500\nrun\nexpect mql < 0\n")])
        #expect(failing.status == 1)
        let topic = try cli.leadsim(["help", "set"])
        #expect(topic.status == 0 && topic.out.hasPrefix("set PARAMETER VALUE"))
        #expect(try cli.leadsim(["help", "mql.threshold"]).out.contains("engagement score at which the MQL rule"))
        #expect(try cli.leadsim(["help", "run"]).out.contains("Run scenario files"), "help on a subcommand stays the parser's")
        #expect(try cli.leadsim(["help", "nonsense"]).status == 2)
    }

    @Test(arguments: ["quit", "exit", ".quit", ".exit", "\\q"])
    func everyWayOutStopsTheScript(word: String) throws {
        let piped = try cli.leadsim([], stdin: "echo before\n\(word)\necho after\n")
        #expect(piped.status == 0 && piped.out == "before\n", "\(word): \(piped.out) \(piped.err)")
        let script = try cli.leadsim(["-c", "echo before\n\(word)\necho after"])
        #expect(script.out == "before\n")
    }
}

/// `LEADSIM_MEMORY_LIMIT` sets the limit; a value that is no size is an error at start.
@Suite struct MemoryLimitTests {
    @Test func theLimitComesFromTheEnvironment() throws {
        let cli = CLITests()
        let small = try cli.leadsim(["-c", "population 2000000"], environment: ["LEADSIM_MEMORY_LIMIT": "100M"])
        #expect(small.status == 2 && small.err.contains("more than the 0.1 GB leadsim allows itself (LEADSIM_MEMORY_LIMIT=100M)"), "\(small.err)")
        let bad = try cli.leadsim(["-c", "run"], environment: ["LEADSIM_MEMORY_LIMIT": "lots"])
        #expect(bad.status == 2 && bad.err == "error: LEADSIM_MEMORY_LIMIT=lots: expected a size such as 16G, 500M or 2T\n")
    }
}
