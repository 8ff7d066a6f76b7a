import ArgumentParser
import Foundation
import LeadSimCore
import LeadSimData
import LeadSimRender
import LeadSimScript

@main
struct LeadSim: ParsableCommand {
    /// The release being made (see CHANGELOG.md): `leadsim --version`.
    static let version = "0.3.0-dev"

    /// `leadsim help TOPIC` explains a command, parameter or metric of the language, as `help
    /// TOPIC` does in the shell; help on a subcommand (`leadsim help run`) and everything else goes
    /// to the argument parser.
    static func main() {
        Interrupts.installForCommands()
        if let text = ProcessInfo.processInfo.environment[MemoryLimit.variable], case .failure(let problem) = MemoryLimit.parse(text) {
            Console.report("error: \(problem)\n")
            Foundation.exit(ScriptRunner.Status.inputError.rawValue)
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        let subcommands = configuration.subcommands.map { $0._commandName }
        if arguments.count >= 2, arguments[0] == "help", !subcommands.contains(arguments[1]) {
            do {
                try RunScenarios.run(files: [], commands: "help " + arguments.dropFirst().joined(separator: " "), json: false)
            } catch {
                exit(withError: error)
            }
            return
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // A bad flag is bad input like a bad script line: exit 2, not the parser's 64.
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            Console.report(fullMessage(for: error) + "\n")
            Foundation.exit(ScriptRunner.Status.inputError.rawValue)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "leadsim",
        abstract: "Simulate lead journeys from marketing to sales, and tune thresholds and capacities.",
        discussion: "`leadsim` alone opens the shell; `leadsim FILE` runs a scenario file; `leadsim -c 'COMMANDS'` runs commands; `leadsim help TOPIC` explains a command, parameter or metric.",
        version: version,
        subcommands: [RunScenarios.self, Generate.self, Load.self, Merge.self, Interactive.self, Framed.self],
        defaultSubcommand: Interactive.self
    )
}

/// `leadsim run FILE...`: exit 0 when every expectation holds, 1 when one fails, 2 on bad input.
struct RunScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run scenario files; exit 1 if an expectation fails, 2 on an input error.")

    @Argument(help: "Scenario files, run one after the other, each in a fresh session; none (or -) reads standard input.")
    var files: [String] = []
    @Option(name: .customShort("c"), help: "Commands to run instead of files, one a line.")
    var commands: String?
    @Flag(help: "Write JSON Lines: one object per command with its results (schemas/leadsim-results.schema.json); notes and timing go to standard error.")
    var json = false
    @Option(help: "Run the I-th of N shares of the script's simulation jobs (1 ≤ I ≤ N) and write a part to --parts; `leadsim merge` joins the parts.")
    var shard: String?
    @Option(help: "The directory of a sharded run's parts (with --shard).")
    var parts: String?

    func validate() throws {
        if commands != nil && !files.isEmpty { throw ValidationError("-c takes the commands itself: expected files or -c, not both") }
        if let shard {
            _ = try Shards.parse(shard)
            guard parts != nil else { throw ValidationError("--shard writes a part: expected --parts DIR") }
            guard files.count <= 1 else { throw ValidationError("--shard splits one script: expected one file (or -c)") }
        } else if parts != nil {
            throw ValidationError("--parts is where a shard writes: expected --shard I/N with it")
        }
    }

    func run() throws {
        try Self.run(files: files, commands: commands, json: json, shard: shard, parts: parts)
    }

    /// Runs scenario files, `-c` commands or standard input, each in a fresh session, as `leadsim
    /// run` and `leadsim FILE` do: exit 1 if an expectation failed, 2 on bad input.
    static func run(files: [String], commands: String?, json: Bool, shard: String? = nil, parts: String? = nil) throws {
        var scripts: [(text: String, file: String)] = []
        if let commands {
            scripts = [(commands + "\n", "-c")]
        } else if files.isEmpty || files == ["-"] {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            scripts = [(String(decoding: data, as: UTF8.self), "<stdin>")]
        }
        if let shard, let parts {
            let (text, file) = try scripts.first ?? (Console.readScript(files[0]), files[0])
            do {
                try Shards.runShard(script: text, file: file, json: json, shard: try Shards.parse(shard), directory: parts)
            } catch let error as ShardError {
                Console.report("\(error)\n")
                throw ExitCode(ScriptRunner.Status.inputError.rawValue)
            }
            return
        }
        var worst = ScriptRunner.Status.passed
        for (text, file) in scripts.isEmpty ? try files.map({ (try Console.readScript($0), $0) }) : scripts {
            var session = Session.forCommandLine()
            if json { session.mode = .json }
            let status = ScriptRunner.run(
                script: text, file: file, session: &session, write: Console.write, report: Console.report)
            ProgressLine.shared?.clear()
            Interrupts.exitIfStopped()
            if status.rawValue > worst.rawValue { worst = status }
            if status == .inputError { break }
        }
        if worst != .passed { throw ExitCode(worst.rawValue) }
    }
}

/// `leadsim framed`: the REPL for programs — the Jupyter kernel talks to it (`FramedSession`).
struct Framed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A session for programs: one JSON request a line on standard input, JSON records and a done frame out.",
        discussion: "Requests: {\"id\": 1, \"execute\": \"run\"} or {\"id\": 2, \"complete\": \"set mql.thr\"}. Protocol \(FramedSession.protocolVersion).")

    func run() throws {
        var framed = FramedSession()
        while let line = readLine(strippingNewline: true) {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            Console.write(framed.answer(line).map { $0 + "\n" }.joined())
        }
    }
}

