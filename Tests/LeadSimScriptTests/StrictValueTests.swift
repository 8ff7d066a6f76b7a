import LeadSimCore
import Testing
@testable import LeadSimScript

/// Values are read as people write them, and nothing else is taken quietly: no hexadecimal, no
/// infinity, no number that rounds to zero or overflows, no option given twice.
@Suite struct StrictValueTests {
    @Test func decimalTextTakesDecimalsOnly() throws {
        for (text, value) in [("10", 10.0), ("-2.5", -2.5), ("1e3", 1000), ("100_000", 100_000), (".5", 0.5), ("1.", 1), ("0", 0), ("0e-999", 0), ("+7", 7)] {
            #expect(try DecimalText.value(of: text).get() == value, "\(text)")
        }
        for text in ["0x10", "inf", "nan", "1e", "1e+", "_1", "1_", "1__0", "1..2", "--1", "1e5.5", "", "-", "0x1p3", "١٢"] {
            #expect(DecimalText.value(of: text) == .failure(.notDecimal), "\(text)")
        }
        #expect(DecimalText.value(of: "1e-400") == .failure(.underflow))
        #expect(DecimalText.value(of: "1e400") == .failure(.overflow))
    }

    @Test func scriptsSayWhatIsWrongWithAValue() {
        let cases: [(String, String)] = [
            ("set mql.threshold 0x10", "t:1:19: error: mql.threshold expects a number (points), got '0x10'"),
            ("set mql.threshold 1e-400", "t:1:19: error: mql.threshold = 1e-400 is too small to tell from zero: expected 0 itself or a number such as 1e-300"),
            ("set mql.threshold 1e400", "t:1:19: error: mql.threshold = 1e400 is too large for a number: expected one below 1e308"),
            ("population 100 seed 1 seed 2", "t:1:23: error: 'seed' given twice: expected it once"),
            ("population 100 weeks 4 weeks 5", "t:1:24: error: 'weeks' given twice: expected it once"),
            ("mode jsn", "t:1:6: error: unknown mode 'jsn': expected one of table, csv, json, markdown (did you mean json?)"),
            ("sweep mql.threshold 0x10..80", "t:1:21: error: expected a range FROM..TO of numbers, like 40..90, got '0x10..80'"),
            ("sweep mql.threshold 40...80", "t:1:21: error: expected a range with two dots, FROM..TO (like 40..90), got '40...80'"),
            ("sweep mql.threshold 80..40", "t:1:21: error: the range 80..40 runs backwards or is empty: expected FROM below TO, like 40..80"),
        ]
        for (line, message) in cases {
            let outcome = runScript(line + "\n", file: "t")
            #expect(outcome.status == .inputError && outcome.err.hasPrefix(message), "\(line): \(outcome.err)")
        }
    }

    @Test func modeAndModelAloneShowWhatIsInForce() {
        let outcome = runScript("model\nmode\nmode csv\nmode\n", file: "t")
        #expect(outcome.status == .passed)
        #expect(outcome.out.hasPrefix("model b2b: ") && outcome.out.contains("mode table\n"))
        #expect(outcome.err == "mode csv\n", "in CSV mode prose goes to standard error")
    }

    /// A change makes the results stale; a command that needs them runs the configuration again,
    /// in a script as in the shell (it used to say "expected a `run` first" although one ran).
    @Test func staleResultsAreRunAgainWhenNeeded() throws {
        let outcome = runScript("population 2000 seed 3\nrun\nset mql.threshold 70\nshow summary\nexpect mql > 0\n", file: "t")
        #expect(outcome.status == .passed, "\(outcome.err)")
        let strict = runScript("population 2000 seed 3\nset mql.threshold 70\nrun\nexpect mql > 0\n", file: "t")
        let shown = outcome.out.components(separatedBy: "key figure").last ?? ""
        let ran = strict.out.components(separatedBy: "key figure").last ?? ""
        #expect(!shown.isEmpty && shown.prefix(200) == ran.prefix(200), "the figures of a run at threshold 70")
        let exported = runScript("population 500\nset sales.reps 3\nexport summary /tmp/leadsim-stale-\(UInt32.random(in: 0...UInt32.max)).csv\n", file: "t")
        #expect(exported.status == .passed, "\(exported.err)")
    }

    /// A pasted megabyte is named by its start and length, once, and the line shown around the
    /// place: the message stays a few lines long.
    @Test func aHugeTokenIsShortenedInItsMessage() {
        let outcome = runScript("set mql.threshold " + String(repeating: "x", count: 1_000_000) + "\n", file: "t")
        #expect(outcome.status == .inputError)
        #expect(outcome.err.count < 400, "\(outcome.err.count) characters")
        #expect(outcome.err.contains("… (1000000 characters)"))
        let lines = outcome.err.split(separator: "\n")
        #expect(lines.count == 3 && lines[1].hasSuffix("…") && lines[2].hasSuffix("^"))
    }

