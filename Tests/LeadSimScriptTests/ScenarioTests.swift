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

    /// Each scenario runs as `leadsim run --json` would run it: every command's record is valid
    /// against schemas/leadsim-results.schema.json (checked by the `jsonschema` package in the
    /// README's virtual environment), one per statement, none of them failed.
    @Test(arguments: ScenarioTests.files)
    func scenarioHoldsItsExpectations(file: String) throws {
        let path = Self.directory.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var session = Session()
        session.mode = .json
        let outcome = runScript(text, file: file, in: &session)
        #expect(outcome.status == .passed, "\(outcome.err)")
        let records = outcome.out.split(separator: "\n").map(String.init)
        #expect(records.count == Parser.parse(script: text, file: file).statements.count, "one record a statement")
        #expect(records.allSatisfy { $0.contains("\"status\": \"ok\"") })
        #expect(records.contains { $0.contains("\"expectation\": {\"passed\": true") }, "a scenario states expectations")
        let problems = try Self.validate(records)
        #expect(problems.isEmpty, "\(file): \(problems)")
        // The funnel of the scenario's last run adds up.
        for run in session.lastRuns?.runs ?? [] where run.model == "b2b" {
            #expect(run.states.total == run.funnel.created, "\(file): lead states")
            #expect(run.funnel.handoverOutcomes.reduce(0) { $0 + $1.count } == run.funnel.handovers, "\(file): hand-over outcomes")
        }
    }

    static let repository = directory.deletingLastPathComponent()

    /// What the JSON Schema validator finds wrong with `records`, a line each; empty when they are valid.
    static func validate(_ records: [String]) throws -> String {
        let python = repository.appendingPathComponent(".venv/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "no \(python.path): run the README's test command, which installs requirements.txt into .venv")
        let process = Process()
        process.executableURL = python
        process.arguments = [
            "-c",
            """
            import json, sys, jsonschema
            validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
            for number, line in enumerate(sys.stdin, 1):
                for error in validator.iter_errors(json.loads(line)):
                    print(f"record {number}: {error.message} at {list(error.absolute_path)}")
            """,
            repository.appendingPathComponent("schemas/leadsim-results.schema.json").path,
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data((records.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    /// The schema catches what it is for: an empty text where a cell has no value, a record
    /// without its status.
    @Test func theSchemaRefusesWhatItShould() throws {
        let good = #"{"schema": "leadsim-results/1", "command": "run", "text": "run", "file": "-c", "line": 1, "status": "ok", "tables": [{"name": "t", "columns": [{"key": "a", "title": "a", "unit": null}], "rows": [{"a": null}]}], "messages": [], "expectation": null, "files": [], "error": null}"#
        #expect(try Self.validate([good]).isEmpty)
        #expect(try Self.validate([good.replacingOccurrences(of: #"{"a": null}"#, with: #"{"a": ""}"#)]).contains("record 1"))
        #expect(try Self.validate([good.replacingOccurrences(of: #""status": "ok", "#, with: "")]).contains("'status' is a required property"))
    }
}
