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
        #expect(outcome.out.contains("no events or touchpoint counts loaded: counted are the leads whose fit and grade the rule lets through"))
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

/// `replay` on six leads worked through by hand under the default scoring (score ≥ 50 at grade C
/// or better; hand-raisers go over at once; a quarter of the score decays every 30 days from
/// Monday 6 January 2025, the history's first week):
/// - L1 (grade A: 1000+, executive, software, dach = 100 fit points): three pricing visits
///   (30, the web group's cap), a webinar (45), a download on 14 January (53) → MQL in week 2;
/// - L2 (grade D): a demo request on 8 January → MQL in week 1;
/// - L3 (grade C: 45 points): ten visits (capped at 30) and twenty opens (capped at 15) → 45, never;
/// - L4 (grade A, 85 points): two webinars and a pricing visit in January (40), decayed on
///   5 February to 30, a pricing visit on 10 February (40) and a webinar on 11 February (55) → MQL
///   in the week of 10 February;
/// - L5 (grade A): two webinars and a pricing visit (40), decayed twice to 22.5 before a pricing
///   visit on 10 March (32.5) → never;
/// - L6 (grade D, created 14 January): 60 points, but grade D → never.
/// L1, L3 and L4 became customers. Replayed: MQLs 1, 1, 0, 0, 0, 1 in weeks 1–6; precision 2 of 3
/// (L1, L4 among L1, L2, L4); recall 2 of 3 (L3 missed). From counts alone (no times, nothing
/// decays) L1, L2, L4 and L5 reach MQL, all in week 1 (L4: 20 + 40 capped = 60; L5: 20 + 30 = 50):
/// precision 2 of 4, recall 2 of 3.
@Suite struct HandCheckedReplayTests {
    static let leads = """
        id,created,size,seniority,industry,region,stage,mql,web_visits,pricing_visits,content_downloads,webinars,demo_requests,email_opens
        L1,2025-01-06T09:00:00Z,1000+,executive,software,dach,customer,2025-01-14T10:00:00Z,0,3,1,1,0,0
        L2,2025-01-07T09:00:00Z,1-9,individual,other,rest_of_world,lead,2025-01-08T10:00:00Z,0,0,0,0,1,0
        L3,2025-01-07T10:00:00Z,50-249,manager,retail,france,customer,,10,0,0,0,0,20
        L4,2025-01-08T09:00:00Z,250-999,director,finance,uk,customer,,0,2,0,3,0,0
        L5,2025-01-06T10:00:00Z,1000+,executive,software,dach,lead,,0,2,0,2,0,0
        L6,2025-01-14T09:00:00Z,1-9,individual,other,rest_of_world,lead,,0,3,0,2,0,0

        """
    static var events: String {
        var rows = ["lead,time,type"]
        func add(_ lead: String, _ day: String, _ type: String, times: Int = 1) {
            for hour in 0..<times { rows.append("\(lead),2025-\(day)T\(10 + hour):00:00Z,\(type)") }
        }
        add("L1", "01-06", "pricing_visit"); add("L1", "01-07", "pricing_visit"); add("L1", "01-08", "pricing_visit")
        add("L1", "01-09", "webinar"); add("L1", "01-14", "content_download")
        add("L2", "01-08", "demo_request")
        add("L3", "01-08", "web_visit", times: 10); add("L3", "01-09", "email_open", times: 10); add("L3", "01-10", "email_open", times: 10)
        add("L4", "01-09", "webinar"); add("L4", "01-10", "webinar"); add("L4", "01-11", "pricing_visit")
        add("L4", "02-10", "pricing_visit"); add("L4", "02-11", "webinar")
        add("L5", "01-06", "webinar"); add("L5", "01-07", "webinar"); add("L5", "01-08", "pricing_visit"); add("L5", "03-10", "pricing_visit")
        add("L6", "01-15", "pricing_visit", times: 3); add("L6", "01-16", "webinar", times: 2)
        return rows.joined(separator: "\n") + "\n"
    }
    static let mapping = """
        leads:
          converted_stages: [customer]
          columns:
            id: id
            created: created
            size: company_size
            seniority: seniority
            industry: industry
            region: region
            stage: stage
            mql: mql_at
            web_visits: web_visits
            pricing_visits: pricing_visits
            content_downloads: content_downloads
            webinars: webinars
            demo_requests: demo_requests
            email_opens: email_opens
        events:
          columns:
            lead: lead
            time: time
            type: type

        """

    /// (week, created, MQL replayed, MQL in the history) of each row, and the precision and
    /// recall of all weeks.
    func replayed(_ script: String) throws -> (weeks: [[String]], precision: String, recall: String, out: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in [("leads.csv", Self.leads), ("events.csv", Self.events), ("map.yaml", Self.mapping)] {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let outcome = runScript(script.replacingOccurrences(of: "DIR", with: directory.path), file: "h")
        #expect(outcome.status == .passed, "\(outcome.err)")
        let rows = ReplayCommandTests().rows(outcome.out)
        let all = try #require(rows.last)
        let weeks = rows.dropLast().map { Array($0.prefix(4)) }
        // "all weeks", created, MQLs, history's, per rep, then precision and recall with their "%".
        return (weeks, all[6...7].joined(separator: " "), all[8...9].joined(separator: " "), outcome.out)
    }

    @Test func eventsReplayToTheHandComputedWeeks() throws {
        let result = try replayed("load leads DIR/leads.csv map DIR/map.yaml\nload events DIR/events.csv map DIR/map.yaml\nreplay\n")
        #expect(result.weeks == [
            ["2025-01-06", "5", "1", "1"], ["2025-01-13", "1", "1", "1"], ["2025-01-20", "0", "0", "0"], ["2025-01-27", "0", "0", "0"],
            ["2025-02-03", "0", "0", "0"], ["2025-02-10", "0", "1", "0"],
        ])
        #expect(result.precision == "66.7 %" && result.recall == "66.7 %", "\(result.out)")
    }

    @Test func countsReplayAsAnUpperBoundInTheCreationWeek() throws {
        let result = try replayed("load leads DIR/leads.csv map DIR/map.yaml\nreplay\n")
        #expect(result.weeks == [["2025-01-06", "5", "4", "1"], ["2025-01-13", "1", "0", "1"]])
        #expect(result.precision == "50.0 %" && result.recall == "66.7 %", "\(result.out)")
        #expect(result.out.contains("replayed the leads' touchpoint counts (no events loaded): each lead's points as if none had decayed"))
    }
}
