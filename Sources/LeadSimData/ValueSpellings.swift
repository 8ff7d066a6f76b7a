import LeadSimCore

/// How exports spell values, and how to read them back: booleans, dates and times, numbers
/// with a decimal point or comma, money as text, and placeholders that mean "no value". Each
/// reader returns nil for text it cannot read, so that the caller can name the row, the field
/// and what was expected; nothing is guessed or clamped.
public struct ValueSpellings: Sendable {
    /// Texts that mean "no value" (compared without case and surrounding spaces).
    public var missing: Set<String> = ["", "select", "-", "--", "n/a", "na", "null", "none", "(none)", "#n/a"] {
        didSet { longestMissing = missing.map(\.utf8.count).max() ?? 0 }
    }
    /// The longest placeholder, in bytes: a longer value is no placeholder.
    public private(set) var longestMissing = 6
    public var yes: Set<String> = ["yes", "y", "true", "1", "ja", "wahr", "x"]
    public var no: Set<String> = ["no", "n", "false", "0", "nein", "falsch"]
    /// Whether numbers are written with a decimal comma (German Excel: `1.234,56`).
    public var decimalComma = false

    public init() {}

    public func isMissing(_ text: String) -> Bool {
        // Most values are longer than any placeholder: no need to fold their case.
        if text.utf8.count > longestMissing + 2 { return false }
        return missing.contains(Self.normalised(text))
    }


    public func boolean(_ text: String) -> Bool? {
        let value = Self.normalised(text)
        if yes.contains(value) { return true }
        if no.contains(value) { return false }
        return nil
    }

    /// A number as the export writes it: `1234.5`, `1,234.5`, or with a decimal comma `1.234,5`.
    public func number(_ text: String) -> Double? {
        if let value = Self.fastNumber(text.utf8, decimalComma: decimalComma) { return value }
        return slowNumber(text)
    }

    /// The common case read straight from the bytes: an optional sign, digits with thousands
    /// separators between groups of three, an optional fraction; at most 15 digits, so that
    /// whole / 10^k is the correctly rounded value. nil sends the text to the general reader.
    static func fastNumber(_ bytes: String.UTF8View, decimalComma: Bool) -> Double? {
        let point = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        let group = decimalComma ? UInt8(ascii: ".") : UInt8(ascii: ",")
        var negative = false
        var whole = 0
        var digits = 0
        var fractionDigits = 0
        var inFraction = false
        var sinceGroup = -1
        var first = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                whole = whole * 10 + Int(byte - 48)
                digits += 1
                if inFraction { fractionDigits += 1 } else if sinceGroup >= 0 { sinceGroup += 1 }
                if digits > 15 { return nil }
            case UInt8(ascii: "-") where first: negative = true
            case UInt8(ascii: "+") where first: break
            case point where !inFraction:
                if sinceGroup >= 0 && sinceGroup != 3 { return nil }
                inFraction = true
            case group where !inFraction && digits > 0:
                if sinceGroup >= 0 && sinceGroup != 3 { return nil }
                sinceGroup = 0
            default:
                return nil
            }
            first = false
        }
        guard digits > 0, sinceGroup < 0 || sinceGroup == 3 || inFraction else { return nil }
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        let value = Double(whole) / scale
        return negative ? -value : value
    }

    func slowNumber(_ text: String) -> Double? {
        // Text with letters (other than an exponent's e) is no number: no need to look further.
        guard text.utf8.allSatisfy({ !(65...90).contains($0 & ~0x20) || $0 & ~0x20 == UInt8(ascii: "E") }) else { return nil }
        var digits = text.trimmingSpaces()
        guard !digits.isEmpty else { return nil }
        if decimalComma {
            digits = digits.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else {
            // Thousands separators only between groups of three digits.
            if digits.contains(",") {
                let parts = digits.split(separator: ".", maxSplits: 1)
                let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
                guard groups.dropFirst().allSatisfy({ $0.count == 3 }), !(groups.first?.isEmpty ?? true) else { return nil }
                digits = groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
            }
        }
        guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
            let value = Double(digits), value.isFinite
        else { return nil }
        return value
    }

    /// Money as text: `$22,700.00`, `€ 1.234,50`, `1234.50 EUR`, `-$5`: the currency sign or
    /// code is dropped, the amount read as a number. Amounts have cents, so where the decimal
    /// mark is a point, a comma before one or two last digits (`8016,2`, a German spreadsheet's
    /// amount in an English export) can only be a decimal comma, and is read as one.
    public func money(_ text: String) -> Double? {
        var amount = text.trimmingSpaces()
        for code in ["EUR", "USD", "GBP", "CHF", "€", "$", "£"] { amount = amount.replacingOccurrences(of: code, with: "") }
        amount = amount.replacingOccurrences(of: "\u{00A0}", with: "").trimmingSpaces()
        if let value = number(amount) { return value }
        let parts = amount.split(separator: ",", omittingEmptySubsequences: false)
        guard !decimalComma, parts.count == 2, (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isASCII),
            parts[1].allSatisfy(\.isNumber), !parts[0].contains(".")
        else { return nil }
        return number(parts[0] + "." + parts[1])
    }

    /// A time as exports write it, in seconds since 1970-01-01 UTC; a date alone is its midnight.
    /// `format` is one of `DateFormat`; nil tries each in turn, where the text is unambiguous
    /// (a `/` date is M/D/YYYY, as US exports write it, unless the format says D/M/YYYY).
    public func time(_ text: String, format: DateFormat? = nil) -> Int? {
        if format == nil || format == .iso, let seconds = DateFormat.fastISO(text.utf8) { return seconds }
        let value = text.trimmingSpaces()
        if let format { return format.parse(value) }
        for candidate in DateFormat.allCases where candidate != .dayMonthYearSlash {
            if let seconds = candidate.parse(value) { return seconds }
        }
        return nil
    }

    static func normalised(_ text: String) -> String { text.trimmingSpaces().lowercased() }
}

