/// The file formats of a generated dataset.
public enum DatasetFormat: String, Sendable, CaseIterable {
    case csv, jsonl

    var fileExtension: String { rawValue }
}

/// Writes one row's fields as bytes, as CSV (RFC 4180: a field is quoted when it holds a comma,
/// a quote or a line break) or as a JSON object's members. Bytes rather than strings: a
/// million-lead dataset is tens of millions of rows, and formatting is most of the work.
struct RowBuilder {
    let format: DatasetFormat
    var bytes: [UInt8] = []
    /// Where each row starts in `bytes`: rows of tables with counter keys get their key when
    /// they are written out in order.
    var rowStarts: [Int] = []
    private var first = true

    init(format: DatasetFormat) {
        self.format = format
        bytes.reserveCapacity(1 << 16)
    }

    var rowCount: Int { rowStarts.count }

    /// A row of a table whose key is a counter starts at its second field: the writer puts the
    /// key in front when it knows the count (`DatasetGenerator`).
    mutating func beginRow(counted: Bool = false) {
        rowStarts.append(bytes.count)
        first = !counted
    }

    mutating func endRow() {
        if format == .jsonl { bytes.append(UInt8(ascii: "}")) }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The separator and, in JSON, the member's name.
    @inline(__always)
    private mutating func key(_ name: StaticString) {
        switch format {
        case .csv:
            if !first { bytes.append(UInt8(ascii: ",")) }
        case .jsonl:
            bytes.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        first = false
    }

    mutating func text(_ name: StaticString, _ value: String?) {
        key(name)
        guard var text = value else {
            if format == .jsonl { bytes.append(contentsOf: Self.null) }
            return
        }
        text.withUTF8 { utf8 in
            switch format {
            case .csv:
                let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
                guard needsQuotes else {
                    bytes.append(contentsOf: utf8)
                    return
                }
                bytes.append(UInt8(ascii: "\""))
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            case .jsonl:
                Self.appendJSONString(utf8, to: &bytes)
            }
        }
    }

    /// Text known to need no quoting or escaping (keys, codes, names of kinds), held inline: the
    /// rows of events write these many millions of times, without touching the heap.
    mutating func plain(_ name: StaticString, _ value: InlineText) {
        key(name)
        if format == .jsonl { bytes.append(UInt8(ascii: "\"")) }
        withUnsafeBytes(of: value.storage) { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[..<value.count])) }
        if format == .jsonl { bytes.append(UInt8(ascii: "\"")) }
    }

    mutating func integer(_ name: StaticString, _ value: Int?) {
        key(name)
        guard let value else {
            if format == .jsonl { bytes.append(contentsOf: Self.null) }
            return
        }
        Self.appendInteger(value, to: &bytes)
    }

    /// A number with at most `digits` decimals, trailing zeros dropped: the same text on every
    /// machine, whatever its locale.
    mutating func number(_ name: StaticString, _ value: Double?, digits: Int = 2) {
        key(name)
        guard let value, value.isFinite else {
            if format == .jsonl { bytes.append(contentsOf: Self.null) }
            return
        }
        Self.appendNumber(value, digits: digits, to: &bytes)
    }

    mutating func flag(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: value ? Self.trueText : Self.falseText)
    }

    /// A time in ISO 8601, UTC, to the second.
    mutating func time(_ name: StaticString, _ seconds: Int?, clock: DatasetClock) {
        key(name)
        guard let seconds else {
            if format == .jsonl { bytes.append(contentsOf: Self.null) }
            return
        }
        if format == .jsonl { bytes.append(UInt8(ascii: "\"")) }
        clock.appendTimestamp(seconds, to: &bytes)
        if format == .jsonl { bytes.append(UInt8(ascii: "\"")) }
    }

    /// A JSON string: quotes and backslashes escaped, control characters as \u00XX.
    static func appendJSONString(_ utf8: some Sequence<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 15)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    static func jsonString(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendJSONString(text.utf8, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static let null = Array("null".utf8)
    static let trueText = Array("true".utf8)
    static let falseText = Array("false".utf8)
    static let hex = Array("0123456789abcdef".utf8)

    static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 0 && value < 100 {
            if value >= 10 { bytes.append(UInt8(ascii: "0") + UInt8(value / 10)) }
            bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
            return
        }
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendInteger(-value, to: &bytes)
            return
        }
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// Two digits, zero-padded (hours, minutes, seconds).
    @inline(__always)
    static func appendTwoDigits(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Zero-padded to `width` digits.
    static func appendPadded(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8((rest / divisor) % 10))
            rest %= divisor * 10
            divisor /= 10
        }
    }

    static func appendNumber(_ value: Double, digits: Int, to bytes: inout [UInt8]) {
        // Whole numbers (most points and counts) need no scaling.
        if value == value.rounded(), abs(value) < 1e15 {
            appendInteger(Int(value), to: &bytes)
            return
        }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        if value < 0 && scaled != 0 { bytes.append(UInt8(ascii: "-")) }
        let whole = scaled / Int(scale)
        var fraction = scaled % Int(scale)
        appendInteger(whole, to: &bytes)
        guard fraction != 0 else { return }
        var width = digits
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        bytes.append(UInt8(ascii: "."))
        appendPadded(fraction, width: width, to: &bytes)
    }
}

/// Up to 16 bytes of ASCII kept in the value itself (keys such as L0001234, kinds such as
/// content_download), so that writing it costs no reference counting.
struct InlineText: Sendable {
    var storage: (UInt64, UInt64) = (0, 0)
    var count: Int

    init(_ text: String) {
        let utf8 = Array(text.utf8)
        precondition(utf8.count <= 16, "\(text) is longer than 16 bytes")
        count = utf8.count
        withUnsafeMutableBytes(of: &storage) { raw in
            for (index, byte) in utf8.enumerated() { raw[index] = byte }
        }
    }
}
