import Foundation
import Testing
@testable import LeadSimCore
@testable import LeadSimData

/// A leads export read through its mapping: values as the export spells them, each bad row
/// named, nothing dropped silently.
@Suite struct LeadImportTests {
    let mappingText = """
        leads:
          decimal: comma
          dates: dd.mm.yyyy
          missing: [Bitte wählen]
          converted_stages: [Kunde]
          columns:
            Kontakt-ID: id
            E-Mail: email
            Erstellt am: created
            Phase: stage
            Quelle:
              field: channel
              values: {Google: paid_search, Messe: trade_show}
            Mitarbeiter: employees
        """

    func read(_ csv: String, policy: ImportPolicy = .strict) throws(ImportError) -> (leads: ObservedLeads, report: ImportReport) {
        let mapping = try ImportMapping(yaml: mappingText, file: "crm.yaml")
        return try LeadImport.read(MemorySource("\u{FEFF}" + csv), file: "kontakte.csv", mapping: mapping.leads!, policy: policy)
    }

    let header = "Kontakt-ID;E-Mail;Erstellt am;Phase;Quelle;Mitarbeiter;Jahresumsatz;Branche Frei;\r\n"

    @Test func aGermanExportReadsThroughItsMapping() throws {
        let csv = header
            + "17;anna@example.com;15.04.2021 09:30;Kunde;Google;250;\"1.250.000,50\";Maschinenbau;\r\n"
            + "18;jan@example.com;16.04.2021;Lead;Messe;Bitte wählen;;Bitte wählen;\r\n"
            + "19;;17.04.2021;Lead;organic_search;12;900;\"Handel; Groß\";\r\n"
        let (leads, report) = try read(csv)
        #expect(report.rows == 3 && report.imported == 3 && report.skipped.isEmpty)
        #expect(leads.ids == ["17", "18", "19"])
        #expect(leads.createdSeconds[0] == CivilDate(year: 2021, month: 4, day: 15).daysSinceEpoch * 86_400 + 9 * 3600 + 1800)
        #expect(leads.channel == [.paidSearch, .tradeShow, .organicSearch])
        #expect(leads.employees == [250, nil, 12])
        #expect(leads.converted == [true, false, false])
        #expect(leads.freeColumns.map(\.name) == ["jahresumsatz", "branche_frei"])
        #expect(leads.freeColumns[0].values == ["1250000.5", nil, "900.0"], "numbers in the export's spelling, handed on in one")
        #expect(leads.freeColumns[1].values == ["Maschinenbau", nil, "Handel; Groß"])
    }

