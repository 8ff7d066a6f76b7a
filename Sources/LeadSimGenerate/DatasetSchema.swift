/// The tables of a generated dataset, with their fields, keys and what each field means: the
/// header of each file and the `datapackage.json` (Frictionless Data Package) come from here.
public struct DatasetTable: Sendable {
    public struct Field: Sendable {
        public let name: String
        /// A Frictionless type: string, integer, number, boolean, datetime.
        public let type: String
        public let description: String
        /// Whether the field may be empty (null).
        public let optional: Bool

        init(_ name: String, _ type: String, _ description: String, optional: Bool = false) {
            self.name = name
            self.type = type
            self.description = description
            self.optional = optional
        }
    }

    public let name: String
    public let description: String
    public let fields: [Field]
    public let primaryKey: String
    /// (field, table it refers to, that table's key field)
    public let foreignKeys: [(field: String, table: String, key: String)]
    /// Whether the key is a counter given as rows are written (event tables) rather than one
    /// derived from the lead, account or rep.
    let countedKey: Bool

    public static let all: [DatasetTable] = [accounts, reps, leads, touchpoints, stageChanges, salesActivities, opportunities, leadTruth]

    /// The tables of a dataset with dirt or without: dirt turns the fields it spoils into text
    /// (a date in three formats is no longer a datetime) and adds the two tables of its truth.
    public static func all(dirty: Bool) -> [DatasetTable] {
        guard dirty else { return all }
        let spoiled: [String: [String: (type: String, note: String)]] = [
            "leads": [
                "created_at": ("string", " Dirty: ISO 8601, or DD.MM.YYYY HH:MM, or M/D/YYYY h:mm AM."),
                "phone": ("string", " Dirty: may be missing."), "job_title": ("string", " Dirty: may be missing."),
                "employees": ("string", " Dirty: may be missing."),
                "first_name": ("string", " Dirty: case and whitespace may be off."), "last_name": ("string", " Dirty: case and whitespace may be off."),
                "email": ("string", " Dirty: may be malformed."),
            ],
            "opportunities": ["amount_eur": ("string", " Dirty: may have a decimal comma.")],
        ]
        return all.map { table in
            guard let fields = spoiled[table.name] else { return table }
            return DatasetTable(
                name: table.name, description: table.description,
                fields: table.fields.map { field in
                    guard let change = fields[field.name] else { return field }
                    return Field(field.name, change.type, field.description + change.note, optional: true)
                },
                primaryKey: table.primaryKey, foreignKeys: table.foreignKeys, countedKey: table.countedKey)
        } + [duplicates, dirtyCells]
    }

    public static let duplicates = DatasetTable(
        name: "duplicates", description: "Truth of the dirty data: every lead row with the cluster of rows that are one person.",
        fields: [
            Field("lead_id", "string", "A row of leads."),
            Field("cluster_id", "string", "The original lead of the person (leads); the same for all of a person's rows."),
            Field("original", "boolean", "Whether the row is the original (false: a duplicate typed in later)."),
        ],
        primaryKey: "lead_id", foreignKeys: [("lead_id", "leads", "lead_id"), ("cluster_id", "leads", "lead_id")], countedKey: false)

    public static let dirtyCells = DatasetTable(
        name: "dirty_cells", description: "Truth of the dirty data: every dirty value with its clean one.",
        fields: [
            Field("cell_id", "integer", "Key: a counter in the order rows are written."),
            Field("table", "string", "The table of the dirty value: leads or opportunities."),
            Field("row_key", "string", "The row's key in that table."),
            Field("field", "string", "The field."),
            Field("kind", "string", "missing, case, whitespace, malformed_email, date_format, typo, umlaut_spelling or decimal_comma."),
            Field("dirty_value", "string", "The value as written; empty when missing.", optional: true),
            Field("clean_value", "string", "The value it stands for."),
        ],
        primaryKey: "cell_id", foreignKeys: [], countedKey: true)

