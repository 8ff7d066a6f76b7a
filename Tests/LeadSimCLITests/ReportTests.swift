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

    /// Opens `page` in headless chromium at a desktop width and returns the DOM after its scripts ran.
    func dom(_ page: String, profile: String) throws -> (status: Int32, dom: String, log: String) {
        let chromium = try #require(Self.chromium, "chromium is not installed: run the README's test command, which installs it")
        let browser = try run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--window-size=1100,2000",
            "--user-data-dir=\(profile)", "--dump-dom", "file://\(page)",
        ])
        return (browser.status, browser.out, browser.err)
    }

    /// What a script in a copy of the page measured: every chart's text inside its chart, every
    /// chart inside the page. (The report itself has no scripts.)
    static let layoutCheck = """
        <script>
        const bad = [];
        const page = document.documentElement.clientWidth;
        for (const svg of document.querySelectorAll('svg')) {
          const box = svg.getBoundingClientRect();
          if (box.right > page + 0.5) bad.push('a chart wider than the page');
          for (const t of svg.querySelectorAll('text')) {
            const r = t.getBoundingClientRect();
            if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) bad.push(t.textContent);
          }
        }
        document.body.insertAdjacentHTML('beforeend', '<pre id="layout">' + JSON.stringify(bad) + '</pre>');
        </script>
        """

    /// Runs a session with a comparison, a sweep and an optimisation of one parameter or two
    /// under a constraint that some values break, and writes its report; returns the report's path.
    func writeReport(parameters: Int, in directory: URL) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let report = directory.appendingPathComponent("report.html").path
        let grid = parameters == 2 ? " by sales.reps 4..12 step 4" : ""
        let script = """
            population 3000 seed 4
            set runs 2
            run
            baseline
            set sales.reps 12
            compare
            sweep mql.threshold 40..80 step 10\(grid) maximise won subject workload.utilisation <= 0.1
            optimise mql.threshold 40..80\(parameters == 2 ? " by sales.reps 4..12" : "") maximise won subject workload.utilisation <= 0.1
            report \(report)

            """
        try script.write(to: directory.appendingPathComponent("r.leadsim"), atomically: true, encoding: .utf8)
        let leadsim = try run(CLITests.binary.path, ["run", directory.appendingPathComponent("r.leadsim").path])
        #expect(leadsim.status == 0, "\(leadsim.err)")
        #expect(leadsim.out.contains("wrote \(report)"))
        return report
    }

    /// The sweep, optimum and comparison charts: axes spanning the data, the best and the values
    /// that break a constraint marked, the constraint drawn, a heat map for two parameters, and
    /// every label inside its chart — in the DOM, by measuring in the browser, and on a screenshot.
    @Test(arguments: [1, 2])
    func tuningChartsShowWhatMatters(parameters: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try writeReport(parameters: parameters, in: directory)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        let checked = directory.appendingPathComponent("checked.html").path
        try html.replacingOccurrences(of: "</body>", with: Self.layoutCheck + "</body>").write(toFile: checked, atomically: true, encoding: .utf8)
        let (status, dom, log) = try dom(checked, profile: directory.appendingPathComponent("profile").path)
        #expect(status == 0, "\(log)")
        let layout = try #require(dom.range(of: "<pre id=\"layout\">", options: .backwards), "the layout check ran")
        #expect(dom[layout.upperBound...].hasPrefix("[]</pre>"), "labels outside their charts: \(dom[layout.upperBound...].prefix(300))")

        func count(_ text: String) -> Int { dom.components(separatedBy: text).count - 1 }
        #expect(count("class=\"best\"") >= 2, "the sweep's best and the optimum")
        #expect(count("class=\"infeasible\"") + count("class=\"cell infeasible\"") >= 2, "values that break the constraint")
        #expect(count("class=\"change") >= 8, "the comparison's chart")
        if parameters == 1 {
            #expect(count("class=\"constraint\"") == 1, "the bound drawn on the constrained metric's chart")
            // The won chart spans its data: its lowest tick is above zero.
            let won = try #require(dom.range(of: "<h3>won</h3>"))
            let firstTick = dom[won.upperBound...].firstMatch(of: /text-anchor="end">([^<]+)<\/text>/)?.1
            #expect(firstTick != nil && firstTick != "0", "won's axis starts at \(String(describing: firstTick))")
        } else {
            #expect(count("class=\"cell") == 15, "a heat map of 5 thresholds × 3 team sizes")
            #expect(count("class=\"legend\"") >= 1)
        }
        #expect(!dom.contains("<pre>method"), "the optimiser's method line wraps")

        // On the screen: the constraint's red line or the heat map's darkest blue and its hatching.
        let chromium = try #require(Self.chromium)
        let screenshot = directory.appendingPathComponent("report.png").path
        let shot = try run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1100,7000", "--user-data-dir=\(directory.path)/profile",
            "--screenshot=\(screenshot)", "file://\(report)",
        ])
        #expect(shot.status == 0, "\(shot.err)")
        let colours = parameters == 1 ? ["214,39,40", "34,34,34"] : ["12,44,132", "228,228,228", "0,0,0"]
        let python = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".venv/bin/python").path
        let pixels = try run(python, ["-c", """
            import sys
            from PIL import Image
            image = Image.open(sys.argv[1]).convert("RGB")
            counts = {}
            for colour in image.getdata(): counts[colour] = counts.get(colour, 0) + 1
            print(" ".join(str(counts.get(tuple(int(c) for c in want.split(",")), 0)) for want in sys.argv[2:]))
            """, screenshot] + colours)
        let found = pixels.out.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(found.count == colours.count && found.allSatisfy { $0 >= 20 }, "pixels of \(colours): \(pixels.out) \(pixels.err)")
    }

    @Test func reportLoadsInABrowserWithItsCharts() throws {
        let chromium = try #require(Self.chromium, "chromium is not installed: run the README's test command, which installs it")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try writeReport(parameters: 1, in: directory)

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