    /// A count field counts the scored touchpoint of its name: `web_visits` the `web_visit`s.
    @Test func touchpointCountsReadAsWholeNumbers() throws {
        let named = LeadField.allCases.compactMap { field in field.touchpoint.map { (field.rawValue, B2BModel.scoredTouchpoints[$0] + "s") } }
        #expect(named.count == B2BModel.scoredTouchpoints.count)
        for (field, touchpoint) in named { #expect(field == touchpoint) }
        let mapping = try ImportMapping(yaml: "leads:\n  columns:\n    Created: created\n    Page Views: web_visits\n    Opens: email_opens\n", file: "h.yaml")
        let csv = "Created,Page Views,Opens\n2025-01-06,12,\n2025-01-07,\"1,204\",3\n"
        let (leads, _) = try LeadImport.read(MemorySource(csv), file: "h.csv", mapping: mapping.leads!, policy: .strict)
        #expect(leads.touchpointCounts.map(\.touchpoint) == [0, 7])
        #expect(leads.touchpointCounts[0].values == [12, 1204] && leads.touchpointCounts[1].values == [nil, 3])
        for bad in ["2.5", "-1", "many"] {
            #expect(throws: ImportError.self) { try LeadImport.read(MemorySource("Created,Page Views,Opens\n2025-01-06,\(bad),1\n"), file: "h.csv", mapping: mapping.leads!, policy: .strict) }
        }
        do {
            _ = try LeadImport.read(MemorySource("Created,Page Views,Opens\n2025-01-06,2.5,1\n"), file: "h.csv", mapping: mapping.leads!, policy: .strict)
        } catch {
            #expect(error.description == "h.csv:2: field 'Page Views': '2.5' is not a count of web visits: expected a whole number such as 12")
        }
    }

    /// Addresses are compared without case and surrounding spaces, non-ASCII ones too; a channel
    /// spelling is found with no-break spaces around it.
    @Test func sharedAddressesAndSpellingsWhateverTheirSpaces() throws {
        let csv = header
            + "1;Anna.Berg@Example.COM;15.04.2021;Lead;Google;1;;;\r\n"
            + "2; anna.berg@example.com ;15.04.2021;Lead;\u{00A0}Google\u{00A0};1;;;\r\n"
            + "3;ÄNNE.BÖHM@EXAMPLE.DE;15.04.2021;Lead;Messe;1;;;\r\n"
            + "4;änne.böhm@example.de;15.04.2021;Lead;Messe;1;;;\r\n"
            + "5;Bitte wählen;15.04.2021;Lead;Messe;1;;;\r\n"
            + "6;Bitte wählen;15.04.2021;Lead;Messe;1;;;\r\n"
        let (leads, report) = try read(csv)
        #expect(report.sameEmail.map(\.line) == [3, 5] && report.sameEmail.map(\.firstLine) == [2, 4], "a placeholder is no address")
        #expect(leads.channel[1] == .paidSearch)
    }

    @Test func strictStopsAtTheFirstBadRowNamingRowAndField() {
        let csv = header + "17;a@example.com;15.04.2021;Lead;Google;250;;;\r\n" + "18;b@example.com;31.02.2021;Lead;Google;10;;;\r\n"
        #expect(throws: ImportError(
            file: "kontakte.csv", line: 3, field: "Erstellt am", message: "'31.02.2021' is not a date: expected a date as dd.mm.yyyy")) {
            _ = try read(csv)
        }
        let unknown = header + "17;a@example.com;15.04.2021;Lead;Bing;250;;;\r\n"
        #expect(throws: ImportError(
            file: "kontakte.csv", line: 2, field: "Quelle",
            message: "'Bing' is no channel: expected one of organic_search, paid_search, social, referral, newsletter, webinar, trade_show, partner, outbound, or a `values:` entry for it under crm.yaml:11")) {
            _ = try read(unknown)
        }
    }

    @Test func skipGoesOnAndCountsWhatItLeftOut() throws {
        let csv = header
            + "1;a@example.com;15.04.2021;Lead;Google;250;;;\r\n"
            + "2;b@example.com;31.02.2021;Lead;Google;10;;;\r\n"
            + "3;c@example.com;32.01.2021;Lead;Google;10;;;\r\n"
            + "1;d@example.com;15.04.2021;Lead;Google;250;;;\r\n"
            + "4;A@Example.com ;15.04.2021;Lead;Google;zehn;;;\r\n"
            + "5;a@example.com;15.04.2021;Lead;Google;5;;;\r\n"
        let (leads, report) = try read(csv, policy: .skip)
        #expect(leads.ids == ["1", "5"])
        #expect(report.rows == 6 && report.imported == 2 && report.skippedCount == 4)
        #expect(report.skipped["Erstellt am: not a date"]?.count == 2)
        #expect(report.skipped["duplicate id"]?.first.description == "kontakte.csv:5: field 'Kontakt-ID': duplicate id '1' (first on line 2): expected each lead once")
        #expect(report.skipped["Mitarbeiter: bad value"]?.count == 1)
        #expect(report.sameEmail.map(\.line) == [7] && report.sameEmail.map(\.firstLine) == [2])
        #expect(report.summary.hasPrefix("kontakte.csv: 6 rows, 2 leads imported\n  2 left out: Erstellt am: not a date (first: kontakte.csv:3: field 'Erstellt am': '31.02.2021'"))
    }

    @Test func theMappingMustFitTheFile() throws {
        let missing = "Kontakt-ID;E-Mail;Erstellt;Phase;Quelle;Mitarbeiter\r\n"
        #expect(throws: ImportError(
            file: "crm.yaml", line: 9, column: 5,
            message: "column 'Erstellt am' is not in kontakte.csv: expected one of 'Kontakt-ID', 'E-Mail', 'Erstellt', 'Phase', 'Quelle', 'Mitarbeiter'")) {
            _ = try read(missing)
        }
        let clash = "Kontakt-ID;E-Mail;Erstellt am;Phase;Quelle;Mitarbeiter;Region\r\n"
        #expect(throws: ImportError.self) { _ = try read(clash) }
        do { _ = try read(clash) } catch { #expect(error.description.contains("field 'Region': unmapped, it would be the attribute 'region', which leadsim's leads have")) }
    }
}

/// JSON Lines exports: one object a line, read through the same mappings.
@Suite struct JSONLinesImportTests {
    let mapping = try! ImportMapping(yaml: """
        leads:
          columns:
            id: id
            createdAt: created
            source:
              field: channel
              values: {Google: paid_search}
            employees: employees
        """, file: "m.yaml").leads!

    func read(_ text: String) throws(ImportError) -> (leads: ObservedLeads, report: ImportReport) {
        try LeadImport.read(MemorySource(text, blockSize: 7), file: "leads.jsonl", mapping: mapping, policy: .strict)
    }

