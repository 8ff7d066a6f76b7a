import LeadSimCore

/// Values with weights, drawn by one uniform: the cumulative weights, and each value as it is
/// written in an address (`slug`), are computed once.
struct Weighted: Sendable {
    let values: [String]
    let slugs: [String]
    let cumulative: [Double]

    init(_ pairs: [(String, Double)]) {
        values = pairs.map(\.0)
        slugs = values.map(slug)
        cumulative = cumulativeSums(pairs.map(\.1))
    }

    func pickIndex(_ random: inout RandomStream) -> Int { random.pick(cumulativeWeights: cumulative) }
    func pick(_ random: inout RandomStream) -> String { values[pickIndex(&random)] }
}

/// Lower-case ASCII for addresses: umlauts as ae, oe, ue, ß as ss, other letters without their
/// accents, anything else a hyphen (none leading, trailing or doubled).
func slug(_ text: String) -> String {
    var out = ""
    for scalar in text.lowercased().unicodeScalars {
        switch scalar {
        case "ä": out += "ae"
        case "ö": out += "oe"
        case "ü": out += "ue"
        case "ß": out += "ss"
        case "é", "è", "ê": out += "e"
        case "á", "à", "â", "ã": out += "a"
        case "ı", "í": out += "i"
        case "ó", "ô", "õ": out += "o"
        case "ç": out += "c"
        case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
        default: if !out.isEmpty, out.last != "-" { out += "-" }
        }
    }
    while out.last == "-" { out.removeLast() }
    return out
}

/// The words a locale writes a lead in: person names, job titles, company names and industry
/// labels. Written for the project; the weights follow the rough order of how common each name
/// is in the country (German names after the Gesellschaft für deutsche Sprache's and the
/// Duden's surname lists, English ones after the ONS and US census tables), not exact shares.
/// A class: every lead and account refers to its locale, and a reference copies in one step.
final class LocaleData: Sendable {
    let code: String
    let femaleFirstNames: Weighted
    let maleFirstNames: Weighted
    let lastNames: Weighted
    /// Job titles by seniority (individual, manager, director, executive).
    let titles: [[String]]
    /// The same titles for women where the language tells them apart (German: "Leiterin").
    let feminineTitles: [[String]]?
    /// Company name words by industry (`Industry` order).
    let companyWords: [[String]]
    let legalForms: Weighted
    /// Industry labels as a CRM in this language shows them (`Industry` order).
    let industryLabels: [String]

    init(
        code: String, femaleFirstNames: Weighted, maleFirstNames: Weighted, lastNames: Weighted, titles: [[String]],
        feminineTitles: [[String]]? = nil, companyWords: [[String]], legalForms: Weighted, industryLabels: [String]
    ) {
        self.code = code
        self.femaleFirstNames = femaleFirstNames
        self.maleFirstNames = maleFirstNames
        self.lastNames = lastNames
        self.titles = titles
        self.feminineTitles = feminineTitles
        self.companyWords = companyWords
        self.legalForms = legalForms
        self.industryLabels = industryLabels
    }

    static func named(_ code: String) -> LocaleData? { all.first { $0.code == code } }
    static let all = [english, german]

