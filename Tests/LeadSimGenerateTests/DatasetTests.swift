import Foundation
import Testing
@testable import LeadSimCore
@testable import LeadSimGenerate

/// Generated datasets: keys that hold, journeys in business order, and the run's own funnel.
@Suite struct DatasetTests {
    static let generated = try! Datasets.generate()
    var tables: [String: CSVTable] { Datasets.tables(Self.generated.output) }

    @Test func everyKeyIsUniqueAndEveryReferenceResolves() throws {
        let tables = tables
        for table in DatasetTable.all {
            let csv = try #require(tables[table.name])
            #expect(csv.columns == table.fields.map(\.name), "\(table.name) header")
            let keys = csv.rows.map { $0[table.primaryKey]! }
            #expect(Set(keys).count == keys.count, "\(table.name) keys are unique")
            #expect(!keys.contains(""))
            for key in table.foreignKeys {
                let targets = Set(tables[key.table]!.rows.map { $0[key.key]! })
                let missing = csv.rows.filter { !targets.contains($0[key.field]!) }
                #expect(missing.isEmpty, "\(table.name).\(key.field) → \(key.table): \(missing.count) dangling")
            }
            for field in table.fields where !field.optional {
                #expect(csv.rows.allSatisfy { !$0[field.name]!.isEmpty }, "\(table.name).\(field.name) is required")
            }
        }
        // Counter keys count from 1 in the order rows are written.
        #expect(tables["touchpoints"]!.rows.map { Int($0["touchpoint_id"]!)! } == Array(1...tables["touchpoints"]!.rows.count))
        // Lead keys follow creation.
        let created = tables["leads"]!.rows.map { $0["created_at"]! }
        #expect(created == created.sorted())
    }

