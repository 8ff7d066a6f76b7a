import LeadSimCore
import Yams

/// A field of leadsim's that an export's column can fill.
public protocol MappedField: RawRepresentable, CaseIterable, Sendable, Equatable where RawValue == String {
    /// leadsim's values of a category field; nil for others.
    var categories: [String]? { get }
}

/// What a column of an events export can be: whose event, when, which touchpoint, and its
/// value where the export gives one (the points a Mautic log or a Marketo score change records).
public enum EventField: String, MappedField {
    case lead, time, type, value

    public var categories: [String]? { self == .type ? B2BModel.scoredTouchpoints : nil }
}

/// What a column of an opportunities export can be: the deal, its lead, owner, dates, stage and amount.
public enum OpportunityField: String, MappedField {
    case id, lead, owner, created, closed, stage, amount

    public var categories: [String]? { nil }
}

/// What a column of a leads export can be to leadsim. Categories (`channel`, `industry`, …) take
/// leadsim's values, to which a mapping translates the export's own spellings.
public enum LeadField: String, MappedField {
    case id, email, firstName = "first_name", lastName = "last_name", phone, company
    case created, channel, conversion, industry, companySize = "company_size", employees, region, seniority, consent
    case stage, mqlAt = "mql_at", sqlAt = "sql_at", convertedAt = "converted_at"
    /// How many times the lead did each touchpoint, for exports that hold counts and no events
    /// (HubSpot's "Number of Pageviews", "Marketing emails opened").
    case webVisits = "web_visits", pricingVisits = "pricing_visits", contentDownloads = "content_downloads", webinars
    case demoRequests = "demo_requests", contactForms = "contact_forms", chats, emailOpens = "email_opens", emailClicks = "email_clicks"

    /// leadsim's values of a category field; nil for others.
    public var categories: [String]? {
        switch self {
        case .channel: Channel.allCases.map(\.name)
        case .conversion: ConversionMoment.allCases.map(\.name)
        case .industry: Industry.allCases.map(\.name)
        case .companySize: CompanySize.allCases.map(\.name)
        case .region: Region.allCases.map(\.name)
        case .seniority: Seniority.allCases.map(\.name)
        case .consent: Consent.allCases.map(\.name)
        default: nil
        }
    }

    public var isTime: Bool { [.created, .mqlAt, .sqlAt, .convertedAt].contains(self) }

    /// The touchpoint a count field counts, by its code in `B2BModel.scoredTouchpoints`.
    public var touchpoint: Int? {
        switch self {
        case .webVisits: 0
        case .pricingVisits: 1
        case .contentDownloads: 2
        case .webinars: 3
        case .demoRequests: 4
        case .contactForms: 5
        case .chats: 6
        case .emailOpens: 7
        case .emailClicks: 8
        default: nil
        }
    }

    /// The field's place in `allCases`, for tables indexed by field (no hashing per value read).
    var ordinal: Int {
        switch self {
        case .id: 0
        case .email: 1
        case .firstName: 2
        case .lastName: 3
        case .phone: 4
        case .company: 5
        case .created: 6
        case .channel: 7
        case .conversion: 8
        case .industry: 9
        case .companySize: 10
        case .employees: 11
        case .region: 12
        case .seniority: 13
        case .consent: 14
        case .stage: 15
        case .mqlAt: 16
        case .sqlAt: 17
        case .convertedAt: 18
        default: 19 + touchpoint!
        }
    }
}

/// Where an entry of a mapping file stands, for messages about it later (when the export is read).
public struct MappingPlace: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
}

/// How one export column becomes a leadsim field.
public struct ColumnMapping<Field: MappedField>: Sendable {
    public var column: String
    public var field: Field
    /// The export's spellings of a category and leadsim's value for each; a spelling not listed
    /// must already be leadsim's value.
    public var values: [String: String]
    public var place: MappingPlace
}

/// How to read one export file: its columns, and how it spells values.
public struct TableMapping<Field: MappedField>: Sendable {
    public var columns: [ColumnMapping<Field>] = []
    public var spellings = ValueSpellings()
    /// nil: each date is tried in the unambiguous formats (`ValueSpellings.time`).
    public var dateFormat: DateFormat?
    /// nil: detected from the header line.
    public var delimiter: UInt8?
    /// Stages (as the export spells them, in the stage column) that mean the lead converted:
    /// they differ per CRM, so they come from the mapping.
    public var convertedStages: Set<String> = []
    /// Stages of an opportunity (as the export spells them) that mean won, and lost; any other is open.
    public var wonStages: Set<String> = []
    public var lostStages: Set<String> = []
    /// Export columns to leave out (neither fields nor free attributes), with their places.
    public var ignored: [(column: String, place: MappingPlace)] = []
    public var place: MappingPlace

    public func mapping(of field: Field) -> ColumnMapping<Field>? { columns.first { $0.field == field } }

