/// Where a reader's bytes come from, a block at a time: a file, or memory in tests. The reader
/// never holds more than a block and the record it is reading, whatever the file's size.
public protocol ByteSource {
    /// The next block of bytes, or an empty one at the end.
    mutating func read(into buffer: inout [UInt8]) throws -> Int
    /// The whole input's size in bytes, where known.
    var byteCount: Int? { get }
}

extension ByteSource {
    public var byteCount: Int? { nil }
}

/// Bytes in memory as a source.
public struct MemorySource: ByteSource {
    let bytes: [UInt8]
    var offset = 0
    let blockSize: Int

    /// `blockSize` lets tests cut records across blocks at every place.
    public init(_ bytes: [UInt8], blockSize: Int = 1 << 16) {
        self.bytes = bytes
        self.blockSize = blockSize
    }

    public init(_ text: String, blockSize: Int = 1 << 16) { self.init(Array(text.utf8), blockSize: blockSize) }

    public mutating func read(into buffer: inout [UInt8]) throws -> Int {
        let count = min(blockSize, bytes.count - offset)
        buffer.replaceSubrange(0..<min(count, buffer.count), with: bytes[offset..<(offset + count)])
        offset += count
        return count
    }
}

/// One record of a CSV file: its fields, unquoted, in one buffer the reader reuses, and the line
/// it starts on (a quoted field may span lines).
public struct CSVRecord {
    public internal(set) var line = 0
    var bytes: [UInt8] = []
    /// Where each field ends in `bytes`.
    var ends: [Int] = []
    /// Whether each field was quoted (a quoted empty field is an empty text, not a missing one).
    var quoted: [Bool] = []

    public init() {}

    public var count: Int { ends.count }

    public func bytes(_ field: Int) -> ArraySlice<UInt8> {
        bytes[(field == 0 ? 0 : ends[field - 1])..<ends[field]]
    }

    public subscript(field: Int) -> String { String(decoding: bytes(field), as: UTF8.self) }

    public var fields: [String] { (0..<count).map { self[$0] } }

    public func wasQuoted(_ field: Int) -> Bool { quoted[field] }

    mutating func reset(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        quoted.removeAll(keepingCapacity: true)
    }
}

/// A CSV file that breaks RFC 4180, with where.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(line):\(column): \(message)" }
}

/// Reads CSV as CRM exports write it, streaming: RFC 4180 quoting (a quoted field may hold the
/// delimiter, doubled quotes and line breaks), LF or CRLF line ends, a UTF-8 byte-order mark, `,`
/// or `;` (German Excel) as delimiter — detected from the header line unless given — and a
/// trailing empty column (a delimiter at the end of every line). Blank lines are skipped.
///
/// Written by hand: the package that streams CSV here (CSV.swift) decodes every field into a
/// `String` and was measured at well under the 1,000,000 rows in 5 s an import needs; this reader
/// keeps a record's fields in one reused byte buffer and leaves decoding to the fields a mapping uses.
public struct CSVReader<Source: ByteSource> {
    var source: Source
    var block: [UInt8]
    var position = 0
    var filled = 0
    var atEnd = false
    public internal(set) var line = 1
    var started = false
    public private(set) var delimiter: UInt8?

    public init(_ source: Source, delimiter: UInt8? = nil, blockSize: Int = 1 << 16) {
        self.source = source
        self.delimiter = delimiter
        block = [UInt8](repeating: 0, count: blockSize)
    }

