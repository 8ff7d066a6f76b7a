import Foundation
import Testing

/// The notebooks in notebooks/ run end to end against the leadsim binary just built: each is
/// executed by nbclient (from the README's virtual environment) in a fresh kernel, and every
/// cell must run — the notebooks assert what they show. They are committed without outputs.
@Suite struct NotebookTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = repository.appendingPathComponent("notebooks")

    static var notebooks: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".ipynb") }.sorted()
    }

    @Test func fourStoriesShip() {
        #expect(Self.notebooks.count >= 4, "\(Self.notebooks)")
    }

    @Test(arguments: NotebookTests.notebooks)
    func notebookIsCommittedClean(name: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
        let notebook = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cells = notebook["cells"] as? [[String: Any]] ?? []
        #expect(cells.contains { $0["cell_type"] as? String == "markdown" } && cells.contains { $0["cell_type"] as? String == "code" })
        for cell in cells where cell["cell_type"] as? String == "code" {
            #expect((cell["outputs"] as? [Any])?.isEmpty == true, "\(name): a cell with stale outputs")
            #expect(cell["execution_count"] is NSNull, "\(name): a cell with an execution count")
        }
    }

    @Test(arguments: NotebookTests.notebooks)
    func notebookRunsEndToEnd(name: String) throws {
        let python = Self.repository.appendingPathComponent(".venv/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "no \(python.path): run the README's test command, which installs requirements.txt into .venv")
        let process = Process()
        process.executableURL = python
        process.arguments = [
            "-c",
            """
            import sys, nbformat, nbclient
            notebook = nbformat.read(sys.argv[1], as_version=4)
            nbclient.NotebookClient(notebook, timeout=900, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
            print("executed", sum(1 for cell in notebook.cells if cell.cell_type == "code"), "cells")
            """,
            Self.directory.appendingPathComponent(name).path, Self.directory.path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["LEADSIM"] = CLITests.binary.path
        environment["MPLBACKEND"] = "Agg"
        process.environment = environment
        // Standard error to a file, so that a chatty kernel cannot fill a pipe and stall the run.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let err = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(name): \(err.suffix(3000))")
        #expect(out.hasPrefix("executed "), "\(out)")
    }
}
