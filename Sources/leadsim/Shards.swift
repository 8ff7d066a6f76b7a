import ArgumentParser
import Foundation
import LeadSimCore
import LeadSimGenerate
import LeadSimScript

/// Sharded runs at the edge: reading and writing parts (`ShardPart`) and running a script against
/// a `ShardLedger`. A cluster engine (Dask, a Slurm job array, a Kubernetes Indexed Job) starts
/// the shards; leadsim knows nothing of it.
enum Shards {
    /// `I/N` with 1 ≤ I ≤ N.
    static func parse(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw ValidationError("--shard '\(text)': expected I/N with 1 ≤ I ≤ N, such as 2/8")
        }
        return (index, count)
    }

    /// Every part in `directory`, in the order of their names.
    static func read(_ directory: String) throws -> [(file: String, part: ShardPart)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("part-") && $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw ShardError("\(path): cannot read the part") }
            return (path, try ShardPart.decoded(data, file: path))
        }
    }

    /// Runs `script` in a fresh session whose runs go through `ledger`.
    static func run(
        script: String, file: String, json: Bool, ledger: ShardLedger, write: (String) -> Void, report: (String) -> Void
    ) -> ScriptRunner.Status {
        var session = Session.forCommandLine()
        if json { session.mode = .json }
        session.options.ledger = ledger
        let status = ScriptRunner.run(script: script, file: file, session: &session, write: write, report: report)
        Interrupts.exitIfStopped()
        return status
    }

    /// One shard's round: its jobs computed, the others' taken from the parts so far, and a part
    /// written (atomically) beside them.
    static func runShard(script: String, file: String, json: Bool, shard: (index: Int, count: Int), directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let earlier = try read(directory)
        var round = 1
        if !earlier.isEmpty {
            let common = try ShardPart.common(earlier)
            guard common.script == script, common.file == file, common.json == json, common.count == shard.count else {
                throw ShardError("\(directory) holds the parts of another run: expected an empty directory, or the parts of this script with --shard I/\(common.count)")
            }
            round = common.rounds + (earlier.contains { $0.part.round == common.rounds && $0.part.index == shard.index } ? 1 : 0)
        }
        let ledger = ShardLedger(role: .shard(index: shard.index - 1, count: shard.count), known: earlier.flatMap(\.part.jobs))
        var errors = ""
        let status = run(script: script, file: file, json: json, ledger: ledger, write: { _ in }, report: { errors += $0 })
        if !ledger.mismatched.isEmpty {
            throw ShardError("\(ledger.mismatched.count) jobs of the parts were run on other parameters (first: \(ledger.mismatched[0])): expected the parts of this script")
        }
        // A shard that stops where it needs the others' results has done its round; any other
        // error is the script's own, and shows as it would unsharded.
        if ledger.missing == 0 && status == .inputError {
            Console.report(errors)
            throw ExitCode(ScriptRunner.Status.inputError.rawValue)
        }
        let part = ShardPart(script: script, file: file, json: json, index: shard.index, count: shard.count, round: round, jobs: ledger.computed)
        let path = directory + "/part-r\(String(format: "%03d", round))-\(String(format: "%04d", shard.index))-of-\(String(format: "%04d", shard.count)).json"
        try part.encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        Console.report(
            "shard \(shard.index)/\(shard.count), round \(round): computed \(part.jobs.count) jobs"
                + (ledger.missing > 0 ? "; stopped where the script needs the other shards' results" : "; the script ran to its end")
                + "; wrote \(path)\n")
    }
}

/// `leadsim merge DIR`: the shards' parts joined into what the unsharded run prints.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the parts of a sharded run (`leadsim run --shard I/N --parts DIR`) into exactly what the unsharded run prints.",
        discussion: "Exit status as the unsharded run's (0, 1 an expectation failed, 2 bad input); 3 when the parts are not yet complete: the script needs another round of shards.")

    @Argument(help: "The directory of the parts.")
    var directory: String
    @Option(help: "Where to write the dataset, for the parts of `leadsim generate --shard`.")
    var out: String?

    func run() throws {
        let isDataset = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).contains {
            $0.hasPrefix("part-") && FileManager.default.fileExists(atPath: directory + "/" + $0 + "/manifest.json")
        }
        if isDataset || out != nil {
            guard let out else {
                Console.report("\(directory) holds the parts of a dataset: expected --out DIR, where to write it\n")
                throw ExitCode(ScriptRunner.Status.inputError.rawValue)
            }
            do {
                let (rows, request) = try DatasetMerge.merge(directory, into: out)
                Console.write("wrote \(out) (\(request.format.rawValue)): " + Session.describe(rows: rows, request: request))
            } catch {
                Console.report("error: \(error)\n")
                throw ExitCode(ScriptRunner.Status.inputError.rawValue)
            }
            return
        }
        let parts: [(file: String, part: ShardPart)]
        let common: (script: String, file: String, json: Bool, count: Int, rounds: Int)
        do {
            guard FileManager.default.fileExists(atPath: directory) else {
                throw ShardError("\(directory): no such directory: expected the --parts directory of a sharded run")
            }
            parts = try Shards.read(directory)
            guard !parts.isEmpty else {
                throw ShardError("\(directory): no parts: expected the part-*.json files `leadsim run --shard I/N --parts DIR` wrote")
            }
            common = try ShardPart.common(parts)
        } catch {
            Console.report("error: \(error)\n")
            throw ExitCode(ScriptRunner.Status.inputError.rawValue)
        }
        let ledger = ShardLedger(role: .merge, known: parts.flatMap(\.part.jobs))
        var out = ""
        var err = ""
        let status = Shards.run(script: common.script, file: common.file, json: common.json, ledger: ledger, write: { out += $0 }, report: { err += $0 })
        if !ledger.mismatched.isEmpty {
            Console.report("\(ledger.mismatched.count) jobs of the parts were run on other parameters (first: \(ledger.mismatched[0])): expected the parts of one run\n")
            throw ExitCode(ScriptRunner.Status.inputError.rawValue)
        }
        if ledger.missing > 0 {
            Console.report(
                "incomplete: the script needs jobs no part holds yet (its runs after round \(common.rounds) depend on earlier results): "
                    + "run every shard again with --parts \(directory), then merge\n")
            throw ExitCode(3)
        }
        Console.write(out)
        Console.report(err)
        if status != .passed { throw ExitCode(status.rawValue) }
    }
}
