import LeadSimCore

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