/// `leadsim load`: reads an export through its mapping (or a generated package) as `load` does in
/// the language, and reports what it read; with `--run`, simulates the leads forward.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a CRM export through its mapping file (or a package `leadsim generate` wrote) and report what was read.",
        discussion: "Exit status 2 on a bad row (with --skip: on a bad file or mapping only), naming the file, row and column.")

    @Argument(help: "The export (CSV or JSON Lines), or a directory `leadsim generate` wrote.")
    var path: String
    @Option(help: "The mapping file (YAML); none for a generated package.")
    var map: String?
    @Option(help: "The leads' activity log, read through the same mapping's `events:` table.")
    var events: String?
    @Option(help: "The leads' deals, read through the same mapping's `opportunities:` table.")
    var opportunities: String?
    @Flag(help: "Leave bad rows out and count them, instead of stopping at the first.")
    var skip = false
    @Flag(name: [.customLong("pseudonymise"), .customLong("pseudonymize")], help: "Keep ids and personal free columns as salted hashes only.")
    var pseudonymise = false
    @Flag(help: "Measure the history and set the model to it (`calibrate`).")
    var calibrate = false
    @Flag(help: "Re-score the history under the default scoring (`replay`).")
    var replay = false
    @Flag(name: .customLong("run"), help: "Simulate the loaded leads forward and print the key figures.")
    var simulate = false

    func validate() throws {
        if map == nil && (events != nil || opportunities != nil) {
            throw ValidationError("--events and --opportunities read through a mapping: expected --map MAPPING (a generated package brings its own)")
        }
    }

    func run() throws {
        func quoted(_ text: String) -> String { "\"" + text + "\"" }
        var line = map.map { "load leads \(quoted(path)) map \(quoted($0))" } ?? "load \(quoted(path))"
        if skip { line += " skip" }
        if pseudonymise { line += " pseudonymise" }
        var script = [line]
        for (table, file) in [("events", events), ("opportunities", opportunities)] {
            guard let file, let map else { continue }
            script.append("load \(table) \(quoted(file)) map \(quoted(map))" + (skip ? " skip" : ""))
        }
        if calibrate { script.append("calibrate") }
        if simulate { script.append("run") }
        if replay { script.append("replay") }
        var session = Session.forCommandLine()
        let status = ScriptRunner.run(
            script: script.joined(separator: "\n") + "\n", file: "leadsim load", session: &session, write: Console.write, report: Console.report)
        ProgressLine.shared?.clear()
        Interrupts.exitIfStopped()
        if status != .passed { throw ExitCode(status.rawValue) }
    }
}

