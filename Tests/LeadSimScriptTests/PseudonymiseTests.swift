import Foundation
import LeadSimCore
import Testing
@testable import LeadSimScript

/// Personal data at import: pseudonyms on request, and never a raw address or number in what
/// leadsim prints.
@Suite struct PseudonymiseTests {
    func files(_ csv: String, _ yaml: String) throws -> (csv: String, yaml: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-pii-\(UUID().uuidString)")
        try csv.write(to: base.appendingPathExtension("csv"), atomically: true, encoding: .utf8)
        try yaml.write(to: base.appendingPathExtension("yaml"), atomically: true, encoding: .utf8)
        return (base.appendingPathExtension("csv").path, base.appendingPathExtension("yaml").path)
    }

    let csv = """
        Email,Created,Telefon 2,Notiz,Quelle
        anna.weber@kunde.example,2025-01-06 09:00,+49 30 23125 111,ruft zurück,Messe
        jan.koch@kunde.example,2025-01-07 10:30,,schreibt an jan@privat.example,Messe
        anna.weber@kunde.example,2025-01-08 11:00,+49 30 23125 112,,Messe

        """
    let yaml = "leads:\n  columns:\n    Email: id\n    Created: created\n    Quelle:\n      field: channel\n      values: {Messe: trade_show}\n"

    @Test func pseudonymisedLeadsKeepNoAddressOrNumber() throws {
        let (export, mapping) = try files(csv, yaml)
        var session = Session()
        let outcome = runScript("load leads \(export) map \(mapping) skip pseudonymise\nrun\ntrace 0\n", file: "p", in: &session)
        #expect(outcome.status == .passed, "\(outcome.err)")
        let observed = try #require(session.current.experiment.history).observed
        #expect(observed.ids.count == 2, "the repeated id is still found")
        #expect(observed.ids.allSatisfy { $0.hasPrefix("anon-") && !$0.contains("@") })
        let phones = try #require(observed.freeColumns.first { $0.name == "telefon_2" })
        #expect(phones.values.allSatisfy { $0 == nil || $0!.hasPrefix("anon-") })
        let notes = try #require(observed.freeColumns.first { $0.name == "notiz" })
        #expect(notes.values == ["ruft zurück", notes.values[1]] && notes.values[1]!.hasPrefix("anon-"))
        let printed = outcome.out + outcome.err
        for raw in ["anna.weber@kunde.example", "jan.koch", "23125 111", "jan@privat"] { #expect(!printed.contains(raw), "\(raw) printed") }
        #expect(outcome.err.isEmpty && printed.contains("duplicate id '<an e-mail address>'"))
    }

    @Test func messagesNeverShowAnAddress() throws {
        let (export, mapping) = try files(csv, "leads:\n  columns:\n    Email: channel\n    Created: created\n")
        let outcome = runScript("load leads \(export) map \(mapping)\n", file: "p")
        #expect(outcome.status == .inputError)
        #expect(outcome.err.contains("field 'Email': '<an e-mail address>' is no channel"))
        #expect(!outcome.err.contains("anna.weber"))
    }

    @Test func addressesAndNumbersAreToldFromDatesAndAmounts() {
        for personal in ["anna@kunde.example", "+49 30 23125 111", "030-23125111", "(0)30 23125 111", "+1 212 555 0142"] {
            #expect(PersonalData.looksPersonal(personal), "\(personal)")
        }
        for other in ["31.02.2021", "2021-04-15", "1.250.000,50", "12345678", "Müller", "@home", "Q4-2024"] {
            #expect(!PersonalData.looksPersonal(other), "\(other)")
        }
    }
}
