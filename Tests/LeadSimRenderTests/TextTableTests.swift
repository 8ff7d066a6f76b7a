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
}
