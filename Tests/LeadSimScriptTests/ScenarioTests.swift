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
        let outcome = runScript(text, file: file)
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("ok: "), "a scenario states expectations")
    }
}