    static let english = LocaleData(
        code: "en",
        femaleFirstNames: Weighted([
            ("Olivia", 9), ("Emma", 9), ("Sophie", 8), ("Emily", 8), ("Jessica", 7), ("Sarah", 7), ("Charlotte", 6), ("Hannah", 6),
            ("Lucy", 5), ("Grace", 5), ("Amelia", 5), ("Laura", 5), ("Rachel", 4), ("Megan", 4), ("Chloe", 4), ("Rebecca", 4),
            ("Jennifer", 4), ("Elizabeth", 4), ("Mary", 3), ("Patricia", 3), ("Linda", 3), ("Priya", 2), ("Aisha", 2), ("Mei", 1),
            ("Zoe", 2), ("Katherine", 3), ("Natalie", 3), ("Victoria", 3), ("Anna", 3), ("Isabel", 2),
        ]),
        maleFirstNames: Weighted([
            ("James", 10), ("Oliver", 8), ("Jack", 8), ("Harry", 7), ("George", 6), ("Thomas", 7), ("William", 7), ("Daniel", 6),
            ("Michael", 7), ("David", 7), ("John", 6), ("Robert", 5), ("Matthew", 5), ("Christopher", 5), ("Joseph", 4), ("Samuel", 4),
            ("Benjamin", 4), ("Andrew", 4), ("Ryan", 3), ("Connor", 3), ("Liam", 3), ("Noah", 3), ("Ethan", 3), ("Raj", 2),
            ("Mohammed", 3), ("Adam", 3), ("Luke", 3), ("Kevin", 2), ("Brian", 2), ("Patrick", 2),
        ]),
        lastNames: Weighted([
            ("Smith", 20), ("Jones", 14), ("Williams", 12), ("Taylor", 11), ("Brown", 11), ("Davies", 9), ("Evans", 8), ("Wilson", 8),
            ("Thomas", 7), ("Johnson", 9), ("Roberts", 6), ("Robinson", 5), ("Thompson", 6), ("Wright", 6), ("Walker", 6), ("White", 5),
            ("Edwards", 5), ("Hughes", 5), ("Green", 5), ("Hall", 5), ("Lewis", 5), ("Harris", 5), ("Clarke", 5), ("Patel", 5),
            ("Jackson", 4), ("Wood", 4), ("Turner", 4), ("Martin", 4), ("Cooper", 4), ("Hill", 4), ("Ward", 4), ("Morris", 4),
            ("Moore", 4), ("Clark", 4), ("Lee", 4), ("King", 4), ("Baker", 4), ("Harrison", 3), ("Morgan", 3), ("Allen", 3),
            ("Garcia", 4), ("Miller", 5), ("Anderson", 4), ("Murphy", 3), ("O'Brien", 2), ("Kelly", 3), ("Khan", 3), ("Singh", 3),
            ("Nguyen", 2), ("Campbell", 3),
        ]),
        titles: [
            ["Marketing Specialist", "Sales Representative", "Software Engineer", "Data Analyst", "Accountant", "Operations Coordinator",
             "Procurement Specialist", "IT Administrator", "Customer Success Associate", "Business Analyst"],
            ["Marketing Manager", "Sales Manager", "IT Manager", "Finance Manager", "Operations Manager", "Procurement Manager",
             "Product Manager", "Team Lead Customer Success", "Engineering Manager", "HR Manager"],
            ["Director of Marketing", "Head of Sales", "Head of IT", "Director of Finance", "Head of Operations", "Director of Procurement",
             "VP Engineering", "Head of Digital", "VP Sales", "Head of Revenue Operations"],
            ["Chief Executive Officer", "Chief Financial Officer", "Chief Technology Officer", "Chief Marketing Officer",
             "Chief Operating Officer", "Managing Director", "Founder", "Chief Revenue Officer"],
        ],
        companyWords: [
            ["Software", "Systems", "Cloud", "Digital", "Labs", "Data", "Analytics", "Apps"],
            ["Manufacturing", "Engineering", "Industries", "Components", "Precision", "Works", "Tooling", "Machines"],
            ["Capital", "Finance", "Partners", "Investments", "Insurance", "Advisory", "Bank", "Payments"],
            ["Health", "Medical", "Care", "Clinics", "Pharma", "Diagnostics", "Life Sciences", "Wellness"],
            ["Retail", "Stores", "Goods", "Supply", "Trading", "Outlet", "Market", "Brands"],
            ["Academy", "Learning", "Education", "College", "Institute", "Training", "School", "Tutors"],
            ["Council", "Services", "Authority", "Agency", "Trust", "Department", "Board", "Office"],
            ["Group", "Holdings", "Solutions", "Consulting", "Logistics", "Energy", "Media", "Studio"],
        ],
        legalForms: Weighted([("Ltd", 50), ("Limited", 10), ("plc", 5), ("Inc.", 20), ("LLC", 10), ("LLP", 3), ("", 12)]),
        industryLabels: ["Software", "Manufacturing", "Financial Services", "Healthcare", "Retail", "Education", "Public Sector", "Other"])

