import LeadSimCore

/// A city where accounts sit, with its country, a rough weight (larger cities hold more
/// companies) and how its postcodes are written.
struct Place: Sendable {
    let city: String
    let country: String
    let weight: Double
    let postcode: PostcodeRule
}

/// How a place's postcodes look: a number in the city's range, or a pattern where `#` is a digit
/// and `@` a capital letter.
enum PostcodeRule: Sendable {
    case range(ClosedRange<Int>, digits: Int)
    case pattern([String])

    func draw(_ random: inout RandomStream) -> String {
        switch self {
        case .range(let range, let digits):
            let value = range.lowerBound + Int(random.uniform() * Double(range.count))
            let text = String(value)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        case .pattern(let patterns):
            let pattern = patterns[Int(random.uniform() * Double(patterns.count))]
            // Letters a UK inward code never uses are left out for every pattern.
            let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
            return String(pattern.map { character -> Character in
                switch character {
                case "#": Character(String(Int(random.uniform() * 10)))
                case "@": letters[Int(random.uniform() * Double(letters.count))]
                default: character
                }
            })
        }
    }
}

/// Places by region, and telephone numbers that reach nobody: the ranges regulators keep for
/// films and books. Germany: Bundesnetzagentur, Amtsblatt 7/2021, Mitteilung 148/2021 (Berlin
/// 030 23125 000–999, Frankfurt 069 90009, Hamburg 040 66969, Köln 0221 4710, München 089 99998).
/// United Kingdom: Ofcom's drama numbers (London 020 7946 0000–0999, the 0113–0161 496 0000–0999
/// blocks, mobile 07700 900000–900999). North America: NANPA's 555-0100 to 555-0199.
enum Places {
    static func of(_ region: Region) -> [Place] {
        switch region {
        case .dach: dach
        case .uk: uk
        case .france: france
        case .benelux: benelux
        case .nordics: nordics
        case .southernEurope: southernEurope
        case .northAmerica: northAmerica
        case .restOfWorld: restOfWorld
        }
    }

    static let dach = [
        Place(city: "Berlin", country: "DE", weight: 37, postcode: .range(10115...14199, digits: 5)),
        Place(city: "Hamburg", country: "DE", weight: 18, postcode: .range(20095...22769, digits: 5)),
        Place(city: "München", country: "DE", weight: 15, postcode: .range(80331...81929, digits: 5)),
        Place(city: "Köln", country: "DE", weight: 11, postcode: .range(50667...51149, digits: 5)),
        Place(city: "Frankfurt am Main", country: "DE", weight: 8, postcode: .range(60306...60599, digits: 5)),
        Place(city: "Stuttgart", country: "DE", weight: 6, postcode: .range(70173...70629, digits: 5)),
        Place(city: "Düsseldorf", country: "DE", weight: 6, postcode: .range(40210...40629, digits: 5)),
        Place(city: "Leipzig", country: "DE", weight: 6, postcode: .range(4103...4357, digits: 5)),
        Place(city: "Dortmund", country: "DE", weight: 6, postcode: .range(44135...44388, digits: 5)),
        Place(city: "Essen", country: "DE", weight: 6, postcode: .range(45127...45359, digits: 5)),
        Place(city: "Bremen", country: "DE", weight: 6, postcode: .range(28195...28779, digits: 5)),
        Place(city: "Dresden", country: "DE", weight: 6, postcode: .range(1067...1328, digits: 5)),
        Place(city: "Hannover", country: "DE", weight: 5, postcode: .range(30159...30669, digits: 5)),
        Place(city: "Nürnberg", country: "DE", weight: 5, postcode: .range(90402...90491, digits: 5)),
        Place(city: "Mönchengladbach", country: "DE", weight: 3, postcode: .range(41061...41239, digits: 5)),
        Place(city: "Würzburg", country: "DE", weight: 1.3, postcode: .range(97070...97084, digits: 5)),
        Place(city: "Göttingen", country: "DE", weight: 1.2, postcode: .range(37073...37085, digits: 5)),
        Place(city: "Saarbrücken", country: "DE", weight: 1.8, postcode: .range(66111...66133, digits: 5)),
        Place(city: "Wien", country: "AT", weight: 19, postcode: .range(1010...1230, digits: 4)),
        Place(city: "Graz", country: "AT", weight: 3, postcode: .range(8010...8063, digits: 4)),
        Place(city: "Zürich", country: "CH", weight: 4, postcode: .range(8001...8099, digits: 4)),
        Place(city: "Basel", country: "CH", weight: 2, postcode: .range(4001...4059, digits: 4)),
    ]