    /// Where each mapped column stands among a file's `header`, by field. Every field in
    /// `required` must be mapped (`expected` says what the file's rows need), and every mapped
    /// column must be in the file; each mistake is reported at the mapping's place.
    func positions(
        in header: [String], file: String, required: [Field], expected: String
    ) throws(ImportError) -> [(field: Field, position: Int, mapping: ColumnMapping<Field>)] {
        for field in required where mapping(of: field) == nil {
            throw ImportError(
                file: place.file, line: place.line, column: place.column, message: "no column is mapped to \(field.rawValue): expected \(expected)")
        }
        var positions: [(field: Field, position: Int, mapping: ColumnMapping<Field>)] = []
        for column in columns {
            guard let position = header.firstIndex(of: column.column) else {
                throw .missingColumn(column.column, at: column.place, in: file, columns: header)
            }
            positions.append((column.field, position, column))
        }
        return positions
    }
}

/// A mapping file: how a foreign export's columns and values become leadsim's. YAML:
///
///     leads:
///       delimiter: ";"             # optional: detected from the header
///       decimal: comma             # comma or point
///       dates: dd.mm.yyyy          # iso, dd.mm.yyyy, m/d/yyyy, dd/mm/yyyy, yyyy.mm.dd, "dd mon, yyyy"
///       missing: ["", "Select"]    # added to the usual placeholders
///       yes: ["Ja"]                # added to the usual spellings of true and false
///       no: ["Nein"]
///       converted_stages: ["Kunde"]
///       ignore: [Notizen, Interne ID] # columns left out
///       columns:
///         Record ID: id
///         Create Date: created
///         Original Source:
///           field: channel
///           values: {Google: paid_search, Organic Search: organic_search}
///
/// Columns not named stay with the leads as free attributes that scoring criteria may test.
public struct ImportMapping: Sendable {
    public var leads: TableMapping<LeadField>?
    /// The events export's mapping: whose touchpoint, when, and which.
    public var events: TableMapping<EventField>?
    /// The opportunities export's mapping.
    public var opportunities: TableMapping<OpportunityField>?
    public let file: String

    public static let tableNames = ["leads", "events", "opportunities"]
    static let tableKeys = ["delimiter", "decimal", "dates", "missing", "yes", "no", "converted_stages", "won_stages", "lost_stages", "ignore", "columns"]

