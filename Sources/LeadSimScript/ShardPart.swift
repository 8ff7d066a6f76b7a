import Foundation
import LeadSimCore

/// What one shard of a script did, as a file (`leadsim run --shard I/N --parts DIR` writes one
/// per round; `leadsim merge DIR` reads them all): the script itself, so that every shard and the
/// merge run the same text, and the jobs it computed with their results.
public struct ShardPart: Codable, Sendable, Equatable {
    public static let format = "leadsim-part/1"

    public var format = ShardPart.format
    /// The script's text and the name its messages give it (a file, `-c`, `<stdin>`).
    public var script: String
    public var file: String
    /// Whether the run writes JSON Lines (`--json`).
    public var json: Bool
    /// Shard `index` (1-based) of `count`, and the round: a script whose runs depend on earlier
    /// results takes one round of shards per step.
    public var index: Int
    public var count: Int
    public var round: Int
    public var jobs: [ShardLedger.Job]

    public init(script: String, file: String, json: Bool, index: Int, count: Int, round: Int, jobs: [ShardLedger.Job]) {
        (self.script, self.file, self.json, self.index, self.count, self.round, self.jobs) = (script, file, json, index, count, round, jobs)
    }

    /// The part as JSON: keys sorted, numbers exactly as they are (non-finite ones spelled out),
    /// so that a merge reads back the very results a shard computed.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    public static func decoded(_ data: Data, file: String) throws(ShardError) -> ShardPart {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let part: ShardPart
        do {
            part = try decoder.decode(ShardPart.self, from: data)
        } catch {
            throw ShardError("\(file): not a part that `leadsim run --shard` wrote (\(error))")
        }
        guard part.format == format else { throw ShardError("\(file): a part of format \(part.format): expected \(format)") }
        return part
    }

    /// Checks that `parts` belong to one sharded run — the same script, flags and number of
    /// shards — and returns what they share; every round before the last must be complete.
    public static func common(_ parts: [(file: String, part: ShardPart)]) throws(ShardError) -> (script: String, file: String, json: Bool, count: Int, rounds: Int) {
        guard let first = parts.first?.part else { throw ShardError("no parts: expected the part-*.json files `leadsim run --shard I/N --parts DIR` wrote") }
        for (file, part) in parts where part.script != first.script || part.file != first.file || part.json != first.json || part.count != first.count {
            throw ShardError("\(file): a part of another run (its script, --json or shard count differ from \(parts[0].file)'s): expected the parts of one sharded run")
        }
        let rounds = parts.map(\.part.round).max()!
        for round in 1...rounds {
            let shards = Set(parts.filter { $0.part.round == round }.map(\.part.index))
            let absent = (1...first.count).filter { !shards.contains($0) }
            if round < rounds, !absent.isEmpty {
                throw ShardError("round \(round) lacks shard\(absent.count == 1 ? "" : "s") \(absent.map(String.init).joined(separator: ", ")) of \(first.count): expected every shard of a round before the next")
            }
        }
        return (first.script, first.file, first.json, first.count, rounds)
    }
}

/// A sharded run's mistake: parts that do not belong together, or a shard that cannot be.
public struct ShardError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