/// The date spellings exports use.
public enum DateFormat: String, Sendable, CaseIterable {
    /// `2021-04-15`, `2021-04-15 00:03`, `2021-04-15T00:03:00Z`, `2021-04-15T00:03:00+02:00`
    case iso
    /// `15.04.2021`, `15.04.2021 00:03`, `15.04.2021 00:03:00` (German)
    case dayMonthYearDots = "dd.mm.yyyy"
    /// `4/15/2021`, `4/15/2021 12:03 AM` (US)
    case monthDayYearSlash = "m/d/yyyy"
    /// `15/04/2021` (UK)
    case dayMonthYearSlash = "dd/mm/yyyy"
    /// `2021.04.15`
    case yearMonthDayDots = "yyyy.mm.dd"
    /// `15 Apr, 2021 00:03:00` (Marketo, Pardot)
    case dayMonthNameYear = "dd mon, yyyy"

    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` or with a space, and a `Z`, read straight from the
    /// bytes; anything else (offsets, fractions of seconds) goes to the general reader.
    static func fastISO<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        // Fields by position: YYYY-MM-DD, then hh, mm, ss; no array, as this runs per value.
        var fields = (year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0)
        var index = 0
        for byte in bytes {
            switch index {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { return nil }
            case 10:
                guard byte == UInt8(ascii: "T") || byte == UInt8(ascii: " ") else { return nil }
            case 13, 16:
                guard byte == UInt8(ascii: ":") else { return nil }
            case 19:
                guard byte == UInt8(ascii: "Z") else { return nil }
            default:
                guard (48...57).contains(byte) else { return nil }
                let digit = Int(byte - 48)
                switch index {
                case 0..<4: fields.year = fields.year * 10 + digit
                case 5, 6: fields.month = fields.month * 10 + digit
                case 8, 9: fields.day = fields.day * 10 + digit
                case 11, 12: fields.hour = fields.hour * 10 + digit
                case 14, 15: fields.minute = fields.minute * 10 + digit
                default: fields.second = fields.second * 10 + digit
                }
            }
            index += 1
            if index > 20 { return nil }
        }
        guard [10, 16, 19, 20].contains(index) else { return nil }
        let date = CivilDate(year: fields.year, month: fields.month, day: fields.day)
        guard date.isValid, fields.hour < 24, fields.minute < 60, fields.second < 61 else { return nil }
        return date.daysSinceEpoch * 86_400 + fields.hour * 3600 + fields.minute * 60 + fields.second
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    func parse(_ text: String) -> Int? {
        switch self {
        case .iso:
            let (date, time) = Self.split(text, at: ["T", " "])
            let parts = date.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4 else { return nil }
            return Self.combine(year: parts[0], month: parts[1], day: parts[2], time: time, zoned: true)
        case .dayMonthYearDots, .yearMonthDayDots:
            let (date, time) = Self.split(text, at: [" "])
            let parts = date.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            if self == .yearMonthDayDots {
                guard parts[0].count == 4 else { return nil }
                return Self.combine(year: parts[0], month: parts[1], day: parts[2], time: time)
            }
            guard parts[2].count == 4 else { return nil }
            return Self.combine(year: parts[2], month: parts[1], day: parts[0], time: time)
        case .monthDayYearSlash, .dayMonthYearSlash:
            let (date, time) = Self.split(text, at: [" "])
            let parts = date.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[2].count == 4 else { return nil }
            let (month, day) = self == .monthDayYearSlash ? (parts[0], parts[1]) : (parts[1], parts[0])
            return Self.combine(year: parts[2], month: month, day: day, time: time)
        case .dayMonthNameYear:
            // 15 Apr, 2021 00:03:00
            let words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ")
            guard words.count >= 3, let month = Self.months.firstIndex(of: words[1].prefix(3).lowercased()) else { return nil }
            let time = words.count > 3 ? words[3...].joined(separator: " ") : ""
            return Self.combine(year: words[2], month: Substring(String(month + 1)), day: words[0], time: Substring(time))
        }
    }

    private static func split(_ text: String, at separators: [Character]) -> (Substring, Substring) {
        guard let index = text.firstIndex(where: { separators.contains($0) }) else { return (Substring(text), "") }
        return (text[..<index], text[text.index(after: index)...])
    }

    /// A date and an optional time of day (`HH:MM`, `HH:MM:SS`, with `AM`/`PM`, a `Z` or an
    /// offset such as `+02:00` where `zoned`).
    private static func combine(year: Substring, month: Substring, day: Substring, time: Substring, zoned: Bool = false) -> Int? {
        guard let y = Int(year), let m = Int(month), let d = Int(day), month.count <= 2, day.count <= 2 else { return nil }
        let date = CivilDate(year: y, month: m, day: d)
        guard date.isValid else { return nil }
        var seconds = date.daysSinceEpoch * 86_400
        var clock = time.trimmingCharacters(in: " ")
        guard !clock.isEmpty else { return seconds }
        var offset = 0
        if zoned {
            if clock.hasSuffix("Z") {
                clock.removeLast()
            } else if let sign = clock.lastIndex(where: { $0 == "+" || $0 == "-" }) {
                let zone = clock[clock.index(after: sign)...].split(separator: ":")
                guard zone.count <= 2, let hours = Int(zone[0].prefix(2)), let minutes = Int(zone.count == 2 ? zone[1] : zone[0].dropFirst(2).isEmpty ? "0" : zone[0].dropFirst(2)) else { return nil }
                offset = (hours * 3600 + minutes * 60) * (clock[sign] == "+" ? 1 : -1)
                clock = String(clock[..<sign])
            }
        }
        var afternoon: Bool?
        let upper = clock.uppercased()
        if upper.hasSuffix("AM") || upper.hasSuffix("PM") {
            afternoon = upper.hasSuffix("PM")
            clock = String(clock.dropLast(2)).trimmingCharacters(in: " ")
        }
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), var hour = Int(fields[0]), let minute = Int(fields[1]) else { return nil }
        let second = fields.count == 3 ? Double(fields[2]).map { Int($0) } : 0
        guard let second, (0...59).contains(minute), (0...60).contains(second) else { return nil }
        if let afternoon {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (afternoon ? 12 : 0)
        }
        guard (0...23).contains(hour) else { return nil }
        seconds += hour * 3600 + minute * 60 + second
        return seconds - offset
    }
}

extension String {
    func trimmingSpaces() -> String {
        // Most values have no space at either end: nothing to copy.
        guard let first = utf8.first, let last = utf8.last, first == 32 || last == 32 || first == 9 || last == 9 || first == 0xC2 || last == 0xA0
        else { return self }
        return trimmingCharacters(in: " ")
    }

    func trimmingCharacters(in characters: String) -> String {
        var text = Substring(self)
        while let first = text.first, characters.contains(first) || first == "\t" || first == "\u{00A0}" { text.removeFirst() }
        while let last = text.last, characters.contains(last) || last == "\t" || last == "\u{00A0}" { text.removeLast() }
        return String(text)
    }
}

extension Substring {
    func trimmingCharacters(in characters: String) -> String { String(self).trimmingCharacters(in: characters) }
}
