import Testing
@testable import LeadSimScript

@Suite struct ParserTests {
    func parse(_ line: String) throws(ScriptError) -> Command? {
        try Parser.parse(line: line, location: SourceLocation(file: "t.leadsim", line: 3, column: 1))?.command
    }

    func error(_ line: String) -> ScriptError? {
        do {
            _ = try parse(line)
            return nil
        } catch {
            return error
        }
    }

    @Test func commandsParse() throws {
        #expect(try parse("population 100_000 seed 7 weeks 13") == .population(leads: 100_000, seed: 7, weeks: 13))
        #expect(try parse("  set mql.threshold 65   # stricter") == .set(parameter: "mql.threshold", value: "65"))
        #expect(try parse("expect sql between 1800 and 2400")
            == .expect(Expectation(metric: "sql", check: .between(1800, 2400))))
        #expect(try parse("expect funnel.mql_to_sql >= 0.10")
            == .expect(Expectation(metric: "funnel.mql_to_sql", check: .compare(.greaterOrEqual, 0.10))))
        #expect(try parse("campaign webinar x2 weeks 4..8")
            == .campaign(.init(.touchpoint("webinar"), multiplier: 2, startWeek: 4, endWeek: 8)))
        #expect(try parse("campaign leads paid_search x1.5 weeks 0..4")
            == .campaign(.init(.channel("paid_search"), multiplier: 1.5, startWeek: 0, endWeek: 4)))
        #expect(try parse("echo \"two more reps\"") == .echo("two more reps"))
        #expect(try parse("# only a comment") == nil)
        #expect(try parse("   ") == nil)
    }

    /// Messages name file:line:column and what was expected, with a caret under the place.
    @Test func errorsPointAtThePlace() {
        let unknownMetric = error("expect sqll > 5")
        #expect(unknownMetric?.location == SourceLocation(file: "t.leadsim", line: 3, column: 8))
        #expect(unknownMetric?.description == """
            t.leadsim:3:8: error: unknown metric 'sqll' (did you mean sql?): expected a metric (see `show metrics`)
                expect sqll > 5
                       ^
            """)
        #expect(error("expect sql between 10 and")?.message == "expected the upper bound")
        #expect(error("expect sql between 10 and")?.location.column == 26)
        #expect(error("population many")?.message == "expected the number of leads (a whole number), got 'many'")
        #expect(error("population 0")?.message == "expected the number of leads from 1 to 50000000, got 0")
        #expect(error("population 10 sead 3")?.location.column == 15)
        #expect(error("rn")?.message.hasPrefix("unknown command 'rn' (did you mean run?)") == true)
        #expect(error("show funel")?.message.hasPrefix("cannot show 'funel'") == true)
        #expect(error("run now")?.message == "unexpected 'now': expected the end of the command")
        #expect(error("campaign webinar 2 weeks 4..8")?.message == "expected a factor from x0 to x100, like x2 or x0.5, got '2'")
        #expect(error("campaign webinar x2 weeks 8..4")?.location.column == 27)
        #expect(error("expect sql = 3")?.message == "expected a comparison (<, <=, >, >=, ==, !=), got '='")
        #expect(error("echo \"open")?.message == "unterminated string: expected a closing \"")
    }

    @Test func wholeScriptsCollectEveryError() {
        let parsed = Parser.parse(script: "\u{FEFF}run\nrn\r\nset x\nshow funnel\n", file: "s.leadsim")
        #expect(parsed.statements.count == 2)
        #expect(parsed.errors.map(\.location.line) == [2, 3])
        #expect(parsed.errors.last?.message == "expected a value for x")
    }
}
