import Foundation
@testable import LeadSimCore
@testable import LeadSimGenerate

/// A dataset kept in memory, table by table, as the files would hold it.
struct MemoryOutput: DatasetOutput {
    var files: [String: [UInt8]] = [:]
    var documents: [String: String] = [:]

    mutating func begin(_ table: DatasetTable, header: [UInt8]) throws { files[table.name] = header }
    mutating func append(_ table: DatasetTable, _ bytes: ArraySlice<UInt8>) throws { files[table.name]!.append(contentsOf: bytes) }
    mutating func finish(documents: [(name: String, text: String)]) throws {
        for document in documents { self.documents[document.name] = document.text }
    }
}

/// A CSV table read back: rows as dictionaries by column name (RFC 4180 quoting).
struct CSVTable {
    var columns: [String]
    var rows: [[String: String]]

    init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character?
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(character)
            }
        }
        columns = records.first ?? []
        rows = records.dropFirst().map { values in Dictionary(uniqueKeysWithValues: zip(records[0], values)) }
    }
}

enum Datasets {
    static let model = B2BModel()

    static func generate(
        leads: Int = 1500, seed: UInt64 = 9, weeks: Int = 8, locales: [String] = ["en", "de"], format: DatasetFormat = .csv,
        dirty: Double = 0, threads: Int = 2
    ) throws -> (output: MemoryOutput, summary: DatasetSummary) {
        var output = MemoryOutput()
        let request = DatasetRequest(leads: leads, seed: seed, weeks: weeks, locales: locales, format: format, dirtyRate: dirty)
        let summary = try DatasetGenerator.generate(
            model: model, parameters: model.defaultParameters(), request: request, options: RunOptions(threads: threads),
            output: &output)
        return (output, summary)
    }

    static func tables(_ output: MemoryOutput) -> [String: CSVTable] {
        output.files.mapValues(CSVTable.init)
    }
}
