import LeadSimCore

/// A mistake in a file being read, with its place: `leads.csv:12:7: …` for the file's syntax,
/// `leads.csv:12: field 'Create Date': …` for a value, `mapping.yaml:4:3: …` for a mapping.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?
    /// The field (column name) a value error is about.
    public var field: String?
    public var message: String

    public init(file: String, line: Int, column: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// A failure to read `file` at `line`: the stop flag's, said as such, or the system's.
    static func reading(_ file: String, line: Int, _ error: any Error) -> ImportError {
        if error is RunCancelled { return ImportError(file: file, line: line, message: "interrupted: the import stopped before this line") }
        return ImportError(file: file, line: line, message: "cannot read the file: \(error)")
    }

    public var description: String {
        "\(file):\(line)" + (column.map { ":\($0)" } ?? "") + ": " + (field.map { "field '\($0)': " } ?? "") + message
    }

    /// A mapping names a column the file lacks: at the mapping's place, with the file's columns.
    static func missingColumn(_ column: String, at place: MappingPlace, in file: String, columns: [String]) -> ImportError {
        ImportError(
            file: place.file, line: place.line, column: place.column,
            message: "column '\(column)' is not in \(file): expected one of \(columns.map { "'\($0)'" }.joined(separator: ", "))")
    }
}

/// A CSV file with a header line: records with as many fields as the header names, by column
/// name. A delimiter at the end of every line (some exports write one) gives the header an empty
/// last name; that column is dropped from every record.
public struct CSVTable<Source: ByteSource> {
    public let file: String
    public let columns: [String]
    var reader: CSVReader<Source>
    let dropsTrailingColumn: Bool

    public init(_ source: Source, file: String, delimiter: UInt8? = nil) throws(ImportError) {
        self.file = file
        reader = CSVReader(source, delimiter: delimiter)
        var header = CSVRecord()
        let found: Bool
        do {
            found = try reader.next(into: &header)
        } catch let error as CSVError {
            throw ImportError(file: file, line: error.line, column: error.column, message: error.message)
        } catch {
            throw .reading(file, line: 1, error)
        }
        guard found else { throw ImportError(file: file, line: 1, message: "the file is empty: expected a header line with column names") }
        var names = header.fields.map { $0.trimmingSpaces() }
        dropsTrailingColumn = names.count > 1 && names.last == "" && !header.wasQuoted(names.count - 1)
        if dropsTrailingColumn { names.removeLast() }
        for (index, name) in names.enumerated() {
            if name.isEmpty {
                throw ImportError(file: file, line: 1, message: "column \(index + 1) has no name: expected a name for every column")
            }
            if names[..<index].contains(name) {
                throw ImportError(file: file, line: 1, message: "two columns are named '\(name)': expected each name once")
            }
        }
        columns = names
    }

    /// The size of the file in bytes, where the source knows it.
    public var byteCount: Int? { reader.source.byteCount }

    /// The delimiter in use (given, or detected from the header).
    public var delimiter: UInt8 { reader.delimiter ?? UInt8(ascii: ",") }

    /// The next record; false at the end. A record with another number of fields than the
    /// header is an error naming its line.
    public mutating func next(into record: inout CSVRecord) throws(ImportError) -> Bool {
        let found: Bool
        do {
            found = try reader.next(into: &record)
        } catch let error as CSVError {
            throw ImportError(file: file, line: error.line, column: error.column, message: error.message)
        } catch {
            throw .reading(file, line: reader.line, error)
        }
        guard found else { return false }
        if dropsTrailingColumn, record.count == columns.count + 1, record.bytes(columns.count).isEmpty {
            record.ends.removeLast()
            record.quoted.removeLast()
        }
        guard record.count == columns.count else {
            throw ImportError(
                file: file, line: record.line,
                message: "\(record.count) fields: expected \(columns.count), one per column of the header")
        }
        return true
    }
}
