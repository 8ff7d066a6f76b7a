import Foundation
import LeadSimCore

/// What a shard's part of a dataset says about itself: the request every shard was given (they
/// must agree), which share it is, and what it wrote.
public struct DatasetPartManifest: Codable, Sendable, Equatable {
    public static let format = "leadsim-dataset-part/1"

    public var format = DatasetPartManifest.format
    public var leads: Int
    public var seed: UInt64
    public var weeks: Int
    public var startDate: String
    public var locales: [String]
    public var fileFormat: String
    public var dirtyRate: Double
    public var scenario: String?
    /// The model and a check of its parameter values: parts made under another scenario differ.
    public var model: String
    public var parameters: UInt64
    public var index: Int
    public var count: Int
    public var warmupWeeks: Int
    public var rows: [String: Int]

    init(request: DatasetRequest, model: String, parameters: ParameterSet, shard: DatasetShard, summary: DatasetSummary) {
        leads = request.leads
        seed = request.seed
        weeks = request.weeks
        startDate = request.startDate.text
        locales = request.locales
        fileFormat = request.format.rawValue
        dirtyRate = request.dirtyRate
        scenario = request.scenario
        self.model = model
        self.parameters = parameters.fingerprint
        index = shard.index
        count = shard.count
        warmupWeeks = summary.warmupWeeks
        self.rows = summary.rows
    }

    var request: DatasetRequest? {
        guard let start = CivilDate(iso: startDate), let format = DatasetFormat(rawValue: fileFormat) else { return nil }
        var request = DatasetRequest(leads: leads, seed: seed, weeks: weeks, startDate: start, locales: locales, format: format, dirtyRate: dirtyRate)
        request.scenario = scenario
        return request
    }

    /// Whether two parts come from the same command.
    func sameRun(as other: DatasetPartManifest) -> Bool {
        var mine = self
        (mine.index, mine.warmupWeeks, mine.rows) = (other.index, other.warmupWeeks, other.rows)
        return mine == other
    }
}

/// A shard's part as it is written: the tables of its leads in a directory (keys counted from one),
/// beside each counted table the lengths of its rows, and the manifest last — a part without a
/// manifest is unfinished.
public struct DatasetPartOutput: DatasetOutput {
    var tables: DirectoryOutput
    let directory: URL
    private var lengths: [String: FileHandle] = [:]

    public init(directory: String, format: DatasetFormat) throws {
        tables = try DirectoryOutput(directory: directory, format: format)
        self.directory = URL(fileURLWithPath: directory)
        try? FileManager.default.removeItem(at: self.directory.appendingPathComponent("manifest.json"))
    }

    public mutating func begin(_ table: DatasetTable, header: [UInt8]) throws {
        try tables.begin(table, header: header)
        if table.countedKey {
            let path = directory.appendingPathComponent("\(table.name).rowlengths")
            FileManager.default.createFile(atPath: path.path, contents: nil)
            lengths[table.name] = try FileHandle(forWritingTo: path)
        }
    }

    public mutating func append(_ table: DatasetTable, _ bytes: ArraySlice<UInt8>) throws {
        try tables.append(table, bytes)
    }

    /// Row lengths as little-endian 32-bit numbers.
    public mutating func counted(_ table: DatasetTable, rowLengths: [Int]) throws {
        var bytes = [UInt8]()
        bytes.reserveCapacity(rowLengths.count * 4)
        for length in rowLengths {
            for shift in [0, 8, 16, 24] { bytes.append(UInt8(truncatingIfNeeded: length >> shift)) }
        }
        try lengths[table.name]!.write(contentsOf: bytes)
    }

    public mutating func finish(documents: [(name: String, text: String)]) throws {
        for handle in lengths.values { try handle.close() }
        lengths = [:]
        try tables.finish(documents: documents)
    }

    /// Writes the manifest: the part is complete.
    public func seal(_ manifest: DatasetPartManifest) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(manifest).write(to: directory.appendingPathComponent("manifest.json"), options: .atomic)
    }

    public mutating func abandon() { tables.abandon() }
}

