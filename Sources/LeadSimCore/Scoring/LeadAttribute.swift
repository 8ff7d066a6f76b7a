/// An observable attribute of a lead that fit criteria may test: what a CRM record holds, as
/// opposed to the hidden truth (fit, intent) the simulation draws.
///
/// Most attributes are categories coded per lead, so that criteria compile into a table of points
/// per category and a run reads one table entry per attribute and lead, whatever the criteria;
/// numbers (employees) are tested against each range criterion.
public struct LeadAttribute: Sendable {
    public let name: String
    /// The category names, in code order; empty for a number.
    public let values: [String]
    let column: Column

    public var isNumber: Bool { values.isEmpty }

    /// Where a lead's category is kept. An enum rather than a closure: the per-lead pass reads
    /// codes without a call or reference counting.
    enum Column: Sendable {
        case companySize, seniority, industry, region, channel, conversion, consent, employees
        /// A free attribute's column (`FreeAttributes`); a missing category is the code after the
        /// last value, a missing number NaN.
        case freeCategory(Int), freeNumber(Int)

        @inline(__always)
        func code(_ population: Population, _ lead: Int) -> Int {
            switch self {
            case .companySize: Int(population.companySize[lead].rawValue)
            case .seniority: Int(population.seniority[lead].rawValue)
            case .industry: Int(population.industry[lead].rawValue)
            case .region: Int(population.region[lead].rawValue)
            case .channel: Int(population.channel[lead].rawValue)
            case .conversion: Int(population.moment[lead].rawValue)
            case .consent: Int(population.consent[lead].rawValue)
            case .freeCategory(let index): Int(population.freeAttributes.codes[index][lead])
            case .employees, .freeNumber: preconditionFailure("a number, not a category")
            }
        }

        @inline(__always)
        func number(_ population: Population, _ lead: Int) -> Double {
            switch self {
            case .employees: Double(population.employees[lead])
            case .freeNumber(let index): population.freeAttributes.numbers[index][lead]
            default: Double(code(population, lead))
            }
        }
    }

    /// The attributes every population has (a population's `attributes` adds its free ones).
    public static let all: [LeadAttribute] = [
        LeadAttribute(name: "company_size", values: CompanySize.allCases.map(\.name), column: .companySize),
        LeadAttribute(name: "seniority", values: Seniority.allCases.map(\.name), column: .seniority),
        LeadAttribute(name: "industry", values: Industry.allCases.map(\.name), column: .industry),
        LeadAttribute(name: "region", values: Region.allCases.map(\.name), column: .region),
        LeadAttribute(name: "channel", values: Channel.allCases.map(\.name), column: .channel),
        LeadAttribute(name: "conversion", values: ConversionMoment.allCases.map(\.name), column: .conversion),
        LeadAttribute(name: "consent", values: Consent.allCases.map(\.name), column: .consent),
        LeadAttribute(name: "employees", values: [], column: .employees),
    ]

    public static func named(_ name: String, in attributes: [LeadAttribute] = all) -> LeadAttribute? {
        attributes.first { $0.name == name }
    }
}
