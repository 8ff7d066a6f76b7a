import Testing
@testable import LeadSimCore
@testable import LeadSimGenerate

/// Dirty data with the truth: each kind of dirt at its rate, and the truth exact — cleaned with
/// `dirty_cells` and `duplicates`, a dirty dataset is the clean one of the same seed.
@Suite struct DirtyDataTests {
    static let rate = 0.1
    static let clean = Datasets.tables(try! Datasets.generate(leads: 3000, seed: 17, weeks: 8).output)
    static let dirty = Datasets.tables(try! Datasets.generate(leads: 3000, seed: 17, weeks: 8, dirty: rate).output)

    /// Truth cells by row key and field.
    var cells: [String: [String: [String: String]]] {
        var cells: [String: [String: [String: String]]] = [:]
        for row in Self.dirty["dirty_cells"]!.rows { cells[row["row_key"]!, default: [:]][row["field"]!] = row }
        return cells
    }

    @Test func cleanedWithItsTruthTheDirtyDatasetIsTheCleanOne() throws {
        let cells = cells
        let clusters = Dictionary(uniqueKeysWithValues: Self.dirty["duplicates"]!.rows.map { ($0["lead_id"]!, $0) })
        let cleanLeads = Dictionary(uniqueKeysWithValues: Self.clean["leads"]!.rows.map { ($0["lead_id"]!, $0) })
        var duplicates = 0
        for row in Self.dirty["leads"]!.rows {
            var repaired = row
            for (field, cell) in cells[row["lead_id"]!] ?? [:] {
                #expect(row[field] == cell["dirty_value"], "the cell records what is written")
                repaired[field] = cell["clean_value"]
            }
            let cluster = try #require(clusters[row["lead_id"]!])
            let original = try #require(cleanLeads[cluster["cluster_id"]!])
            if cluster["original"] == "true" {
                #expect(repaired == original)
            } else {
                duplicates += 1
                for field in ["account_id", "first_name", "last_name", "email", "phone", "job_title", "seniority", "employees", "channel"] {
                    #expect(repaired[field] == original[field], "a duplicate's \(field) is its person's")
                }
                #expect(repaired["created_at"]! > original["created_at"]!, "a duplicate is typed in later")
            }
        }
        #expect(duplicates > 0)
        // Dirt touches only the leads and deal amounts.
        for table in ["accounts", "reps", "touchpoints", "stage_changes", "sales_activities", "lead_truth"] {
            #expect(Self.dirty[table]!.rows == Self.clean[table]!.rows, "\(table) is untouched")
        }
        for (dirtyRow, cleanRow) in zip(Self.dirty["opportunities"]!.rows, Self.clean["opportunities"]!.rows) {
            let repaired = cells[dirtyRow["opportunity_id"]!]?["amount_eur"]?["clean_value"] ?? dirtyRow["amount_eur"]
            #expect(repaired == cleanRow["amount_eur"])
        }
    }

    /// Each kind of dirt hits about `rate` of the original rows: within 4 standard errors of a
    /// binomial share over the ~8,600 rows (±1.3 points at 10 %), which a halved or doubled rate
    /// falls far outside.
    @Test func eachKindOfDirtComesAtItsRate() throws {
        let originals = Self.dirty["duplicates"]!.rows.filter { $0["original"] == "true" }.map { $0["lead_id"]! }
        let cells = cells
        let n = Double(originals.count)
        let tolerance = 4 * (Self.rate * (1 - Self.rate) / n).squareRoot()
        func share(_ test: ([String: [String: String]]) -> Bool) -> Double {
            Double(originals.filter { test(cells[$0] ?? [:]) }.count) / n
        }
        let shares: [String: Double] = [
            "malformed e-mail": share { $0["email"]?["kind"] == "malformed_email" },
            "date format": share { $0["created_at"]?["kind"] == "date_format" },
            "missing phone": share { $0["phone"]?["kind"] == "missing" },
            "missing title": share { $0["job_title"]?["kind"] == "missing" },
            "case or whitespace": share { $0.values.contains { ["case", "whitespace"].contains($0["kind"]) } },
            "duplicated": Double(Set(Self.dirty["duplicates"]!.rows.filter { $0["original"] == "false" }.map { $0["cluster_id"]! }).count) / n,
        ]
        for (kind, value) in shares { #expect(abs(value - Self.rate) < tolerance, "\(kind): \(value)") }
        // Dates in other formats are the German and American ones.
        for row in Self.dirty["dirty_cells"]!.rows where row["kind"] == "date_format" {
            let value = row["dirty_value"]!
            #expect(value.wholeMatch(of: /\d\d\.\d\d\.\d{4} \d\d:\d\d/) != nil || value.wholeMatch(of: /\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d [AP]M/) != nil, "\(value)")
        }
    }

    @Test func typosAreTheKeyboardsNeighboursOrUmlautsSpeltOut() {
        #expect(DirtyData.qwertz["z"] == "tu" && DirtyData.qwerty["z"] == "x" && DirtyData.qwertz["ö"] == "lä")
        var umlauts = 0
        for subject in 0..<200 {
            var stream = RandomStream(seed: 3, subject: UInt64(subject), purpose: .dataset)
            let (typed, kind) = DirtyData.typo("Weiß", german: true, &stream)
            if kind == "umlaut_spelling" { #expect(typed == "Weiss"); umlauts += 1 } else { #expect(typed.count == 4 && typed != "Weiß") }
        }
        #expect(umlauts > 110 && umlauts < 170, "about 70 % spelt out: \(umlauts)")
    }
}
