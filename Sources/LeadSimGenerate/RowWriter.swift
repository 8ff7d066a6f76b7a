import LeadSimCore

/// Lifecycle stages of the dataset, in the order a lead moves forward through them.
enum LifecycleStage: Int, Comparable {
    case lead, mql, sal, sql, opportunity, customer
    case closedLost, recycled, rejected, disqualified, unsubscribed, bounced

    var name: String {
        switch self {
        case .lead: "lead"
        case .mql: "mql"
        case .sal: "sal"
        case .sql: "sql"
        case .opportunity: "opportunity"
        case .customer: "customer"
        case .closedLost: "closed_lost"
        case .recycled: "recycled"
        case .rejected: "rejected"
        case .disqualified: "disqualified"
        case .unsubscribed: "unsubscribed"
        case .bounced: "bounced"
        }
    }

    /// How far forward a stage is: the furthest stage a lead reached counts these only.
    var progress: Int { self.rawValue <= LifecycleStage.customer.rawValue ? self.rawValue : 0 }

    static func < (a: LifecycleStage, b: LifecycleStage) -> Bool { a.rawValue < b.rawValue }

    /// The stage an event moves a lead to, if it moves it.
    init?(_ kind: LeadEvent.Kind) {
        switch kind {
        case .created: self = .lead
        case .mql, .handRaised: self = .mql
        case .accepted: self = .sal
        case .sql: self = .sql
        case .opportunity: self = .opportunity
        case .won: self = .customer
        case .lost: self = .closedLost
        case .recycled: self = .recycled
        case .burned: self = .rejected
        case .disqualified: self = .disqualified
        case .unsubscribed: self = .unsubscribed
        case .bounced: self = .bounced
        default: return nil
        }
    }
}

/// Builds the rows of a chunk of leads: their accounts (where a chunk holds an account's first
/// lead), the lead rows, their events as touchpoints, stage changes, sales activities and
/// opportunities, and the ground truth. A value shared by all threads; each chunk builds into
/// its own buffers.
struct RowWriter: Sendable {
    let population: Population
    let journeys: any LeadJourneys
    let plan: DatasetPlan
    let clock: DatasetClock
    let seed: UInt64
    let format: DatasetFormat
    /// The rank of each lead number, for keys.
    let rankOf: [Int32]
    /// The first rank of each account, to tell where an account's row is written.
    let accountFirstRank: [Int32]
    /// Company words as addresses write them, by locale (en, de) and industry.
    let wordSlugs: [[[String]]] = [LocaleData.english, LocaleData.german].map { $0.companyWords.map { $0.map(slug) } }
    /// What each account's leads need of it, worked out once (in parallel) rather than per lead.
    var accounts: [Account] = []
    let dirt: DirtyData?
    /// Duplicate rows before each rank: duplicates take the keys after the last lead's, in order.
    let duplicateStart: [Int32]

    init(
        population: Population, journeys: any LeadJourneys, plan: DatasetPlan, clock: DatasetClock, seed: UInt64, format: DatasetFormat,
        dirtyRate: Double, threads: Int
    ) {
        let dirt = dirtyRate > 0 ? DirtyData(rate: dirtyRate, seed: seed) : nil
        self.dirt = dirt
        var duplicateStart = [Int32](repeating: 0, count: population.count)
        if let dirt {
            var total: Int32 = 0
            for rank in 0..<population.count {
                duplicateStart[rank] = total
                total += Int32(dirt.duplicates(of: Int(plan.order[rank])))
            }
        }
        self.duplicateStart = duplicateStart
        self.population = population
        self.journeys = journeys
        self.plan = plan
        self.clock = clock
        self.seed = seed
        self.format = format
        var rankOf = [Int32](repeating: 0, count: population.count)
        for (rank, lead) in plan.order.enumerated() { rankOf[Int(lead)] = Int32(rank) }
        self.rankOf = rankOf
        var firstRank = [Int32](repeating: -1, count: plan.accountFirstLead.count)
        for (account, lead) in plan.accountFirstLead.enumerated() { firstRank[account] = rankOf[Int(lead)] }
        accountFirstRank = firstRank
        let count = plan.accountFirstLead.count
        let writer = self
        accounts = [Account](unsafeUninitializedCapacity: count) { buffer, initialized in
            let out = DisjointWrites(buffer.baseAddress!)
            ParallelChunks.forEach(count: count, chunkSize: 8192, threads: threads) { _, range in
                for index in range { (out.base + index).initialize(to: writer.account(index)) }
            }
            initialized = count
        }
    }

