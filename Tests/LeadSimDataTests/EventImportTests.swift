import Testing
@testable import LeadSimCore
@testable import LeadSimData

/// Activity logs as platforms export them, read through a mapping's `events:` table.
@Suite struct EventImportTests {
    let mapping = """
        leads:
          columns:
            Id: id
            Created At: created
        events:
          columns:
            Lead ID: lead
            Activity Date: time
            Activity Type Name:
              field: type
              values: {Visit Webpage: web_visit, Fill Out Form: contact_form, Open Email: email_open, Click Email: email_click}
        """

    func leads() throws -> ObservedLeads {
        let csv = "Id,Created At\n17,2021-04-14\n18,2021-04-14\n"
        let table = try ImportMapping(yaml: mapping, file: "marketo.yaml").leads!
        return try LeadImport.read(MemorySource(csv), file: "leads.csv", mapping: table, policy: .strict).leads
    }

    /// A Marketo activity export: dates with a comma in quotes, a JSON attributes cell with
    /// doubled quotes and a line break, activities leadsim does not score counted and left out.
    @Test func aMarketoActivityExportWithJSONAttributes() throws {
        let csv = """
            Lead ID,Activity Date,Activity Type Name,Primary Attribute Value,Attributes
            17,"15 Apr, 2021 00:03:00",Visit Webpage,/pricing,"{""Webpage URL"": ""/pricing"",
             ""Client IP Address"": ""203.0.113.9""}"
            18,"15 Apr, 2021 09:10:00",Change Data Value,Lead Status,"{""New Value"": ""MQL""}"
            18,"16 Apr, 2021 10:00:00",Fill Out Form,Contact Us,"{}"

            """
        let table = try ImportMapping(yaml: mapping, file: "marketo.yaml").events!
        let (events, report) = try EventImport.read(MemorySource(csv), file: "activities.csv", mapping: table, leads: try leads(), policy: .strict)
        let midnight = CivilDate(year: 2021, month: 4, day: 15).daysSinceEpoch * 86_400
        #expect(events == [
            ObservedEvent(lead: 0, seconds: midnight + 180, touchpoint: 0),
            ObservedEvent(lead: 1, seconds: midnight + 86_400 + 36_000, touchpoint: 5),
        ])
        #expect(report.rows == 3 && report.imported == 2)
        #expect(report.summary.contains("1 left out: not a touchpoint"), "\(report.summary)")
    }

    /// The same log as JSON Lines, the attributes a nested object.
    @Test func theSameLogAsJSONLines() throws {
        let jsonl = """
            {"Lead ID": 17, "Activity Date": "2021-04-15T00:03:00Z", "Activity Type Name": "Visit Webpage", "Attributes": {"Webpage URL": "/pricing"}}
            {"Lead ID": 18, "Activity Date": "2021-04-16T10:00:00Z", "Activity Type Name": "Open Email", "Attributes": null}

            """
        let table = try ImportMapping(yaml: mapping, file: "marketo.yaml").events!
        let (events, _) = try EventImport.read(MemorySource(jsonl), file: "activities.jsonl", mapping: table, leads: try leads(), policy: .strict)
        #expect(events.map(\.touchpoint) == [0, 7] && events.map(\.lead) == [0, 1])
    }
}
