/// An observable attribute of a lead that fit criteria may test: what a CRM record holds, as
/// opposed to the hidden truth (fit, intent) the simulation draws.
///
/// Attributes are categories coded per lead, so that a criterion compiles into a table of points
/// per category and a run reads one table entry per attribute and lead, whatever the criteria.
public struct LeadAttribute: Sendable {
    public let name: String
    /// The category names, in code order.
    public let values: [String]
    let code: @Sendable (Population, Int) -> Int

    /// The attributes of the synthetic populations.
    public static let all: [LeadAttribute] = [
        LeadAttribute(name: "company_size", values: CompanySize.allCases.map(\.name)) { Int($0.companySize[$1].rawValue) },
        LeadAttribute(name: "seniority", values: Seniority.allCases.map(\.name)) { Int($0.seniority[$1].rawValue) },
        LeadAttribute(name: "industry", values: Industry.allCases.map(\.name)) { Int($0.industry[$1].rawValue) },
        LeadAttribute(name: "region", values: Region.allCases.map(\.name)) { Int($0.region[$1].rawValue) },
        LeadAttribute(name: "channel", values: Channel.allCases.map(\.name)) { Int($0.channel[$1].rawValue) },
        LeadAttribute(name: "conversion", values: ConversionMoment.allCases.map(\.name)) { Int($0.moment[$1].rawValue) },
        LeadAttribute(name: "consent", values: Consent.allCases.map(\.name)) { Int($0.consent[$1].rawValue) },
    ]

    public static func named(_ name: String) -> LeadAttribute? { all.first { $0.name == name } }
}
