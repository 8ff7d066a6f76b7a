import Dispatch
import LeadSimCore

/// What to generate.
public struct DatasetRequest: Sendable {
    public var leads: Int
    public var seed: UInt64
    public var weeks: Int
    /// The first day of the measured window; a Monday.
    public var startDate: CivilDate
    /// Locale codes: en, de or both.
    public var locales: [String]
    public var format: DatasetFormat
    /// The rate of each kind of dirt (`DirtyData`); 0 for clean data.
    public var dirtyRate: Double
    /// The scenario file that set the model up, as given; named in the dataset's README.
    public var scenario: String?

    public init(
        leads: Int, seed: UInt64, weeks: Int, startDate: CivilDate = .defaultStart, locales: [String] = ["en", "de"],
        format: DatasetFormat = .csv, dirtyRate: Double = 0
    ) {
        self.dirtyRate = dirtyRate
        self.leads = leads
        self.seed = seed
        self.weeks = weeks
        self.startDate = startDate
        self.locales = locales
        self.format = format
    }

    public static let localeCodes = LocaleData.all.map(\.code)

    /// What is wrong with the request, if anything: the option (leads, weeks, start, locale) and
    /// a message naming what was expected.
    public var problem: (option: String, message: String)? {
        if leads < 1 { return ("leads", "\(leads) leads: expected at least 1") }
        if weeks < 1 || weeks > 520 { return ("weeks", "\(weeks) weeks: expected 1 to 520") }
        if startDate.weekday != 0 {
            return ("start", "\(startDate.text) is not a Monday: expected a Monday (leadsim's weeks start on Monday), e.g. \(CivilDate.defaultStart.text)")
        }
        if !(dirtyRate >= 0 && dirtyRate <= 0.5) { return ("dirty", "dirty rate \(dirtyRate): expected a fraction from 0 to 0.5") }
        if locales.isEmpty { return ("locale", "no locale: expected en, de or en,de") }
        for code in locales where LocaleData.named(code) == nil { return ("locale", "unknown locale '\(code)': expected en, de or en,de") }
        return nil
    }
}

extension CivilDate {
    /// The default first day of a generated window: a fixed Monday, never today's date, so that
    /// the same options give the same bytes on any day.
    public static let defaultStart = CivilDate(year: 2025, month: 1, day: 6)
}

/// Where a dataset goes: each table's bytes in order, then the package's documents.
public protocol DatasetOutput {
    mutating func begin(_ table: DatasetTable, header: [UInt8]) throws
    mutating func append(_ table: DatasetTable, _ bytes: ArraySlice<UInt8>) throws
    /// The lengths of the rows just appended to a table whose keys are counters: a shard's part
    /// keeps them, so that a merge can give the rows their keys in the whole dataset.
    mutating func counted(_ table: DatasetTable, rowLengths: [Int]) throws
    mutating func finish(documents: [(name: String, text: String)]) throws
}

extension DatasetOutput {
    public mutating func counted(_ table: DatasetTable, rowLengths: [Int]) throws {}
}

/// One of `count` shares of a dataset's leads (0-based `index`): whole chunks of leads in order of
/// creation, so that a merge of the shares in order is the dataset.
public struct DatasetShard: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "shard \(index) of \(count)")
        self.index = index
        self.count = count
    }

    /// The ranks (leads in order of creation) of this share among `leads`.
    func ranks(of leads: Int, chunkSize: Int) -> Range<Int> {
        let chunks = ParallelChunks.chunkCount(count: leads, chunkSize: chunkSize)
        let first = chunks * index / count
        let last = chunks * (index + 1) / count
        return min(leads, first * chunkSize)..<min(leads, last * chunkSize)
    }
}

/// What a generation produced: rows per table and the run behind them.
public struct DatasetSummary: Sendable {
    public var rows: [String: Int] = [:]
    public var result: RunResult
    public var warmupWeeks: Int
}

/// Generates a dataset from simulated journeys: the model runs the population once (its sales
/// side recorded), then chunks of leads in order of creation are told and written as rows on
/// all threads, wave after wave, so memory holds the run plus a few chunks of rows whatever the
/// size. Keys come from counters, times from the run's hours, names and places from each field's
/// own random stream: the same request gives the same bytes on any number of threads.
public enum DatasetGenerator {
    public static let chunkSize = 2048

