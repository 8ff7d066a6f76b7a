import Testing
@testable import LeadSimData

/// Mapping files: a foreign export's columns and spellings onto leadsim's fields.
@Suite struct ImportMappingTests {
    let example = """
        # A HubSpot contacts export written by German Excel.
        leads:
          delimiter: ";"
          decimal: comma
          dates: dd.mm.yyyy
          missing: ["Bitte wählen"]
          yes: [Ja]
          no: [Nein]
          converted_stages: [Kunde, customer]
          columns:
            Record ID: id
            Erstellt am: created
            Lebenszyklusphase: stage
            Quelle:
              field: channel
              values:
                Google: paid_search
                Organische Suche: organic_search
        """

    @Test func aMappingReadsItsSettingsAndColumns() throws {
        let mapping = try ImportMapping(yaml: example, file: "hubspot.yaml")
        let leads = try #require(mapping.leads)
        #expect(leads.delimiter == UInt8(ascii: ";"))
        #expect(leads.spellings.decimalComma)
        #expect(leads.dateFormat == .dayMonthYearDots)
        #expect(leads.spellings.isMissing("Bitte wählen") && leads.spellings.isMissing("Select"), "added to the usual placeholders")
        #expect(leads.spellings.boolean("ja") == true)
        #expect(leads.convertedStages == ["Kunde", "customer"])
        #expect(leads.columns.map(\.column) == ["Record ID", "Erstellt am", "Lebenszyklusphase", "Quelle"])
        #expect(leads.mapping(of: .channel)?.values == ["Google": "paid_search", "Organische Suche": "organic_search"])
        #expect(leads.mapping(of: .created)?.place == MappingPlace(file: "hubspot.yaml", line: 12, column: 5))
    }

    func error(_ yaml: String) -> String? {
        do { _ = try ImportMapping(yaml: yaml, file: "m.yaml") } catch { return error.description }
        return nil
    }

    @Test func mistakesNameTheirPlace() {
        #expect(error("leads:\n  columns:\n    Quelle: chanel\n")
            == "m.yaml:3:13: unknown field 'chanel': expected one of id, email, first_name, last_name, phone, company, created, channel, conversion, industry, company_size, employees, region, seniority, consent, stage, mql_at, sql_at, converted_at, web_visits, pricing_visits, content_downloads, webinars, demo_requests, contact_forms, chats, email_opens, email_clicks")
        #expect(error("leads:\n  dates: dd.mm.yy\n  columns: {}\n")?.hasPrefix("m.yaml:2:10: unknown date format 'dd.mm.yy': expected iso, dd.mm.yyyy") == true)
        #expect(error("leads:\n  delimeter: \";\"\n  columns: {}\n")
            == "m.yaml:2:3: unknown setting 'delimeter' (did you mean delimiter?): expected delimiter, decimal, dates, missing, yes, no, converted_stages, won_stages, lost_stages, ignore, columns")
        #expect(error("leads:\n  columns:\n    Quelle:\n      field: channel\n      values:\n        Google: adwords\n")?
            .hasPrefix("m.yaml:6:17: 'Google' maps to 'adwords', which is no channel: expected one of organic_search") == true)
        #expect(error("leads:\n  columns:\n    A: id\n    B: id\n") == "m.yaml:4:8: id is filled by 'A' already: expected one column per field")
        #expect(error("leads:\n  columns:\n    A: [id\n")?.hasPrefix("m.yaml:4:1: not YAML:") == true)
        #expect(error("contacts:\n  columns: {}\n") == "m.yaml:1:1: unknown table 'contacts': expected leads, events, opportunities")
        #expect(error("leads:\n  converted_stages: [Kunde]\n  columns:\n    A: id\n")?.hasSuffix("converted_stages without a column mapped to stage: expected one, e.g. Lifecycle Stage: stage") == true)
        #expect(error("leads:\n  columns:\n    A:\n      field: created\n      values: {x: y}\n")?.contains("created takes no `values:`") == true)
    }
}