/// `leadsim generate`: a dataset for other tools from simulated journeys.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a dataset (CSV or JSON Lines with datapackage.json) generated from simulated lead journeys.",
        discussion: "The same options give the same bytes on any machine and any number of threads. Exit status 2 on bad input.")

    @Option(help: "Leads created in the measured window (warm-up leads come on top).", transform: OptionValue.whole("a number of leads", 1...50_000_000))
    var leads: Int
    @Option(help: "Seed of every random draw.", transform: { UInt64(try OptionValue.whole("a seed", 0...Int.max)($0)) })
    var seed: UInt64 = 1
    @Option(help: "Directory to write the dataset to (created if missing).")
    var out: String?
    @Option(help: "Write the I-th of N shares of the leads as a part into --parts (1 ≤ I ≤ N); `leadsim merge DIR --out OUT` joins the parts.")
    var shard: String?
    @Option(help: "The directory of a sharded generation's parts (with --shard).")
    var parts: String?
    @Option(help: "csv or jsonl.")
    var format: String = "csv"
    @Option(help: "Languages of names and places: en, de or en,de (German for DACH accounts, English elsewhere).")
    var locale: String = "en,de"
    @Option(help: "Weeks of the measured window.", transform: OptionValue.whole("a number of weeks", 1...520))
    var weeks: Int?
    @Option(name: .customLong("start-date"), help: "The window's first day, a Monday (YYYY-MM-DD).")
    var startDate: String?
    @Option(help: "A scenario file that sets the model, parameters, campaigns and scoring first.")
    var scenario: String?
    @Option(help: "Rate of each kind of dirt (duplicates, typos, case, whitespace, missing fields, malformed e-mails, date formats, decimal commas), 0 to 0.5; the truth is written beside it.", transform: OptionValue.decimal("a rate from 0 to 0.5"))
    var dirty: Double = 0

    func validate() throws {
        if let shard {
            _ = try Shards.parse(shard)
            guard parts != nil, out == nil else { throw ValidationError("--shard writes a part: expected --parts DIR, and no --out (`leadsim merge DIR --out OUT` writes the dataset)") }
        } else {
            guard parts == nil else { throw ValidationError("--parts is where a shard writes: expected --shard I/N with it") }
            guard out != nil else { throw ValidationError("expected --out DIR, the directory to write the dataset to") }
        }
    }

    func run() throws {
        var session = Session.forCommandLine()
        if let scenario {
            let text = try Console.readScript(scenario)
            let status = ScriptRunner.run(script: text, file: scenario, session: &session, write: { _ in }, report: Console.report)
            if status == .inputError { throw ExitCode(status.rawValue) }
        }
        let share = try shard.map(Shards.parse)
        var options = GenerateOptions(
            directory: share.map { String(format: "%@/part-%04d-of-%04d", parts!, $0.index, $0.count) } ?? out!)
        options.shard = share
        options.leads = leads
        options.seed = seed
        options.weeks = weeks
        options.format = format
        options.locales = locale.split(separator: ",").map(String.init)
        options.startDate = startDate
        options.dirtyRate = dirty
        options.scenario = scenario
        session.work.begin()
        defer { session.work.end() }
        do {
            Console.write(try session.generate(options, progress: { [work = session.work] done, total in work.set(done: done, total: total, of: .leads) }))
        } catch {
            Interrupts.exitIfStopped()
            let flag = error.option.map { $0 == "start" ? "--start-date" : "--\($0)" }
            Console.report("error: " + (flag.map { $0 + ": " } ?? "") + error.message + "\n")
            throw ExitCode(ScriptRunner.Status.inputError.rawValue)
        }
    }
}

extension Session {
    /// A session for a command: Ctrl-C and SIGTERM stop its work, and at a terminal its progress
    /// shows.
    static func forCommandLine() -> Session {
        var session = Session()
        session.options.cancellation = Interrupts.flag
        ProgressLine.start(for: session.work)
        return session
    }
}

/// The progress line on standard error at a terminal, for a command that has taken more than a
/// second: `[#######.....]  58 %  23 of 40 runs  4 s`. A thread draws it from the session's
/// counters; whatever prints next clears it first, from the printing thread, so the line never
/// lands inside output or over the prompt.
final class ProgressLine: @unchecked Sendable {
    /// The line in use; `Console` clears it before printing.
    nonisolated(unsafe) static var shared: ProgressLine?

    private let work: WorkProgress
    /// Guards what follows: the drawing thread and the printing thread take turns.
    private let lock = NSLock()
    private var drawn = false
    private var command = -1
    private var started = ContinuousClock.now

