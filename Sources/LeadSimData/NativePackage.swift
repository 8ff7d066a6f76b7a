import Foundation
import LeadSimCore

/// A package `leadsim generate` wrote, read back without a mapping: its leads with their
/// accounts' industry, size band and region, as observed leads. Its ground truth stays where it
/// is: like any history, the loaded leads get their hidden truth drawn given what is observed.
public enum NativePackage {
    /// The columns of a generated `leads.csv` and the fields they fill.
    public static let leadsMapping: TableMapping<LeadField> = {
        let place = MappingPlace(file: "datapackage.json", line: 1, column: 1)
        var mapping = TableMapping<LeadField>(place: place)
        let fields: [(String, LeadField)] = [
            ("lead_id", .id), ("created_at", .created), ("email", .email), ("first_name", .firstName), ("last_name", .lastName),
            ("phone", .phone), ("seniority", .seniority), ("employees", .employees), ("channel", .channel),
            ("conversion", .conversion), ("consent", .consent), ("stage", .stage), ("mql_at", .mqlAt), ("sql_at", .sqlAt),
            ("customer_at", .convertedAt),
        ]
        mapping.columns = fields.map { ColumnMapping<LeadField>(column: $0.0, field: $0.1, values: [:], place: place) }
        mapping.convertedStages = ["customer"]
        mapping.ignored = [("consent_at", place), ("opt_in_confirmed_at", place)]
        return mapping
    }()

    /// The columns of a generated `touchpoints` table; its types are leadsim's own.
    public static let eventsMapping: TableMapping<EventField> = {
        let place = MappingPlace(file: "datapackage.json", line: 1, column: 1)
        var mapping = TableMapping<EventField>(place: place)
        mapping.columns = [("lead_id", EventField.lead), ("occurred_at", .time), ("type", .type)].map {
            ColumnMapping<EventField>(column: $0.0, field: $0.1, values: [:], place: place)
        }
        mapping.ignored = [("touchpoint_id", place), ("points", place), ("score_after", place)]
        return mapping
    }()

    /// The columns of a generated `opportunities` table.
    public static let opportunitiesMapping: TableMapping<OpportunityField> = {
        let place = MappingPlace(file: "datapackage.json", line: 1, column: 1)
        var mapping = TableMapping<OpportunityField>(place: place)
        let fields: [(String, OpportunityField)] = [
            ("opportunity_id", .id), ("lead_id", .lead), ("owner_rep_id", .owner), ("created_at", .created), ("closed_at", .closed),
            ("stage", .stage), ("amount_eur", .amount),
        ]
        mapping.columns = fields.map { ColumnMapping<OpportunityField>(column: $0.0, field: $0.1, values: [:], place: place) }
        mapping.wonStages = ["won"]
        mapping.lostStages = ["lost"]
        return mapping
    }()

    /// What a generated package holds for a history: its leads, and their touchpoints and deals
    /// where the package has those tables.
    public struct Contents {
        public var leads: ObservedLeads
        public var report: ImportReport
        public var events: (events: [ObservedEvent], report: ImportReport)?
        public var opportunities: (opportunities: [ObservedOpportunity], report: ImportReport)?
    }

    /// Reads `directory`'s accounts and leads, and its touchpoints and opportunities when there.
    public static func read(
        directory: String, policy: ImportPolicy, pseudonymiser: Pseudonymiser? = nil, progress: WorkProgress? = nil, stop: CancellationFlag? = nil
    ) throws(ImportError) -> Contents {
        let (leads, report, format) = try readLeads(directory: directory, policy: policy, pseudonymiser: pseudonymiser, progress: progress, stop: stop)
        var contents = Contents(leads: leads, report: report)
        let touchpoints = directory + "/touchpoints." + format
        if FileManager.default.fileExists(atPath: touchpoints) {
            contents.events = try EventImport.read(
                try FileSource(path: touchpoints, progress: progress, stop: stop), file: touchpoints, mapping: eventsMapping, leads: leads, policy: policy, pseudonymiser: pseudonymiser)
        }
        let opportunities = directory + "/opportunities." + format
        if FileManager.default.fileExists(atPath: opportunities) {
            contents.opportunities = try OpportunityImport.read(
                try FileSource(path: opportunities, progress: progress, stop: stop), file: opportunities, mapping: opportunitiesMapping, leads: leads, policy: policy,
                pseudonymiser: pseudonymiser)
        }
        return contents
    }

