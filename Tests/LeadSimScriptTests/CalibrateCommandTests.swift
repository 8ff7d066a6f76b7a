import Foundation
import LeadSimCore
import Testing
@testable import LeadSimScript

/// Calibration on a history with known rates recovers them: a package generated at
/// `mql.threshold 60`, loaded back, measures a share of leads that became MQL whose 95 %
/// interval, solved for the threshold, holds 60; and its channel mix holds the generating shares.
@Suite struct CalibrateCommandTests {
    @Test func aGeneratedHistoryGivesBackItsRates() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-calibrate-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var maker = Session()
        let made = runScript(
            "population 6000 seed 21 weeks 13\nset warmup.weeks 0\nset mql.threshold 60\nset touchpoint.web_visit.rate 0.08\n"
                + "set deal.large.median 60000\ngenerate \(directory)\n", file: "m", in: &maker)
        #expect(made.status == .passed, "\(made.err)")

        var session = Session()
        let calibrated = runScript("load \(directory)\ncalibrate\n", file: "c", in: &session)
        #expect(calibrated.status == .passed, "\(calibrated.err)")
        #expect(calibrated.out.contains("funnel.lead_to_mql"))
        #expect(calibrated.out.contains("lead to MQL, referral") && calibrated.out.contains("lead to MQL, 1000+ employees"), "by channel and segment")
        let figures = HistoryFigures(session.current.experiment.history!.observed)
        for (channel, figure) in figures.channelShares {
            let share = B2BModel().defaultParameters()["channel.\(channel.name).share"]
            #expect(figure.low <= share && share <= figure.high, "\(channel.name): \(share) in \(figure.low)…\(figure.high)")
        }
        // The threshold at either end of the measured share's interval brackets the true 60.
        let measured = try #require(figures.leadToMQL)
        let populations = try session.currentPopulations()
        var experiment = session.current.experiment
        try experiment.parameters.set("mql.threshold", to: 50)
        let spec = try experiment.parameters.spec(named: "mql.threshold")
        let metric = Metric.named("funnel.lead_to_mql")!
        let atHigh = try Matching.match(experiment, metric: metric, target: measured.high, parameter: spec, populations: populations, options: RunOptions()).value
        let atLow = try Matching.match(experiment, metric: metric, target: measured.low, parameter: spec, populations: populations, options: RunOptions()).value
        #expect(atHigh <= 60 && 60 <= atLow, "60 within \(atHigh)…\(atLow)")
        #expect(abs(session.parameters["mql.threshold"] - 60) <= max(60 - atHigh, atLow - 60), "the calibrated threshold is inside the same interval")

