import Foundation
import Testing

/// One bad script line, run as a file.
struct BadLine: Sendable, CustomTestStringConvertible {
    let line: String
    let place: String
    let expected: String

    init(_ line: String, at place: String, expected: String) {
        self.line = line
        self.place = place
        self.expected = expected
    }

    var testDescription: String { line }
}

/// One bad command line.
struct BadFlags: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    var environment: [String: String] = [:]
    /// The flag (or variable) the message names.
    let place: String
    let expected: String

    var testDescription: String { (environment.map { "\($0.key)=\($0.value)" } + arguments).joined(separator: " ") }
}

/// The bad-input battery: script lines, parameter values, CSV rows, mapping files, JSON Lines and
/// flags. Each must be refused with one message that names the place (file:line:column, row and
/// field, or the flag) and says what was expected, with exit status 2; and the shell, given every
/// bad line in turn, must go on working.
@Suite struct BadInputBatteryTests {
    /// The exports and mappings the `load` cases read: one fault each.
    static let files: [String: String] = [
        "d1.csv": #"Id,Created,Employees,Source\#n1,2025-01-06,50,Google\#n2,2025-13-07,120,Fair\#n"#,
        "d2.csv": #"Id,Created,Employees,Source\#n1,2025-01-06,many,Google\#n"#,
        "d3.csv": #"Id,Created,Employees,Source\#n1,2025-01-06,5,Carrier pigeon\#n"#,
        "d4.csv": #"Id,Created,Employees,Source\#n1,2025-01-06,5,"Google\#n2,2025-01-06,5,Fair\#n"#,
        "d5.csv": #"Id,Employees,Source\#n1,5,Google\#n"#,
        "d6.csv": #""#,
        "d7.csv": #"Id,Created,Employees,Source\#n1,2025-01-06,5,Google,extra\#n"#,
        "d8.csv": #"Id,Created,Employees,Source\#n1,,5,Google\#n"#,
        "d9.csv": #"Id,Created,Employees,Source\#n1,2025-01-06,-5,Google\#n"#,
        "good.csv": #"Id,Created,Employees,Source\#n1,2025-01-06,50,Google\#n2,2025-01-07,120,Fair\#n"#,
        "j1.jsonl": #"{"Id": 1, "Created": "2025-01-06", "Employees": 5, "Source": "Google"}\#n{"Id": 2, "Created": "2025-01-06", \#n"#,
        "j2.jsonl": #"{"Id": 1, "Created": "2025-01-06", "Employees": 5, "Source": "Google"}\#n[1,2]\#n"#,
        "j3.jsonl": #"{"Id": 1, "Created": ["2025-01-06"], "Employees": 5, "Source": "Google"}\#n"#,
        "j4.jsonl": #"{"Id": 1, "Created": 20250106, "Employees": 5, "Source": "Google"}\#n"#,
        "j5.jsonl": #"{"Id": 1, "Created": "2025-01-06", "Employees": "lots", "Source": "Google"}\#n"#,
        "j6.jsonl": #"{"Id": 1, "Employees": 5, "Source": "Google"}\#n"#,
        "j7.jsonl": #"not json at all\#n"#,
        "j8.jsonl": #"{"Id": 1, "Created": "2025-01-06", "Id": 2}\#n"#,
        "m.yaml": #"leads:\#n  dates: iso\#n  columns:\#n    Id: id\#n    Created: created\#n    Employees: employees\#n    Source:\#n      field: channel\#n      values: {Google: paid_search, Fair: trade_show}\#n"#,
        "m1.yaml": #"leads:\#n  columns:\#n    Id: id\#n    Created: creatd\#n"#,
        "m10.yaml": #"leads:\#n  colour: red\#n  columns:\#n    Created: created\#n"#,
        "m11.yaml": #"leads:\#n  columns:\#n    Created: created\#nevents:\#n  columns:\#n    When: time\#n"#,
        "m2.yaml": #"leads:\#n  dates: yyyy/mm/dd\#n  columns:\#n    Created: created\#n"#,
        "m3.yaml": #"leads:\#n  columns:\#n    Id: id\#n   Created: created\#n"#,
        "m4.yaml": #"lead:\#n  columns:\#n    Created: created\#n"#,
        "m5.yaml": #"leads:\#n  columns:\#n    Created: created\#n    Source:\#n      field: channel\#n      values: {Google: paid_searc}\#n"#,
        "m6.yaml": #"leads:\#n  delimiter: ";;"\#n  columns:\#n    Created: created\#n"#,
        "m7.yaml": #"leads:\#n  columns:\#n    Created: created\#n    When: created\#n"#,
        "m8.yaml": #""#,
        "m9.yaml": #"leads:\#n  columns: [Created]\#n"#,
    ]

