import Foundation
import Testing

/// SIGTERM and Ctrl-C (SIGINT) stop a script or a generation at the running command's next
/// check: no file is left half-written, nothing after it runs, and the exit status is 128 + the
/// signal, as shells report a program a signal ended.
@Suite(.serialized) struct InterruptTests {
    func directory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Starts `arguments` in `directory`, waits until `ready` says the work is under way, sends
    /// `signal`, and returns the exit status and standard error.
    func interrupt(_ arguments: [String], in directory: URL, signal: Int32, ready: () -> Bool) throws -> (status: Int32, err: String) {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = "1"
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while !ready() && Date() < deadline && process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        #expect(process.isRunning, "still working when the signal comes")
        kill(process.processIdentifier, signal)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func sigtermDuringGenerationLeavesNoFile() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("dataset")
        let (status, err) = try interrupt(["generate", "--out", out.path, "--leads", "300000"], in: directory, signal: SIGTERM) {
            ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).contains { $0.hasSuffix(".partial") }
        }
        #expect(status == 128 + SIGTERM)
        #expect(err.contains("interrupted"), "\(err)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).isEmpty, "no partial and no finished file")
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalDuringASweepStopsTheScriptBeforeItsExport(_ signal: Int32) throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = "population 100000\nset runs 4\nexport summary started.csv\nsweep mql.threshold 30..90 step 5\nexport sweep sweep.csv\n"
        try script.write(to: directory.appendingPathComponent("s.leadsim"), atomically: true, encoding: .utf8)
        let (status, _) = try interrupt(["run", "s.leadsim"], in: directory, signal: signal) {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("started.csv").path)
        }
        #expect(status == 128 + signal)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["s.leadsim", "started.csv"], "no sweep.csv and no temporary file")
    }

    /// A signal during an import: the script stops there, and the export after it never runs.
    @Test func sigtermDuringAnImportStopsBeforeTheExport() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = (1...400_000).map { "\($0),2025-01-0\(6 + $0 % 3)\n" }.joined()
        try ("Id,Created\n" + rows).write(to: directory.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
        try "leads:\n  columns:\n    Id: id\n    Created: created\n".write(to: directory.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        try "load leads leads.csv map m.yaml\nrun\nexport summary summary.csv\n".write(
            to: directory.appendingPathComponent("s.leadsim"), atomically: true, encoding: .utf8)
        let started = Date()
        let (status, _) = try interrupt(["run", "s.leadsim"], in: directory, signal: SIGTERM) { Date().timeIntervalSince(started) > 0.3 }
        #expect(status == 128 + SIGTERM)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("summary.csv").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["leads.csv", "m.yaml", "s.leadsim"])
    }

    /// In the shell, SIGTERM stops the running command and leaves, with the history kept.
    @Test func sigtermInTheShellLeavesAfterStoppingTheCommand() throws {
        let directory = try directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let history = directory.appendingPathComponent("history").path
        let terminal = try Terminal(CLITests.binary, arguments: ["--no-init"], environment: ["LEADSIM_HISTORY": history, "CI": "1"])
        try terminal.waitFor("leadsim> ")
        terminal.type("set runs 6\r")
        Thread.sleep(forTimeInterval: 0.5)
        kill(terminal.pid, SIGTERM)
        #expect(try terminal.exitStatus() == 128 + SIGTERM)
        #expect((try? String(contentsOfFile: history, encoding: .utf8))?.contains("set runs 6") == true)
    }
}