extension DatasetGenerator {
    /// Generates shard `shard` of the dataset into `directory` as a part (`DatasetPartOutput`).
    public static func generatePart(
        model: any LeadModel, parameters: ParameterSet, request: DatasetRequest, shard: DatasetShard, options: RunOptions,
        directory: String, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> DatasetSummary {
        var output = try DatasetPartOutput(directory: directory, format: request.format)
        do {
            let summary = try generate(
                model: model, parameters: parameters, request: request, options: options, output: &output, shard: shard, progress: progress)
            try output.seal(DatasetPartManifest(request: request, model: model.name, parameters: parameters, shard: shard, summary: summary))
            return summary
        } catch {
            output.abandon()
            throw error
        }
    }
}

/// Joins the parts of a sharded generation into the dataset the unsharded command writes, byte for
/// byte: each table's rows part after part, counted keys moved on by the rows of the parts before.
public enum DatasetMerge {
    /// The parts in `directory` (its `part-*` subdirectories), checked to be one complete run.
    public static func parts(in directory: String) throws -> [(directory: String, manifest: DatasetPartManifest)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("part-") }.sorted()
        var parts: [(String, DatasetPartManifest)] = []
        for name in names {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path + "/manifest.json") else {
                throw DatasetError("\(path) has no manifest.json: expected a finished part (its shard may still be running, or have failed)")
            }
            guard let manifest = try? JSONDecoder().decode(DatasetPartManifest.self, from: data), manifest.format == DatasetPartManifest.format else {
                throw DatasetError("\(path)/manifest.json: not a dataset part's manifest: expected one `leadsim generate --shard` wrote")
            }
            parts.append((path, manifest))
        }
        guard let first = parts.first?.1 else {
            throw DatasetError("no parts in \(directory): expected the part-* directories `leadsim generate --shard I/N --parts DIR` wrote")
        }
        for (path, manifest) in parts where !manifest.sameRun(as: first) {
            throw DatasetError("\(path) is a part of another generation (its options, scenario or shard count differ): expected the parts of one command")
        }
        let indexes = parts.map(\.1.index)
        let absent = (0..<first.count).filter { !indexes.contains($0) }
        guard absent.isEmpty, indexes.count == first.count else {
            throw DatasetError("the parts hold shards \(indexes.sorted().map { String($0 + 1) }.joined(separator: ", ")) of \(first.count): expected each shard once")
        }
        return parts.sorted { $0.1.index < $1.1.index }
    }

    /// Writes the merged dataset into `target`; its rows per table.
    public static func merge(_ directory: String, into target: String) throws -> (rows: [String: Int], request: DatasetRequest) {
        let parts = try parts(in: directory)
        let manifest = parts[0].manifest
        guard let request = manifest.request else { throw DatasetError("\(parts[0].directory)/manifest.json: its start date or format is unreadable") }
        let tables = DatasetTable.all(dirty: request.dirtyRate > 0)
        var output = try DirectoryOutput(directory: target, format: request.format)
        var counters: [String: Int] = [:]
        do {
            for table in tables {
                let header = request.format == .csv ? Array((table.fields.map(\.name).joined(separator: ",") + "\n").utf8) : []
                try output.begin(table, header: header)
                var total = 0
                for part in parts {
                    let file = URL(fileURLWithPath: part.directory + "/\(table.name).\(request.format.fileExtension)")
                    let data = try Data(contentsOf: file, options: .alwaysMapped)
                    let rows = data[data.startIndex.advanced(by: header.count)...]
                    if table.countedKey {
                        try renumber(rows, lengths: part.directory + "/\(table.name).rowlengths", by: total, table: table, format: request.format, into: &output)
                    } else {
                        try output.append(table, ArraySlice(rows))
                    }
                    total += part.manifest.rows[table.name] ?? 0
                }
                counters[table.name] = total
            }
            try output.finish(documents: DatasetGenerator.documents(request: request, warmupWeeks: manifest.warmupWeeks, counters: counters))
        } catch {
            output.abandon()
            throw error
        }
        return (counters, request)
    }

    /// A part's counted rows with their keys moved on by `offset`, in blocks.
    static func renumber<Output: DatasetOutput>(
        _ rows: Data, lengths path: String, by offset: Int, table: DatasetTable, format: DatasetFormat, into output: inout Output
    ) throws {
        guard let lengthData = FileManager.default.contents(atPath: path) else { throw DatasetError("\(path): missing: expected the part's row lengths") }
        let prefix = format == .jsonl ? Array("{\"\(table.primaryKey)\":".utf8) : []
        var block: [UInt8] = []
        block.reserveCapacity(1 << 20)
        var position = rows.startIndex
        var at = lengthData.startIndex
        while at < lengthData.endIndex {
            let length = (0..<4).reduce(0) { $0 | Int(lengthData[at + $1]) << (8 * $1) }
            at += 4
            let row = rows[position..<(position + length)]
            position += length
            var digits = row.startIndex + prefix.count
            var key = 0
            while digits < row.endIndex, (48...57).contains(row[digits]) {
                key = key * 10 + Int(row[digits] - 48)
                digits += 1
            }
            block.append(contentsOf: prefix)
            RowBuilder.appendInteger(key + offset, to: &block)
            block.append(contentsOf: row[digits...])
            if block.count >= 1 << 20 {
                try output.append(table, block[...])
                block.removeAll(keepingCapacity: true)
            }
        }
        guard position == rows.endIndex else { throw DatasetError("\(path): the row lengths do not cover \(table.name)'s rows: expected a part as a shard wrote it") }
        if !block.isEmpty { try output.append(table, block[...]) }
    }
}