    /// Nothing happens before its lead exists; a click or open follows its e-mail; an opportunity
    /// follows its SQL and closes after it opens; reps work on weekdays in their hours.
    @Test func journeysKeepBusinessOrder() throws {
        let tables = tables
        let createdAt = Dictionary(uniqueKeysWithValues: tables["leads"]!.rows.map { ($0["lead_id"]!, $0["created_at"]!) })
        let sqlAt = Dictionary(uniqueKeysWithValues: tables["leads"]!.rows.map { ($0["lead_id"]!, $0["sql_at"]!) })
        var lastSend: [String: String] = [:]
        for row in tables["touchpoints"]!.rows {
            let lead = row["lead_id"]!
            #expect(row["occurred_at"]! >= createdAt[lead]!)
            switch row["type"]! {
            case "email_sent": lastSend[lead] = row["occurred_at"]!
            case "email_open", "email_click": #expect(lastSend[lead] == row["occurred_at"]!, "an answer follows its send")
            default: break
            }
        }
        for table in ["stage_changes", "sales_activities"] {
            let time = table == "stage_changes" ? "changed_at" : "started_at"
            for row in tables[table]!.rows { #expect(row[time]! >= createdAt[row["lead_id"]!]!) }
        }
        for row in tables["opportunities"]!.rows {
            let sql = try #require(sqlAt[row["lead_id"]!])
            #expect(!sql.isEmpty && sql <= row["created_at"]!)
            if let closed = row["closed_at"], !closed.isEmpty { #expect(closed > row["created_at"]!) }
            #expect((row["stage"] == "open") == row["closed_at"]!.isEmpty)
        }
        // The default reps start at 08:00 and work 30 hours over five days.
        let activities = tables["sales_activities"]!.rows
        #expect(activities.count > 500)
        for row in activities {
            let stamp = row["started_at"]!
            let date = try #require(CivilDate(iso: String(stamp.prefix(10))))
            let hour = Int(stamp.dropFirst(11).prefix(2))!
            #expect(date.weekday < 5, "\(stamp) is a weekday")
            #expect((8..<14).contains(hour), "\(stamp) is in working hours")
        }
    }

    /// The data and the simulation are one world: counted from the files, the window's figures
    /// are the run's.
    @Test func theDataCountsBackToTheRun() throws {
        let tables = tables
        let result = Self.generated.summary.result
        let windowStart = "2025-01-06"
        let windowEnd = CivilDate(daysSinceEpoch: CivilDate.defaultStart.daysSinceEpoch + 8 * 7).text
        func inWindow(_ stamp: String?) -> Bool { stamp.map { !$0.isEmpty && $0 >= windowStart && $0 < windowEnd } ?? false }
        let truth = tables["lead_truth"]!.rows
        #expect(truth.filter { $0["in_window"] == "true" }.count == result.funnel.created)
        #expect(tables["leads"]!.rows.filter { inWindow($0["mql_at"]) }.count == result.weekly.mqls.reduce(0, +))
        let stages = tables["stage_changes"]!.rows
        #expect(stages.filter { $0["to_stage"] == "sql" && inWindow($0["changed_at"]) }.count == result.weekly.sqls.reduce(0, +))
        #expect(stages.filter { $0["to_stage"] == "unsubscribed" && inWindow($0["changed_at"]) }.count == result.funnel.unsubscribed)
        let opportunities = tables["opportunities"]!.rows
        #expect(opportunities.filter { inWindow($0["created_at"]) }.count == result.weekly.opportunities.reduce(0, +))
        #expect(opportunities.filter { $0["stage"] == "won" && inWindow($0["closed_at"]) }.count == result.weekly.won.reduce(0, +))
        #expect(result.weekly.won.reduce(0, +) > 0)
        // Ground truth agrees with the observable tables.
        let customers = Set(tables["leads"]!.rows.filter { !$0["customer_at"]!.isEmpty }.map { $0["lead_id"]! })
        #expect(Set(truth.filter { $0["converted"] == "true" }.map { $0["lead_id"]! }) == customers)
    }

    @Test func addressesAndNumbersReachNobody() {
        let tables = tables
        let emails = tables["leads"]!.rows.map { $0["email"]! } + tables["reps"]!.rows.map { $0["email"]! }
        for email in emails {
            let domain = email.split(separator: "@").last.map(String.init) ?? ""
            #expect(domain.hasSuffix(".example") || ["example.com", "example.org", "example.net"].contains(domain), "\(email)")
        }
        #expect(Set(tables["leads"]!.rows.map { $0["email"]! }).count == tables["leads"]!.rows.count, "no two leads share an address")
        let reserved = [
            "+49 30 23125 ", "+49 69 90009 ", "+49 40 66969 ", "+49 221 4710 ", "+49 89 99998 ", "+44 20 7946 0", "+44 113 496 0",
            "+44 117 496 0", "+44 121 496 0", "+44 131 496 0", "+44 161 496 0", "+44 7700 900",
        ]
        let phones = tables["leads"]!.rows.map { $0["phone"]! } + tables["accounts"]!.rows.map { $0["phone"]! }
        for phone in phones {
            let fictional = reserved.contains { phone.hasPrefix($0) && phone.count == $0.count + 3 }
                || (phone.hasPrefix("+1 ") && phone.contains(" 555 01") && phone.count == 15)
            #expect(fictional, "\(phone)")
        }
        // German accounts speak German: umlauts and ß appear in names, places and titles.
        let german = tables["accounts"]!.rows.filter { $0["locale"] == "de" }
        #expect(german.count > 50)
        let text = tables["leads"]!.rows.map { $0["last_name"]! + $0["job_title"]! }.joined() + german.map { $0["city"]! }.joined()
        for letter in ["ä", "ö", "ü", "ß"] { #expect(text.contains(letter)) }
    }

    /// The same request gives the same bytes on any number of threads, in CSV and JSON Lines.
    @Test(arguments: [DatasetFormat.csv, .jsonl])
    func sameBytesOnAnyNumberOfThreads(format: DatasetFormat) throws {
        let one = try Datasets.generate(leads: 700, format: format, threads: 1).output
        let two = try Datasets.generate(leads: 700, format: format, threads: 2).output
        #expect(one.files == two.files)
        #expect(one.documents == two.documents)
    }

    /// A window lead is the same person in a larger dataset: every field draws from the lead's
    /// own streams.
    @Test func aLeadIsTheSamePersonInALargerDataset() throws {
        func people(_ leads: Int) throws -> Set<String> {
            let tables = Datasets.tables(try Datasets.generate(leads: leads, weeks: 4).output)
            let inWindow = Set(tables["lead_truth"]!.rows.filter { $0["in_window"] == "true" }.map { $0["lead_id"]! })
            return Set(tables["leads"]!.rows.filter { inWindow.contains($0["lead_id"]!) }.map {
                [$0["created_at"]!, $0["first_name"]!, $0["last_name"]!, $0["job_title"]!, $0["phone"]!, $0["channel"]!].joined(separator: "|")
            })
        }
        let small = try people(400)
        let large = try people(900)
        #expect(small.count == 400)
        #expect(small.isSubset(of: large))
    }
}
