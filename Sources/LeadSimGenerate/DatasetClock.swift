/// Turns a run's hours into calendar times. The simulation's hour 0 is Monday 00:00 of the first
/// warm-up week, so the dataset's start date (the measured window's first day) must be a Monday.
/// Civil dates are computed by hand (days from the epoch, Hinnant's algorithm) rather than with
/// Foundation's calendars, which depend on the machine's time zone: a dataset is the same bytes
/// everywhere.
public struct DatasetClock: Sendable {
    /// Seconds from 1970-01-01T00:00:00Z to the simulation's hour 0.
    let originSeconds: Int
    /// "YYYY-MM-DD" of each day from the origin, ten bytes a day, for the days a run covers and a
    /// year beyond: one flat table, so a timestamp is a copy rather than a calendar computation.
    private let days: [UInt8]
    private let dayCount: Int

    public init(windowStart: CivilDate, warmupWeeks: Int, weeks: Int) {
        let originDay = windowStart.daysSinceEpoch - 7 * warmupWeeks
        originSeconds = originDay * 86_400
        dayCount = 7 * (warmupWeeks + weeks) + 400
        days = (0..<dayCount).flatMap { Array(CivilDate(daysSinceEpoch: originDay + $0).text.utf8) }
    }

    /// Whole seconds since the epoch of a time in the run's hours.
    @inline(__always)
    func seconds(hours: Double) -> Int { originSeconds + Int((hours * 3600).rounded(.down)) }

    func appendTimestamp(_ seconds: Int, to bytes: inout [UInt8]) {
        let sinceOrigin = seconds - originSeconds
        let day = sinceOrigin >= 0 ? sinceOrigin / 86_400 : (sinceOrigin - 86_399) / 86_400
        if day >= 0 && day < dayCount {
            days.withUnsafeBufferPointer { table in bytes.append(contentsOf: UnsafeBufferPointer(rebasing: table[(day * 10)..<(day * 10 + 10)])) }
        } else {
            bytes.append(contentsOf: CivilDate(daysSinceEpoch: originSeconds / 86_400 + day).text.utf8)
        }
        let inDay = sinceOrigin - day * 86_400
        bytes.append(UInt8(ascii: "T"))
        RowBuilder.appendTwoDigits(inDay / 3600, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        RowBuilder.appendTwoDigits(inDay / 60 % 60, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        RowBuilder.appendTwoDigits(inDay % 60, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    func timestamp(_ seconds: Int) -> String {
        var bytes: [UInt8] = []
        appendTimestamp(seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A day of the proleptic Gregorian calendar.
public struct CivilDate: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`, or nil when the text is not a real date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), day >= 1
        else { return nil }
        self.init(year: year, month: month, day: day)
        guard CivilDate(daysSinceEpoch: daysSinceEpoch) == self else { return nil }
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }

    public var text: String {
        var bytes: [UInt8] = []
        RowBuilder.appendPadded(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        RowBuilder.appendPadded(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        RowBuilder.appendPadded(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