        // Touchpoint rates: each matched rate's interval (the rate scaled as the count per lead's
        // interval is to the count) holds the rate that made the package.
        let history = try #require(session.current.experiment.history)
        let truth = maker.parameters
        for (touchpoint, share) in [("web_visit", 0.08), ("pricing_visit", 0.03), ("content_download", 0.02), ("email_open", 0.22)] {
            #expect(truth["touchpoint.\(touchpoint).rate"] == share)
            let figure = try #require(calibrated.out.split(separator: "\n").first { $0.hasPrefix("\(touchpoint) per lead") })
            let rate = session.parameters["touchpoint.\(touchpoint).rate"]
            let observed = history.events.filter { B2BModel.scoredTouchpoints[$0.touchpoint] == touchpoint }.count
            let perLead = Double(observed) / Double(history.count)
            let measured = MeasuredFigure.mean("", unit: "", (0..<history.count).map { lead in
                Double(history.events.lazy.filter { $0.lead == lead && B2BModel.scoredTouchpoints[$0.touchpoint] == touchpoint }.count)
            })
            #expect(abs(measured.value - perLead) < 1e-9)
            let (low, high) = (rate * measured.low / measured.value, rate * measured.high / measured.value)
            #expect(low <= share && share <= high, "\(touchpoint): \(share) in \(low)…\(high) — \(figure)")
        }
        // The weekday pattern: each day's share holds the generating weight's (a Pearson χ² over
        // the seven days stays below its 99th percentile at six degrees of freedom, 16.81), and
        // calibrate sets the weights to the shares.
        let weights = B2BModel.weekdays.map { truth["arrival.\($0).share"] }
        let chiSquare = zip(figures.weekdayShares, weights).reduce(0.0) { sum, pair in
            let expected = pair.1 / weights.reduce(0, +) * Double(pair.0.sampleSize)
            let seen = pair.0.value * Double(pair.0.sampleSize)
            return sum + (seen - expected) * (seen - expected) / expected
        }
        #expect(chiSquare < 16.81, "χ² \(chiSquare)")
        for (day, share) in zip(B2BModel.weekdays, figures.weekdayShares) {
            #expect(session.parameters["arrival.\(day).share"] == (share.value * 10_000).rounded() / 10_000)
        }
        // Deal medians by size band, where the band has enough deals to be set.
        let figures2 = HistoryFigures(history.observed, opportunities: history.opportunities)
        var checked = 0
        for (size, figure) in figures2.dealMedianBySize where figure.sampleSize >= Session.fewestDeals {
            let median = truth["deal.\(size.parameterName).median"]
            #expect(figure.low <= median && median <= figure.high, "\(size.name): \(median) in \(figure.low)…\(figure.high)")
            #expect(abs(session.parameters["deal.\(size.parameterName).median"] / figure.value - 1) < 0.005, "set to the measured median")
            checked += 1
        }
        #expect(checked >= 3, "\(figures2.dealMedianBySize.map(\.figure.sampleSize)) deals by band")
    }

    /// A leads export with counts of touchpoints and no events calibrates the same rates as the
    /// events they count: the shipped history's activity log, counted lead by lead.
    @Test func countsCalibrateTouchpointsAsTheirEventsDo() throws {
        let history = ReplayCommandTests.history
        var session = Session()
        let loaded = runScript(
            "load leads \(history)/kontakte.csv map \(history)/kontakte.mapping.yaml\nload events \(history)/aktivitaeten.csv map \(history)/kontakte.mapping.yaml\n",
            file: "c", in: &session)
        #expect(loaded.status == .passed, "\(loaded.err)")
        var withEvents = try #require(session.current.experiment.history)
        withEvents.events.removeAll { ![0, 1, 2, 3, 7].contains($0.touchpoint) }
        var observed = withEvents.observed
        observed.touchpointCounts = [0, 1, 2, 3, 7].map { type in
            var counts = [Int?](repeating: 0, count: observed.count)
            for event in withEvents.events where event.touchpoint == type { counts[event.lead]! += 1 }
            return (type, counts)
        }
        let counted = try History(observed: observed, name: "counts")
        let populations = try session.currentPopulations()
        let fromEvents = try TouchpointMatching.match(session.current.experiment, history: withEvents, populations: populations, options: RunOptions())
        let fromCounts = try TouchpointMatching.match(session.current.experiment, history: counted, populations: populations, options: RunOptions())
        for type in [0, 1, 2, 3, 7] {
            #expect(fromCounts.fits[type].value != nil && fromCounts.fits[type].value == fromEvents.fits[type].value, "\(fromCounts.fits[type])")
        }
        for type in [4, 5, 6, 8] {
            #expect(fromCounts.fits[type].value == nil && fromCounts.fits[type].observed.sampleSize == 0, "not counted, not set")
        }
        session.current.experiment.history = counted
        let outcome = runScript("calibrate\n", file: "c", in: &session)
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("web_visit per lead") && outcome.out.contains("touchpoint.web_visit.rate"))
        #expect(outcome.out.contains("note: no events or counts of demo_request, contact_form, chat, email_click: their rates stay as they are"))
    }

    @Test func calibrateNeedsAHistory() {
        #expect(runScript("calibrate\n", file: "c").err.contains("nothing to calibrate from: expected `load leads FILE map MAPPING` or `load DIR` first"))
    }
}

/// Deals: win rate among the closed, the days to close with the open ones counted to the end,
/// and the amounts, from an opportunities export.
@Suite struct OpportunityCalibrationTests {
    @Test func dealsCalibrateWinRateAndCycle() {
        let history = ReplayCommandTests.history
        var session = Session()
        let outcome = runScript(
            "load leads \(history)/kontakte.csv map \(history)/kontakte.mapping.yaml\nload opportunities \(history)/verkaufschancen.csv map \(history)/kontakte.mapping.yaml\ncalibrate\n",
            file: "o", in: &session)
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("verkaufschancen.csv: 34 rows, 34 opportunities imported"))
        #expect(outcome.out.contains("34 deals (23 open)"))
        #expect(outcome.out.contains("note: 23 deals still open: in the cycle length up to the history's end; the win rate is of the 11 closed"))
        let deals = session.current.experiment.history!.opportunities
        #expect(deals.filter { $0.outcome == .won }.count == 2 && deals.filter { $0.outcome == .lost }.count == 9)
        #expect(deals.first?.amount == 91_384.67)
        // The generating model's cycle (mean 120 days, median 100.7) lies in the measured interval.
        let figures = HistoryFigures(session.current.experiment.history!.observed, opportunities: deals)
        let cycle = figures.daysToClose!
        #expect(cycle.low <= 100.7 && 100.7 <= cycle.high, "\(cycle.low)…\(cycle.high)")
        #expect(session.parameters["opportunity.cycle_days"] == (cycle.value / 0.839_17 * 10).rounded() / 10)
    }

    @Test func wonStagesComeFromTheMapping() throws {
        let history = ReplayCommandTests.history
        let mapping = FileManager.default.temporaryDirectory.appendingPathComponent("deals-\(UUID().uuidString).yaml")
        try "opportunities:\n  delimiter: \";\"\n  columns:\n    Kontakt-ID: lead\n    Erstellt am: created\n    Phase: stage\n".write(to: mapping, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: mapping) }
        let outcome = runScript(
            "load leads \(history)/kontakte.csv map \(history)/kontakte.mapping.yaml\nload opportunities \(history)/verkaufschancen.csv map \(mapping.path)\n", file: "o")
        #expect(outcome.err.contains("no won_stages: expected the stages that mean won, e.g. won_stages: [Closed Won] (they differ per CRM)"))
    }
}