    func stream(_ subject: Int, _ field: DatasetField) -> RandomStream {
        RandomStream(seed: seed, subject: UInt64(subject), purpose: .dataset, episode: field.rawValue)
    }

    // MARK: keys

    static func key(_ prefix: UInt8, _ number: Int, width: Int, to bytes: inout [UInt8]) {
        bytes.append(prefix)
        RowBuilder.appendPadded(number, width: width, to: &bytes)
    }

    func leadKey(rank: Int) -> String { "L" + padded(rank + 1, 7) }
    func accountKey(_ account: Int) -> String { "A" + padded(account + 1, 6) }
    func repKey(_ rep: Int) -> String { "R" + padded(rep + 1, 3) }

    private func padded(_ value: Int, _ width: Int) -> String {
        var bytes: [UInt8] = []
        RowBuilder.appendPadded(value, width: max(width, String(value).count), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: people and companies

    struct Person {
        var first: String
        var last: String
        /// The names as addresses write them.
        var firstSlug: String
        var lastSlug: String
        var female: Bool
    }

    func person(lead: Int, locale: LocaleData) -> Person {
        var gender = stream(lead, .gender)
        var firstStream = stream(lead, .firstName)
        var lastStream = stream(lead, .lastName)
        let female = gender.uniform() < 0.5
        let names = female ? locale.femaleFirstNames : locale.maleFirstNames
        let first = names.pickIndex(&firstStream)
        let last = locale.lastNames.pickIndex(&lastStream)
        return Person(
            first: names.values[first], last: locale.lastNames.values[last], firstSlug: names.slugs[first],
            lastSlug: locale.lastNames.slugs[last], female: female)
    }

    /// An account as its leads need it (language, domain, address pattern), and with `full` its
    /// name, place and number for its own row. Every part comes from the account's own streams.
    struct Account {
        var locale: LocaleData
        var domain: String
        var emailPattern: Int
        var name = ""
        var place: Place? = nil
        var postcode = ""
        var phone = ""
    }

    func account(_ index: Int, full: Bool = false) -> Account {
        let lead = Int(plan.accountFirstLead[index])
        let region = population.region[lead]
        let industry = Int(population.industry[lead].rawValue)
        let locale = plan.locale(region: region)
        let words = wordSlugs[locale.code == "de" ? 1 : 0][industry]
        var naming = stream(index, .accountName)
        let word = Int(naming.uniform() * Double(words.count))
        let founder = locale.lastNames.pickIndex(&naming)
        let partner = locale.lastNames.pickIndex(&naming)
        let form = locale.legalForms.pick(&naming)
        var placing = stream(index, .accountPlace)
        let placeIndex = placing.pick(cumulativeWeights: Places.cumulativeWeights[Int(region.rawValue)])
        let style = naming.uniform()
        let slugs = locale.lastNames.slugs
        let base: [String] =
            style < 0.5 ? [slugs[founder], words[word]]
            : style < 0.7 ? [slugs[founder], slugs[partner]]
            : style < 0.85 ? [words[word], Places.citySlugs[Int(region.rawValue)][placeIndex]]
            : [slugs[founder]]
        // A short suffix from the account's number keeps domains (and so e-mail addresses) unique
        // between companies of the same name.
        let domain = base.joined(separator: "-") + "-" + String(index + 1, radix: 36) + ".example"
        var patterns = stream(index, .accountEmailPattern)
        var account = Account(locale: locale, domain: domain, emailPattern: Int(patterns.uniform() * 4))
        guard full else { return account }
        let names = locale.lastNames.values
        let wordText = locale.companyWords[industry][word]
        let place = Places.of(region)[placeIndex]
        let named =
            style < 0.5 ? "\(names[founder]) \(wordText)"
            : style < 0.7 ? "\(names[founder]) & \(names[partner])"
            : style < 0.85 ? "\(wordText) \(place.city.split(separator: ",")[0])"
            : names[founder]
        account.name = form.isEmpty ? named : "\(named) \(form)"
        account.place = place
        account.postcode = place.postcode.draw(&placing)
        var phoning = stream(index, .accountPhone)
        account.phone = Places.phone(region: region, &phoning)
        return account
    }

    /// The lead's e-mail address in its company's pattern; a colleague whose address would be
    /// the same gets a number. People at the smallest companies often use a private address,
    /// which carries the lead's number so that no two people share one.
    func email(person: Person, lead: Int, rank: Int, account: Account) -> String {
        var freemail = stream(lead, .freemail)
        if population.companySize[lead] == .micro, freemail.uniform() < 0.5 {
            let domains = ["example.com", "example.org", "example.net"]
            return "\(localPart(person, pattern: 0)).\(rank + 1)@\(domains[Int(freemail.uniform() * 3)])"
        }
        let local = localPart(person, pattern: account.emailPattern)
        var taken = 0
        var earlier = Int(plan.previousInAccount[rank])
        while earlier >= 0 {
            let colleague = self.person(lead: Int(plan.order[earlier]), locale: account.locale)
            if localPart(colleague, pattern: account.emailPattern) == local { taken += 1 }
            earlier = Int(plan.previousInAccount[earlier])
        }
        return local + (taken > 0 ? String(taken + 1) : "") + "@" + account.domain
    }

    /// first.last, f.last or flast.
    func localPart(_ person: Person, pattern: Int) -> String {
        switch pattern {
        case 0, 1: person.firstSlug + "." + person.lastSlug
        case 2: String(person.firstSlug.prefix(1)) + "." + person.lastSlug
        default: String(person.firstSlug.prefix(1)) + person.lastSlug
        }
    }

    // MARK: rows

    func reps(into rows: inout RowBuilder, count: Int) {
        let locale = plan.locales[0]
        for rep in 0..<count {
            var gender = stream(rep, .repName)
            let names = gender.uniform() < 0.5 ? locale.femaleFirstNames : locale.maleFirstNames
            let first = names.pick(&gender)
            let last = locale.lastNames.pick(&gender)
            rows.beginRow()
            rows.text("rep_id", repKey(rep))
            rows.text("first_name", first)
            rows.text("last_name", last)
            rows.text("email", "\(slug(first)).\(slug(last))\(rep + 1)@example.com")
            rows.endRow()
        }
    }

    func rows(ranks: Range<Int>) -> ChunkRows {
        var accounts = RowBuilder(format: format)
        var leads = RowBuilder(format: format)
        var touchpoints = RowBuilder(format: format)
        var stages = RowBuilder(format: format)
        var activities = RowBuilder(format: format)
        var opportunities = RowBuilder(format: format)
        var truth = RowBuilder(format: format)
        var dirtyCells = RowBuilder(format: format)
        var clusters = RowBuilder(format: format)
        var events: [LeadEvent] = []
        var scratch = JourneyScratch()
        let touchpointTypes = journeys.touchpointNames.map(InlineText.init)
        let (emailSent, stageNames) = (Self.emailSent, Self.stageNames)
        for rank in ranks {
            let lead = Int(plan.order[rank])
            let accountIndex = Int(plan.accountOfRank[rank])
            let account = self.accounts[accountIndex]
            if accountFirstRank[accountIndex] == Int32(rank) {
                accountRow(accountIndex, self.account(accountIndex, full: true), lead: lead, into: &accounts)
            }
            journeys.events(of: lead, into: &events, scratch: &scratch)
            let leadKeyText = leadKey(rank: rank)
            let leadKey = InlineText(leadKeyText)
            let facts = journeys.facts(of: lead)

            var stage = LifecycleStage.lead
            var furthest = LifecycleStage.lead
            var mqlAt: Int?, sqlAt: Int?, customerAt: Int?
            var firstStage = true
            var opportunityNumber = 0
            for (index, event) in events.enumerated() {
                let seconds = clock.seconds(hours: event.hours)
                switch event.kind {
                case .emailSent, .touchpoint:
                    touchpoints.beginRow(counted: true)
                    touchpoints.plain("lead_id", leadKey)
                    touchpoints.time("occurred_at", seconds, clock: clock)
                    touchpoints.plain("type", event.kind == .emailSent ? emailSent : touchpointTypes[Int(event.detail)])
                    touchpoints.number("points", Double(event.value))
                    touchpoints.number("score_after", event.score.isNaN ? nil : Double(event.score))
                    touchpoints.endRow()
                case .handRaised:
                    // The hand-raise is itself a touchpoint (the form) as well as a stage change.
                    touchpoints.beginRow(counted: true)
                    touchpoints.plain("lead_id", leadKey)
                    touchpoints.time("occurred_at", seconds, clock: clock)
                    touchpoints.plain("type", touchpointTypes[Int(event.detail)])
                    touchpoints.number("points", 0)
                    touchpoints.number("score_after", nil)
                    touchpoints.endRow()
                case .contactAttempt, .meeting:
                    activities.beginRow(counted: true)
                    activities.plain("lead_id", leadKey)
                    activities.text("rep_id", repKey(Int(event.rep)))
                    activities.text("type", event.kind == .contactAttempt ? "call" : ["", "discovery", "demo", "proposal"][Int(event.detail)])
                    activities.integer("attempt", event.kind == .contactAttempt ? Int(event.detail) : nil)
                    activities.time("started_at", seconds, clock: clock)
                    activities.number("duration_minutes", (journeys.repHours(for: event) ?? 0) * 60)
                    activities.text(
                        "outcome", event.kind == .meeting ? "held" : event.value == 1 ? "reached" : "not_reached")
                    activities.endRow()
                case .opportunity:
                    let close = events[(index + 1)...].first { $0.kind == .won || $0.kind == .lost }
                    opportunityNumber += 1
                    // The lead's number and the deal's: unique, and known without counting other leads' deals.
                    let opportunityKey = "O" + leadKeyText.dropFirst() + "-\(opportunityNumber)"
                    opportunities.beginRow()
                    opportunities.text("opportunity_id", opportunityKey)
                    opportunities.plain("lead_id", leadKey)
                    opportunities.text("account_id", accountKey(accountIndex))
                    opportunities.text("owner_rep_id", repKey(Int(event.rep)))
                    opportunities.time("created_at", seconds, clock: clock)
                    opportunities.time("closed_at", close.map { clock.seconds(hours: $0.hours) }, clock: clock)
                    opportunities.text("stage", close.map { $0.kind == .won ? "won" : "lost" } ?? "open")
                    if let dirt, dirt.decimalComma(lead: lead, opportunity: opportunityNumber) {
                        let comma = DirtyData.decimalComma(Double(event.value))
                        opportunities.text("amount_eur", comma)
                        var clean: [UInt8] = []
                        RowBuilder.appendNumber(Double(event.value), digits: 2, to: &clean)
                        writeCells(
                            [DirtyCell(table: "opportunities", rowKey: opportunityKey, field: "amount_eur", kind: "decimal_comma", dirty: comma,
                                       clean: String(decoding: clean, as: UTF8.self))],
                            into: &dirtyCells)
                    } else {
                        opportunities.number("amount_eur", Double(event.value))
                    }
                    opportunities.endRow()
                default:
                    break
                }
                guard let next = LifecycleStage(event.kind) else { continue }
                if next == .mql, mqlAt == nil { mqlAt = seconds }
                if next == .sql, sqlAt == nil { sqlAt = seconds }
                if next == .customer { customerAt = seconds }
                if next.progress > furthest.progress { furthest = next }
                if !firstStage && next == stage { continue }
                stages.beginRow(counted: true)
                stages.plain("lead_id", leadKey)
                stages.time("changed_at", seconds, clock: clock)
                if firstStage { stages.text("from_stage", nil) } else { stages.plain("from_stage", stageNames[stage.rawValue]) }
                stages.plain("to_stage", stageNames[next.rawValue])
                stages.endRow()
                stage = next
                firstStage = false
            }

            let person = person(lead: lead, locale: account.locale)
            let created = clock.seconds(hours: Double(population.createdHours[lead]))
            let consent = population.consent[lead]
            var delay = stream(lead, .optInDelay)
            // Confirmations come in minutes to hours, always before the first nurture e-mail (a day).
            let confirmed = facts.optInConfirmed ? created + 60 + Int(delay.standardExponential() * 5400) % (20 * 3600) : nil
            var phoning = stream(lead, .phone)
            var titles = stream(lead, .jobTitle)
            let seniority = population.seniority[lead]
            let titleList = ((person.female ? account.locale.feminineTitles : nil) ?? account.locale.titles)[Int(seniority.rawValue)]
            var record = LeadRecord(
                leadKey: leadKeyText, accountKey: accountKey(accountIndex), createdSeconds: created,
                first: person.first, last: person.last, email: email(person: person, lead: lead, rank: rank, account: account),
                phone: Places.phone(region: population.region[lead], &phoning),
                title: titleList[Int(titles.uniform() * Double(titleList.count))], seniority: seniority.name,
                employees: String(population.employees[lead]), channel: population.channel[lead].name,
                conversion: population.moment[lead].name, consent: consent.name, consentSeconds: consent == .none ? nil : created,
                confirmedSeconds: confirmed, stage: stage.name, mqlSeconds: mqlAt, sqlSeconds: sqlAt, customerSeconds: customerAt)
            if let dirt {
                let german = account.locale.code == "de"
                var copies: [LeadRecord] = []
                for index in 0..<dirt.duplicates(of: lead) {
                    let key = self.leadKey(rank: population.count + Int(duplicateStart[rank]) + index)
                    let (copy, cells) = dirt.duplicate(of: record, lead: lead, index: index, key: key, german: german, clock: clock)
                    copies.append(copy)
                    writeCells(cells, into: &dirtyCells)
                    clusterRow(key, cluster: record.leadKey, original: false, into: &clusters)
                }
                clusterRow(record.leadKey, cluster: record.leadKey, original: true, into: &clusters)
                writeCells(dirt.dirty(&record, lead: lead, german: german, clock: clock), into: &dirtyCells)
                leadRow(record, into: &leads)
                for copy in copies { leadRow(copy, into: &leads) }
            } else {
                leadRow(record, into: &leads)
            }

            let bant = population.bant[lead]
            truth.beginRow()
            truth.plain("lead_id", leadKey)
            truth.number("fit", Double(population.fit[lead]), digits: 4)
            truth.number("intent", Double(population.intent[lead]), digits: 4)
            truth.text("grade", facts.grade)
            truth.time("buying_window_start", facts.buyingWindow.map { clock.seconds(hours: $0.lowerBound) }, clock: clock)
            truth.time("buying_window_end", facts.buyingWindow.map { clock.seconds(hours: $0.upperBound) }, clock: clock)
            truth.flag("bant_budget", bant.contains(.budget))
            truth.flag("bant_authority", bant.contains(.authority))
            truth.flag("bant_need", bant.contains(.need))
            truth.flag("bant_timeline", bant.contains(.timeline))
            truth.number("deal_value_eur", Double(population.dealValue[lead]))
            truth.flag("converted", customerAt != nil)
            truth.time("converted_at", customerAt, clock: clock)
            truth.text("furthest_stage", furthest.name)
            truth.flag("in_window", Double(population.createdHours[lead]) >= population.windowStartHours)
            truth.endRow()
        }
        return ChunkRows(tables: [
            (.accounts, accounts), (.leads, leads), (.touchpoints, touchpoints), (.stageChanges, stages),
            (.salesActivities, activities), (.opportunities, opportunities), (.leadTruth, truth),
        ] + (dirt == nil ? [] : [(.duplicates, clusters), (.dirtyCells, dirtyCells)]))
    }

    func leadRow(_ record: LeadRecord, into leads: inout RowBuilder) {
        leads.beginRow()
        leads.text("lead_id", record.leadKey)
        leads.text("account_id", record.accountKey)
        if let text = record.createdText { leads.text("created_at", text) } else { leads.time("created_at", record.createdSeconds, clock: clock) }
        leads.text("first_name", record.first)
        leads.text("last_name", record.last)
        leads.text("email", record.email)
        leads.text("phone", record.phone)
        leads.text("job_title", record.title)
        leads.text("seniority", record.seniority)
        if dirt == nil { leads.integer("employees", Int(record.employees!)) } else { leads.text("employees", record.employees) }
        leads.text("channel", record.channel)
        leads.text("conversion", record.conversion)
        leads.text("consent", record.consent)
        leads.time("consent_at", record.consentSeconds, clock: clock)
        leads.time("opt_in_confirmed_at", record.confirmedSeconds, clock: clock)
        leads.text("stage", record.stage)
        leads.time("mql_at", record.mqlSeconds, clock: clock)
        leads.time("sql_at", record.sqlSeconds, clock: clock)
        leads.time("customer_at", record.customerSeconds, clock: clock)
        leads.endRow()
    }

    func writeCells(_ cells: [DirtyCell], into rows: inout RowBuilder) {
        for cell in cells {
            rows.beginRow(counted: true)
            rows.text("table", cell.table)
            rows.text("row_key", cell.rowKey)
            rows.text("field", cell.field)
            rows.text("kind", cell.kind)
            rows.text("dirty_value", cell.dirty)
            rows.text("clean_value", cell.clean)
            rows.endRow()
        }
    }

    func clusterRow(_ key: String, cluster: String, original: Bool, into rows: inout RowBuilder) {
        rows.beginRow()
        rows.text("lead_id", key)
        rows.text("cluster_id", cluster)
        rows.flag("original", original)
        rows.endRow()
    }

    static let emailSent = InlineText("email_sent")
    static let stageNames = (0...LifecycleStage.bounced.rawValue).map { InlineText(LifecycleStage(rawValue: $0)!.name) }

    private func accountRow(_ index: Int, _ account: Account, lead: Int, into rows: inout RowBuilder) {
        let industry = population.industry[lead]
        rows.beginRow()
        rows.text("account_id", accountKey(index))
        rows.text("name", account.name)
        rows.text("domain", account.domain)
        rows.text("industry", industry.name)
        rows.text("industry_label", account.locale.industryLabels[Int(industry.rawValue)])
        rows.text("company_size", population.companySize[lead].name)
        rows.integer("employees", Int(population.employees[lead]))
        rows.text("region", population.region[lead].name)
        rows.text("country", account.place!.country)
        rows.text("city", account.place!.city)
        rows.text("postcode", account.postcode)
        rows.text("phone", account.phone)
        rows.text("locale", account.locale.code)
        rows.endRow()
    }
}
