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

    /// Reads `directory`'s accounts and leads (CSV).
    public static func read(
        directory: String, policy: ImportPolicy, pseudonymiser: Pseudonymiser? = nil
    ) throws(ImportError) -> (leads: ObservedLeads, report: ImportReport) {
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
            var table = try CSVTable(try FileSource(path: accountsFile), file: accountsFile)
            try readAccounts(&table, into: &accounts)
        } else {
            var table = try JSONLinesTable(try FileSource(path: accountsFile), file: accountsFile)
            try readAccounts(&table, into: &accounts)
        }
        let leadsFile = directory + "/leads." + format
        var (leads, report) = try LeadImport.read(
            try FileSource(path: leadsFile), file: leadsFile, mapping: leadsMapping, policy: policy, pseudonymiser: pseudonymiser)
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
        return (leads, report)
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
