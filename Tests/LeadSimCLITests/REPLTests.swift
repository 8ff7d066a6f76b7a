import Foundation
import Testing

/// The workbench at a terminal, driven through a pseudo-terminal as a person would use it.
@Suite(.serialized) struct REPLTests {
    static func historyFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-history-\(UUID().uuidString)").path
    }

    static func open(history: String, columns: UInt16 = 160) throws -> Terminal {
        let terminal = try Terminal(CLITests.binary, environment: ["LEADSIM_HISTORY": history], columns: columns)
        try terminal.waitFor("Type `help` to start")
        try terminal.waitFor("leadsim> ")
        return terminal
    }

    @Test func completesAParameterAndShowsTheWhatIfDeltas() throws {
        let history = Self.historyFile()
        defer { try? FileManager.default.removeItem(atPath: history) }
        let terminal = try Self.open(history: history)
        terminal.type("set mql.thr\t")
        try terminal.waitFor("set mql.threshold ")
        terminal.type("70\r")
        let screen = try terminal.waitFor("leadsim> ")
        #expect(screen.contains("key figure"))
        #expect(screen.contains("before") && screen.contains("after") && screen.contains("noise (95 %)"))
        let mql = try #require(screen.split(separator: "\n").first { $0.hasPrefix("mql ") })
        #expect(mql.contains("*"), "raising the threshold to 70 moves MQLs beyond the noise: \(mql)")
        for figure in ["sql", "won", "workload.utilisation", "workload.leads_per_rep_week"] {
            #expect(screen.contains("\n\(figure) "), "\(figure) is among the deltas")
        }
        terminal.type("\u{04}")
        #expect(try terminal.exitStatus() == 0)
    }

    @Test func ctrlCCancelsARunAndKeepsTheState() throws {
        let history = Self.historyFile()
        defer { try? FileManager.default.removeItem(atPath: history) }
        let terminal = try Self.open(history: history)
        terminal.type("show summary\r")
        let before = try terminal.waitFor("leadsim> ")
        // A population twenty times the default takes seconds to synthesise and run.
        terminal.type("population 2000000\r")
        Thread.sleep(forTimeInterval: 0.5)
        terminal.type("\u{03}")
        try terminal.waitFor("interrupted: nothing changed", seconds: 120)
        try terminal.waitFor("leadsim> ")
        terminal.type("show summary\r")
        let after = try terminal.waitFor("leadsim> ")
        let figures = { (screen: String) in screen.split(separator: "\n").filter { $0.hasPrefix("mql ") || $0.hasPrefix("won ") } }
        #expect(!figures(before).isEmpty && figures(after) == figures(before))
        // Ctrl-C at the prompt abandons the line being typed.
        terminal.type("set sales.reps 99\u{03}")
        try terminal.waitFor("leadsim> ")
        terminal.type("diff\r")
        try terminal.waitFor("no parameter differs from the default")
        // Ctrl-D only ends input at readline's prompt; typed earlier, a busy machine may hand it to
        // the terminal's line discipline before readline takes the terminal over.
        try terminal.waitFor("leadsim> ")
        terminal.type("\u{04}")
        #expect(try terminal.exitStatus() == 0)
    }

    @Test func historySurvivesARestart() throws {
        let history = Self.historyFile()
        defer { try? FileManager.default.removeItem(atPath: history) }
        do {
            let first = try Self.open(history: history)
            for _ in 0..<2 {
                first.type("echo remembered-line\r")
                try first.waitFor("\nremembered-line\n")
                try first.waitFor("leadsim> ")
            }
            first.type("\u{04}")
            #expect(try first.exitStatus() == 0)
        }
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.components(separatedBy: "echo remembered-line").count == 2, "one copy of a repeated line")
        let second = try Self.open(history: history)
        second.type("\u{1B}[A\r")  // up arrow, then Enter
        try second.waitFor("\nremembered-line\n")
        try second.waitFor("leadsim> ")
        second.type("\u{04}")
        #expect(try second.exitStatus() == 0)
    }

    /// `quit` and `\q` leave the shell as Ctrl-D does, saving the history.
    @Test(arguments: ["quit", "\\q"])
    func quitLeavesTheShell(word: String) throws {
        let history = Self.historyFile()
        defer { try? FileManager.default.removeItem(atPath: history) }
        let terminal = try Self.open(history: history)
        terminal.type("mode\r")
        try terminal.waitFor("mode table")
        try terminal.waitFor("leadsim> ")
        terminal.type(word + "\r")
        #expect(try terminal.exitStatus() == 0)
        #expect(try String(contentsOfFile: history, encoding: .utf8).contains("mode"))
    }

    /// `~/.leadsimrc` runs before the first prompt (its settings in the first run); `--no-init`
    /// skips it; a mistake in it is named and the shell starts all the same.
    @Test func theInitFileSetsTheShellUp() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-rc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "population 3000 seed 2\necho rc read\nset nonsense 1\n".write(to: home.appendingPathComponent(".leadsimrc"), atomically: true, encoding: .utf8)
        let history = Self.historyFile()
        defer { try? FileManager.default.removeItem(atPath: history) }
        let terminal = try Terminal(CLITests.binary, environment: ["LEADSIM_HISTORY": history, "HOME": home.path])
        try terminal.waitFor("rc read")
        try terminal.waitFor(".leadsimrc:3:5: error: unknown parameter 'nonsense'")
        try terminal.waitFor("leadsim> ")
        terminal.type("show summary\r")
        let screen = try terminal.waitFor("leadsim> ")
        #expect(!screen.contains("24,556"), "the first run is of the rc's 3,000 leads, not the default 100,000")
        terminal.type("quit\r")
        #expect(try terminal.exitStatus() == 0)
        let skipped = try Terminal(CLITests.binary, arguments: ["--no-init"], environment: ["LEADSIM_HISTORY": history, "HOME": home.path])
        let start = try skipped.waitFor("leadsim> ")
        #expect(!start.contains("rc read"))
        skipped.type("quit\r")
        #expect(try skipped.exitStatus() == 0)
    }

    /// At a terminal `error:` is red and the caret bold; `NO_COLOR` turns colour off.
    @Test func errorsAreColouredUnlessNoColor() throws {
        let history = Self.historyFile()
        defer { try? FileManager.default.removeItem(atPath: history) }
        for noColor in [false, true] {
            let terminal = try Terminal(CLITests.binary, environment: ["LEADSIM_HISTORY": history] + (noColor ? ["NO_COLOR": "1"] : [:]))
            try terminal.waitFor("leadsim> ")
            terminal.type("set nonsense 1\r")
            try terminal.waitFor("unknown parameter 'nonsense'")
            try terminal.waitFor("leadsim> ")
            #expect(terminal.raw.contains("\u{1B}[31merror:\u{1B}[0m") == !noColor, "NO_COLOR \(noColor)")
            terminal.type("quit\r")
            #expect(try terminal.exitStatus() == 0)
        }
    }

    /// A quote never traps the prompt: an unmatched one is the error it is in a file, also in a
    /// comment; Ctrl-C at a continuation prompt drops the lines continued before it.
    @Test func quotesNeverTrapAndCtrlCDropsAContinuedLine() throws {
        let history = Self.historyFile()
        defer { try? FileManager.default.removeItem(atPath: history) }
        let terminal = try Self.open(history: history)
        terminal.type("echo \"half\r")
        try terminal.waitFor("unterminated string")
        try terminal.waitFor("leadsim> ")
        terminal.type("# a comment with a \" quote\r")
        try terminal.waitFor("leadsim> ")
        terminal.type("echo first \\\r")
        try terminal.waitFor("...> ")
        terminal.type("\u{03}")
        terminal.type("echo second\r")
        let screen = try terminal.waitFor("\nsecond\n")
        #expect(!screen.contains("first second"), "\(screen)")
        try terminal.waitFor("leadsim> ")
        terminal.type("quit\r")
        #expect(try terminal.exitStatus() == 0)
    }

    /// At 80 columns nothing the shell prints is wider than the terminal: the banner, help and
    /// its footer, a parameter's help with its long source line, the what-if screen and an error.
    @Test func everythingFitsAnEightyColumnTerminal() throws {
        let history = Self.historyFile()
        defer { try? FileManager.default.removeItem(atPath: history) }
        let terminal = try Self.open(history: history, columns: 80)
        for command in ["help", "help runs", "help speed.contact.fast_boost", "help load", "set mql.threshold 70", "help sla.hourz"] {
            terminal.type(command + "\r")
            try terminal.waitFor("leadsim> ", seconds: 120)
        }
        terminal.type("quit\r")
        #expect(try terminal.exitStatus() == 0)
        let screen = terminal.screen
        for marker in ["Tab completes", "pair their runs on them", "Oldroyd 2007", "stops at the first bad row", "pipeline.value", "no help on 'sla.hourz'"] {
            #expect(screen.contains(marker) || screen.replacingOccurrences(of: "\n", with: " ").contains(marker), "\(marker) shown")
        }
        // What the terminal shows on each line: after the last carriage return (the progress line
        // is redrawn and erased in place), without control sequences.
        // (The terminal sends each line break as CR LF, which Swift takes for one character.)
        let visible = terminal.raw.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map { line in
            Terminal.plain(String(line.split(separator: "\r", omittingEmptySubsequences: false).last ?? ""))
        }
        let wide = visible.filter { $0.count > 80 }
        #expect(wide.isEmpty, "wider than 80 columns:\n\(wide.joined(separator: "\n"))")
    }

    /// Pasted lines (bracketed paste) run as the same lines in a file: one after the other, and
    /// none after the first that fails.
    @Test func pastedLinesRunAsInAFile() throws {
        let history = Self.historyFile()
        defer { try? FileManager.default.removeItem(atPath: history) }
        let terminal = try Self.open(history: history)
        terminal.type("\u{1B}[200~echo one\necho two\nset nonsense 1\necho three\u{1B}[201~\r")
        try terminal.waitFor("\none\ntwo\n")
        let rest = try terminal.waitFor("the 1 pasted line after it did not run")
        #expect(rest.contains("unknown parameter 'nonsense'") && !rest.contains("\nthree\n"))
        try terminal.waitFor("leadsim> ")
        terminal.type("quit\r")
        #expect(try terminal.exitStatus() == 0)
    }
    /// A command that takes more than a second shows a progress line on standard error — runs
    /// done of runs to do — and erases it before its results.
    @Test func longCommandsShowProgress() throws {
        let history = Self.historyFile()
        defer { try? FileManager.default.removeItem(atPath: history) }
        let terminal = try Self.open(history: history)
        terminal.type("set runs 2\r")
        try terminal.waitFor("leadsim> ")
        terminal.type("sweep mql.threshold 40..90 step 10\r")
        try terminal.waitFor("leadsim> ", seconds: 300)
        let shown = try #require(terminal.raw.range(of: " of 12 runs "), "the sweep's 6 values × 2 runs")
        let results = try #require(terminal.raw.range(of: "mql.threshold", range: shown.upperBound..<terminal.raw.endIndex))
        #expect(terminal.raw[shown.upperBound..<results.lowerBound].contains("\r\u{1B}[K"), "erased before the results")
        terminal.type("quit\r")
        #expect(try terminal.exitStatus() == 0)
    }

    /// A session saved with `.save` replays as a script to what the session printed: the first
    /// run, the what-if deltas after each change, tables and undo — all but the refused lines.
    @Test func aSavedSessionReplaysToTheSameOutput() throws {
        let history = Self.historyFile()
        let saved = history + ".leadsim"
        defer { try? FileManager.default.removeItem(atPath: history); try? FileManager.default.removeItem(atPath: saved) }
        // No progress line (CI set): on a screen it is erased, in the captured text it would stay.
        let terminal = try Terminal(CLITests.binary, arguments: ["--no-init"], environment: ["LEADSIM_HISTORY": history, "NO_COLOR": "1", "CI": "1"])
        var printed = try terminal.waitFor("leadsim> ")
        for line in ["set mql.threshold 70", "set nonsense 1", "show funnel", "campaign webinar x2 weeks 2..6", "undo", "set runs 3", "show workload"] {
            terminal.type(line + "\r")
            printed += try terminal.waitFor("leadsim> ")
        }
        terminal.type(".save \(saved)\r")
        try terminal.waitFor("leadsim> ")
        terminal.type("quit\r")
        #expect(try terminal.exitStatus() == 0)
        // What the session printed, without its banner, prompts and the one refused line's message.
        var lines = printed.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).map(String.init)
        lines.removeAll { $0.hasPrefix("leadsim> ") }
        let error = try #require(lines.firstIndex { $0.contains("error: unknown parameter 'nonsense'") })
        lines.removeSubrange(error...(error + 2))
        let replay = try CLITests().leadsim(["run", saved])
        #expect(replay.status == 0)
        #expect(replay.out == lines.joined(separator: "\n") + "\n", "\(replay.out)")
    }
}



extension Dictionary {
    static func + (a: Self, b: Self) -> Self { a.merging(b) { $1 } }
}
