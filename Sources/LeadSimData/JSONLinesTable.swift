/// Records of a table, whatever the file's format: what an import reads.
public protocol RecordTable {
    var file: String { get }
    var columns: [String] { get }
    /// The input's size in bytes, where known.
    var byteCount: Int? { get }
    /// The next record, with one field per column; false at the end.
    mutating func next(into record: inout CSVRecord) throws(ImportError) -> Bool
}

extension RecordTable {
    public func index(of column: String) -> Int? { columns.firstIndex(of: column) }
}

extension CSVTable: RecordTable {}

/// JSON Lines as exports write them: one object per line, its members the columns. The first
/// line's keys are the columns; a later line may leave some out (no value) but may not bring new
/// ones. Strings are unescaped; numbers and booleans are their text; a nested object or array
/// (a Marketo activity's attributes) is kept as its JSON text, for a mapping or scoring to use.
/// Whether an export is JSON Lines by its name (`.jsonl`, `.ndjson`); any other is read as CSV.
public func isJSONLines(_ file: String) -> Bool { file.hasSuffix(".jsonl") || file.hasSuffix(".ndjson") }

public struct JSONLinesTable<Source: ByteSource>: RecordTable {
    public let file: String
    public private(set) var columns: [String] = []
    var reader: LineReader<Source>
    var pending: [UInt8]?
    var pendingLine = 0
    var columnIndex: [String: Int] = [:]

    public init(_ source: Source, file: String) throws(ImportError) {
        self.file = file
        reader = LineReader(source)
        // The first object gives the columns; it is read again as the first record.
        guard let (line, number) = try Self.nextLine(&reader, file: file) else {
            throw ImportError(file: file, line: 1, message: "the file is empty: expected one JSON object per line")
        }
        let members = try Self.members(line, file: file, line: number)
        columns = members.map(\.key)
        for (index, name) in columns.enumerated() {
            if columnIndex[name] != nil { throw ImportError(file: file, line: number, message: "the key '\(name)' twice: expected each key once") }
            columnIndex[name] = index
        }
        pending = line
        pendingLine = number
    }

    public var byteCount: Int? { reader.source.byteCount }

    public mutating func next(into record: inout CSVRecord) throws(ImportError) -> Bool {
        let line: [UInt8]
        let number: Int
        if let first = pending {
            (line, number) = (first, pendingLine)
            pending = nil
        } else {
            guard let read = try Self.nextLine(&reader, file: file) else { return false }
            (line, number) = read
        }
        var values = [[UInt8]?](repeating: nil, count: columns.count)
        for member in try Self.members(line, file: file, line: number) {
            guard let index = columnIndex[member.key] else {
                throw ImportError(
                    file: file, line: number,
                    message: "the key '\(member.key)' is not among the first line's (\(columns.joined(separator: ", "))): expected the same keys on every line")
            }
            values[index] = member.value
        }
        record.reset(line: number)
        for value in values {
            if let value { record.bytes.append(contentsOf: value) }
            record.ends.append(record.bytes.count)
            record.quoted.append(false)
        }
        return true
    }

    static func nextLine(_ reader: inout LineReader<Source>, file: String) throws(ImportError) -> ([UInt8], Int)? {
        while true {
            let line: [UInt8]?
            do { line = try reader.next() } catch { throw .reading(file, line: reader.line, error) }
            guard let line else { return nil }
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            return (line, reader.line - 1)
        }
    }

    /// The members of one line's object, values as text (nil for null).
    static func members(_ line: [UInt8], file: String, line number: Int) throws(ImportError) -> [(key: String, value: [UInt8]?)] {
        var scanner = JSONScanner(bytes: line)
        do {
            return try scanner.object()
        } catch let error as JSONScanner.Failure {
            throw ImportError(file: file, line: number, column: error.offset + 1, message: error.message)
        } catch {
            throw ImportError(file: file, line: number, message: "\(error)")
        }
    }
}

/// Lines of a byte source, without their line ends; a UTF-8 byte-order mark before the first is dropped.
struct LineReader<Source: ByteSource> {
    var source: Source
    var block = [UInt8](repeating: 0, count: 1 << 16)
    var position = 0
    var filled = 0
    var atEnd = false
    var line = 1

