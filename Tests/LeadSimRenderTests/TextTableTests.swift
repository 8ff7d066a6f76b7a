import LeadSimCore
import Testing
@testable import LeadSimRender

@Suite struct TextTableTests {
    static var table: TextTable {
        var table = TextTable("counts", [("name", .left), ("count", .right)])
        table.append([Cell("plain"), .count(12_345)])
        table.append([Cell("with, comma \"quoted\""), .fixed(0.125, digits: 1)])
        return table
    }

    @Test func textAlignsColumnsAndFormatsNumbers() {
        #expect(Self.table.render(.table) == """
            name                   count
            --------------------  ------
            plain                 12,345
            with, comma "quoted"     0.1

            """)
    }

    /// CSV carries the numbers unformatted and quotes fields as RFC 4180 asks.
    @Test func csvQuotesAndKeepsRawNumbers() {
        #expect(Self.table.render(.csv) == "name,count\nplain,12345\n\"with, comma \"\"quoted\"\"\",0.125\n")
    }

    @Test func jsonIsAnArrayOfObjectsWithNumbers() {
        #expect(Self.table.render(.json) == """
            [
              {"name": "plain", "count": 12345},
              {"name": "with, comma \\"quoted\\"", "count": 0.125}
            ]

            """)
        var control = TextTable("control", [("text", .left)])
        control.append([Cell("tab\there\u{1}")])
        #expect(control.render(.json).contains(#""tab\there\u0001""#))
    }

    /// At a terminal's width, text columns wrap (names after a `.` or `_`) and columns that still
    /// do not fit are left out with a line naming them; no line is wider than the terminal.
    @Test func tablesFitTheTerminal() {
        var table = TextTable("t", columns: [
            .init("metric", .left), .init("what it means", .left), .init("value", .right), .init("low", .right), .init("high", .right),
        ])
        table.append([Cell("speed_to_lead.median_hours"), Cell("the median hours from hand-over to the first call, over the leads called in the window"), .count(12), .count(10), .count(14)])
        table.append([Cell("mql"), Cell("leads that became MQL"), .count(24_556), .count(24_000), .count(25_000)])
        let wide = table.render(.table, width: 200)
        #expect(wide == table.render(.table), "a table that fits is unchanged")
        for width in [80, 60, 40] {
            let text = table.render(.table, width: width)
            for line in text.split(separator: "\n") { #expect(line.count <= width, "\(width): \(line)") }
            #expect(text.contains("speed_to_") && text.contains("24,556"), "\(text)")
        }
        let narrow = table.render(.table, width: 40)
        #expect(narrow.contains("left out at 40 columns: "), "\(narrow)")
    }

    /// A long description is left out rather than squeezed into a column of single words, and
    /// the columns kept get the room: at 80 columns, `show params` keeps names on one or two lines.
    @Test func aDescriptionGivesWayBeforeItIsSqueezed() {
        var table = TextTable("parameters", [("parameter", .left), ("value", .right), ("default", .right), ("unit", .left), ("range", .left), ("description", .left)])
        let description = "whether a further visit counts again towards the engagement score, or only the first visit of the lead does"
        table.append([Cell("touchpoint.content_download.repeatable"), Cell("least_loaded"), Cell("round_robin"), Cell("choice"), Cell("on | off"), Cell(description)])
        table.append([Cell("grade.a_min"), .count(70), .count(70), Cell("points"), Cell("-10000 to 10000 points"), Cell(description)])
        let text = table.render(.table, width: 80)
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(text)")
        #expect(text.contains("left out at 80 columns: description"), "\(text)")
        #expect(lines.count == 2 + 2 + 1 + 2, "header, rule, a row on two lines and one on one, the note on two:\n\(text)")
    }
}

/// Prose wraps at words to a terminal's width, continuing under its text.
@Suite struct TextWrapTests {
    @Test func proseWrapsUnderItsLabel() {
        let help = "  source:  Oldroyd 2007: 100× the contact chance at 5 rather than 30 min; a long line wraps under its value"
        let wrapped = TextWrap.prose(help, width: 60).split(separator: "\n").map(String.init)
        #expect(wrapped.count == 2 && wrapped.allSatisfy { $0.count <= 60 }, "\(wrapped)")
        #expect(wrapped[0].hasPrefix("  source:  Oldroyd") && wrapped[1].hasPrefix(String(repeating: " ", count: 11)) && wrapped[1].dropFirst(11).first != " ")
        #expect(TextWrap.prose("note: " + String(repeating: "word ", count: 20), width: 40).split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("      w") })
        #expect(TextWrap.prose("short line\n  range:   1 to 1000\n", width: 40) == "short line\n  range:   1 to 1000\n", "short lines stay")
    }

    @Test func longWordsBreakAfterPunctuation() {
        #expect(TextWrap.lines("show summary|funnel|weekly|workload", limit: 20) == ["show", "summary|funnel|", "weekly|workload"])
        #expect(TextWrap.lines("speed_to_lead.median_hours", limit: 16) == ["speed_to_lead.", "median_hours"])
        #expect(TextWrap.lines(String(repeating: "x", count: 25), limit: 10) == ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"])
    }
}

/// A table shows a parameter to six significant digits; scripts and exports keep every digit.
@Suite struct ParameterFormatTests {
    @Test func realsShowSixDigitsAndWholeNumbersStay() {
        let hours = ParameterSpec("speed.contact.fast_hours", unit: .hours, default: 1.0 / 6, range: 0.001...1000, "ten minutes")
        #expect(hours.format(1.0 / 6) == "0.16666666666666666")
        #expect(Format.parameter(1.0 / 6, of: hours) == "0.166667")
        #expect(Format.parameter(0.25, of: hours) == "0.25" && Format.parameter(1e-6, of: hours) == "1e-06")
        let count = ParameterSpec("sales.reps", unit: .count, kind: .integer, default: 1_234_567, range: 0...10_000_000, "reps")
        #expect(Format.parameter(1_234_567, of: count) == "1234567")
    }
}
