import LeadSimCore

/// Reads an opportunities export through its mapping: for each deal its lead (by the leads'
/// ids), when it was opened and closed, how it ended (by the mapping's won and lost stages;
/// any other stage is open) and its amount.
public enum OpportunityImport {
    public static func read<Source: ByteSource>(
        _ source: Source, file: String, mapping: TableMapping<OpportunityField>, leads: ObservedLeads, policy: ImportPolicy,
        pseudonymiser: Pseudonymiser? = nil
    ) throws(ImportError) -> (opportunities: [ObservedOpportunity], report: ImportReport) {
        if isJSONLines(file) {
            var table = try JSONLinesTable(source, file: file)
            return try read(&table, mapping: mapping, leads: leads, policy: policy, pseudonymiser: pseudonymiser)
        }
        var table = try CSVTable(source, file: file, delimiter: mapping.delimiter)
        return try read(&table, mapping: mapping, leads: leads, policy: policy, pseudonymiser: pseudonymiser)
    }

    static func read<Table: RecordTable>(
        _ table: inout Table, mapping: TableMapping<OpportunityField>, leads: ObservedLeads, policy: ImportPolicy, pseudonymiser: Pseudonymiser?
    ) throws(ImportError) -> (opportunities: [ObservedOpportunity], report: ImportReport) {
        let file = table.file
        var column: [OpportunityField: Int] = [:]
        for (field, position, _) in try mapping.positions(
            in: table.columns, file: file, required: [.lead, .created, .stage], expected: "the lead, the created date and the stage of each deal")
        {
            column[field] = position
        }
        guard !mapping.wonStages.isEmpty else {
            throw ImportError(
                file: mapping.place.file, line: mapping.place.line, column: mapping.place.column,
                message: "no won_stages: expected the stages that mean won, e.g. won_stages: [Closed Won] (they differ per CRM)")
        }
        let keys = LeadKeys(leads, pseudonymiser: pseudonymiser)
        let spellings = mapping.spellings
        var opportunities: [ObservedOpportunity] = []
        var report = ImportReport(file: file, noun: "opportunities")
        var record = CSVRecord()
        while try table.next(into: &record) {
            report.rows += 1
            do throws(ImportError) {
                func fail(_ field: OpportunityField, _ message: String) -> ImportError {
                    ImportError(file: file, line: record.line, field: table.columns[column[field]!], message: message)
                }
                func time(_ field: OpportunityField) throws(ImportError) -> Int? {
                    guard let index = column[field] else { return nil }
                    let text = record[index]
                    if spellings.isMissing(text) { return nil }
                    guard let seconds = spellings.time(text, format: mapping.dateFormat) else {
                        throw fail(field, "'\(PersonalData.masked(text))' is not a date: expected a date")
                    }
                    return seconds
                }
                let lead = try keys.lead(record[column[.lead]!]) { message throws(ImportError) in throw fail(.lead, message) }
                guard let created = try time(.created) else { throw fail(.created, "no created date: expected one for every deal") }
                let closed = try time(.closed)
                let stage = record[column[.stage]!].trimmingSpaces()
                let outcome: ObservedOpportunity.Outcome =
                    mapping.wonStages.contains(stage) ? .won : mapping.lostStages.contains(stage) ? .lost : .open
                if outcome != .open, closed == nil, column[.closed] != nil {
                    throw fail(.closed, "a \(outcome == .won ? "won" : "lost") deal without a close date: expected one")
                }
                var amount: Double?
                if let index = column[.amount], !spellings.isMissing(record[index]) {
                    guard let value = spellings.money(record[index]), value >= 0 else {
                        throw fail(.amount, "'\(PersonalData.masked(record[index]))' is not an amount: expected a number such as 12500 or $12,500.00")
                    }
                    amount = value
                }
                if let closed, closed < created { throw fail(.closed, "closed before it was created: expected a close on or after the created date") }
                opportunities.append(ObservedOpportunity(lead: lead, createdSeconds: created, closedSeconds: outcome == .open ? nil : closed, outcome: outcome, amount: amount))
                report.imported += 1
            } catch {
                try report.leaveOut(error, policy: policy)
            }
        }
        return (opportunities, report)
    }
}