    /// Reads `directory`'s accounts and leads; the format is the package's (csv or jsonl).
    public static func readLeads(
        directory: String, policy: ImportPolicy, pseudonymiser: Pseudonymiser?, progress: WorkProgress? = nil, stop: CancellationFlag? = nil
    ) throws(ImportError) -> (leads: ObservedLeads, report: ImportReport, format: String) {
        let package = directory + "/datapackage.json"
        guard let data = FileManager.default.contents(atPath: package) else {
            throw ImportError(
                file: package, line: 1,
                message: "no datapackage.json: expected a directory that `leadsim generate` wrote, or `load leads FILE map MAPPING` for an export")
        }
        let text = String(decoding: data, as: UTF8.self)
        let format = text.contains("\"path\": \"leads.csv\"") ? "csv" : text.contains("\"path\": \"leads.jsonl\"") ? "jsonl" : nil
        guard let format else {
            throw ImportError(file: package, line: 1, message: "no leads.csv or leads.jsonl among its resources: expected a package written by `leadsim generate`")
        }
        var accounts: [Company?] = []
        let accountsFile = directory + "/accounts." + format
        if format == "csv" {
            var table = try CSVTable(try FileSource(path: accountsFile, progress: progress, stop: stop), file: accountsFile)
            try readAccounts(&table, into: &accounts)
        } else {
            var table = try JSONLinesTable(try FileSource(path: accountsFile, progress: progress, stop: stop), file: accountsFile)
            try readAccounts(&table, into: &accounts)
        }
        let leadsFile = directory + "/leads." + format
        var (leads, report) = try LeadImport.read(
            try FileSource(path: leadsFile, progress: progress, stop: stop), file: leadsFile, mapping: leadsMapping, policy: policy, pseudonymiser: pseudonymiser)
        guard let accountColumn = leads.freeColumns.firstIndex(where: { $0.name == "account_id" }) else {
            throw ImportError(file: leadsFile, line: 1, message: "no account_id column: expected the leads of a generated package")
        }
        for (lead, account) in leads.freeColumns[accountColumn].values.enumerated() {
            guard let account, let index = accountNumber(account), index <= accounts.count, let company = accounts[index - 1] else {
                // One record a line in a generated file, so the line is known unless rows were left out.
                throw ImportError(
                    file: leadsFile, line: report.skippedCount == 0 ? lead + (format == "csv" ? 2 : 1) : 1, field: "account_id",
                    message: "lead '\(leads.ids[lead])': '\(account ?? "")' is not in \(accountsFile): expected an account's key")
            }
            leads.industry[lead] = company.industry
            leads.companySize[lead] = company.size
            leads.region[lead] = company.region
        }
        leads.freeColumns.remove(at: accountColumn)
        return (leads, report, format)
    }

    /// Keys are A and the account's number.
    static func accountNumber(_ key: String) -> Int? {
        guard key.utf8.first == UInt8(ascii: "A"), let value = Int(key.dropFirst()), value > 0 else { return nil }
        return value
    }

    typealias Company = (industry: Industry?, size: CompanySize?, region: Region?)

    /// Accounts at their number in an array.
    static func readAccounts<Table: RecordTable>(_ table: inout Table, into accounts: inout [Company?]) throws(ImportError) {
        let accountsFile = table.file
        guard let key = table.index(of: "account_id"), let industry = table.index(of: "industry"),
            let size = table.index(of: "company_size"), let region = table.index(of: "region")
        else {
            throw ImportError(file: accountsFile, line: 1, message: "expected the columns account_id, industry, company_size and region")
        }
        var record = CSVRecord()
        while try table.next(into: &record) {
            guard let index = accountNumber(record[key]) else {
                throw ImportError(file: accountsFile, line: record.line, field: "account_id", message: "'\(record[key])' is no account key: expected A and a number")
            }
            if accounts.count < index { accounts += Array(repeating: nil, count: index - accounts.count) }
            accounts[index - 1] = (
                Industry.allCases.first { $0.name == record[industry] }, CompanySize.allCases.first { $0.name == record[size] },
                Region.allCases.first { $0.name == record[region] }
            )
        }
    }
}