    public init(yaml text: String, file: String) throws(ImportError) {
        self.file = file
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ImportError(file: file, line: 1, message: "the mapping is empty: expected `leads:` with its `columns:`")
            }
            root = node
        } catch let error as ImportError {
            throw error
        } catch let error as YamlError {
            throw Self.error(error, file: file)
        } catch {
            throw ImportError(file: file, line: 1, message: "cannot read the mapping: \(error)")
        }
        let reader = Reader(file: file)
        guard let top = root.mapping else { throw reader.error(root, "expected a mapping with `leads:` at the top") }
        for (key, value) in top {
            switch key.string {
            case "leads": leads = try reader.table(value, LeadField.self)
            case "events": events = try reader.table(value, EventField.self)
            case "opportunities": opportunities = try reader.table(value, OpportunityField.self)
            default:
                throw reader.error(key, "unknown table '\(key.string ?? "")': expected \(Self.tableNames.joined(separator: ", "))")
            }
        }
        guard leads != nil || events != nil || opportunities != nil else {
            throw reader.error(root, "no `leads:`, `events:` or `opportunities:` table: expected one")
        }
    }

    static func error(_ error: YamlError, file: String) -> ImportError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ImportError(file: file, line: mark.line, column: mark.column, message: "not YAML: \(problem)")
        default:
            return ImportError(file: file, line: 1, message: "not YAML: \(error)")
        }
    }

    /// Reads the nodes of a mapping file, with errors at their place.
    struct Reader {
        let file: String

        func place(_ node: Node) -> MappingPlace {
            MappingPlace(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }

        func error(_ node: Node, _ message: String) -> ImportError {
            let at = place(node)
            return ImportError(file: file, line: at.line, column: at.column, message: message)
        }

        func string(_ node: Node, _ expected: String) throws(ImportError) -> String {
            guard let text = node.string else { throw error(node, "expected \(expected)") }
            return text
        }

        func strings(_ node: Node, _ expected: String) throws(ImportError) -> [String] {
            if let single = node.string { return [single] }
            guard let list = node.sequence else { throw error(node, "expected \(expected): a text or a list [a, b]") }
            var texts: [String] = []
            for item in list { texts.append(try string(item, expected)) }
            return texts
        }

        func table<Field: MappedField>(_ node: Node, _: Field.Type) throws(ImportError) -> TableMapping<Field> {
            guard let entries = node.mapping else { throw error(node, "expected the table's settings and `columns:`") }
            var table = TableMapping<Field>(place: place(node))
            var sawColumns = false
            for (key, value) in entries {
                let name = key.string ?? ""
                switch name {
                case "delimiter":
                    let text = try string(value, "a delimiter: \",\", \";\" or \"\\t\"")
                    guard [",", ";", "\t", "|"].contains(text) else {
                        throw error(value, "delimiter '\(text)': expected \",\", \";\", \"|\" or a tab")
                    }
                    table.delimiter = text.utf8.first
                case "decimal":
                    let text = try string(value, "comma or point")
                    guard text == "comma" || text == "point" else { throw error(value, "decimal '\(text)': expected comma or point") }
                    table.spellings.decimalComma = text == "comma"
                case "dates":
                    let text = try string(value, "a date format")
                    guard let format = DateFormat(rawValue: text) else {
                        throw error(value, "unknown date format '\(text)': expected " + DateFormat.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    table.dateFormat = format
                case "missing":
                    for text in try strings(value, "placeholders") { table.spellings.missing.insert(ValueSpellings.normalised(text)) }
                case "yes":
                    for text in try strings(value, "spellings of true") { table.spellings.yes.insert(ValueSpellings.normalised(text)) }
                case "no":
                    for text in try strings(value, "spellings of false") { table.spellings.no.insert(ValueSpellings.normalised(text)) }
                case "converted_stages":
                    table.convertedStages = Set(try strings(value, "stage names"))
                case "won_stages":
                    table.wonStages = Set(try strings(value, "stage names"))
                case "lost_stages":
                    table.lostStages = Set(try strings(value, "stage names"))
                case "ignore":
                    if let single = value.string {
                        table.ignored = [(single, place(value))]
                    } else if let list = value.sequence {
                        for item in list { table.ignored.append((try string(item, "a column's name"), place(item))) }
                    } else {
                        throw error(value, "expected the columns to leave out: a name or a list [a, b]")
                    }
                case "columns":
                    sawColumns = true
                    table.columns = try columns(value) as [ColumnMapping<Field>]
                default:
                    let hint = ImportMapping.tableKeys.first { $0.hasPrefix(String(name.prefix(3))) }.map { " (did you mean \($0)?)" } ?? ""
                    throw error(key, "unknown setting '\(name)'\(hint): expected \(ImportMapping.tableKeys.joined(separator: ", "))")
                }
            }
            guard sawColumns else { throw error(node, "no `columns:`: expected the export's columns and the fields they fill") }
            if !table.convertedStages.isEmpty, !table.columns.contains(where: { $0.field.rawValue == "stage" }) {
                throw error(node, "converted_stages without a column mapped to stage: expected one, e.g. Lifecycle Stage: stage")
            }
            return table
        }

        func columns<Field: MappedField>(_ node: Node) throws(ImportError) -> [ColumnMapping<Field>] {
            guard let entries = node.mapping else { throw error(node, "expected `Export column: field` lines") }
            var columns: [ColumnMapping<Field>] = []
            let fields = Field.allCases.map(\.rawValue).joined(separator: ", ")
            for (key, value) in entries {
                let column = try string(key, "an export column's name")
                var values: [String: String] = [:]
                let fieldNode: Node
                if let settings = value.mapping {
                    guard let named = settings["field"] else { throw error(value, "expected `field:` and perhaps `values:`") }
                    fieldNode = named
                    for (settingKey, settingValue) in settings where settingKey.string != "field" {
                        guard settingKey.string == "values", let pairs = settingValue.mapping else {
                            throw error(settingKey, "unknown setting '\(settingKey.string ?? "")': expected field and values")
                        }
                        for (spelling, meaning) in pairs {
                            values[try string(spelling, "the export's value")] = try string(meaning, "leadsim's value")
                        }
                    }
                } else {
                    fieldNode = value
                }
                let name = try string(fieldNode, "a field: \(fields)")
                guard let field = Field(rawValue: name) else {
                    throw error(fieldNode, "unknown field '\(name)': expected one of \(fields)")
                }
                if let categories = field.categories {
                    for (spelling, meaning) in values where !categories.contains(meaning) {
                        let at = pairsNode(value, spelling) ?? value
                        throw error(at, "'\(spelling)' maps to '\(meaning)', which is no \(field.rawValue): expected one of \(categories.joined(separator: ", "))")
                    }
                } else if !values.isEmpty {
                    throw error(value, "\(field.rawValue) takes no `values:`: only categories do (\(Field.allCases.filter { $0.categories != nil }.map(\.rawValue).joined(separator: ", ")))")
                }
                if let earlier = columns.first(where: { $0.field == field }) {
                    throw error(fieldNode, "\(field.rawValue) is filled by '\(earlier.column)' already: expected one column per field")
                }
                columns.append(ColumnMapping<Field>(column: column, field: field, values: values, place: place(key)))
            }
            return columns
        }

        /// The node of one export value under `values:`, for its place.
        private func pairsNode(_ value: Node, _ spelling: String) -> Node? {
            guard let pairs = value.mapping?["values"]?.mapping else { return nil }
            return pairs.first { $0.key.string == spelling }?.value
        }
    }
}
