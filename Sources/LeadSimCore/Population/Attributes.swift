/// The acquisition channel that brought a lead in.
public enum Channel: UInt8, CaseIterable, Sendable {
    case organicSearch, paidSearch, social, referral, newsletter, webinar, tradeShow, partner, outbound

    public var name: String {
        switch self {
        case .organicSearch: "organic_search"
        case .paidSearch: "paid_search"
        case .social: "social"
        case .referral: "referral"
        case .newsletter: "newsletter"
        case .webinar: "webinar"
        case .tradeShow: "trade_show"
        case .partner: "partner"
        case .outbound: "outbound"
        }
    }
}

/// The conversion moment that created the lead.
public enum ConversionMoment: UInt8, CaseIterable, Sendable {
    case newsletterSignup, whitepaperDownload, webinarRegistration, contactForm, demoRequest, badgeScan

    public var name: String {
        switch self {
        case .newsletterSignup: "newsletter_signup"
        case .whitepaperDownload: "whitepaper_download"
        case .webinarRegistration: "webinar_registration"
        case .contactForm: "contact_form"
        case .demoRequest: "demo_request"
        case .badgeScan: "badge_scan"
        }
    }

    /// Hand-raisers asked for sales themselves.
    public var isHandRaiser: Bool { self == .demoRequest || self == .contactForm }
}

public enum Industry: UInt8, CaseIterable, Sendable {
    case software, manufacturing, finance, healthcare, retail, education, publicSector, other

    public var name: String {
        switch self {
        case .software: "software"
        case .manufacturing: "manufacturing"
        case .finance: "finance"
        case .healthcare: "healthcare"
        case .retail: "retail"
        case .education: "education"
        case .publicSector: "public_sector"
        case .other: "other"
        }
    }
}

/// Company-size band by employees.
public enum CompanySize: UInt8, CaseIterable, Sendable {
    case micro, small, medium, large, enterprise

    /// The band's employees, first and last; the largest band is drawn up to 100,000.
    public var employees: ClosedRange<Double> {
        switch self {
        case .micro: 1...9
        case .small: 10...49
        case .medium: 50...249
        case .large: 250...999
        case .enterprise: 1000...100_000
        }
    }

    /// The band in a parameter's name (`deal.small.median`), where "10-49" would not read as one word.
    public var parameterName: String { "\(self)" }

    public var name: String {
        switch self {
        case .micro: "1-9"
        case .small: "10-49"
        case .medium: "50-249"
        case .large: "250-999"
        case .enterprise: "1000+"
        }
    }
}

public enum Region: UInt8, CaseIterable, Sendable {
    case dach, uk, france, benelux, nordics, southernEurope, northAmerica, restOfWorld

    public var name: String {
        switch self {
        case .dach: "dach"
        case .uk: "uk"
        case .france: "france"
        case .benelux: "benelux"
        case .nordics: "nordics"
        case .southernEurope: "southern_europe"
        case .northAmerica: "north_america"
        case .restOfWorld: "rest_of_world"
        }
    }
}

public enum Seniority: UInt8, CaseIterable, Sendable {
    case individual, manager, director, executive

    public var name: String {
        switch self {
        case .individual: "individual"
        case .manager: "manager"
        case .director: "director"
        case .executive: "executive"
        }
    }
}

/// E-mail consent. Only leads with consent may be e-mailed; a double opt-in is confirmed.
public enum Consent: UInt8, CaseIterable, Sendable {
    case none, singleOptIn, doubleOptIn

    public var name: String {
        switch self {
        case .none: "none"
        case .singleOptIn: "single_opt_in"
        case .doubleOptIn: "double_opt_in"
        }
    }
}