    /// The delimiter that splits the header line into the most fields: `;` when a German export
    /// writes `Name;Betrag`, `,` otherwise. Only quotes are respected, so a comma inside a quoted
    /// header does not count.
    static func detectDelimiter(_ header: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        for byte in header {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!
        return best.value == 0 ? UInt8(ascii: ",") : best.key
    }

    @inline(__always)
    mutating func peekByte() throws -> UInt8? {
        if position == filled {
            if atEnd { return nil }
            filled = try source.read(into: &block)
            position = 0
            if filled == 0 {
                atEnd = true
                return nil
            }
        }
        return block[position]
    }

    /// Reads the next record into `record`; false at the end of the input.
    public mutating func next(into record: inout CSVRecord) throws -> Bool {
        if !started {
            started = true
            try skipByteOrderMark()
            if delimiter == nil { delimiter = try detectFromFirstLine() }
        }
        // Blank lines between records are skipped.
        while let byte = try peekByte(), byte == 10 || byte == 13 {
            if byte == 10 { line += 1 }
            position += 1
        }
        guard try peekByte() != nil else { return false }
        record.reset(line: line)
        let delimiter = self.delimiter!
        var column = 1
        var fieldStartColumn = 1
        var inQuotes = false
        var quotedField = false
        var afterQuote = false
        while true {
            guard let byte = try peekByte() else {
                if inQuotes {
                    throw CSVError(line: record.line, column: fieldStartColumn, message: "a quoted field is not closed: expected a closing \" before the end of the file")
                }
                finishField(&record, quoted: quotedField)
                return true
            }
            position += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if try peekByte() == UInt8(ascii: "\"") {
                        position += 1
                        column += 1
                        record.bytes.append(byte)
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if byte == 10 {
                        line += 1
                        column = 0
                    }
                    record.bytes.append(byte)
                }
                column += 1
                continue
            }
            switch byte {
            case delimiter:
                finishField(&record, quoted: quotedField)
                quotedField = false
                afterQuote = false
                fieldStartColumn = column + 1
            case 10:
                line += 1
                finishField(&record, quoted: quotedField)
                return true
            case 13:
                // CR LF, or a lone CR as an old Mac export ends its lines.
                if try peekByte() == 10 { position += 1 }
                line += 1
                finishField(&record, quoted: quotedField)
                return true
            case UInt8(ascii: "\""):
                let fieldStart = record.count == 0 ? 0 : record.ends[record.count - 1]
                guard record.bytes.count == fieldStart, !quotedField else {
                    throw CSVError(
                        line: line, column: column,
                        message: "a quote inside an unquoted field: expected the whole field in quotes, with inner quotes doubled (\"\")")
                }
                inQuotes = true
                quotedField = true
            default:
                if afterQuote {
                    throw CSVError(
                        line: line, column: column,
                        message: "text after a closing quote: expected the delimiter or the end of the line after \"…\"")
                }
                // The rest of a plain field up to its next special byte goes over in one copy:
                // most bytes of an export are in such runs.
                var end = position
                while end < filled {
                    let next = block[end]
                    if next == delimiter || next == 10 || next == 13 || next == UInt8(ascii: "\"") { break }
                    end += 1
                }
                record.bytes.append(byte)
                if end > position {
                    record.bytes.append(contentsOf: block[position..<end])
                    column += end - position
                    position = end
                }
            }
            column += 1
        }
    }

    @inline(__always)
    private func finishField(_ record: inout CSVRecord, quoted: Bool) {
        record.ends.append(record.bytes.count)
        record.quoted.append(quoted)
    }

    private mutating func skipByteOrderMark() throws {
        guard try peekByte() == 0xEF else { return }
        // The mark is three bytes; a block always holds them unless the file is shorter.
        if filled - position >= 3, block[position + 1] == 0xBB, block[position + 2] == 0xBF { position += 3 }
    }

    /// The first line's bytes, without consuming them: the header decides the delimiter. A
    /// header longer than a block is gathered by appending the next blocks to this one.
    private mutating func detectFromFirstLine() throws -> UInt8 {
        _ = try peekByte()
        var end = position
        var inQuotes = false
        while true {
            while end < filled {
                let byte = block[end]
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                if !inQuotes && (byte == 10 || byte == 13) { return Self.detectDelimiter(block[position..<end]) }
                end += 1
            }
            var more = [UInt8](repeating: 0, count: max(1, block.count))
            let count = atEnd ? 0 : try source.read(into: &more)
            guard count > 0 else { break }
            block.replaceSubrange(filled..<block.count, with: more[..<count])
            filled += count
        }
        return Self.detectDelimiter(block[position..<end])
    }
}