    /// A script line, the place its message names, and what the message says was expected.
    static let lines: [BadLine] = [
        BadLine(#"frobnicate"#, at: #"bad.leadsim:1:1"#, expected: #"expected a command (`help` lists them)"#),
        BadLine(#"population ten"#, at: #"bad.leadsim:1:12"#, expected: #"expected the number of leads (a whole nu"#),
        BadLine(#"population 0"#, at: #"bad.leadsim:1:12"#, expected: #"expected the number of leads from 1 to 5"#),
        BadLine(#"population 100 seed -1"#, at: #"bad.leadsim:1:21"#, expected: #"expected a seed from 0 to 92233720368547"#),
        BadLine(#"population 100 seed 1 seed 2"#, at: #"bad.leadsim:1:23"#, expected: #"expected it once"#),
        BadLine(#"population 100 weeks 999"#, at: #"bad.leadsim:1:22"#, expected: #"expected the horizon in weeks from 1 to"#),
        BadLine(#"population 100 colour red"#, at: #"bad.leadsim:1:16"#, expected: #"expected 'seed N' or 'weeks N', got 'col"#),
        BadLine(#"set mql.threshold"#, at: #"bad.leadsim:1:18"#, expected: #"expected a value for mql.threshold"#),
        BadLine(#"set mql.threshold 0x10"#, at: #"bad.leadsim:1:19"#, expected: #"expects a number (points), got '0x10'"#),
        BadLine(#"set mql.threshold 1e-400"#, at: #"bad.leadsim:1:19"#, expected: #"expected 0 itself or a number such as 1e"#),
        BadLine(#"set mql.threshold 1e400"#, at: #"bad.leadsim:1:19"#, expected: #"expected one below 1e308"#),
        BadLine(#"set mql.threshold -5"#, at: #"bad.leadsim:1:19"#, expected: #"expected 0 to 1000 points"#),
        BadLine(#"set mql.treshold 60"#, at: #"bad.leadsim:1:5"#, expected: #"expected a parameter of the model (see `"#),
        BadLine(#"set sales.reps 2.5"#, at: #"bad.leadsim:1:16"#, expected: #"expects a whole number, got '2.5'"#),
        BadLine(#"set sales.routing sideways"#, at: #"bad.leadsim:1:19"#, expected: #"expects one of round_robin, least_loaded"#),
        BadLine(#"set runs 0"#, at: #"bad.leadsim:1:10"#, expected: #"expected the number of replications as a"#),
        BadLine(#"set runs 5000"#, at: #"bad.leadsim:1:10"#, expected: #"expected the number of replications as a"#),
        BadLine(#"reset nosuch"#, at: #"bad.leadsim:1:7"#, expected: #"expected a parameter of the model (see `"#),
        BadLine(#"preset nosuch"#, at: #"bad.leadsim:1:8"#, expected: #"expected one of oldroyd, velocify"#),
        BadLine(#"model nosuch"#, at: #"bad.leadsim:1:7"#, expected: #"expected one of b2b, reference"#),
        BadLine(#"campaign webinar x-2 weeks 1..2"#, at: #"bad.leadsim:1:18"#, expected: #"expected a factor from x0 to x100, like "#),
        BadLine(#"campaign webinar x7777777777777777777777777777777777772 weeks 0..3"#, at: #"bad.leadsim:1:18"#, expected: #"expected a factor from x0 to x100, like "#),
        BadLine(#"campaign leads paid_search x101 weeks 1..2"#, at: #"bad.leadsim:1:28"#, expected: #"expected a factor from x0 to x100, like "#),
        BadLine(#"campaign webinar x2 weeks 8..4"#, at: #"bad.leadsim:1:27"#, expected: #"expected a span of weeks FROM..TO with F"#),
        BadLine(#"campaign leads paid_search x0.5 weeks 1..2"#, at: #"bad.leadsim:1:28"#, expected: #"expected a factor from x1 to x100, got 'x0"#),
        BadLine(#"campaign nosuch x2 weeks 1..2"#, at: #"bad.leadsim:1:10"#, expected: #"expected one of web_visit, pricing_visit"#),
        BadLine(#"campaign webinar x2 days 1..2"#, at: #"bad.leadsim:1:21"#, expected: #"expected 'weeks', got 'days'"#),
        BadLine(#"show nothing"#, at: #"bad.leadsim:1:6"#, expected: #"expected one of summary, funnel, weekly,"#),
        BadLine(#"expect won >> 5"#, at: #"bad.leadsim:1:13"#, expected: #"expected the value to compare with (a de"#),
        BadLine(#"expect nosuchmetric > 1"#, at: #"bad.leadsim:1:8"#, expected: #"expected a metric (see `show metrics`)"#),
        BadLine(#"expect won between 5 and 1"#, at: #"bad.leadsim:1:26"#, expected: #"expected LOW <= HIGH, got 5 and 1"#),
        BadLine(#"sweep mql.threshold 40...80"#, at: #"bad.leadsim:1:21"#, expected: #"expected a range with two dots, FROM..TO"#),
        BadLine(#"sweep mql.threshold 80..40"#, at: #"bad.leadsim:1:21"#, expected: #"expected FROM below TO, like 40..80"#),
        BadLine(#"sweep mql.threshold 40..80 step 0"#, at: #"bad.leadsim:1:33"#, expected: #"expected a positive step, got 0"#),
        BadLine(#"sweep mql.threshold 40..80 step -5"#, at: #"bad.leadsim:1:33"#, expected: #"expected a positive step, got -5"#),
        BadLine(#"sweep mql.threshold 40..80 by mql.threshold 1..2"#, at: #"bad.leadsim:1:31"#, expected: #"expected two different parameters"#),
        BadLine(#"sweep mql.threshold 40..80 show nosuch"#, at: #"bad.leadsim:1:33"#, expected: #"expected a metric (see `show metrics`)"#),
        BadLine(#"optimise mql.threshold 40..80"#, at: #"bad.leadsim:1:30"#, expected: #"expected 'maximise METRIC' or 'minimise"#),
        BadLine(#"export funnel out.txt"#, at: #"bad.leadsim:1:15"#, expected: #"expected a file name ending in .csv or ."#),
        BadLine(#"export nothing out.csv"#, at: #"bad.leadsim:1:8"#, expected: #"expected one of summary, funnel, weekly,"#),
        BadLine(#"report out.pdf"#, at: #"bad.leadsim:1:8"#, expected: #"expected a file name ending in .html, go"#),
        BadLine(#"echo "unterminated"#, at: #"bad.leadsim:1:6"#, expected: #"expected a closing ""#),
        BadLine(#"mode yaml"#, at: #"bad.leadsim:1:6"#, expected: #"expected one of table, csv, json, markdo"#),
        BadLine(#"timer maybe"#, at: #"bad.leadsim:1:7"#, expected: #"expected on or off, got 'maybe'"#),
        BadLine(#"trace -1"#, at: #"bad.leadsim:1:7"#, expected: #"expected a lead's number (0 is the first"#),
        BadLine(#"source missing.leadsim"#, at: #"bad.leadsim:1:8"#, expected: #"expected a UTF-8 text file"#),
        BadLine(#"fit won"#, at: #"bad.leadsim:1:8"#, expected: #"expected the value the metric should rea"#),
        BadLine(#"generate out leads 0"#, at: #"bad.leadsim:1:20"#, expected: #"expected the number of leads from 1 to 5"#),
        BadLine(#"generate out dirty 0.9"#, at: #"bad.leadsim:1:20"#, expected: #"expected a fraction from 0 to 0.5"#),
        BadLine(#"generate out format xml"#, at: #"bad.leadsim:1:21"#, expected: #"expected csv or jsonl"#),
        BadLine(#"baseline now"#, at: #"bad.leadsim:1:10"#, expected: #"expected 'clear', got 'now'"#),
        BadLine(#"compare a b"#, at: #"bad.leadsim:1:9"#, expected: #"expected baseline, now or a name from `s"#),
        BadLine(#"scoring missing.scoring"#, at: #"bad.leadsim:1:9"#, expected: #"expected a UTF-8 text file"#),
        BadLine(#"set mql.threshold 60 70"#, at: #"bad.leadsim:1:22"#, expected: #"expected the end of the command"#),
        BadLine(#"sweep nosuch.param 1..2"#, at: #"bad.leadsim:1:7"#, expected: #"expected a parameter of the model (see `"#),
        BadLine(#"generate out start 2025-01-07"#, at: #"bad.leadsim:1:20"#, expected: #"expected a Monday (leadsim's weeks start"#),
        BadLine(#"backtest yesterday"#, at: #"bad.leadsim:1:1"#, expected: #"expected `load leads FILE map MAPPING` o"#),
        BadLine(#"load leads d1.csv map m.yaml"#, at: #"d1.csv:3: field 'Created'"#, expected: #"expected a date as iso"#),
        BadLine(#"load leads d2.csv map m.yaml"#, at: #"d2.csv:2: field 'Employees'"#, expected: #"expected a whole number such as 250"#),
        BadLine(#"load leads d3.csv map m.yaml"#, at: #"d3.csv:2: field 'Source'"#, expected: #"expected one of organic_search, paid_sea"#),
        BadLine(#"load leads d4.csv map m.yaml"#, at: #"d4.csv:2:16"#, expected: #"expected a closing " before the end of t"#),
        BadLine(#"load leads d5.csv map m.yaml"#, at: #"m.yaml:5:5"#, expected: #"expected one of 'Id', 'Employees', 'Sour"#),
        BadLine(#"load leads d6.csv map m.yaml"#, at: #"d6.csv:1"#, expected: #"expected a header line with column names"#),
        BadLine(#"load leads d7.csv map m.yaml"#, at: #"d7.csv:2"#, expected: #"expected 4, one per column of the header"#),
        BadLine(#"load leads d8.csv map m.yaml"#, at: #"d8.csv:2: field 'Created'"#, expected: #"expected one for every lead"#),
        BadLine(#"load leads d9.csv map m.yaml"#, at: #"d9.csv:2: field 'Employees'"#, expected: #"expected a whole number such as 250"#),
        BadLine(#"load leads nosuch.csv map m.yaml"#, at: #"nosuch.csv:1"#, expected: #"expected an export to read"#),
        BadLine(#"load leads j1.jsonl map m.yaml"#, at: #"j1.jsonl:2:36"#, expected: #"expected a string in quotes"#),
        BadLine(#"load leads j2.jsonl map m.yaml"#, at: #"j2.jsonl:2:1"#, expected: #"expected a JSON object: one per line, {""#),
        BadLine(#"load leads j3.jsonl map m.yaml"#, at: #"j3.jsonl:1: field 'Created'"#, expected: #"expected a date as iso"#),
        BadLine(#"load leads j4.jsonl map m.yaml"#, at: #"j4.jsonl:1: field 'Created'"#, expected: #"expected a date as iso"#),
        BadLine(#"load leads j5.jsonl map m.yaml"#, at: #"j5.jsonl:1: field 'Employees'"#, expected: #"expected a whole number such as 250"#),
        BadLine(#"load leads j6.jsonl map m.yaml"#, at: #"m.yaml:5:5"#, expected: #"expected one of 'Id', 'Employees', 'Sour"#),
        BadLine(#"load leads j7.jsonl map m.yaml"#, at: #"j7.jsonl:1:1"#, expected: #"expected a JSON object: one per line, {""#),
        BadLine(#"load leads j8.jsonl map m.yaml"#, at: #"j8.jsonl:1"#, expected: #"expected each key once"#),
        BadLine(#"load leads good.csv map m1.yaml"#, at: #"m1.yaml:4:14"#, expected: #"expected one of id, email, first_name, l"#),
        BadLine(#"load leads good.csv map m2.yaml"#, at: #"m2.yaml:2:10"#, expected: #"expected iso, dd.mm.yyyy, m/d/yyyy, dd/m"#),
        BadLine(#"load leads good.csv map m3.yaml"#, at: #"m3.yaml:4:4"#, expected: #"expected key"#),
        BadLine(#"load leads good.csv map m4.yaml"#, at: #"m4.yaml:1:1"#, expected: #"expected leads, events, opportunities"#),
        BadLine(#"load leads good.csv map m5.yaml"#, at: #"m5.yaml:6:24"#, expected: #"expected one of organic_search, paid_sea"#),
        BadLine(#"load leads good.csv map m6.yaml"#, at: #"m6.yaml:2:14"#, expected: #"expected ",", ";", "|" or a tab"#),
        BadLine(#"load leads good.csv map m7.yaml"#, at: #"m7.yaml:4:11"#, expected: #"expected one column per field"#),
        BadLine(#"load leads good.csv map m8.yaml"#, at: #"m8.yaml:1"#, expected: #"expected `leads:` with its `columns:`"#),
        BadLine(#"load leads good.csv map m9.yaml"#, at: #"m9.yaml:2:12"#, expected: #"expected `Export column: field` lines"#),
        BadLine(#"load leads good.csv map m10.yaml"#, at: #"m10.yaml:2:3"#, expected: #"expected delimiter, decimal, dates, miss"#),
        BadLine(#"load leads good.csv map nosuch.yaml"#, at: #"bad.leadsim:1:25"#, expected: #"expected a UTF-8 text file"#),
        BadLine(#"load events good.csv map m11.yaml"#, at: #"bad.leadsim:1:13"#, expected: #"expected `load leads FILE map MAPPING` f"#),
    ]

    static let flags: [BadFlags] = [
        BadFlags(arguments: ["generate", "--out", "d", "--leads", "abc"], place: "--leads", expected: "expected a number of leads, a whole number from 1 to 50,000,000"),
        BadFlags(arguments: ["generate", "--out", "d", "--leads", "0"], place: "--leads", expected: "expected a number of leads"),
        BadFlags(arguments: ["generate", "--out", "d", "--leads", "10", "--seed=-3"], place: "--seed", expected: "expected a seed"),
        BadFlags(arguments: ["generate", "--out", "d", "--leads", "10", "--dirty", "0x1"], place: "--dirty", expected: "expected a rate from 0 to 0.5"),
        BadFlags(arguments: ["generate", "--out", "d", "--leads", "10", "--dirty", "0.7"], place: "--dirty", expected: "expected a fraction from 0 to 0.5"),
        BadFlags(arguments: ["generate", "--out", "d", "--leads", "10", "--weeks", "1000"], place: "--weeks", expected: "expected a number of weeks"),
        BadFlags(arguments: ["generate", "--out", "d", "--leads", "10", "--format", "xml"], place: "--format", expected: "expected csv or jsonl"),
        BadFlags(arguments: ["generate", "--out", "d", "--leads", "10", "--locale", "fr"], place: "--locale", expected: "expected en, de or en,de"),
        BadFlags(arguments: ["generate", "--out", "d", "--leads", "10", "--start-date", "2025-01-07"], place: "--start-date", expected: "expected a Monday"),
        BadFlags(arguments: ["generate", "--leads", "10"], place: "--out", expected: "expected --out DIR"),
        BadFlags(arguments: ["run", "--shard", "3/2", "--parts", "p", "bad.leadsim"], place: "--shard", expected: "expected I/N with 1 ≤ I ≤ N"),
        BadFlags(arguments: ["run", "--parts", "p", "bad.leadsim"], place: "--parts", expected: "expected --shard I/N with it"),
        BadFlags(arguments: ["run", "missing.leadsim"], place: "missing.leadsim", expected: "expected a scenario file"),
        BadFlags(arguments: ["-c"], place: "-c", expected: "Missing value for '-c <c>'"),
        BadFlags(arguments: ["--bogus"], place: "'--bogus'", expected: "Usage: leadsim"),
        BadFlags(arguments: ["merge", "nowhere"], place: "nowhere", expected: "expected the --parts directory"),
        BadFlags(arguments: ["load", "good.csv", "--map", "m1.yaml"], place: "m1.yaml:4:14", expected: "expected one of id, email"),
        BadFlags(arguments: ["load", "d2.csv", "--map", "m.yaml"], place: "d2.csv:2: field 'Employees'", expected: "expected a whole number"),
        BadFlags(arguments: ["-c", "set mql.threshold 0x10"], place: "-c:1:19", expected: "expects a number (points)"),
        BadFlags(arguments: ["help", "nothing.at.all"], place: "-c:1:6", expected: "expected a command, a parameter of model b2b or a metric"),
        BadFlags(arguments: ["-c", "run"], environment: ["LEADSIM_MEMORY_LIMIT": "lots"], place: "LEADSIM_MEMORY_LIMIT=lots", expected: "expected a size such as 16G"),
    ]

    /// A fresh directory holding the battery's files.
    static func directory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-battery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try "run\n".write(to: directory.appendingPathComponent("bad.leadsim"), atomically: true, encoding: .utf8)
        return directory
    }

    static func leadsim(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CLITests.Outcome {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLITests.Outcome(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }

    @Test func theBatteryIsLargeAndCoversEveryKindOfInput() {
        #expect(Self.lines.count + Self.flags.count >= 60)
        for kind in [".csv map", ".jsonl map", ".yaml", "set ", "population "] {
            #expect(Self.lines.filter { $0.line.contains(kind) }.count >= 5, "\(kind)")
        }
    }

    @Test(arguments: lines)
    func aBadLineInAScript(_ bad: BadLine) throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "population 200 seed 1\n\(bad.line)\necho not reached\n".write(to: directory.appendingPathComponent("bad.leadsim"), atomically: true, encoding: .utf8)
        let result = try Self.leadsim(["run", "bad.leadsim"], in: directory)
        #expect(result.status == 2)
        let first = result.err.split(separator: "\n").first.map(String.init) ?? ""
        // The script's line 2; a place inside a data file is named after the script's own.
        let place = bad.place.replacingOccurrences(of: "bad.leadsim:1:", with: "bad.leadsim:2:")
        #expect(first.hasPrefix("bad.leadsim:2:") && first.contains(place), "\(first)")
        #expect(first.contains(bad.expected), "\(first)")
        #expect(!result.out.contains("not reached"))
        let created = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !Self.files.keys.contains($0) && $0 != "bad.leadsim" }
        #expect(created.isEmpty, "a refused command leaves no file behind: \(created)")
    }

    @Test(arguments: flags)
    func aBadFlag(_ bad: BadFlags) throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.leadsim(bad.arguments, in: directory, environment: bad.environment)
        #expect(result.status == 2)
        #expect(result.err.contains(bad.place) && result.err.contains(bad.expected), "\(result.err)")
    }

    /// Every bad line typed at the prompt gets its message, and the shell goes on: after all of
    /// them the configuration is unchanged and a run still works.
    @Test func theShellGoesOnAfterEveryBadLine() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let terminal = try Terminal(
            CLITests.binary, arguments: ["--no-init"],
            environment: ["LEADSIM_HISTORY": directory.appendingPathComponent("history").path, "NO_COLOR": "1"], directory: directory.path)
        try terminal.waitFor("leadsim> ")
        terminal.type("population 300 seed 2\r")
        try terminal.waitFor("leadsim> ")
        for bad in Self.lines {
            terminal.type(bad.line + "\r")
            let reply = try terminal.waitFor("leadsim> ")
            #expect(reply.contains("error:") && reply.contains(bad.expected), "\(bad.line): \(reply)")
        }
        terminal.type("diff\r")
        #expect(try terminal.waitFor("leadsim> ").contains("no parameter differs"), "no bad line changed a parameter")
        terminal.type("run\r")
        #expect(try terminal.waitFor("leadsim> ").contains("key figure"))
        terminal.type("quit\r")
        #expect(try terminal.exitStatus() == 0)
    }
}
