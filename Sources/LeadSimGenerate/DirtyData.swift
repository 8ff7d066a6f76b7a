import LeadSimCore

/// A lead row's values as text, clean, before dirt is put on them.
struct LeadRecord {
    var leadKey: String
    var accountKey: String
    var createdSeconds: Int
    var createdText: String?
    var first: String
    var last: String
    var email: String
    var phone: String?
    var title: String?
    var seniority: String
    var employees: String?
    var channel: String
    var conversion: String
    var consent: String
    var consentSeconds: Int?
    var confirmedSeconds: Int?
    var stage: String
    var mqlSeconds: Int?
    var sqlSeconds: Int?
    var customerSeconds: Int?
}

/// One dirtied value with the truth beside it.
struct DirtyCell {
    var table: String
    var rowKey: String
    var field: String
    var kind: String
    var dirty: String?
    var clean: String
}

/// Dirt as CRM exports carry it, each kind at `rate`, drawn from streams of its own so that
/// dirt never moves a clean value: duplicates of a lead (typed again later, with typos from the
/// keyboard's neighbours, umlauts and ß spelt out, other case), stray whitespace and case
/// changes, missing fields, malformed e-mail addresses, dates in other formats, decimal commas.
/// Every dirty value is recorded with its clean one (`dirty_cells`) and every lead row with its
/// cluster (`duplicates`), so that a cleaning or dedupe tool can be scored.
struct DirtyData: Sendable {
    let rate: Double
    let seed: UInt64

    enum Field: UInt64 {
        case duplicates = 301, missing, casing, email, dateFormat, decimalComma, duplicateTypo, duplicateDelay
    }

    func stream(_ subject: Int, _ field: Field, _ index: Int = 0) -> RandomStream {
        RandomStream(seed: seed, subject: UInt64(subject), purpose: .dataset, episode: field.rawValue << 8 | UInt64(index))
    }

    /// How many duplicate rows a lead gets: one at `rate`, a second at `rate`².
    func duplicates(of lead: Int) -> Int {
        var random = stream(lead, .duplicates)
        let u = random.uniform()
        return u < rate * rate ? 2 : u < rate ? 1 : 0
    }

    /// Whether a lead's `opportunity`-th deal amount is written with a decimal comma.
    func decimalComma(lead: Int, opportunity: Int) -> Bool {
        var random = stream(lead, .decimalComma, opportunity)
        return random.uniform() < rate
    }

    /// Puts dirt on a lead's own row; returns the cells it changed.
    func dirty(_ record: inout LeadRecord, lead: Int, german: Bool, clock: DatasetClock) -> [DirtyCell] {
        var cells: [DirtyCell] = []
        func note(_ field: String, _ kind: String, _ dirty: String?, _ clean: String) {
            cells.append(DirtyCell(table: "leads", rowKey: record.leadKey, field: field, kind: kind, dirty: dirty, clean: clean))
        }
        var missing = stream(lead, .missing)
        if missing.uniform() < rate, let phone = record.phone { record.phone = nil; note("phone", "missing", nil, phone) }
        if missing.uniform() < rate, let title = record.title { record.title = nil; note("job_title", "missing", nil, title) }
        if missing.uniform() < rate, let employees = record.employees { record.employees = nil; note("employees", "missing", nil, employees) }
        var casing = stream(lead, .casing)
        if casing.uniform() < rate {
            let field = casing.uniform() < 0.5 ? "first_name" : "last_name"
            let clean = field == "first_name" ? record.first : record.last
            let (dirty, kind) = Self.recase(clean, &casing)
            if field == "first_name" { record.first = dirty } else { record.last = dirty }
            note(field, kind, dirty, clean)
        }
        var email = stream(lead, .email)
        if email.uniform() < rate {
            let clean = record.email
            record.email = Self.malformed(clean, &email)
            note("email", "malformed_email", record.email, clean)
        }
        var dates = stream(lead, .dateFormat)
        if dates.uniform() < rate {
            let clean = clock.timestamp(record.createdSeconds)
            record.createdText = Self.otherDateFormat(record.createdSeconds, clock: clock, german: german, &dates)
            note("created_at", "date_format", record.createdText, clean)
        }
        return cells
    }

