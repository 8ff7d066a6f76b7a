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

    static let python = repository.appendingPathComponent(".venv/bin/python")

    /// Runs the venv's Python with `arguments` and the binary just built as $LEADSIM; its exit
    /// status, standard output and standard error.
    static func python(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "no \(python.path): run the README's test command, which installs requirements.txt into .venv")
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        process.currentDirectoryURL = repository
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
        return (process.terminationStatus, out, (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
    }

    /// The leadsim kernel, installed into .venv once for every test that needs it (the README's
    /// one command for users).
    static let kernelInstalled: Result<String, TestFailure> = {
        guard let installed = try? python(["notebooks/leadsim_kernel.py", "install"]), installed.status == 0 else {
            return .failure(TestFailure(message: "the leadsim kernel did not install"))
        }
        return .success(installed.out)
    }()

    struct TestFailure: Error { var message: String }

    /// jupyter_kernel_test's suite for the leadsim kernel (Tests/kernel/test_leadsim_kernel.py).
    @Test func theKernelPassesJupyterKernelTest() throws {
        #expect(try Self.kernelInstalled.get().contains("installed the leadsim kernel in"))
        let outcome = try Self.python(["-m", "unittest", "-v", "Tests/kernel/test_leadsim_kernel.py"])
        #expect(outcome.status == 0, "\(outcome.err.suffix(3000))")
        #expect(outcome.err.contains("test_completion") && outcome.err.contains("\nOK"), "\(outcome.err.suffix(1000))")
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

    /// Each in the kernel its metadata names: Python, or the leadsim kernel.
    @Test(arguments: NotebookTests.notebooks)
    func notebookRunsEndToEnd(name: String) throws {
        _ = try Self.kernelInstalled.get()
        let outcome = try Self.python([
            "-c",
            """
            import sys, nbformat, nbclient
            notebook = nbformat.read(sys.argv[1], as_version=4)
            nbclient.NotebookClient(notebook, timeout=900, resources={"metadata": {"path": sys.argv[2]}}).execute()
            print("executed", sum(1 for cell in notebook.cells if cell.cell_type == "code"), "cells")
            """,
            Self.directory.appendingPathComponent(name).path, Self.directory.path,
        ])
        #expect(outcome.status == 0, "\(name): \(outcome.err.suffix(3000))")
        #expect(outcome.out.hasPrefix("executed "), "\(outcome.out)")
    }
}