    /// With `shard`, the rows of that share of the leads only (the reps with the first share),
    /// keys counted from one in each table and no documents: a part for `DatasetMerge`. Every
    /// share runs the whole simulation — one sales desk couples all leads — and writes its rows.
    public static func generate<Output: DatasetOutput>(
        model: any LeadModel, parameters: ParameterSet, request: DatasetRequest, options: RunOptions, output: inout Output,
        shard: DatasetShard? = nil, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> DatasetSummary {
        precondition(request.problem == nil, request.problem?.message ?? "")
        let population = try model.synthesize(
            leads: request.leads, seed: request.seed, horizonWeeks: request.weeks, parameters: parameters, options: options)
        guard let journeys = try model.journeys(population, parameters: parameters, options: options) else {
            throw DatasetError("the \(model.name) model only counts and tells no journeys: expected model b2b")
        }
        let locales = request.locales.map { LocaleData.named($0)! }
        let plan = DatasetPlan(population: population, seed: request.seed, locales: locales)
        let clock = DatasetClock(windowStart: request.startDate, warmupWeeks: population.warmupWeeks, weeks: request.weeks)
        let writer = RowWriter(
            population: population, journeys: journeys, plan: plan, clock: clock, seed: request.seed, format: request.format,
            dirtyRate: request.dirtyRate, threads: options.threads)

        var counters = [String: Int]()
        let tables = DatasetTable.all(dirty: request.dirtyRate > 0)
        for table in tables {
            try output.begin(table, header: request.format == .csv ? Array((table.fields.map(\.name).joined(separator: ",") + "\n").utf8) : [])
            counters[table.name] = 0
        }
        if (shard?.index ?? 0) == 0 {
            var reps = RowBuilder(format: request.format)
            writer.reps(into: &reps, count: journeys.reps)
            try write(reps, table: .reps, counters: &counters, output: &output)
        }

        // Waves of chunks: the threads build one wave's rows while this thread writes the wave
        // before, so formatting and the disk overlap.
        let ranks = shard?.ranks(of: population.count, chunkSize: chunkSize) ?? 0..<population.count
        let count = ranks.upperBound
        let wave = chunkSize * max(1, options.threads) * 2
        func build(_ start: Int) -> [ChunkRows] {
            let waveCount = min(wave, count - start)
            var rows = [ChunkRows?](repeating: nil, count: ParallelChunks.chunkCount(count: waveCount, chunkSize: chunkSize))
            rows.withUnsafeMutableBufferPointer { buffer in
                let out = DisjointWrites(buffer.baseAddress!)
                ParallelChunks.forEach(count: waveCount, chunkSize: chunkSize, threads: options.threads) { chunk, range in
                    out[chunk] = writer.rows(ranks: (start + range.lowerBound)..<(start + range.upperBound))
                }
            }
            return rows.map { $0! }
        }
        var done = ranks.lowerBound
        var current = ranks.isEmpty ? [] : build(done)
        while !ranks.isEmpty {
            try options.checkCancelled()
            let next = done + wave < count ? NextWave(start: done + wave, build: build) : nil
            for chunk in current {
                for (table, builder) in chunk.tables { try write(builder, table: table, counters: &counters, output: &output) }
            }
            done = min(count, done + wave)
            progress(done - ranks.lowerBound, ranks.count)
            guard let next else { break }
            current = next.wait()
        }
        try output.finish(documents: shard == nil ? documents(request: request, warmupWeeks: population.warmupWeeks, counters: counters) : [])
        return DatasetSummary(rows: counters, result: journeys.result, warmupWeeks: population.warmupWeeks)
    }

    /// The package's documents: datapackage.json, and the README with each table's rows.
    static func documents(request: DatasetRequest, warmupWeeks: Int, counters: [String: Int]) -> [(name: String, text: String)] {
        let tables = DatasetTable.all(dirty: request.dirtyRate > 0)
        return [
            ("datapackage.json", DataPackage.json(format: request.format, request: request, tables: tables)),
            ("README.md", DataPackage.readme(request: request, warmupWeeks: warmupWeeks, counters: counters, tables: tables)),
        ]
    }

    /// Writes a chunk's rows, giving rows of counted tables their keys in order.
    private static func write<Output: DatasetOutput>(
        _ builder: RowBuilder, table: DatasetTable, counters: inout [String: Int], output: inout Output
    ) throws {
        guard builder.rowCount > 0 else { return }
        guard table.countedKey else {
            counters[table.name, default: 0] += builder.rowCount
            try output.append(table, builder.bytes[...])
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(builder.bytes.count + builder.rowCount * 12)
        let prefix: [UInt8] = builder.format == .jsonl ? Array("{\"\(table.primaryKey)\":".utf8) : []
        var next = counters[table.name, default: 0]
        var lengths: [Int] = []
        lengths.reserveCapacity(builder.rowCount)
        for (index, start) in builder.rowStarts.enumerated() {
            let end = index + 1 < builder.rowStarts.count ? builder.rowStarts[index + 1] : builder.bytes.count
            next += 1
            let rowStart = bytes.count
            bytes.append(contentsOf: prefix)
            RowBuilder.appendInteger(next, to: &bytes)
            bytes.append(contentsOf: builder.bytes[start..<end])
            lengths.append(bytes.count - rowStart)
        }
        counters[table.name] = next
        try output.append(table, bytes[...])
        try output.counted(table, rowLengths: lengths)
    }
}

/// A dataset that cannot be made, with what was expected.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The next wave of rows, built on another thread while the current one is written.
/// `@unchecked Sendable`: `rows` is written once by the building thread before `group` is left,
/// and read only after `wait()` has waited for it.
final class NextWave: @unchecked Sendable {
    private var rows: [ChunkRows] = []
    private let group = DispatchGroup()

    init(start: Int, build: @escaping (Int) -> [ChunkRows]) {
        let work = UncheckedBuild(build: build)
        DispatchQueue.global().async(group: group) { self.rows = work.build(start) }
    }

    func wait() -> [ChunkRows] {
        group.wait()
        return rows
    }
}

/// The wave builder, handed to the other thread: it reads only values shared by all threads.
private struct UncheckedBuild: @unchecked Sendable {
    let build: (Int) -> [ChunkRows]
}

/// The rows of one chunk of leads, table by table in output order.
struct ChunkRows {
    var tables: [(DatasetTable, RowBuilder)]
}
