import Foundation
import LeadSimCore
import LeadSimRender
import Testing
@testable import LeadSimScript

/// The REPL's what-if loop and its commands, driven through the session as the REPL drives it.
@Suite struct WorkbenchTests {
    /// A session in the REPL's what-if mode on a small population, run once as at start-up.
    static func workbench() throws -> Session {
        var session = Session()
        try execute("population 20000 seed 9", in: &session)
        session.showsChanges = true
        try session.run()
        return session
    }

    @discardableResult
    static func execute(_ line: String, in session: inout Session) throws -> (status: ScriptRunner.Status, out: String, err: String) {
        let statement = try #require(try Parser.parse(line: line, location: SourceLocation(file: "<stdin>", line: 1, column: 1)))
        var out = ""
        var err = ""
        let status = ScriptRunner.execute(statement, in: &session, write: { out += $0 }, report: { err += $0 })
        return (status, out, err)
    }

    @Test func setShowsKeyFiguresOldToNewWithNoiseMarks() throws {
        var session = try Self.workbench()
        let before = try #require(session.lastResult)
        let step = try Self.execute("set mql.threshold 80", in: &session)
        #expect(step.status == .passed)
        #expect(step.out.contains("key figure"))
        #expect(step.out.contains("before") && step.out.contains("after") && step.out.contains("noise (95 %)"))
        let mqlLine = try #require(step.out.split(separator: "\n").first { $0.hasPrefix("mql ") })
        #expect(mqlLine.contains(Format.count(before.funnel.mql)))
        #expect(mqlLine.contains("*"), "a threshold of 80 moves MQLs far beyond the noise")
        #expect(session.lastResult!.funnel.mql < before.funnel.mql)
    }

    @Test func undoRestoresTheConfigurationAndResults() throws {
        var session = try Self.workbench()
        let before = try #require(session.lastResult)
        try Self.execute("set sales.reps 30", in: &session)
        try Self.execute("campaign webinar x2 weeks 2..6", in: &session)
        #expect(session.parameters["sales.reps"] == 30)
        try Self.execute("undo", in: &session)
        try Self.execute("undo", in: &session)
        #expect(session.parameters["sales.reps"] == 45)
        #expect(session.lastResult == before)
        try Self.execute("undo", in: &session)  // the workbench's own `population`
        #expect(session.population == nil)
        let nothing = try Self.execute("undo", in: &session)
        #expect(nothing.status == .inputError && nothing.err.contains("nothing to undo"))
    }

    @Test func baselineCompareAndDiff() throws {
        var session = try Self.workbench()
        #expect(try Self.execute("compare", in: &session).err.contains("no baseline yet"))
        try Self.execute("baseline", in: &session)
        try Self.execute("set sales.reps 44", in: &session)
        try Self.execute("set mql.threshold 60", in: &session)
        let compared = try Self.execute("compare", in: &session)
        #expect(compared.out.contains("baseline") && compared.out.contains("now"))
        let fromBaseline = try Self.execute("diff baseline", in: &session).out
        #expect(fromBaseline.contains("sales.reps") && fromBaseline.contains("44") && fromBaseline.contains("mql.threshold"))
        try Self.execute("reset", in: &session)
        #expect(try Self.execute("diff", in: &session).out == "no parameter differs from the default\n")
    }

    @Test func outputModesAndTimer() throws {
        var session = try Self.workbench()
        try Self.execute("mode csv", in: &session)
        let csv = try Self.execute("show summary", in: &session).out
        // CSV and JSON carry stable column keys, not the titles people read.
        #expect(csv.hasPrefix("metric,value,unit\nmql,"))
        // Prose is no part of a CSV table: it goes to standard error.
        let said = try Self.execute("echo hi", in: &session)
        #expect(said.out.isEmpty && said.err == "hi\n")
        // JSON: one record per command, the same as `leadsim run --json` writes.
        try Self.execute("mode json", in: &session)
        let json = try Self.execute("show summary", in: &session).out
        #expect(json.hasPrefix(#"{"schema": "leadsim-results/1", "command": "show", "text": "show summary", "file": "<stdin>", "line": 1, "status": "ok", "tables": [{"name": "key_figures", "columns": [{"key": "metric", "title": "key figure", "unit": null}"#))
        #expect(json.contains(#""rows": [{"metric": "mql", "value": "#) && json.hasSuffix("\"error\": null}\n") && json.split(separator: "\n").count == 1)
        let echoed = try Self.execute("echo hi", in: &session).out
        #expect(echoed.contains(#""messages": ["hi"]"#))
        // Timing is a note: standard error, in every mode.
        try Self.execute("timer on", in: &session)
        try Self.execute("mode table", in: &session)
        let timed = try Self.execute("echo hi", in: &session)
        #expect(timed.out == "hi\n" && timed.err.hasPrefix("time: ") && timed.err.hasSuffix(" ms\n"))
        try Self.execute("mode markdown", in: &session)
        let markdown = try Self.execute("show summary", in: &session).out
        #expect(markdown.hasPrefix("| key figure | value | unit |\n| --- | ---: | --- |\n| mql | "), "\(markdown)")
    }

