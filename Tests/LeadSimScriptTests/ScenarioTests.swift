import Foundation
import Testing
@testable import LeadSimScript

/// Every scenario shipped in scenarios/ runs and keeps its promises.
@Suite struct ScenarioTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".leadsim") }.sorted()
    }

    @Test func atLeastFiveScenariosShip() {
        #expect(Self.files.count >= 5)
    }

    @Test(arguments: ScenarioTests.files)
    func scenarioHoldsItsExpectations(file: String) throws {
        let path = Self.directory.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var session = Session()
        let outcome = runScript(text, file: file, in: &session)
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("ok: "), "a scenario states expectations")
        // The funnel of the scenario's last run adds up.
        for run in session.lastRuns?.runs ?? [] where run.model == "b2b" {
            #expect(run.states.total == run.funnel.created, "\(file): lead states")
            #expect(run.funnel.handoverOutcomes.reduce(0) { $0 + $1.count } == run.funnel.handovers, "\(file): hand-over outcomes")
        }
    }
}