    init(_ source: Source) { self.source = source }

    mutating func next() throws -> [UInt8]? {
        var current: [UInt8] = []
        var sawAny = false
        while true {
            if position == filled {
                if atEnd { break }
                filled = try source.read(into: &block)
                position = 0
                if filled == 0 { atEnd = true; break }
            }
            sawAny = true
            var end = position
            while end < filled, block[end] != 10 { end += 1 }
            current.append(contentsOf: block[position..<end])
            if end < filled {
                position = end + 1
                line += 1
                if current.last == 13 { current.removeLast() }
                return Self.droppingMark(current, first: line == 2)
            }
            position = end
        }
        guard sawAny, !current.isEmpty else { return nil }
        line += 1
        return Self.droppingMark(current, first: line == 2)
    }

    static func droppingMark(_ line: [UInt8], first: Bool) -> [UInt8] {
        first && line.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(line.dropFirst(3)) : line
    }
}

/// Just enough of JSON to read one flat object a line: strings unescaped, other values as their
/// text, nested values kept whole.
struct JSONScanner {
    struct Failure: Error {
        let offset: Int
        let message: String
    }

    let bytes: [UInt8]
    var position = 0

    mutating func skipSpace() {
        while position < bytes.count, [32, 9, 13, 10].contains(bytes[position]) { position += 1 }
    }

    func fail(_ message: String) -> Failure { Failure(offset: position, message: message) }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
        skipSpace()
        guard position < bytes.count, bytes[position] == byte else { throw fail("expected \(what)") }
        position += 1
    }

    mutating func object() throws -> [(key: String, value: [UInt8]?)] {
        try expect(UInt8(ascii: "{"), "a JSON object: one per line, {\"key\": value, …}")
        var members: [(key: String, value: [UInt8]?)] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                skipSpace()
                let key = String(decoding: try string(), as: UTF8.self)
                try expect(UInt8(ascii: ":"), "':' after the key")
                skipSpace()
                members.append((key, try value()))
                skipSpace()
                guard position < bytes.count else { throw fail("expected ',' or '}': the object is not closed") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; break }
                throw fail("expected ',' or '}'")
            }
        }
        skipSpace()
        guard position == bytes.count else { throw fail("text after the object: expected one object per line") }
        return members
    }

    mutating func value() throws -> [UInt8]? {
        guard position < bytes.count else { throw fail("expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["): return try nested()
        case UInt8(ascii: "n"):
            guard bytes[position...].starts(with: Array("null".utf8)) else { throw fail("expected a value") }
            position += 4
            return nil
        default:
            let start = position
            while position < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), 32, 9].contains(bytes[position]) { position += 1 }
            let text = Array(bytes[start..<position])
            let word = String(decoding: text, as: UTF8.self)
            guard word == "true" || word == "false" || Double(word) != nil else {
                position = start
                throw fail("expected a value (a string in quotes, a number, true, false or null), got '\(word)'")
            }
            return text
        }
    }

    /// A quoted string, unescaped.
    mutating func string() throws -> [UInt8] {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a string in quotes") }
        position += 1
        var out: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") { return out }
            guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), bytes[position...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) {
                    position += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw fail("a \\u escape pair that is no character: expected a low surrogate (\\uDC00 to \\uDFFF) after a high one")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail("a \\u escape that is no character") }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: out.append(escape)
            }
        }
        throw fail("a string is not closed: expected a closing \"")
    }

    static let hexDigits = Set("0123456789abcdefABCDEF".utf8)

    mutating func hex4() throws -> UInt32 {
        let digits = bytes[position..<min(bytes.count, position + 4)]
        guard digits.count == 4, digits.allSatisfy(Self.hexDigits.contains),
              let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16)
        else {
            throw fail("expected four hex digits after \\u")
        }
        position += 4
        return value
    }

    /// A nested object or array, kept as its text.
    mutating func nested() throws -> [UInt8] {
        let start = position
        var depth = 0
        var inString = false
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if inString {
                if byte == UInt8(ascii: "\\") { position += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return Array(bytes[start..<position]) }
            default: break
            }
        }
        position = start
        throw fail("a nested value is not closed")
    }
}