    /// A preset sets its sourced parameters as one change; `help` on a speed-to-lead parameter
    /// shows the chances and ratios the current curve implies at the published waits.
    @Test func presetsSetTheirSourcedCurvesAndHelpShowsTheRatios() throws {
        var session = try Self.workbench()
        let velocify = try Self.execute("help speed.qualify.late", in: &session).out
        #expect(velocify.contains("5 min vs 30 min 1.22×"))
        try Self.execute("preset oldroyd", in: &session)
        #expect(session.parameters["speed.qualify.late"] == 0.0001)
        #expect(session.parameters["speed.contact.fast_boost"] == 984.7)
        let oldroyd = try Self.execute("help speed.qualify.late", in: &session).out
        for part in ["5 min vs 30 min 21.00×", "1 h vs 2 h 7.00×", "1 h vs 24 h 60.00×"] {
            #expect(oldroyd.contains(part), "\(part)")
        }
        #expect(try Self.execute("show presets", in: &session).out.contains("oldroyd"))
        try Self.execute("undo", in: &session)
        #expect(session.parameters["speed.qualify.late"] == 0.4)
        let unknown = try Self.execute("preset oldroid", in: &session)
        #expect(unknown.err.contains("unknown preset 'oldroid': expected one of oldroyd, velocify (did you mean oldroyd?)"))
    }

    @Test func helpForCommandsParametersAndMetrics() throws {
        var session = try Self.workbench()
        try Self.execute("set mql.threshold 61", in: &session)
        let parameter = try Self.execute("help mql.threshold", in: &session).out
        for part in ["unit:    points", "range:   0 to 1000 points", "default: 50", "current: 61 (changed)"] {
            #expect(parameter.contains(part), "\(part)")
        }
        #expect(try Self.execute("help undo", in: &session).out.contains("example: undo"))
        #expect(try Self.execute("help", in: &session).out.contains("baseline | baseline clear"))
        #expect(try Self.execute("help won", in: &session).out.contains("opportunities opened in the window that are won"))
        let unknown = try Self.execute("help mql.treshold", in: &session)
        #expect(unknown.err.contains("did you mean mql.threshold?"))
    }

    @Test func sourceRunsAFileInTheSessionAndNamesItsLines() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-source-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.leadsim").path
        let bad = directory.appendingPathComponent("bad.leadsim").path
        let loop = directory.appendingPathComponent("loop.leadsim").path
        try "set sales.reps 41\nrun\nexpect created == 20000\n".write(toFile: good, atomically: true, encoding: .utf8)
        try "run\nset sales.reps lots\n".write(toFile: bad, atomically: true, encoding: .utf8)
        try "source \(loop)\n".write(toFile: loop, atomically: true, encoding: .utf8)
        var session = try Self.workbench()
        let ran = try Self.execute("source \(good)", in: &session)
        #expect(ran.status == .passed && ran.out.contains("ok: created == 20000"))
        #expect(session.parameters["sales.reps"] == 41)
        #expect(session.showsChanges, "the what-if loop comes back after the file")
        let failed = try Self.execute("source \(bad)", in: &session)
        #expect(failed.status == .inputError && failed.err.hasPrefix("\(bad):2:16: error:"))
        #expect(try Self.execute("source \(loop)", in: &session).err.contains("nested 16 deep"))
        #expect(try Self.execute("source /no/such/file", in: &session).err.contains("cannot read '/no/such/file'"))
    }

    @Test func backslashContinuesAScriptLine() {
        let parsed = Parser.parse(script: "population 1000 \\\n  seed 4\nrun\n", file: "f")
        #expect(parsed.errors.isEmpty)
        #expect(parsed.statements.first?.command == .population(leads: 1000, seed: 4, weeks: nil))
        #expect(parsed.statements.count == 2)
        #expect(Parser.parse(script: "run # done \\\n", file: "f").errors.isEmpty, "a backslash in a comment is text")
        #expect(Parser.parse(script: "population 1000 \\", file: "f").errors.first?.message.contains("continuation") == true)
    }
}

/// Tab completion, from the same registries as the parser.
@Suite struct CompletionTests {
    let session = Session()

    func words(_ line: String) -> [String] {
        guard case .words(let words) = Completion.candidates(forLineBefore: line, session: session) else { return [] }
        return words
    }

    /// Campaign lines complete what the model's campaigns may target.
    @Test func campaignTargetsComplete() {
        #expect(words("campaign web") == ["web_visit", "webinar"])
        #expect(words("campaign le") == ["leads"])
        #expect(words("campaign leads pa") == ["paid_search", "partner"])
        #expect(words("campaign leads paid_search x2 w") == ["weeks"])
        #expect(words("campaign webinar x2 w") == ["weeks"])
        #expect(words("pre") == ["preset"])
        #expect(words("preset ol") == ["oldroyd"])
    }

    @Test func commandsParametersAndValues() {
        #expect(words("se") == ["set"])
        #expect(words("set mql.thr") == ["mql.threshold"])
        #expect(words("set sales.routing ") == ["round_robin", "least_loaded", "territory", "pooled"])
        #expect(words("set mql.fast_track_handraisers o") == ["on", "off"])
        #expect(words("show fu") == ["funnel"])
        #expect(words("mode ") == ["table", "csv", "json", "markdown"])
        #expect(words("expect funnel.mql_to_s") == ["funnel.mql_to_sql"])
        #expect(words("help und") == ["undo"])
        #expect(Completion.candidates(forLineBefore: "source scen", session: session) == .files)
    }

    /// Dotted names complete a level at a time.
    @Test func dottedNamesCompleteByLevel() {
        let levels = words("set touchpoint.")
        #expect(levels.contains("touchpoint.webinar.") && levels.contains("touchpoint.email_open."))
        // A level with one name under it (unsubscribe has only a rate) completes to that name.
        #expect(levels.allSatisfy { $0.hasSuffix(".") || $0 == "touchpoint.unsubscribe.rate" || $0 == "touchpoint.bounce.rate" })
        #expect(Set(words("set touchpoint.webinar.")) == ["touchpoint.webinar.rate", "touchpoint.webinar.points", "touchpoint.webinar.repeatable"])
        #expect(words("set sla.first") == ["sla.first_touch_hours"])
    }
}
