import LeadSimCore

/// What to do with a bad row: stop at the first (`strict`), or leave it out, go on, and say at
/// the end how many were left out and why (`skip`). Either way nothing is dropped silently.
public enum ImportPolicy: String, Sendable, CaseIterable {
    case strict, skip
}

/// What an import read: rows, leads kept, rows left out by reason (with the first of each), and
/// leads that share an e-mail address.
public struct ImportReport: Sendable, Equatable {
    public var file: String
    /// What a row becomes: leads, or touchpoints for an events export.
    public var noun = "leads"
    public var rows = 0
    public var imported = 0
    /// Rows left out, by reason, with the first such error.
    public var skipped: [String: (count: Int, first: ImportError)] = [:]
    /// Rows whose e-mail address an earlier row has: (line, the earlier row's line).
    public var sameEmail: [(line: Int, firstLine: Int)] = []

    public static func == (a: ImportReport, b: ImportReport) -> Bool {
        a.file == b.file && a.rows == b.rows && a.imported == b.imported && a.skipped.mapValues(\.count) == b.skipped.mapValues(\.count)
            && a.sameEmail.map(\.line) == b.sameEmail.map(\.line)
    }

    public var skippedCount: Int { skipped.values.reduce(0) { $0 + $1.count } }

    /// A bad row: under `skip` counted by kind (keeping the first of each), under `strict` the end.
    mutating func leaveOut(_ error: ImportError, policy: ImportPolicy) throws(ImportError) {
        guard policy == .skip else { throw error }
        let reason = LeadImport.reason(error)
        let entry = skipped[reason]
        skipped[reason] = ((entry?.count ?? 0) + 1, entry?.first ?? error)
    }

