import Foundation
import LeadSimCore
import Testing
@testable import LeadSimScript

/// `replay`: the history's touchpoints re-scored under the scoring in force.
@Suite struct ReplayCommandTests {
    static let history = LoadCommandTests.repository.appendingPathComponent("datasets/history").path
    let load = "load leads \(history)/kontakte.csv map \(history)/kontakte.mapping.yaml\nload events \(history)/aktivitaeten.csv map \(history)/kontakte.mapping.yaml\n"

    func rows(_ out: String, table: Int = 0) -> [[String]] {
        let tables = out.components(separatedBy: "week        created")
        return tables[table + 1].split(separator: "\n").dropFirst(2)
            .prefix { !$0.hasPrefix("replayed") && !$0.hasPrefix("no events") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    }

    /// The shipped history was made by the model's own journeys under the default scoring:
    /// replayed under it, every week's MQLs are the history's, lead for lead.
    @Test func underTheScoringThatMadeItTheHistoryReplaysExactly() {
        let outcome = runScript(load + "replay\nset mql.threshold 70\nreplay\n", file: "r")
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("aktivitaeten.csv: 22407 rows, 11970 touchpoints imported"))
        #expect(outcome.out.contains("10437 left out: not a touchpoint"))
        let same = rows(outcome.out)
        #expect(same.count == 18)
        for row in same { #expect(row[row[0] == "all" ? 3 : 2] == row[row[0] == "all" ? 4 : 3], "\(row)") }
        #expect(same.last?[3] == "316")
        let stricter = rows(outcome.out, table: 1)
        #expect(Int(stricter.last![3])! < 316 / 2, "a threshold of 70 hands over far fewer")
        #expect(stricter.last![4] == "316", "the history's own count stays")
    }

    @Test func withoutEventsOnlyTheFitPartReplays() {
        let outcome = runScript("load leads \(Self.history)/kontakte.csv map \(Self.history)/kontakte.mapping.yaml\nreplay\n", file: "r")
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("no events loaded: counted are the leads whose fit and grade the rule lets through"))
    }

    @Test func eventsNeedTheirLeads() throws {
        #expect(runScript("load events \(Self.history)/aktivitaeten.csv map \(Self.history)/kontakte.mapping.yaml\n", file: "r").err
            .contains("no leads to attach events to: expected `load leads FILE map MAPPING` first"))
        let strangers = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString).csv")
        try "Kontakt-ID;Zeitpunkt;Aktivität\n999;09.12.2024 08:00:00;Webseite besucht\n".write(to: strangers, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: strangers) }
        let outcome = runScript("load leads \(Self.history)/kontakte.csv map \(Self.history)/kontakte.mapping.yaml\nload events \(strangers.path) map \(Self.history)/kontakte.mapping.yaml\n", file: "r")
        #expect(outcome.err.contains("\(strangers.path):2: field 'Kontakt-ID': '999' is no lead of the loaded leads"))
        #expect(runScript("replay\n", file: "r").err.contains("nothing to replay"))
    }
}

/// `backtest DATE`: calibrate on what came before, predict what followed, compare week by week.
@Suite struct BacktestCommandTests {
    @Test func theWeeksAfterTheDateAreComparedWithTheirIntervals() {
        let history = ReplayCommandTests.history
        let outcome = runScript("load leads \(history)/kontakte.csv map \(history)/kontakte.mapping.yaml\nbacktest 2025-02-17\n", file: "b")
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("calibrated on 1,199 leads created before 2025-02-17; over the 7 weeks from it the simulation gives"))
        #expect(outcome.out.contains("2025-02-17             26"), "the history's own MQLs of the first week predicted")
        #expect(outcome.out.contains("weeks inside their 95 % interval"))
        #expect(runScript("load leads \(history)/kontakte.csv map \(history)/kontakte.mapping.yaml\nbacktest 2024-12-10\n", file: "b").err
            .contains("leads before 2024-12-10: expected a date with a few weeks of history (50 leads or more) before it"))
        #expect(runScript("load leads \(history)/kontakte.csv map \(history)/kontakte.mapping.yaml\nbacktest 17.02.2025\n", file: "b").err
            .contains("'17.02.2025' is not a date: expected YYYY-MM-DD"))
    }
}
