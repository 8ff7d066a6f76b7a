import Foundation
import Testing
@testable import LeadSimScript

/// `.output FILE` and `.once FILE`, as sqlite3 users know them: results to a file (written whole
/// after each command), the screen keeps the rest.
@Suite struct OutputFileTests {
    @Test func resultsGoToTheFileUntilTheScreenIsBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let all = directory.appendingPathComponent("all.txt").path
        let one = directory.appendingPathComponent("one.csv").path
        let outcome = runScript(
            "echo screen 1\n.output \(all)\necho file 1\necho file 2\n.output\necho screen 2\nmode csv\n.once \(one)\npopulation 500\necho after\n",
            file: "t")
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out == "screen 1\nscreen 2\n")
        #expect(try String(contentsOfFile: all, encoding: .utf8) == "file 1\nfile 2\n")
        // `.once` took the next command only: `population` printed nothing, so the file is empty.
        #expect(try String(contentsOfFile: one, encoding: .utf8) == "")
        #expect(outcome.err == "after\n", "in CSV mode prose goes to standard error")
        let tables = runScript("population 500\nrun\nmode csv\n.once \(one)\nshow summary\n", file: "t")
        #expect(tables.status == .passed)
        #expect(try String(contentsOfFile: one, encoding: .utf8).hasPrefix("metric,value,unit\nmql,"))
        let bad = runScript(".output \(directory.path)\n", file: "t")
        #expect(bad.status == .inputError && bad.err.contains("cannot write '\(directory.path)': a directory is there: expected a file name"))
    }
}
