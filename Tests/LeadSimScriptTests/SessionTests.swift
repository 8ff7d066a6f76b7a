import LeadSimCore
import Testing
@testable import LeadSimScript

@Suite struct SessionTests {
    func run(_ script: String) -> ScriptOutcome { runScript(script, file: "s.leadsim") }

    @Test func expectationsPassAndFailWithExitStatus() {
        let passing = run("population 2000 seed 3\nrun\nexpect created == 2000\nexpect mql between 1 and 2000\n")
        #expect(passing.status == .passed)
        #expect(passing.out.contains("ok: created == 2000 (actual 2000)"))
        let failing = run("population 2000 seed 3\nrun\nexpect created > 5000\nexpect created == 2000\n")
        #expect(failing.status == .expectationFailed)
        #expect(failing.err == "s.leadsim:3:1: expectation failed: expected created > 5000, actual 2000\n")
        #expect(failing.out.contains("ok: created == 2000"), "later expectations still run")
    }

    @Test func inputErrorsStopWithStatusTwo() {
        let outOfRange = run("set mql.threshold -3\nrun\n")
        #expect(outOfRange.status == .inputError)
        #expect(outOfRange.err.hasPrefix("s.leadsim:1:19: error: mql.threshold = -3 is out of range: expected 0 to 1000 points"))
        #expect(!outOfRange.out.contains("key figure"), "nothing runs after the error")
        let unknown = run("set sales.rep 3\n")
        #expect(unknown.err.hasPrefix("s.leadsim:1:5: error: unknown parameter 'sales.rep' (did you mean sales.reps?)"))
        let syntax = run("run\nexpect\n")
        #expect(syntax.status == .inputError)
        #expect(syntax.out.isEmpty, "a syntax error anywhere stops the file before it runs")
        #expect(run("population 500\nexpect created == 500\n").status == .passed, "an expectation runs the configuration when it has no results")
        #expect(run("model nope\n").err.contains("unknown model 'nope': expected one of b2b, reference"))
        #expect(run("model reference\ncampaign webinar x2 weeks 1..2\n").status == .inputError)
    }

    @Test func sessionKeepsPopulationUntilItChanges() throws {
        var session = Session()
        let statements = Parser.parse(script: "population 3000 seed 4\nrun\nset sales.reps 2\nrun\n", file: "s").statements
        _ = try session.execute(statements[0])
        _ = try session.execute(statements[1])
        let first = session.lastResult!
        let population = session.population!
        _ = try session.execute(statements[2])
        _ = try session.execute(statements[3])
        #expect(session.population!.createdHours == population.createdHours)
        #expect(session.lastResult!.reps.count == 2)
        #expect(session.lastResult!.funnel.mql == first.funnel.mql)
    }

    @Test func showTablesAfterARun() {
        let result = run("population 3000 seed 4\nrun\nshow funnel\nshow weekly\nshow workload\nshow changed\nset sales.reps 3\nshow changed\n")
        #expect(result.status == .passed)
        #expect(result.out.contains("hand-overs of the window"))
        #expect(result.out.contains("at the end: total"))
        #expect(result.out.contains("opportunity"))
        #expect(result.out.contains("week  new leads"))
        #expect(result.out.contains("utilisation"))
        #expect(result.out.contains("all parameters at their defaults"))
        #expect(result.out.contains("sales.reps"))
        #expect(run("population 500\nshow funnel\n").out.contains("hand-overs of the window"), "show runs the configuration when it has no results")
    }
}
