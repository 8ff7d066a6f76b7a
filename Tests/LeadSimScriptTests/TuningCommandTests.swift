import Foundation
import LeadSimCore
import Testing
@testable import LeadSimScript

/// `set runs`, `snapshot`, `compare`, `sweep`, `optimise`, `export` and `report` as scripts use them.
@Suite struct TuningCommandTests {
    func run(_ script: String) -> ScriptOutcome { runScript(script, file: "t.leadsim") }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func parse(_ line: String) throws -> Command? {
        try Parser.parse(line: line, location: SourceLocation(file: "t", line: 1, column: 1))?.command
    }

    func parseError(_ line: String) -> ScriptError? {
        do {
            _ = try Parser.parse(line: line, location: SourceLocation(file: "t", line: 3, column: 1))
            return nil
        } catch {
            return error
        }
    }

    @Test func tuningCommandsParse() throws {
        #expect(try parse("sweep mql.threshold 40..90 step 5") == .sweep(SweepRequest(
            ranges: [RangeRequest(parameter: "mql.threshold", from: 40, to: 90, step: 5, argument: 0)],
            objective: .default, constraints: [], metrics: [])))
        #expect(try parse("optimise mql.threshold 30..90 maximise won subject utilisation <= 0.85") == .optimise(OptimiseRequest(
            ranges: [RangeRequest(parameter: "mql.threshold", from: 30, to: 90, step: nil, argument: 0)],
            objective: Objective(.maximise, "won"), constraints: [Constraint("workload.utilisation", .lessOrEqual, 0.85)])))
        #expect(try parse("sweep mql.threshold 40..80 by sales.reps 8..14 step 2 minimise cost.per_won show won,sql")
            == .sweep(SweepRequest(
                ranges: [RangeRequest(parameter: "mql.threshold", from: 40, to: 80, step: nil, argument: 0),
                         RangeRequest(parameter: "sales.reps", from: 8, to: 14, step: 2, argument: 3)],
                objective: Objective(.minimise, "cost.per_won"), constraints: [], metrics: ["won", "sql"])))
        #expect(try parse("compare baseline two-reps") == .compare(first: "baseline", second: "two-reps"))
        #expect(try parse("export sweep out.csv") == .export(.sweep, path: "out.csv"))
        #expect(try parse("report r.html") == .report(path: "r.html"))
        #expect(try parse("expect sweep.best.mql.threshold between 55 and 70")
            == .expect(Expectation(metric: "sweep.best.mql.threshold", check: .between(55, 70))))
    }

    @Test func badTuningLinesNameThePlace() {
        let reversed = parseError("sweep mql.threshold 90..40")
        #expect(reversed?.location.column == 21)
        #expect(reversed?.message.contains("runs backwards or is empty: expected FROM below TO, like 40..90") == true)
        let noObjective = parseError("optimise mql.threshold 30..90")
        #expect(noObjective?.message.contains("maximise METRIC") == true)
        let badMetric = parseError("sweep mql.threshold 40..90 subject utilization <= 0.8")
        #expect(badMetric?.location.column == 36)
        #expect(badMetric?.message.contains("unknown metric 'utilization'") == true)
        #expect(parseError("export funnel out.txt")?.message.contains(".csv or .json") == true)
        #expect(parseError("export funnels out.csv")?.message.contains("did you mean funnel?") == true)
        #expect(parseError("expect sweep.best.nothing > 1")?.message.contains("unknown metric") == true)
        #expect(parseError("snapshot now")?.message.contains("names a configuration already") == true)
    }

    @Test func runtimeErrorsNameTheArgument() {
        let unknown = run("population 1000\nsweep mql.treshold 40..90\n")
        #expect(unknown.status == .inputError)
        #expect(unknown.err.contains("t.leadsim:2:7: error: unknown parameter 'mql.treshold'"))
        let range = run("population 1000\nsweep mql.threshold 40..5000\n")
        #expect(range.err.contains("t.leadsim:2:21: error: 5000 is outside the range of mql.threshold"))
        let runs = run("set runs 0\n")
        #expect(runs.err.contains("t.leadsim:1:10: error: expected the number of replications"))
        let noSweep = run("population 1000\nrun\nexpect sweep.best.won > 1\n")
        #expect(noSweep.err.contains("no sweep yet"))
    }

    @Test func replicationsShowIntervalsAndExpectationsReadThem() {
        let outcome = run("""
            population 2000 seed 5
            set runs 4
            run
            expect won.low > 0
            expect won.high < 2000
            expect mql.low between 100 and 2000
            """)
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("95 % interval"))
    }

    @Test func compareOfTheSameConfigurationIsZeroAndSnapshotsCompare() {
        let outcome = run("""
            population 3000 seed 7
            set runs 3
            snapshot same
            compare same now
            expect compare.delta.won == 0
            expect compare.delta.mql == 0
            expect compare.noise.won == 0
            set sales.reps 2
            snapshot few
            compare same few
            expect compare.delta.speed_to_lead.median_hours > 0
            """)
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("paired over 3 replications"))
    }

    @Test func sweepAndOptimiseFeedExpectations() {
        let outcome = run("""
            population 3000 seed 12
            sweep sales.reps 1..12 step 1 minimise cost.sales subject utilisation <= 0.5
            expect sweep.best.sales.reps == 2
            optimise sales.reps 1..40 minimise cost.sales subject utilisation <= 0.5
            expect optimum.sales.reps == 2
            expect optimum.workload.utilisation <= 0.5
            """)
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("binding constraint: workload.utilisation <= 0.5"))
        #expect(outcome.out.contains("◆"))
    }

    /// Exports read back to the figures the session holds: CSV field for field, JSON through a
    /// real parser; units travel with JSON.
    /// For programs, the screen and the export agree: in CSV mode `show sweep`, `compare` and
    /// `optimise` print exactly the tables `export` writes; in JSON mode `optimise` returns its
    /// table, not only prose.
    @Test func dataModesPrintWhatExportWrites() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let setup = "population 3000 seed 3 weeks 8\nrun\nbaseline\nset mql.threshold 60\nmode csv\n"
        for (command, table) in [("sweep mql.threshold 40..60 step 10 maximise won\nshow sweep", "sweep"), ("compare", "compare"), ("optimise mql.threshold 40..70 maximise won", "optimum")] {
            let file = directory.appendingPathComponent("\(table).csv").path
            let outcome = run(setup + command + "\nexport \(table) \(file)\n")
            #expect(outcome.status == .passed, "\(outcome.err)")
            let exported = try String(contentsOfFile: file, encoding: .utf8)
            #expect(outcome.out.hasSuffix(exported), "\(table): \(outcome.out.suffix(400))")
            #expect(!outcome.out.contains("wrote "), "prose goes to standard error in CSV mode")
        }
        let json = run("population 3000 seed 3 weeks 8\nmode json\noptimise mql.threshold 40..70 maximise won\n")
        #expect(json.out.contains(#""command": "optimise""#) && json.out.contains(#""tables": [{"name": "#), "\(json.out.prefix(300))")
    }

    @Test func exportsRoundTrip() throws {
        let directory = try temporaryDirectory()
        var session = Session()
        let dir = directory.path
        let outcome = runScript(
            """
                population 2000 seed 3
                set runs 2
                run
                export kpis \(dir)/kpis.csv
                export kpis \(dir)/kpis.json
                sweep mql.threshold 40..80 step 20
                export sweep \(dir)/sweep.csv
                export weekly \(dir)/weekly.json
                """,
            file: "e.leadsim", in: &session)
        #expect(outcome.status == .passed, "\(outcome.err)")
        let runs = try #require(session.lastRuns)

        let csv = try String(contentsOf: directory.appendingPathComponent("kpis.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["metric", "value", "half_width", "unit"])
        #expect(lines.count == Metric.all.count + 1)
        for (line, metric) in zip(lines.dropFirst(), Metric.all) {
            let estimate = runs.estimate(metric)
            #expect(line[0] == metric.name)
            #expect(Double(line[1]) == estimate.mean, "\(metric.name)")
            #expect(Double(line[2]) == estimate.halfWidth, "\(metric.name)")
        }

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("kpis.json"))) as! [String: Any]
        #expect(json["table"] as? String == "kpis")
        let part = (json["parts"] as! [[String: Any]])[0]
        let rows = part["rows"] as! [[String: Any]]
        #expect(rows.count == Metric.all.count)
        for (row, metric) in zip(rows, Metric.all) {
            #expect(row["metric"] as? String == metric.name)
            // Foundation's JSON reader on Linux is not correctly rounded (the CSV check above is
            // exact, with the same number text): allow a few units in the last place.
            let value = try #require((row["value"] as? NSNumber)?.doubleValue)
            let expected = runs.estimate(metric).mean
            #expect(abs(value - expected) <= 1e-14 * max(1, abs(expected)), "\(metric.name)")
        }

        let sweep = try String(contentsOf: directory.appendingPathComponent("sweep.csv"), encoding: .utf8).split(separator: "\n")
        #expect(sweep[0].hasPrefix("mql_threshold,replications,feasible,best,created,"))
        #expect(sweep.count == 4)
        #expect(sweep[1].hasPrefix("40,2,1,"))

        let weekly = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("weekly.json"))) as! [String: Any]
        let columns = ((weekly["parts"] as! [[String: Any]])[0]["columns"] as! [[String: Any]])
        #expect(columns.map { $0["key"] as? String } == ["week", "new_leads", "mqls", "handovers", "sqls", "opportunities", "won", "backlog"])
        #expect(columns[1]["unit"] as? String == "leads")
    }

    /// A write that cannot happen leaves no file behind and stops the script with the place.
    @Test func failedWritesNameThePlaceAndLeaveNothing() throws {
        let directory = try temporaryDirectory()
        let outcome = run("population 1000\nrun\nexport funnel \(directory.path)/missing/funnel.csv\n")
        #expect(outcome.status == .inputError)
        #expect(outcome.err.contains("t.leadsim:3:15: error: cannot write '\(directory.path)/missing/funnel.csv'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)

        // An existing file is replaced whole.
        let target = directory.appendingPathComponent("f.csv")
        try "old".write(to: target, atomically: true, encoding: .utf8)
        #expect(run("population 1000\nrun\nexport funnel \(target.path)\n").status == .passed)
        let funnel = try String(contentsOf: target, encoding: .utf8)
        #expect(funnel.hasPrefix("account,row,count,unit,share\nleads created in the window,created,1000,leads,1\n"))
        #expect(funnel.contains("\nwhere each hand-over ended,never reached,") && !funnel.contains("\n\n"), "one table, outcomes included")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["f.csv"])
    }
}