    static let german = LocaleData(
        code: "de",
        femaleFirstNames: Weighted([
            ("Anna", 8), ("Julia", 8), ("Laura", 7), ("Sarah", 7), ("Lena", 6), ("Katharina", 6), ("Lisa", 7), ("Sabine", 6),
            ("Andrea", 6), ("Stefanie", 5), ("Nicole", 5), ("Claudia", 5), ("Susanne", 5), ("Petra", 4), ("Birgit", 4),
            ("Jana", 4), ("Franziska", 4), ("Johanna", 4), ("Marie", 5), ("Sophie", 4), ("Hannah", 4), ("Lea", 4),
            ("Jülide", 1), ("Özlem", 1), ("Bärbel", 2), ("Käthe", 1), ("Ursula", 3), ("Monika", 4), ("Christine", 4), ("Anja", 4),
        ]),
        maleFirstNames: Weighted([
            ("Thomas", 9), ("Michael", 9), ("Andreas", 8), ("Stefan", 8), ("Christian", 7), ("Markus", 7), ("Alexander", 7),
            ("Daniel", 6), ("Jan", 6), ("Tobias", 5), ("Florian", 5), ("Sebastian", 6), ("Matthias", 5), ("Frank", 5), ("Jürgen", 5),
            ("Uwe", 4), ("Klaus", 4), ("Jörg", 4), ("Björn", 3), ("Lukas", 5), ("Maximilian", 4), ("Felix", 4), ("Jonas", 4),
            ("Paul", 4), ("Günter", 2), ("Mehmet", 2), ("Dieter", 3), ("Ralf", 3), ("Sören", 2), ("Timo", 3),
        ]),
        lastNames: Weighted([
            ("Müller", 25), ("Schmidt", 19), ("Schneider", 12), ("Fischer", 11), ("Weber", 10), ("Meyer", 10), ("Wagner", 9),
            ("Becker", 8), ("Schulz", 8), ("Hoffmann", 8), ("Schäfer", 6), ("Koch", 6), ("Bauer", 6), ("Richter", 6), ("Klein", 6),
            ("Wolf", 5), ("Schröder", 5), ("Neumann", 5), ("Schwarz", 5), ("Zimmermann", 5), ("Braun", 5), ("Krüger", 4),
            ("Hofmann", 4), ("Hartmann", 4), ("Lange", 4), ("Schmitt", 4), ("Werner", 4), ("Schmitz", 4), ("Krause", 4), ("Meier", 4),
            ("Lehmann", 4), ("Schmid", 4), ("Schulze", 3), ("Maier", 3), ("Köhler", 3), ("Herrmann", 3), ("König", 3), ("Walter", 3),
            ("Mayer", 3), ("Huber", 3), ("Kaiser", 3), ("Fuchs", 3), ("Peters", 3), ("Lang", 3), ("Scholz", 3), ("Möller", 3),
            ("Weiß", 3), ("Jung", 3), ("Hahn", 3), ("Vogel", 3), ("Yılmaz", 2), ("Groß", 2), ("Böhm", 2), ("Strauß", 2),
        ]),
        titles: [
            ["Sachbearbeiter Einkauf", "Referent Marketing",
             "Softwareentwickler", "Datenanalyst", "Buchhalter",
             "Vertriebsmitarbeiter", "IT-Administrator",
             "Kundenbetreuer", "Projektassistent", "Controller"],
            ["Marketingleiter", "Vertriebsleiter", "Teamleiter IT",
             "Leiter Finanzen", "Produktmanager", "Einkaufsleiter",
             "Abteilungsleiter Personal", "Teamleiter Kundenservice",
             "Leiter Logistik", "Projektleiter"],
            ["Bereichsleiter Vertrieb", "Leiter Marketing & Kommunikation",
             "Head of IT", "Kaufmännischer Leiter",
             "Bereichsleiter Einkauf", "Leiter Digitalisierung",
             "Direktor Vertrieb", "Werksleiter"],
            ["Geschäftsführer", "Vorstand Finanzen",
             "Vorstandsvorsitzender", "Inhaber", "Gründer",
             "Prokurist", "Technischer Geschäftsführer"],
        ],
        feminineTitles: [
            ["Sachbearbeiterin Einkauf", "Referentin Marketing",
             "Softwareentwicklerin", "Datenanalystin", "Buchhalterin",
             "Vertriebsmitarbeiterin", "IT-Administratorin",
             "Kundenbetreuerin", "Projektassistentin", "Controllerin"],
            ["Marketingleiterin", "Vertriebsleiterin", "Teamleiterin IT",
             "Leiterin Finanzen", "Produktmanagerin", "Einkaufsleiterin",
             "Abteilungsleiterin Personal", "Teamleiterin Kundenservice",
             "Leiterin Logistik", "Projektleiterin"],
            ["Bereichsleiterin Vertrieb", "Leiterin Marketing & Kommunikation",
             "Head of IT", "Kaufmännische Leiterin",
             "Bereichsleiterin Einkauf", "Leiterin Digitalisierung",
             "Direktorin Vertrieb", "Werksleiterin"],
            ["Geschäftsführerin", "Vorständin Finanzen",
             "Vorstandsvorsitzende", "Inhaberin", "Gründerin",
             "Prokuristin", "Technische Geschäftsführerin"],
        ],
        companyWords: [
            ["Software", "Systemhaus", "Digital", "IT-Service", "Datentechnik", "Informatik", "Cloud", "Netzwerke"],
            ["Maschinenbau", "Präzisionsteile", "Metallbau", "Werkzeugbau", "Anlagenbau", "Fertigung", "Stahlwerk", "Antriebstechnik"],
            ["Finanz", "Versicherung", "Vermögensberatung", "Treuhand", "Bankhaus", "Leasing", "Kapital", "Finanzdienst"],
            ["Medizintechnik", "Praxisbedarf", "Pflegedienst", "Klinikservice", "Pharma", "Labordiagnostik", "Gesundheit", "Reha"],
            ["Handel", "Warenhaus", "Versand", "Großhandel", "Einzelhandel", "Märkte", "Handelshaus", "Vertrieb"],
            ["Akademie", "Bildungswerk", "Schule", "Weiterbildung", "Hochschule", "Lernzentrum", "Institut", "Seminare"],
            ["Stadtwerke", "Landratsamt", "Verwaltung", "Zweckverband", "Kommunalservice", "Amt", "Behörde", "Landesbetrieb"],
            ["Gruppe", "Beratung", "Logistik", "Energie", "Medien", "Bau", "Dienstleistungen", "Holding"],
        ],
        legalForms: Weighted([("GmbH", 60), ("AG", 8), ("GmbH & Co. KG", 14), ("KG", 5), ("e.K.", 4), ("UG (haftungsbeschränkt)", 4), ("SE", 1), ("", 4)]),
        industryLabels: ["Software", "Maschinenbau & Fertigung", "Finanzdienstleistungen", "Gesundheitswesen", "Handel", "Bildung",
                         "Öffentlicher Sektor", "Sonstige"])
}
