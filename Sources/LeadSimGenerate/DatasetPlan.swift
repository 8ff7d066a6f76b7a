import LeadSimCore

/// The fields of a dataset that draw their own random streams (`RandomPurpose.dataset`, the
/// field as the stream's episode). A field added later gets a new number, so the others keep
/// their draws.
enum DatasetField: UInt64 {
    case gender = 1, firstName, lastName, emailPattern, phone, jobTitle, optInDelay, freemail
    case accountName = 101, accountPlace, accountPhone, accountSize, accountEmailPattern
    case repName = 201
}

/// Who is who in a dataset: leads in order of creation (their keys), and the accounts they
/// belong to. Leads of one account share its industry, size band and region; larger companies
/// bring more leads. Sequential and cheap (a few bytes a lead), done before the rows are written
/// in parallel.
struct DatasetPlan: Sendable {
    /// Lead numbers in order of creation: `order[rank]` is the lead whose key is `rank + 1`.
    let order: [Int32]
    /// The account of each rank.
    let accountOfRank: [Int32]
    /// The earlier lead (by rank) of the same account, -1 for its first: colleagues' names are
    /// checked against it so that no two people of an account share an e-mail address.
    let previousInAccount: [Int32]
    /// Each account's first lead (its attributes are the account's).
    let accountFirstLead: [Int32]
    let locales: [LocaleData]

    init(population: Population, seed: UInt64, locales: [LocaleData]) {
        let count = population.count
        var order = (0..<count).map(Int32.init)
        let created = population.createdHours
        order.sort { created[Int($0)] != created[Int($1)] ? created[Int($0)] < created[Int($1)] : $0 < $1 }
        var accountOfRank = [Int32](repeating: 0, count: count)
        var previous = [Int32](repeating: -1, count: count)
        var firstLead: [Int32] = []
        // One open account per (industry, size band, region) with the leads it still takes.
        let classes = Industry.allCases.count * CompanySize.allCases.count * Region.allCases.count
        var open = [(account: Int32, remaining: Int, lastRank: Int32)](repeating: (-1, 0, -1), count: classes)
        for rank in 0..<count {
            let lead = Int(order[rank])
            let size = population.companySize[lead]
            let key = (Int(population.industry[lead].rawValue) * CompanySize.allCases.count + Int(size.rawValue))
                * Region.allCases.count + Int(population.region[lead].rawValue)
            if open[key].remaining == 0 {
                let account = Int32(firstLead.count)
                firstLead.append(Int32(lead))
                var random = RandomStream(seed: seed, subject: UInt64(account), purpose: .dataset, episode: DatasetField.accountSize.rawValue)
                open[key] = (account, Self.leadsPerAccount(size, &random), -1)
            }
            accountOfRank[rank] = open[key].account
            previous[rank] = open[key].lastRank
            open[key].remaining -= 1
            open[key].lastRank = Int32(rank)
        }
        self.order = order
        self.accountOfRank = accountOfRank
        previousInAccount = previous
        accountFirstLead = firstLead
        self.locales = locales
    }

    /// Leads an account brings over its life: one person at a micro company, a buying group at
    /// an enterprise (a geometric draw around the band's mean).
    static func leadsPerAccount(_ size: CompanySize, _ random: inout RandomStream) -> Int {
        let mean: Double = switch size {
        case .micro: 1.1
        case .small: 1.5
        case .medium: 2.2
        case .large: 3.5
        case .enterprise: 6
        }
        var leads = 1
        let more = 1 - 1 / mean
        while leads < 50 && random.uniform() < more { leads += 1 }
        return leads
    }

    /// The language of an account: German for DACH when German is asked for, English elsewhere
    /// when English is; otherwise the one language asked for.
    func locale(region: Region) -> LocaleData {
        if locales.count == 1 { return locales[0] }
        let wanted = region == .dach ? "de" : "en"
        return locales.first { $0.code == wanted } ?? locales[0]
    }
}
