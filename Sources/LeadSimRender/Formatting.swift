import Foundation
import LeadSimCore

/// Number formats for people: counts with thousands separators, shares as percentages, money in
/// euros. Fixed formats, not the locale's, so that transcripts are the same on every machine.
public enum Format {
    /// Bytes in megabytes with one decimal, as a progress line counts a file read.
    public static func megabytes(_ bytes: Int) -> String { fixed(Double(bytes) / 1e6, digits: 1) + " MB" }

    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    public static func fixed(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    public static func percent(_ fraction: Double, digits: Int = 1) -> String {
        fixed(fraction * 100, digits: digits) + " %"
    }

    public static func euros(_ value: Double) -> String {
        if abs(value) >= 1_000_000 { return "EUR " + fixed(value / 1_000_000, digits: 2) + "M" }
        if abs(value) >= 10_000 { return "EUR " + fixed(value / 1000, digits: 1) + "k" }
        return "EUR " + fixed(value, digits: 0)
    }

    /// A parameter's value for a table: as a script writes it, but a real number to six
    /// significant digits — ten minutes in hours shows as 0.166667, not 0.16666666666666666. The
    /// exports keep the exact number.
    public static func parameter(_ value: Double, of spec: ParameterSpec) -> String {
        guard case .real = spec.kind, value.isFinite, value != 0 else { return spec.format(value) }
        return spec.format(Double(String(format: "%.6g", value)) ?? value)
    }

    /// A metric value in the unit it is measured in.
    public static func metric(_ value: Double, unit: String) -> String {
        switch unit {
        case "fraction": percent(value)
        case "points": fixed(value * 100, digits: 1) + " pts"
        case "EUR", "EUR per day": euros(value)
        case "hours", "days", "leads per week", "hours per week", "multiplier": fixed(value, digits: 2)
        // Means of counts over replications: whole and grouped from a thousand, two decimals below.
        default: (value == value.rounded() || abs(value) >= 1000) && abs(value) < 1e15 ? count(Int(value.rounded())) : fixed(value, digits: 2)
        }
    }
}