    public static let accounts = DatasetTable(
        name: "accounts", description: "Companies the leads work for; several leads may share one.",
        fields: [
            Field("account_id", "string", "Key: A and the account's number in order of its first lead's creation."),
            Field("name", "string", "Company name."),
            Field("domain", "string", "Web domain, always under the reserved .example top-level domain."),
            Field("industry", "string", "Industry as leadsim's model knows it (software, manufacturing, …)."),
            Field("industry_label", "string", "Industry as a CRM in the account's language shows it."),
            Field("company_size", "string", "Employee band: 1-9, 10-49, 50-249, 250-999, 1000+."),
            Field("employees", "integer", "Employees, within the band."),
            Field("region", "string", "Sales region: dach, uk, france, benelux, nordics, southern_europe, north_america, rest_of_world."),
            Field("country", "string", "ISO 3166-1 alpha-2 country code."),
            Field("city", "string", "City."),
            Field("postcode", "string", "Postcode as the country writes it."),
            Field("phone", "string", "Switchboard number from a range reserved for fiction: it reaches nobody."),
            Field("locale", "string", "Language of names and labels: en or de."),
        ],
        primaryKey: "account_id", foreignKeys: [], countedKey: false)

    public static let reps = DatasetTable(
        name: "reps", description: "The sales reps who work the hand-overs.",
        fields: [
            Field("rep_id", "string", "Key: R and the rep's number."),
            Field("first_name", "string", "First name."),
            Field("last_name", "string", "Last name."),
            Field("email", "string", "E-mail address on the reserved domain example.com."),
        ],
        primaryKey: "rep_id", foreignKeys: [], countedKey: false)

    public static let leads = DatasetTable(
        name: "leads", description: "One row per lead (contact), as a CRM export holds it: what is observable.",
        fields: [
            Field("lead_id", "string", "Key: L and the lead's number in order of creation."),
            Field("account_id", "string", "The lead's company (accounts)."),
            Field("created_at", "datetime", "When the lead entered the funnel (UTC)."),
            Field("first_name", "string", "First name."),
            Field("last_name", "string", "Last name."),
            Field("email", "string", "E-mail address on a reserved domain (*.example, example.com, example.org, example.net)."),
            Field("phone", "string", "Direct number from a range reserved for fiction: it reaches nobody."),
            Field("job_title", "string", "Job title in the account's language."),
            Field("seniority", "string", "individual, manager, director or executive."),
            Field("employees", "integer", "Employees as the lead gave them on the form."),
            Field("channel", "string", "Acquisition channel (lead source)."),
            Field("conversion", "string", "The conversion that created the lead (form, download, badge scan …)."),
            Field("consent", "string", "E-mail consent: none, single_opt_in or double_opt_in."),
            Field("consent_at", "datetime", "When consent was given; empty without consent.", optional: true),
            Field("opt_in_confirmed_at", "datetime", "When a double opt-in was confirmed; empty if not confirmed.", optional: true),
            Field("stage", "string", "Lifecycle stage at the end of the data: lead, mql, sal, sql, opportunity, customer, closed_lost, recycled, rejected, disqualified, unsubscribed, bounced."),
            Field("mql_at", "datetime", "When the lead first became an MQL.", optional: true),
            Field("sql_at", "datetime", "When the lead first became an SQL.", optional: true),
            Field("customer_at", "datetime", "When the lead's deal was won.", optional: true),
        ],
        primaryKey: "lead_id", foreignKeys: [("account_id", "accounts", "account_id")], countedKey: false)

    public static let touchpoints = DatasetTable(
        name: "touchpoints", description: "Marketing touchpoints in time order per lead: e-mails sent, opens, clicks, visits, downloads, forms.",
        fields: [
            Field("touchpoint_id", "integer", "Key: a counter in the order rows are written (by lead, then time)."),
            Field("lead_id", "string", "The lead (leads)."),
            Field("occurred_at", "datetime", "When it happened (UTC); an open or click carries its e-mail's send time and follows it."),
            Field("type", "string", "email_sent, email_open, email_click, web_visit, pricing_visit, content_download, webinar, demo_request, contact_form, chat."),
            Field("points", "number", "Engagement points the scoring model gives it (0 when it scored nothing)."),
            Field("score_after", "number", "The lead's engagement score after it; empty when it did not score.", optional: true),
        ],
        primaryKey: "touchpoint_id", foreignKeys: [("lead_id", "leads", "lead_id")], countedKey: true)

