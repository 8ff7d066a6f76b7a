import Foundation
import Testing
@testable import LeadSimCore
@testable import LeadSimGenerate

/// Generated packages as other tools read them: the `frictionless` validator (from PyPI, in the
/// virtual environment the README's test command installs) checks types, required fields and
/// primary and foreign keys of a small package in each format.
@Suite struct DataPackageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func write(_ format: DatasetFormat, leads: Int = 600, dirty: Double = 0) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-package-\(format.rawValue)-\(UUID().uuidString)")
        var output = try DirectoryOutput(directory: directory.path, format: format)
        let model = B2BModel()
        _ = try DatasetGenerator.generate(
            model: model, parameters: model.defaultParameters(),
            request: DatasetRequest(leads: leads, seed: 4, weeks: 4, format: format, dirtyRate: dirty), options: RunOptions(), output: &output)
        return directory
    }

    @Test(arguments: [(DatasetFormat.csv, 0.0), (.jsonl, 0), (.csv, 0.1)])
    func frictionlessFindsThePackageValid(format: DatasetFormat, dirty: Double) throws {
        let validator = Self.repository.appendingPathComponent(".venv/bin/frictionless")
        try #require(
            FileManager.default.isExecutableFile(atPath: validator.path),
            "no \(validator.path): run the README's test command, which installs requirements.txt into .venv")
        let directory = try write(format, dirty: dirty)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = validator
        process.arguments = ["validate", "--json", directory.appendingPathComponent("datapackage.json").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let tasks = report["tasks"] as? [[String: Any]] ?? []
        let errors = tasks.flatMap { ($0["errors"] as? [[String: Any]] ?? []).map { "\($0["message"] ?? "")" } }
        #expect(report["valid"] as? Bool == true, "\(errors.prefix(5))")
        #expect(tasks.count == DatasetTable.all(dirty: dirty > 0).count)
    }

    /// Files appear under their names only when the whole dataset is written; nothing partial is
    /// left behind.
    @Test func filesAreWrittenWhole() throws {
        let directory = try write(.csv, leads: 200)
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == (DatasetTable.all.map { "\($0.name).csv" } + ["README.md", "datapackage.json"]).sorted())
        let readme = try String(contentsOf: directory.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("--leads 200 --seed 4 --weeks 4"))
        #expect(throws: DatasetError.self) { _ = try DirectoryOutput(directory: directory.appendingPathComponent("README.md").path, format: .csv) }
    }
}
