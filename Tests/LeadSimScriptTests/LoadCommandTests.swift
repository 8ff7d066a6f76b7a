import Foundation
import LeadSimCore
import Testing
@testable import LeadSimScript
import LeadSimData

/// `load leads FILE map MAPPING`: a team's own leads in place of a synthetic population.
@Suite struct LoadCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let export = repository.appendingPathComponent("datasets/history/kontakte.csv").path
    let mapping = repository.appendingPathComponent("datasets/history/kontakte.mapping.yaml").path

    func run(_ script: String) -> ScriptOutcome { runScript(script, file: "h.leadsim") }

    @Test func theShippedHistoryLoadsAndRunsForward() {
        let outcome = run("load leads \(export) map \(mapping)\nrun\nexpect created == 1962\nexpect mql > 100\n")
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("kontakte.csv: 1962 rows, 1962 leads imported"))
        #expect(outcome.out.contains("free attributes for scoring: jahresumsatz_eur, newsletter"))
        // Back to a synthetic population.
        #expect(run("load leads \(export) map \(mapping)\npopulation 2000 seed 3\nrun\nexpect created == 2000\n").status == .passed)
    }

    /// Criteria test the export's own columns.
    @Test func scoringTestsTheExportsColumns() throws {
        let scoringFile = FileManager.default.temporaryDirectory.appendingPathComponent("revenue-\(UUID().uuidString).scoring")
        var text = ScoringSyntax.format(.b2bDefault, parameters: B2BModel().defaultParameters())
        text += "fit big_revenue jahresumsatz_eur 1000000000..1000000000000 points 40\nfit newsletter newsletter == Ja points 5\n"
        try text.write(to: scoringFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scoringFile) }
        let outcome = run("load leads \(export) map \(mapping)\nscoring \(scoringFile.path)\nset fit.big_revenue.points 0\nrun\nset fit.big_revenue.points 60\n")
        #expect(outcome.status == .passed, "\(outcome.err)")
        let refused = run("scoring \(scoringFile.path)\n")
        #expect(refused.err.contains("unknown attribute 'jahresumsatz_eur'"))
    }

    @Test func mistakesNameTheFileAndPlace() throws {
        let badMapping = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        try "leads:\n  columns:\n    Kontakt-ID: id\n    Erstellt: created\n".write(to: badMapping, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: badMapping) }
        let missingColumn = run("load leads \(export) map \(badMapping.path)\n")
        #expect(missingColumn.status == .inputError)
        #expect(missingColumn.err.contains("\(badMapping.path):4:5: column 'Erstellt' is not in \(export)"))
        let line = "load leads \(export) map \(badMapping.path)"
        let caretColumn = line.range(of: badMapping.path)!.lowerBound.utf16Offset(in: line) + 1
        #expect(missingColumn.err.hasPrefix("h.leadsim:1:\(caretColumn): error:"), "the caret stands at the mapping")
        #expect(run("load leads nowhere.csv map \(mapping)\n").err.contains("nowhere.csv:1: no such file: expected an export to read"))
        #expect(run("model reference\nload leads \(export) map \(mapping)\n").err.contains("the reference model runs synthetic leads only"))
        #expect(run("load leads \(export) mapping \(mapping)\n").err.contains("expected 'map', got 'mapping'"))
    }
}

/// A package `generate` wrote loads as it is: its leads are the population that made it.
@Suite struct NativePackageTests {
    @Test func aGeneratedPackageLoadsBackAsItsPopulation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-native-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var session = Session()
        let wrote = runScript("population 800 seed 4 weeks 6\ngenerate \(directory)\n", file: "g", in: &session)
        #expect(wrote.status == .passed, "\(wrote.err)")
        let population = try session.currentPopulations()[0]
        let contents = try NativePackage.read(directory: directory, policy: .strict)
        let (leads, report) = (contents.leads, contents.report)
        #expect(report.imported == population.count && report.skippedCount == 0)
        let byCreation = (0..<population.count).sorted { (population.createdHours[$0], $0) < (population.createdHours[$1], $1) }
        for (row, lead) in byCreation.enumerated() {
            #expect(leads.channel[row] == population.channel[lead] && leads.moment[row] == population.moment[lead])
            #expect(leads.industry[row] == population.industry[lead] && leads.companySize[row] == population.companySize[lead])
            #expect(leads.region[row] == population.region[lead] && leads.seniority[row] == population.seniority[lead])
            #expect(leads.employees[row] == population.employees[lead] && leads.consent[row] == population.consent[lead])
        }
        let loaded = runScript("load \(directory)\nrun\nexpect created == \(population.count)\n", file: "l")
        #expect(loaded.status == .passed, "\(loaded.err)")
    }

    @Test func theShippedSampleLoadsWithItsDirt() {
        let sample = LoadCommandTests.repository.appendingPathComponent("datasets/sample").path
        let outcome = runScript("load \(sample)\nrun\nexpect created == 3134\n", file: "s")
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("share an e-mail address with an earlier row"), "the duplicates are reported")
        #expect(runScript("load /nowhere\n", file: "s").err.contains("/nowhere/datapackage.json:1: no datapackage.json: expected a directory that `leadsim generate` wrote"))
    }
}

/// A JSON Lines package loads as a CSV one does.
@Suite struct NativeJSONLinesTests {
    @Test func aJSONLinesPackageLoads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-jsonl-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcome = runScript("population 500 seed 4 weeks 4\ngenerate \(directory) format jsonl\nload \(directory)\nrun\n", file: "j")
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("leads.jsonl: "))
    }
}