    /// "best" only where it stands out of the runner-up's noise (paired on the same leads); a
    /// one-value sweep crowns nothing.
    @Test func aBestIsMarkedOnlyBeyondTheNoise() {
        let clear = runScript("population 20000 seed 1\nsweep mql.threshold 40..70 step 10 maximise won\n", file: "t")
        #expect(clear.out.contains("best: mql.threshold = 40") && clear.out.contains("ahead of mql.threshold = 50 by") && clear.out.contains("beyond the noise"))
        #expect(clear.out.contains("◆ best") && !clear.out.contains("≈"))
        let close = runScript("population 20000 seed 1\nsweep mql.threshold 40..45 step 5 maximise won\n", file: "t")
        #expect(close.out.contains("within the noise of mql.threshold = 45") && close.out.contains("no clear winner"), "\(close.out)")
        #expect(close.out.contains("≈ best, within the noise") && !close.out.contains("◆ best\n"))
        let single = runScript("population 2000 seed 1\nsweep mql.threshold 40..40.5 step 1 maximise won\n", file: "t")
        #expect(single.out.contains("one value only: nothing to compare it with"))
    }

    /// A touchpoint campaign past the window is taken (the window may grow) with a note that it
    /// changes nothing now, or only in part.
    @Test func campaignsPastTheWindowAreNoted() {
        let outcome = runScript("population 500 weeks 8\ncampaign webinar x2 weeks 10..12\ncampaign webinar x2 weeks 6..12\n", file: "t")
        #expect(outcome.status == .passed)
        #expect(outcome.out.contains("note: the campaign starts in week 10, after the window's 8 weeks: it changes nothing in this window"))
        #expect(outcome.out.contains("note: the campaign runs past the window's 8 weeks: only weeks 6..8 count"))
    }

    /// A session that allows itself 2 GB, whatever the machine has.
    static func sessionWithinTwoGigabytes() -> Session {
        var session = Session()
        session.memoryLimitBytes = 2e9
        session.memoryLimitSource = "a test's limit"
        return session
    }

    /// A configuration whose runs would not fit is refused before anything runs, naming what it
    /// needs, the limit and the ways out; the session keeps what it had.
    @Test func whatWouldNotFitIsRefused() throws {
        var session = Self.sessionWithinTwoGigabytes()
        let outcome = runScript("population 5000000\nset runs 20\n", file: "t", in: &session)
        #expect(outcome.status == .inputError)
        #expect(outcome.err.hasPrefix("t:2:1: error: population 5,000,000 with 20 runs would need about "), "\(outcome.err)")
        #expect(outcome.err.contains(" GB of memory, more than the 2.0 GB leadsim allows itself (a test's limit): expected fewer leads or runs (`population N`, `set runs N`), or LEADSIM_MEMORY_LIMIT="))
        #expect(session.current.experiment.replications == 1 && session.current.experiment.leads == 5_000_000)
        let estimate = session.current.experiment.estimatedBytes(threads: 2)
        #expect(estimate > 5e6 * 1.5 * 100 && estimate < 5e6 * 1.6 * 400, "per lead: population, kept episodes and run state")
        #expect(try MemoryLimit.parse("16G").get() == 16e9 && (try MemoryLimit.parse("500 MB").get()) == 5e8)
        #expect((try? MemoryLimit.parse("lots").get()) == nil && (try? MemoryLimit.parse("-1G").get()) == nil)
    }

    /// Lead campaigns add leads: the estimate counts them as the population will hold them, so a
    /// campaign that would not fit is refused like a population that would not.
    @Test func leadCampaignsCountInTheMemoryEstimate() throws {
        var session = Self.sessionWithinTwoGigabytes()
        let outcome = runScript("population 1000000\ncampaign leads paid_search x100 weeks 0..26\n", file: "t", in: &session)
        #expect(outcome.status == .inputError)
        #expect(outcome.err.hasPrefix("t:2:1: error: population 1,000,000 ("), "\(outcome.err)")
        #expect(outcome.err.contains(" leads with the warm-up and the lead campaigns) with 1 run would need about "), "\(outcome.err)")
        #expect(outcome.err.contains("(`population N`, `set runs N`), smaller lead campaigns, or LEADSIM_MEMORY_LIMIT="), "\(outcome.err)")
        #expect(session.current.campaigns.isEmpty, "the campaign was not taken")

        let campaign = Campaign(.channel("paid_search"), multiplier: 3, startWeek: 2, endWeek: 4)
        let model = B2BModel().with(campaigns: [campaign])
        let parameters = model.defaultParameters()
        let size = model.populationSize(leads: 2000, horizonWeeks: 8, parameters: parameters)
        #expect(size == model.synthesize(leads: 2000, seed: 1, horizonWeeks: 8, parameters: parameters).count)
        #expect(size > B2BModel().populationSize(leads: 2000, horizonWeeks: 8, parameters: parameters) + 100, "the campaign's leads")
    }
}