    /// A few lines for people: what was read and what was left out.
    public var summary: String {
        var lines = ["\(file): \(rows) rows, \(imported) \(noun) imported"]
        for (reason, entry) in skipped.sorted(by: { $0.value.count > $1.value.count || ($0.value.count == $1.value.count && $0.key < $1.key) }) {
            lines.append("  \(entry.count) left out: \(reason) (first: \(entry.first))")
        }
        if let first = sameEmail.first {
            lines.append("  \(sameEmail.count) share an e-mail address with an earlier row (first: line \(first.line), as line \(first.firstLine)); kept")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Reads a leads export through its mapping into observed leads, one record at a time.
public enum LeadImport {
    /// A CSV export, or JSON Lines when the file's name ends in `.jsonl` or `.ndjson`.
    /// With a `pseudonymiser`, ids and personal free columns (by their name, or values that look
    /// like e-mail addresses or telephone numbers) are kept as pseudonyms only.
    public static func read<Source: ByteSource>(
        _ source: Source, file: String, mapping: TableMapping<LeadField>, policy: ImportPolicy, pseudonymiser: Pseudonymiser? = nil
    ) throws(ImportError) -> (leads: ObservedLeads, report: ImportReport) {
        if isJSONLines(file) {
            var table = try JSONLinesTable(source, file: file)
            return try read(&table, mapping: mapping, policy: policy, pseudonymiser: pseudonymiser)
        }
        var table = try CSVTable(source, file: file, delimiter: mapping.delimiter)
        return try read(&table, mapping: mapping, policy: policy, pseudonymiser: pseudonymiser)
    }

    static func read<Table: RecordTable>(
        _ table: inout Table, mapping: TableMapping<LeadField>, policy: ImportPolicy, pseudonymiser: Pseudonymiser?
    ) throws(ImportError) -> (leads: ObservedLeads, report: ImportReport) {
        let file = table.file
        var fieldIndex = [(index: Int, mapping: ColumnMapping<LeadField>)?](repeating: nil, count: LeadField.allCases.count)
        for (field, position, column) in try mapping.positions(
            in: table.columns, file: file, required: [.created],
            expected: "the column with each lead's creation time, e.g. Create Date: created")
        {
            fieldIndex[field.ordinal] = (position, column)
        }
        var mappedIndices = Set(fieldIndex.compactMap { $0?.index })
        for (column, place) in mapping.ignored {
            guard let index = table.index(of: column) else {
                throw ImportError(
                    file: place.file, line: place.line, column: place.column,
                    message: "column '\(column)' to ignore is not in \(file): expected one of \(table.columns.map { "'\($0)'" }.joined(separator: ", "))")
            }
            mappedIndices.insert(index)
        }
        let freeIndices = table.columns.indices.filter { !mappedIndices.contains($0) }
        var leads = ObservedLeads()
        leads.freeColumns = freeIndices.map { (Self.attributeName(table.columns[$0]), []) }
        // A free column becomes an attribute by its name; it may not take a name leadsim or an
        // earlier column has.
        for (position, index) in freeIndices.enumerated() {
            let name = leads.freeColumns[position].name
            if LeadAttribute.named(name) != nil {
                throw ImportError(
                    file: file, line: 1, field: table.columns[index],
                    message: "unmapped, it would be the attribute '\(name)', which leadsim's leads have: expected it mapped in the mapping's columns (\(table.columns[index]): \(name))")
            }
            if let earlier = freeIndices[..<position].first(where: { Self.attributeName(table.columns[$0]) == name }) {
                throw ImportError(
                    file: file, line: 1, field: table.columns[index],
                    message: "unmapped, it would be the attribute '\(name)' like column '\(table.columns[earlier])': expected columns whose names differ in more than case and punctuation, or one of them mapped")
            }
        }
        let countFields = LeadField.allCases.filter { $0.touchpoint != nil && fieldIndex[$0.ordinal] != nil }
        leads.touchpointCounts = countFields.map { ($0.touchpoint!, []) }
        var report = ImportReport(file: file)
        var firstLineOfId: [String: Int] = [:]
        var firstLineOfEmail: [UInt64: Int] = [:]

        var record = CSVRecord()
        let spellings = mapping.spellings
        // Each category field's spellings (the mapping's and leadsim's own names) and the code of
        // the value each means, looked up once per value read.
        var spellingCodes = [SpellingTable](repeating: SpellingTable(), count: LeadField.allCases.count)
        for field in LeadField.allCases {
            guard let names = field.categories else { continue }
            var codes: [String: Int] = [:]
            for (code, name) in names.enumerated() { codes[name] = code }
            for (spelling, meaning) in fieldIndex[field.ordinal]?.mapping.values ?? [:] { codes[spelling] = names.firstIndex(of: meaning) }
            spellingCodes[field.ordinal] = SpellingTable(codes)
        }
        let isoFirst = mapping.dateFormat == nil || mapping.dateFormat == .iso

        while try table.next(into: &record) {
            report.rows += 1
            // Room for the rows the file's size and the first row's length suggest, so that the
            // tables of ids and addresses do not grow step by step.
            if report.rows == 1, let bytes = table.byteCount {
                let rows = min(bytes / max(20, record.bytes.count + record.count), 50_000_000)
                firstLineOfId.reserveCapacity(rows)
                if fieldIndex[LeadField.email.ordinal] != nil { firstLineOfEmail.reserveCapacity(rows) }
            }
            do throws(ImportError) {
                func text(_ field: LeadField) -> String? {
                    guard let (index, _) = fieldIndex[field.ordinal] else { return nil }
                    let value = record[index]
                    return spellings.isMissing(value) ? nil : value.trimmingSpaces()
                }
                func fail(_ field: LeadField, _ message: String) -> ImportError {
                    ImportError(file: file, line: record.line, field: fieldIndex[field.ordinal]!.mapping.column, message: message)
                }
                func time(_ field: LeadField) throws(ImportError) -> Int? {
                    guard let (index, _) = fieldIndex[field.ordinal] else { return nil }
                    // ISO times, as most exports write them, straight from the bytes.
                    if isoFirst, let seconds = DateFormat.fastISO(record.bytes(index)) { return seconds }
                    guard let value = text(field) else { return nil }
                    guard let seconds = spellings.time(value, format: mapping.dateFormat) else {
                        let expected = mapping.dateFormat.map { "a date as \($0.rawValue)" } ?? "a date (YYYY-MM-DD, DD.MM.YYYY, M/D/YYYY, YYYY.MM.DD or DD Mon, YYYY), perhaps with a time"
                        throw fail(field, "'\(PersonalData.masked(value))' is not a date: expected \(expected)")
                    }
                    return seconds
                }
                func category<Value>(_ field: LeadField, _ values: [Value], _ name: (Value) -> String) throws(ImportError) -> Value? {
                    // A value's own spelling wins over a placeholder: consent `none` is a value.
                    guard let (index, _) = fieldIndex[field.ordinal] else { return nil }
                    if let code = spellingCodes[field.ordinal].code(of: record.bytes(index)) { return values[code] }
                    guard let raw = text(field) else { return nil }
                    // Spaces other than ASCII ones (a no-break space) trimmed as text.
                    if let code = spellingCodes[field.ordinal].code(of: ArraySlice(raw.utf8)) { return values[code] }
                    guard let value = values.first(where: { name($0) == raw }) else {
                        let place = fieldIndex[field.ordinal]!.mapping.place
                        throw fail(
                            field,
                            "'\(PersonalData.masked(raw))' is no \(field.rawValue): expected one of \(values.map(name).joined(separator: ", ")), or a `values:` entry for it under \(place.file):\(place.line)")
                    }
                    return value
                }
                guard let createdSeconds = try time(.created) else { throw fail(.created, "no creation time: expected one for every lead") }
                let id = text(.id) ?? "row \(record.line)"
                if let first = firstLineOfId[id] {
                    throw ImportError(
                        file: file, line: record.line, field: fieldIndex[LeadField.id.ordinal]?.mapping.column ?? "id",
                        message: "duplicate id '\(PersonalData.masked(id))' (first on line \(first)): expected each lead once")
                }
                var employees: UInt32?
                if let value = text(.employees) {
                    guard let number = spellings.number(value), number >= 0, number == number.rounded(), number < 10_000_000 else {
                        throw fail(.employees, "'\(PersonalData.masked(value))' is not a number of employees: expected a whole number such as 250")
                    }
                    employees = UInt32(number)
                }
                var counts: [Int?] = []
                for field in countFields {
                    guard let value = text(field) else { counts.append(nil); continue }
                    guard let number = spellings.number(value), number >= 0, number == number.rounded(), number < 1_000_000 else {
                        throw fail(field, "'\(PersonalData.masked(value))' is not a count of \(field.rawValue.replacingOccurrences(of: "_", with: " ")): expected a whole number such as 12")
                    }
                    counts.append(Int(number))
                }
                var converted: Bool?
                if let stage = text(.stage), !mapping.convertedStages.isEmpty {
                    converted = mapping.convertedStages.contains(stage)
                }
                let row = (
                    channel: try category(.channel, Channel.allCases, \.name),
                    moment: try category(.conversion, ConversionMoment.allCases, \.name),
                    industry: try category(.industry, Industry.allCases, \.name),
                    size: try category(.companySize, CompanySize.allCases, \.name),
                    region: try category(.region, Region.allCases, \.name),
                    seniority: try category(.seniority, Seniority.allCases, \.name),
                    consent: try category(.consent, Consent.allCases, \.name),
                    mql: try time(.mqlAt), sql: try time(.sqlAt), convertedAt: try time(.convertedAt))
                if row.convertedAt != nil, converted == nil { converted = true }
                firstLineOfId[id] = record.line
                if fieldIndex[LeadField.email.ordinal] != nil, let key = Self.emailKey(record.bytes(fieldIndex[LeadField.email.ordinal]!.index), spellings: spellings, or: text(.email)) {
                    if let first = firstLineOfEmail[key] {
                        report.sameEmail.append((record.line, first))
                    } else {
                        firstLineOfEmail[key] = record.line
                    }
                }
                leads.append(
                    id: id, createdSeconds: createdSeconds, channel: row.channel, moment: row.moment, industry: row.industry,
                    companySize: row.size, employees: employees, region: row.region, seniority: row.seniority, consent: row.consent,
                    mqlSeconds: row.mql, sqlSeconds: row.sql, converted: converted, convertedSeconds: row.convertedAt,
                    free: freeIndices.map { index in
                        let value = record[index]
                        return spellings.isMissing(value) ? nil : value.trimmingSpaces()
                    }, counts: counts)
                report.imported += 1
            } catch {
                try report.leaveOut(error, policy: policy)
            }
        }
        if let pseudonymiser {
            leads.ids = leads.ids.map(pseudonymiser.pseudonym)
            for index in leads.freeColumns.indices {
                let personal = Pseudonymiser.isPersonalColumn(leads.freeColumns[index].name)
                leads.freeColumns[index].values = leads.freeColumns[index].values.map { value in
                    value.map { personal || PersonalData.looksPersonal($0) ? pseudonymiser.pseudonym($0) : $0 }
                }
            }
        }
        // A free column whose every value is a number as this export writes numbers (decimal
        // comma, thousands separators) becomes a number column; its values are handed on in the
        // one spelling the core reads.
        for index in leads.freeColumns.indices {
            var numbers: [Double?] = []
            numbers.reserveCapacity(leads.count)
            var allNumbers = true
            for value in leads.freeColumns[index].values {
                guard let value else { numbers.append(nil); continue }
                guard let number = spellings.number(value) else { allNumbers = false; break }
                numbers.append(number)
            }
            guard allNumbers, numbers.contains(where: { $0 != nil }) else { continue }
            leads.freeColumns[index].values = numbers.map { $0.map { String($0) } }
        }
        return (leads, report)
    }

    /// An e-mail address as a key for finding rows that share one: 64 bits of FNV-1a over the
    /// address without case and surrounding spaces (nil for none). Addresses are not kept — they
    /// are personal data — so the key stands for them; two addresses share a key with a chance
    /// of about 10⁻⁸ in a million-lead export, and then a shared address is reported that is not.
    static func emailKey(_ bytes: ArraySlice<UInt8>, spellings: ValueSpellings, or text: @autoclosure () -> String?) -> UInt64? {
        var hash = FNV1a()
        func add(_ address: some Sequence<UInt8>) {
            for byte in address { hash.add(byte: (0x41...0x5A).contains(byte) ? byte | 0x20 : byte) }
        }
        // The common case from the bytes: ASCII, no spaces around it, longer than a placeholder.
        if bytes.count > spellings.longestMissing + 2, bytes.first! > 0x20, bytes.last! > 0x20, bytes.allSatisfy({ $0 < 0x80 }) {
            add(bytes)
            return hash.value
        }
        guard let address = text() else { return nil }
        add(address.lowercased().utf8)
        return hash.value
    }

    /// A column name as an attribute name that scoring files can write: lower case, words joined
    /// by underscores (`Annual Revenue` → `annual_revenue`).
    public static func attributeName(_ column: String) -> String {
        var name = ""
        for character in column.lowercased() {
            if character.isLetter || character.isNumber {
                name.append(character)
            } else if !name.isEmpty, name.last != "_" {
                name.append("_")
            }
        }
        while name.last == "_" { name.removeLast() }
        return name.isEmpty ? "column" : name
    }

    /// What kind of mistake a row has, to count rows left out by kind.
    static func reason(_ error: ImportError) -> String {
        let message = error.message
        if message.hasPrefix("duplicate id") { return "duplicate id" }
        if let field = error.field {
            if message.contains("is not a date") { return "\(field): not a date" }
            if message.contains(" is no ") { return "\(field): unknown value" }
            return "\(field): bad value"
        }
        return message
    }
}

/// A category field's spellings and the code each means, looked up by a value's bytes (spaces
/// around it ignored): no text is made and nothing hashed per value read, as a dictionary of
/// strings would. A field has a few dozen spellings at most, so a scan by length is quick.
struct SpellingTable {
    private var entries: [(bytes: [UInt8], code: Int)] = []

    init() {}

    init(_ codes: [String: Int]) {
        entries = codes.map { (Array($0.key.trimmingSpaces().utf8), $0.value) }.sorted { $0.bytes.count < $1.bytes.count }
    }

    func code(of value: ArraySlice<UInt8>) -> Int? {
        var start = value.startIndex
        var end = value.endIndex
        while start < end, value[start] == 0x20 || value[start] == 0x09 { start += 1 }
        while end > start, value[end - 1] == 0x20 || value[end - 1] == 0x09 { end -= 1 }
        let length = end - start
        for entry in entries where entry.bytes.count == length {
            if entry.bytes.elementsEqual(value[start..<end]) { return entry.code }
        }
        return nil
    }
}