    /// The `index`-th duplicate of a lead: typed again later under a new key, with a typo in a
    /// name and perhaps another case; nothing happened to it yet.
    func duplicate(
        of original: LeadRecord, lead: Int, index: Int, key: String, german: Bool, clock: DatasetClock
    ) -> (LeadRecord, [DirtyCell]) {
        var copy = original
        copy.leadKey = key
        var delay = stream(lead, .duplicateDelay, index)
        copy.createdSeconds = original.createdSeconds + 3600 + Int(delay.standardExponential() * 14 * 86_400)
        copy.createdText = nil
        copy.stage = "lead"
        copy.mqlSeconds = nil
        copy.sqlSeconds = nil
        copy.customerSeconds = nil
        copy.consentSeconds = original.consentSeconds == nil ? nil : copy.createdSeconds
        copy.confirmedSeconds = nil
        var cells: [DirtyCell] = []
        var typo = stream(lead, .duplicateTypo, index)
        let field = typo.uniform() < 0.5 ? "first_name" : "last_name"
        let clean = field == "first_name" ? original.first : original.last
        let (dirty, kind) = Self.typo(clean, german: german, &typo)
        if field == "first_name" { copy.first = dirty } else { copy.last = dirty }
        if dirty != clean { cells.append(DirtyCell(table: "leads", rowKey: key, field: field, kind: kind, dirty: dirty, clean: clean)) }
        // Sometimes the other name is typed in another case, or with a stray space, too.
        if typo.uniform() < 0.3 {
            let other = field == "first_name" ? "last_name" : "first_name"
            let clean = other == "first_name" ? original.first : original.last
            let (changed, caseKind) = Self.recase(clean, &typo)
            if other == "first_name" { copy.first = changed } else { copy.last = changed }
            cells.append(DirtyCell(table: "leads", rowKey: key, field: other, kind: caseKind, dirty: changed, clean: clean))
        }
        return (copy, cells)
    }

    // MARK: kinds of dirt

    static func recase(_ text: String, _ random: inout RandomStream) -> (String, String) {
        switch Int(random.uniform() * 4) {
        case 0: (text.uppercased(), "case")
        case 1: (text.lowercased(), "case")
        case 2: (" " + text, "whitespace")
        default: (text + "  ", "whitespace")
        }
    }

    /// Keys next to each other on a German (QWERTZ) or an English (QWERTY) keyboard.
    static let qwertz: [Character: String] = neighbours(["qwertzuiopü", "asdfghjklöä", "yxcvbnm"])
    static let qwerty: [Character: String] = neighbours(["qwertyuiop", "asdfghjkl", "zxcvbnm"])

    static func neighbours(_ rows: [String]) -> [Character: String] {
        var map: [Character: String] = [:]
        for row in rows {
            let keys = Array(row)
            for (index, key) in keys.enumerated() {
                map[key] = String([index > 0 ? keys[index - 1] : nil, index + 1 < keys.count ? keys[index + 1] : nil].compactMap { $0 })
            }
        }
        return map
    }

    /// A typo: an umlaut or ß spelt out (Müller → Mueller), else a key's neighbour struck
    /// instead, else two letters swapped.
    static func typo(_ text: String, german: Bool, _ random: inout RandomStream) -> (String, String) {
        let spelt: [(Character, String)] = [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")]
        if let (letter, spelling) = spelt.first(where: { text.contains($0.0) }), random.uniform() < 0.7 {
            return (text.replacingOccurrences(of: String(letter), with: spelling), "umlaut_spelling")
        }
        var letters = Array(text)
        guard letters.count >= 3 else { return (text + text.suffix(1), "typo") }
        let position = 1 + Int(random.uniform() * Double(letters.count - 2))
        if random.uniform() < 0.7 {
            let keyboard = german ? qwertz : qwerty
            let lower = Character(letters[position].lowercased())
            if let near = keyboard[lower], !near.isEmpty {
                letters[position] = Array(near)[Int(random.uniform() * Double(near.count))]
                return (String(letters), "typo")
            }
        }
        letters.swapAt(position, position - 1)
        return (String(letters), String(letters) == text ? "none" : "typo")
    }

    static func malformed(_ email: String, _ random: inout RandomStream) -> String {
        switch Int(random.uniform() * 5) {
        case 0: email.replacingOccurrences(of: "@", with: "@@")
        case 1: email.replacingOccurrences(of: "@", with: "")
        case 2: email.replacingOccurrences(of: ".", with: ",")
        case 3: " " + email.replacingOccurrences(of: "@", with: " @")
        default: email.lastIndex(of: ".").map { String(email[..<$0]) } ?? email  // no top-level domain
        }
    }

    /// The creation time as a German (DD.MM.YYYY HH:MM) or American (M/D/YYYY h:mm AM) export writes it.
    static func otherDateFormat(_ seconds: Int, clock: DatasetClock, german: Bool, _ random: inout RandomStream) -> String {
        let iso = clock.timestamp(seconds)
        let parts = iso.split(whereSeparator: { "-T:Z".contains($0) }).map(String.init)
        let (year, month, day, hour, minute) = (parts[0], parts[1], parts[2], Int(parts[3])!, parts[4])
        if german == (random.uniform() < 0.8) {
            return "\(day).\(month).\(year) \(parts[3]):\(minute)"
        }
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return "\(Int(month)!)/\(Int(day)!)/\(year) \(twelve):\(minute) \(hour < 12 ? "AM" : "PM")"
    }

    /// A euro amount with a decimal comma, as German spreadsheets write it.
    static func decimalComma(_ amount: Double) -> String {
        var bytes: [UInt8] = []
        RowBuilder.appendNumber(amount, digits: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: ".", with: ",")
    }
}