    static let uk = [
        Place(city: "London", country: "GB", weight: 90, postcode: .pattern(["EC1A #@@", "SW1A #@@", "W1D #@@", "N1 #@@", "SE1 #@@", "E14 #@@"])),
        Place(city: "Manchester", country: "GB", weight: 12, postcode: .pattern(["M1 #@@", "M2 #@@", "M3 #@@", "M4 #@@"])),
        Place(city: "Birmingham", country: "GB", weight: 11, postcode: .pattern(["B1 #@@", "B2 #@@", "B3 #@@", "B4 #@@"])),
        Place(city: "Leeds", country: "GB", weight: 8, postcode: .pattern(["LS1 #@@", "LS2 #@@", "LS11 #@@"])),
        Place(city: "Glasgow", country: "GB", weight: 6, postcode: .pattern(["G1 #@@", "G2 #@@", "G3 #@@"])),
        Place(city: "Edinburgh", country: "GB", weight: 5, postcode: .pattern(["EH1 #@@", "EH2 #@@", "EH3 #@@"])),
        Place(city: "Bristol", country: "GB", weight: 5, postcode: .pattern(["BS1 #@@", "BS2 #@@", "BS8 #@@"])),
        Place(city: "Sheffield", country: "GB", weight: 4, postcode: .pattern(["S1 #@@", "S2 #@@", "S3 #@@"])),
        Place(city: "Liverpool", country: "GB", weight: 4, postcode: .pattern(["L1 #@@", "L2 #@@", "L3 #@@"])),
        Place(city: "Cardiff", country: "GB", weight: 3, postcode: .pattern(["CF10 #@@", "CF11 #@@"])),
        Place(city: "Belfast", country: "GB", weight: 3, postcode: .pattern(["BT1 #@@", "BT2 #@@"])),
        Place(city: "Cambridge", country: "GB", weight: 2, postcode: .pattern(["CB1 #@@", "CB2 #@@"])),
    ]

    static let france = [
        Place(city: "Paris", country: "FR", weight: 21, postcode: .range(75001...75020, digits: 5)),
        Place(city: "Lyon", country: "FR", weight: 5, postcode: .range(69001...69009, digits: 5)),
        Place(city: "Marseille", country: "FR", weight: 8, postcode: .range(13001...13016, digits: 5)),
        Place(city: "Toulouse", country: "FR", weight: 4, postcode: .range(31000...31500, digits: 5)),
        Place(city: "Nantes", country: "FR", weight: 3, postcode: .range(44000...44300, digits: 5)),
        Place(city: "Lille", country: "FR", weight: 2, postcode: .range(59000...59800, digits: 5)),
    ]

    static let benelux = [
        Place(city: "Amsterdam", country: "NL", weight: 9, postcode: .pattern(["10## @@"])),
        Place(city: "Rotterdam", country: "NL", weight: 6, postcode: .pattern(["30## @@"])),
        Place(city: "Utrecht", country: "NL", weight: 4, postcode: .pattern(["35## @@"])),
        Place(city: "Eindhoven", country: "NL", weight: 2, postcode: .pattern(["56## @@"])),
        Place(city: "Brussels", country: "BE", weight: 6, postcode: .range(1000...1210, digits: 4)),
        Place(city: "Antwerp", country: "BE", weight: 5, postcode: .range(2000...2660, digits: 4)),
        Place(city: "Luxembourg", country: "LU", weight: 1, postcode: .pattern(["L-1###", "L-2###"])),
    ]

    static let nordics = [
        Place(city: "Stockholm", country: "SE", weight: 10, postcode: .pattern(["111 ##", "113 ##", "114 ##"])),
        Place(city: "Gothenburg", country: "SE", weight: 6, postcode: .pattern(["411 ##", "413 ##"])),
        Place(city: "Copenhagen", country: "DK", weight: 8, postcode: .range(1050...2450, digits: 4)),
        Place(city: "Oslo", country: "NO", weight: 7, postcode: .range(150...1295, digits: 4)),
        Place(city: "Helsinki", country: "FI", weight: 7, postcode: .range(100...990, digits: 5)),
    ]

