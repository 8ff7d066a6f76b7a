import LeadSimCore

/// Reads an events export (a Marketo activity log, a Mautic points log) through its mapping:
/// for each event the lead it belongs to (by the leads' ids), when, and which touchpoint.
public enum EventImport {
    public static func read<Source: ByteSource>(
        _ source: Source, file: String, mapping: TableMapping<EventField>, leads: ObservedLeads, policy: ImportPolicy,
        pseudonymiser: Pseudonymiser? = nil
    ) throws(ImportError) -> (events: [ObservedEvent], report: ImportReport) {
        if isJSONLines(file) {
            var table = try JSONLinesTable(source, file: file)
            return try read(&table, mapping: mapping, leads: leads, policy: policy, pseudonymiser: pseudonymiser)
        }
        var table = try CSVTable(source, file: file, delimiter: mapping.delimiter)
        return try read(&table, mapping: mapping, leads: leads, policy: policy, pseudonymiser: pseudonymiser)
    }

    static func read<Table: RecordTable>(
        _ table: inout Table, mapping: TableMapping<EventField>, leads: ObservedLeads, policy: ImportPolicy, pseudonymiser: Pseudonymiser?
    ) throws(ImportError) -> (events: [ObservedEvent], report: ImportReport) {
        let file = table.file
        var index: [EventField: (column: Int, mapping: ColumnMapping<EventField>)] = [:]
        for (field, position, column) in try mapping.positions(
            in: table.columns, file: file, required: [.lead, .time, .type], expected: "the lead, the time and the type of each event")
        {
            index[field] = (position, column)
        }
        let keys = LeadKeys(leads, pseudonymiser: pseudonymiser)
        let touchpoints = B2BModel.scoredTouchpoints
        var codes: [String: Int] = [:]
        for (code, name) in touchpoints.enumerated() { codes[name] = code }
        for (spelling, meaning) in index[.type]!.mapping.values { codes[spelling] = touchpoints.firstIndex(of: meaning) }
        var events: [ObservedEvent] = []
        var report = ImportReport(file: file, noun: "touchpoints")
        var record = CSVRecord()
        while try table.next(into: &record) {
            report.rows += 1
            do throws(ImportError) {
                func fail(_ field: EventField, _ message: String) -> ImportError {
                    ImportError(file: file, line: record.line, field: index[field]!.mapping.column, message: message)
                }
                let lead = try keys.lead(record[index[.lead]!.column]) { message throws(ImportError) in throw fail(.lead, message) }
                let timeText = record[index[.time]!.column]
                guard let seconds = mapping.spellings.time(timeText, format: mapping.dateFormat) else {
                    throw fail(.time, "'\(PersonalData.masked(timeText))' is not a date: expected a date and time")
                }
                let type = record[index[.type]!.column].trimmingSpaces()
                guard let code = codes[type] else {
                    // An activity leadsim does not score (a field change, a sales call) is counted, not kept.
                    report.skipped["not a touchpoint", default: (0, fail(.type, "'\(type)' is no touchpoint"))].count += 1
                    continue
                }
                var value: Double?
                if let column = index[.value]?.column, !mapping.spellings.isMissing(record[column]) {
                    guard let number = mapping.spellings.number(record[column].trimmingSpaces()) else {
                        throw fail(.value, "'\(PersonalData.masked(record[column]))' is not a number: expected the event's value, such as 5 or -10")
                    }
                    value = number
                }
                events.append(ObservedEvent(lead: lead, seconds: seconds, touchpoint: code, value: value))
                report.imported += 1
            } catch {
                try report.leaveOut(error, policy: policy)
            }
        }
        return (events, report)
    }
}

/// The loaded leads by their export ids, for the events and deals that name them: the ids as
/// loaded (pseudonyms when the leads were pseudonymised, so the same pseudonymiser is used).
struct LeadKeys {
    let leadOf: [String: Int]
    let pseudonymiser: Pseudonymiser?

    init(_ leads: ObservedLeads, pseudonymiser: Pseudonymiser?) {
        var leadOf: [String: Int] = [:]
        for (lead, id) in leads.ids.enumerated() { leadOf[id] = lead }
        self.leadOf = leadOf
        self.pseudonymiser = pseudonymiser
    }

    /// The lead an export's id names; `fail` makes the error of a row whose id names none.
    func lead(_ raw: String, fail: (String) throws(ImportError) -> Never) throws(ImportError) -> Int {
        let trimmed = raw.trimmingSpaces()
        let id = pseudonymiser.map { $0.pseudonym(trimmed) } ?? trimmed
        guard let lead = leadOf[id] else {
            try fail("'\(PersonalData.masked(id))' is no lead of the loaded leads: expected an id from the leads export")
        }
        return lead
    }
}