    public static let stageChanges = DatasetTable(
        name: "stage_changes", description: "Every change of lifecycle stage, in time order per lead.",
        fields: [
            Field("stage_change_id", "integer", "Key: a counter in the order rows are written."),
            Field("lead_id", "string", "The lead (leads)."),
            Field("changed_at", "datetime", "When (UTC)."),
            Field("from_stage", "string", "The stage before; empty for the first.", optional: true),
            Field("to_stage", "string", "The new stage (see leads.stage)."),
        ],
        primaryKey: "stage_change_id", foreignKeys: [("lead_id", "leads", "lead_id")], countedKey: true)

    public static let salesActivities = DatasetTable(
        name: "sales_activities", description: "Reps' work on hand-overs: call attempts and meetings, in their working hours.",
        fields: [
            Field("activity_id", "integer", "Key: a counter in the order rows are written."),
            Field("lead_id", "string", "The lead (leads)."),
            Field("rep_id", "string", "The rep (reps)."),
            Field("type", "string", "call, discovery, demo or proposal."),
            Field("attempt", "integer", "The call's number in the cadence; empty for a meeting.", optional: true),
            Field("started_at", "datetime", "When the rep started it (UTC)."),
            Field("duration_minutes", "number", "Rep time it took."),
            Field("outcome", "string", "reached or not_reached for a call, held for a meeting."),
        ],
        primaryKey: "activity_id", foreignKeys: [("lead_id", "leads", "lead_id"), ("rep_id", "reps", "rep_id")], countedKey: true)

    public static let opportunities = DatasetTable(
        name: "opportunities", description: "Deals opened after qualification.",
        fields: [
            Field("opportunity_id", "string", "Key: O, the lead's number and the deal's number for the lead."),
            Field("lead_id", "string", "The lead (leads)."),
            Field("account_id", "string", "The lead's company (accounts)."),
            Field("owner_rep_id", "string", "The rep who owns it (reps)."),
            Field("created_at", "datetime", "When it was opened (UTC)."),
            Field("closed_at", "datetime", "When it was won or lost; empty while open at the end of the data.", optional: true),
            Field("stage", "string", "open, won or lost."),
            Field("amount_eur", "number", "Deal value in euros."),
        ],
        primaryKey: "opportunity_id",
        foreignKeys: [("lead_id", "leads", "lead_id"), ("account_id", "accounts", "account_id"), ("owner_rep_id", "reps", "rep_id")],
        countedKey: false)

    public static let leadTruth = DatasetTable(
        name: "lead_truth", description: "Ground truth the simulation drew and a CRM never sees: for training and scoring models. Keep it apart from the observable tables.",
        fields: [
            Field("lead_id", "string", "The lead (leads)."),
            Field("fit", "number", "Hidden profile fit, 0 to 1."),
            Field("intent", "number", "Hidden baseline buying intent, 0 to 1 (nurturing's lift included)."),
            Field("grade", "string", "Fit grade under the scoring model of the run."),
            Field("buying_window_start", "datetime", "When the buying window opened; empty if it never did in the lead's active life.", optional: true),
            Field("buying_window_end", "datetime", "When it closed.", optional: true),
            Field("bant_budget", "boolean", "Has budget."),
            Field("bant_authority", "boolean", "Has authority."),
            Field("bant_need", "boolean", "Has a need."),
            Field("bant_timeline", "boolean", "Has a timeline."),
            Field("deal_value_eur", "number", "What a deal would be worth."),
            Field("converted", "boolean", "Won a deal in the data."),
            Field("converted_at", "datetime", "When.", optional: true),
            Field("furthest_stage", "string", "The furthest stage reached: lead, mql, sal, sql, opportunity, customer."),
            Field("in_window", "boolean", "Created in the measured window (false: in the warm-up before it, when the business was already running)."),
        ],
        primaryKey: "lead_id", foreignKeys: [("lead_id", "leads", "lead_id")], countedKey: false)
}
