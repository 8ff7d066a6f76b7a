import LeadSimCore
import Testing
@testable import LeadSimScript

/// `trace LEAD` tells one lead's journey in the current configuration.
@Suite struct TraceCommandTests {
    func run(_ script: String) -> ScriptOutcome { runScript(script, file: "t.leadsim") }

    @Test func aTraceShowsTheLeadAndEveryEventInTimeOrder() throws {
        let outcome = run("population 3000 seed 3 weeks 13\ntrace 163\n")
        #expect(outcome.status == .passed, "\(outcome.err)")
        let lines = outcome.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "lead 163")
        for field in ["created", "channel", "grade", "hidden fit", "buying window", "BANT", "deal value"] {
            #expect(lines.contains { $0.hasPrefix(field + " ") }, "no \(field) line")
        }
        let header = try #require(lines.firstIndex { $0.hasPrefix("time ") })
        let events = lines[(header + 2)...]
        #expect(events.first?.contains(" created") == true)
        #expect(events.count > 3)

        // The same journey as the engine tells it, one line per event.
        var session = Session()
        _ = runScript("population 3000 seed 3 weeks 13\n", file: "t", in: &session)
        let population = try session.currentPopulations()[0]
        let journeys = try #require(try session.model.journeys(population, parameters: session.parameters, options: RunOptions()))
        var told: [LeadEvent] = []
        var scratch = JourneyScratch()
        journeys.events(of: 163, into: &told, scratch: &scratch)
        #expect(events.count == told.count)
        #expect(zip(events, told).allSatisfy { line, event in line.contains(" \(event.kind.name)") })
    }

    @Test func aTraceInCSVCarriesHoursAndKeys() {
        let outcome = run("population 2000 seed 3 weeks 8\nmode csv\ntrace 5\n")
        #expect(outcome.out.contains("field,value\n"))
        #expect(outcome.out.contains("time,hours,event,detail,points,score,rep\n"))
    }

    @Test func mistakesAreNamed() {
        let outOfRange = run("population 2000 seed 3 weeks 8\ntrace 999999\n")
        #expect(outOfRange.status == .inputError)
        #expect(outOfRange.err.contains("t.leadsim:2:7: error: no lead 999999: expected 0 to "))
        #expect(run("trace x\n").err.contains("expected a lead's number (0 is the first lead of the window) (a whole number), got 'x'"))
        #expect(run("model reference\npopulation 500\ntrace 1\n").err.contains("tells no journeys: expected `model b2b` before `trace`"))
    }
}
