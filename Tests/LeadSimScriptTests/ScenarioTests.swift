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
        var out = ""
        var err = ""
        let status = ScriptRunner.run(script: text, file: file, session: &session, write: { out += $0 }, report: { err += $0 })
        #expect(status == .passed, "\(err)")
        #expect(out.contains("ok: "), "a scenario states expectations")
    }
}
