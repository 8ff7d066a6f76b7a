import Foundation
import Testing

/// The HTML report, opened in a real headless browser (Debian's chromium, which the test command
/// installs).
@Suite struct ReportTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so that neither fills up and blocks it.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(1000) }
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func reportLoadsInABrowserWithItsCharts() throws {
        let chromium = try #require(Self.chromium, "chromium is not installed: run the README's test command, which installs it")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let report = directory.appendingPathComponent("report.html").path
        let script = directory.appendingPathComponent("report.leadsim")
        try """
            population 3000 seed 4
            set runs 2
            run
            baseline
            set sales.reps 12
            compare
            sweep mql.threshold 40..80 step 10
            optimise mql.threshold 40..80 maximise won subject utilisation <= 0.9
            report \(report)
            """.write(to: script, atomically: true, encoding: .utf8)
        let leadsim = try run(CLITests.binary.path, ["run", script.path])
        #expect(leadsim.status == 0, "\(leadsim.err)")
        #expect(leadsim.out.contains("wrote \(report)"))

        let browser = try run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(directory.path)/profile", "--dump-dom", "file://\(report)",
        ])
        #expect(browser.status == 0, "\(browser.err)")
        let dom = browser.out
        // Funnel, weekly, workload and speed-to-lead, and one chart per metric of the sweep.
        #expect(dom.components(separatedBy: "<svg").count - 1 >= 8, "\(dom.prefix(500))")
        #expect(dom.components(separatedBy: "<polyline").count - 1 >= 5)
        #expect(dom.components(separatedBy: "<rect").count - 1 >= 10)
        for heading in ["Key figures", "Funnel", "Weekly", "Workload per rep", "Speed to lead", "Channels", "Sweep", "Optimum", "Compare: baseline → now", "Parameters"] {
            #expect(dom.contains("<h2>\(heading)</h2>"), "missing section \(heading)")
        }
        // The page has no scripts to fail, and the browser logs no page error.
        #expect(!dom.contains("<script"))
        #expect(!browser.err.contains("CONSOLE"), "\(browser.err)")
        #expect(!dom.contains("src=\"http") && !dom.contains("href=\"http"), "the report loads nothing from the network")
    }
}