    /// Shows `work`'s progress on standard error when it is a terminal (not under CI).
    static func start(for work: WorkProgress) {
        guard isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["CI"] == nil else { return }
        let line = ProgressLine(work: work)
        shared = line
        Thread.detachNewThread {
            // A later session's line takes over (`leadsim run` makes one per file).
            while shared === line {
                Thread.sleep(forTimeInterval: 0.1)
                line.tick()
            }
        }
    }

    private init(work: WorkProgress) { self.work = work }

    private func tick() {
        lock.lock()
        defer { lock.unlock() }
        guard work.isActive else { return }
        if work.command != command {
            command = work.command
            started = .now
        }
        let elapsed = ContinuousClock.now - started
        guard elapsed >= .seconds(1) else { return }
        FileHandle.standardError.write(Data(("\r" + Self.text(work.state, seconds: Int(elapsed.components.seconds)) + "\u{1B}[K").utf8))
        drawn = true
    }

    static func text(_ state: (done: Int, total: Int, unit: WorkProgress.Unit), seconds: Int) -> String {
        guard state.total > 0 else { return "working…  \(seconds) s" }
        let done = min(state.done, state.total)
        let width = 24
        let filled = done * width / state.total
        let counts = switch state.unit {
        case .runs: "\(Format.count(done)) of \(Format.count(state.total)) runs"
        case .leads: "\(Format.count(done)) of \(Format.count(state.total)) leads"
        case .bytes: "\(Format.megabytes(done)) of \(Format.megabytes(state.total)) read"
        }
        let percent = String(done * 100 / state.total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + String(repeating: " ", count: 3 - percent.count) + percent + " %  " + counts + "  \(seconds) s"
    }

    /// Removes the line, if drawn; called before anything else is printed.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }
}

enum Console {
    /// A scenario file's text; one that cannot be read ends the command with status 2.
    static func readScript(_ path: String) throws -> String {
        if let problem = FileSource.problem(reading: path, expected: "a scenario file (UTF-8 text)") {
            report("\(path): error: \(problem)\n")
            throw ExitCode(ScriptRunner.Status.inputError.rawValue)
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            report("\(path): error: not UTF-8 text: expected a scenario file (UTF-8 text)\n")
            throw ExitCode(ScriptRunner.Status.inputError.rawValue)
        }
        return text
    }

    static func write(_ text: String) {
        ProgressLine.shared?.clear()
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// The columns of the terminal standard output writes to; nil when it is not a terminal.
    static var terminalWidth: Int? {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    static func report(_ text: String) {
        ProgressLine.shared?.clear()
        FileHandle.standardError.write(Data((colourOnStandardError ? coloured(text) : text).utf8))
    }

    /// Colour only where a person reads: standard error is a terminal, `NO_COLOR` is not set
    /// (no-color.org) and the terminal is not a dumb one.
    static let colourOnStandardError: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDERR_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }()

    /// `error:` in red and the caret under the place in bold red, `warning:` in yellow.
    static func coloured(_ text: String) -> String {
        let (red, bold, yellow, reset) = ("\u{1B}[31m", "\u{1B}[1;31m", "\u{1B}[33m", "\u{1B}[0m")
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.trimmingCharacters(in: .whitespaces) == "^" { return line.replacingOccurrences(of: "^", with: bold + "^" + reset) }
            return line.replacingOccurrences(of: "error:", with: red + "error:" + reset).replacingOccurrences(of: "warning:", with: yellow + "warning:" + reset)
        }.joined(separator: "\n")
    }
}

/// Values of numeric flags, read as strictly as the same values in a script (decimal only, in
/// range), with the argument parser's message naming the flag and this one what was expected.
enum OptionValue {
    static func whole(_ what: String, _ range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
        { text in
            guard let value = Int(text), range.contains(value) else {
                throw ValidationError("expected \(what), a whole number from \(Format.count(range.lowerBound)) to \(Format.count(range.upperBound))")
            }
            return value
        }
    }

    static func decimal(_ what: String) -> @Sendable (String) throws -> Double {
        { text in
            guard let value = try? DecimalText.value(of: text).get() else { throw ValidationError("expected \(what), a decimal number like 0.05") }
            return value
        }
    }
}