    @Test func objectsReadAsRecords() throws {
        let text = "\u{FEFF}{\"id\": \"a1\", \"createdAt\": \"2021-04-15T00:03:00Z\", \"source\": \"Google\", \"employees\": 250, \"note\": \"M\\u00fcller \\\"quoted\\\"\", \"attributes\": {\"webpage\": \"/pricing\", \"tags\": [1, 2]}, \"vip\": true}\r\n"
            + "\n"
            + "{\"id\": \"a2\", \"createdAt\": \"15.04.2021\", \"source\": null, \"employees\": null, \"note\": \"\", \"vip\": false}\n"
        let (leads, report) = try read(text)
        #expect(report.rows == 2 && report.imported == 2)
        #expect(leads.ids == ["a1", "a2"])
        #expect(leads.channel == [.paidSearch, nil] && leads.employees == [250, nil])
        #expect(leads.createdSeconds[1] == CivilDate(year: 2021, month: 4, day: 15).daysSinceEpoch * 86_400)
        #expect(leads.freeColumns.map(\.name) == ["note", "attributes", "vip"])
        #expect(leads.freeColumns[0].values == ["Müller \"quoted\"", nil])
        #expect(leads.freeColumns[1].values == ["{\"webpage\": \"/pricing\", \"tags\": [1, 2]}", nil])
        #expect(leads.freeColumns[2].values == ["true", "false"])
    }

    @Test func mistakesNameLineAndColumn() {
        let first = "{\"id\": \"a1\", \"createdAt\": \"2021-04-15\", \"source\": null, \"employees\": 5}\n"
        #expect(throws: ImportError(file: "leads.jsonl", line: 2, column: 27, message: "expected a value (a string in quotes, a number, true, false or null), got 'yes'")) {
            _ = try read(first + "{\"id\": \"a2\", \"createdAt\": yes}\n")
        }
        #expect(throws: ImportError(
            file: "leads.jsonl", line: 2, message: "the key 'extra' is not among the first line's (id, createdAt, source, employees): expected the same keys on every line")) {
            _ = try read(first + "{\"id\": \"a2\", \"createdAt\": \"2021-04-16\", \"extra\": 1}\n")
        }
        #expect(throws: ImportError(file: "leads.jsonl", line: 1, column: 1, message: "expected a JSON object: one per line, {\"key\": value, …}")) {
            _ = try read("[1, 2]\n")
        }
    }

    /// Found by fuzzing: a high surrogate followed by another high one trapped on overflow; a
    /// sign inside \u's four digits was read as hex.
    @Test func escapesAreCheckedDigitByDigit() throws {
        #expect(throws: ImportError.self) { _ = try read("{\"id\": \"\\udA09\\udA09\"}\n") }
        #expect(throws: ImportError.self) { _ = try read("{\"id\": \"\\u+0fe\"}\n") }
        let paired = try read("{\"id\": \"\\ud83d\\ude00\", \"createdAt\": \"2021-04-15\", \"source\": null, \"employees\": 5}\n")
        #expect(paired.leads.ids == ["😀"])
    }
}

/// A file read counts its bytes for the progress line: all of them, once.
@Suite struct ReadProgressTests {
    @Test func aFileReadCountsItsBytes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-progress-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "Id,Created\n" + (1...5000).map { "\($0),2025-01-06\n" }.joined()
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let work = WorkProgress()
        work.begin()
        var source = try FileSource(path: path, progress: work)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while try source.read(into: &buffer) > 0 {}
        let state = work.state
        #expect(state.unit == .bytes && state.total == text.utf8.count && state.done == state.total)
    }

    /// Ctrl-C or SIGTERM sets the stop flag: the import ends before its next block, not at the
    /// end of a file of any size, and says so at the line it reached.
    @Test func aStoppedImportEndsBeforeItsNextBlock() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-stop-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ("Id,Created\n" + (1...5000).map { "\($0),2025-01-06\n" }.joined()).write(toFile: path, atomically: true, encoding: .utf8)
        let mapping = try #require(try ImportMapping(yaml: "leads:\n  columns:\n    Id: id\n    Created: created\n", file: "m.yaml").leads)
        let (work, stop) = (WorkProgress(), CancellationFlag())
        work.begin()
        stop.set()
        #expect {
            try LeadImport.read(try FileSource(path: path, progress: work, stop: stop), file: "leads.csv", mapping: mapping, policy: .skip)
        } throws: { error in
            (error as? ImportError)?.description == "leads.csv:1: interrupted: the import stopped before this line"
        }
        #expect(work.state.done == 0 && work.state.total > 0, "nothing read")
    }
}