    static let southernEurope = [
        Place(city: "Madrid", country: "ES", weight: 32, postcode: .range(28001...28055, digits: 5)),
        Place(city: "Barcelona", country: "ES", weight: 16, postcode: .range(8001...8042, digits: 5)),
        Place(city: "Milan", country: "IT", weight: 14, postcode: .range(20121...20162, digits: 5)),
        Place(city: "Rome", country: "IT", weight: 28, postcode: .range(118...199, digits: 5)),
        Place(city: "Lisbon", country: "PT", weight: 5, postcode: .pattern(["1###-###"])),
        Place(city: "Porto", country: "PT", weight: 2, postcode: .pattern(["4###-###"])),
    ]

    static let northAmerica = [
        Place(city: "New York, NY", country: "US", weight: 84, postcode: .range(10001...10282, digits: 5)),
        Place(city: "Chicago, IL", country: "US", weight: 27, postcode: .range(60601...60661, digits: 5)),
        Place(city: "Austin, TX", country: "US", weight: 10, postcode: .range(78701...78759, digits: 5)),
        Place(city: "San Francisco, CA", country: "US", weight: 9, postcode: .range(94102...94134, digits: 5)),
        Place(city: "Boston, MA", country: "US", weight: 7, postcode: .range(2108...2137, digits: 5)),
        Place(city: "Seattle, WA", country: "US", weight: 7, postcode: .range(98101...98199, digits: 5)),
        Place(city: "Denver, CO", country: "US", weight: 7, postcode: .range(80202...80239, digits: 5)),
        Place(city: "Toronto, ON", country: "CA", weight: 28, postcode: .pattern(["M5V #@#", "M5H #@#", "M4W #@#"])),
        Place(city: "Vancouver, BC", country: "CA", weight: 7, postcode: .pattern(["V6B #@#", "V6C #@#"])),
    ]

    static let restOfWorld = [
        Place(city: "Singapore", country: "SG", weight: 6, postcode: .range(18900...19999, digits: 6)),
        Place(city: "Sydney", country: "AU", weight: 5, postcode: .range(2000...2234, digits: 4)),
        Place(city: "Melbourne", country: "AU", weight: 5, postcode: .range(3000...3207, digits: 4)),
        Place(city: "Dubai", country: "AE", weight: 4, postcode: .pattern(["00000"])),
        Place(city: "Tel Aviv", country: "IL", weight: 2, postcode: .range(6100000...6999999, digits: 7)),
        Place(city: "Cape Town", country: "ZA", weight: 4, postcode: .range(8001...8005, digits: 4)),
        Place(city: "São Paulo", country: "BR", weight: 12, postcode: .pattern(["01###-###", "04###-###"])),
    ]

    /// Each region's places' cumulative weights and city names as addresses write them, by
    /// `Region` code, computed once.
    static let cumulativeWeights = Region.allCases.map { cumulativeSums(of($0).map(\.weight)) }
    static let citySlugs = Region.allCases.map { of($0).map { slug(String($0.city.split(separator: ",")[0])) } }

    /// A telephone number that reaches nobody, written as the country writes it internationally.
    static func phone(region: Region, _ random: inout RandomStream) -> String {
        let three = { (random: inout RandomStream) in String(format3(Int(random.uniform() * 1000))) }
        switch region {
        case .dach:
            let blocks = ["+49 30 23125 ", "+49 69 90009 ", "+49 40 66969 ", "+49 221 4710 ", "+49 89 99998 "]
            let block = blocks[Int(random.uniform() * Double(blocks.count))]
            return block + three(&random)
        case .northAmerica:
            let areas = ["212", "312", "512", "415", "617", "206", "303", "416", "604"]
            let area = areas[Int(random.uniform() * Double(areas.count))]
            return "+1 \(area) 555 01" + String(format3(Int(random.uniform() * 100)).suffix(2))
        default:
            let blocks = ["+44 20 7946 0", "+44 113 496 0", "+44 117 496 0", "+44 121 496 0", "+44 131 496 0", "+44 161 496 0", "+44 7700 900"]
            let block = blocks[Int(random.uniform() * Double(blocks.count))]
            return block + three(&random)
        }
    }

    private static func format3(_ value: Int) -> String {
        value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }
}
