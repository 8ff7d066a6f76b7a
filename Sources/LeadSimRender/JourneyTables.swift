import LeadSimCore

/// One lead's journey as people read it (`trace LEAD`): who the lead is and what the simulation
/// hid about it, then every event with its time in the window's weeks.
public enum JourneyTables {
    /// The lead's facts, then its events.
    public static func trace(
        lead: Int, population: Population, facts: LeadFacts, events: [LeadEvent], touchpointNames: [String]
    ) -> [TextTable] {
        let windowStart = population.windowStartHours
        var profile = TextTable("lead", columns: [.init("lead \(lead)", .left, key: "attribute"), .init("", .left, key: "value")])
        profile.columns[0].key = "field"
        profile.columns[1].key = "value"
        let created = Double(population.createdHours[lead])
        let company = population.companySize[lead]
        profile.append(["created", Cell(time(created, windowStart: windowStart) + (created < windowStart ? " (warm-up)" : ""))])
        profile.append(["channel", Cell(population.channel[lead].name)])
        profile.append(["converted by", Cell(population.moment[lead].name)])
        profile.append(["company", Cell("\(population.industry[lead].name), \(company.name) (\(population.employees[lead]) employees), \(population.region[lead].name)")])
        profile.append(["seniority", Cell(population.seniority[lead].name)])
        profile.append(["consent", Cell(population.consent[lead].name + (facts.nurtured ? ", nurtured" : ", not e-mailed"))])
        profile.append(["grade", Cell(facts.grade)])
        profile.append(["hidden fit", .fixed(Double(population.fit[lead]), digits: 2)])
        profile.append(["hidden intent", .fixed(Double(population.intent[lead]), digits: 2)])
        let window = facts.buyingWindow.map { time($0.lowerBound, windowStart: windowStart) + " – " + time($0.upperBound, windowStart: windowStart) }
        profile.append(["buying window", Cell(window ?? "does not open")])
        let bant = population.bant[lead]
        let facts = [(BANT.budget, "budget"), (.authority, "authority"), (.need, "need"), (.timeline, "timeline")]
            .filter { bant.contains($0.0) }.map(\.1)
        profile.append(["BANT", Cell(facts.isEmpty ? "none" : facts.joined(separator: ", "))])
        profile.append(["deal value", .metric(Double(population.dealValue[lead]), unit: "EUR")])

        var journey = TextTable("journey", columns: [
            .init("time", .left), .init("hours", .right, exportOnly: true), .init("event", .left), .init("detail", .left),
            .init("points", .right), .init("score", .right), .init("rep", .right),
        ])
        for event in events {
            journey.append([
                Cell(time(event.hours, windowStart: windowStart)), .fixed(event.hours, digits: 2), Cell(event.kind.name),
                Cell(detail(event, touchpointNames: touchpointNames)),
                event.kind == .touchpoint ? .fixed(Double(event.value), digits: 0) : Cell(""),
                event.score.isNaN ? Cell("") : .fixed(Double(event.score), digits: 1),
                event.rep >= 0 ? .count(Int(event.rep) + 1) : Cell(""),
            ])
        }
        return [profile, journey]
    }

    /// `W3 Tue 14:05`: the week of the measured window (W1 is its first; W0 and below are the
    /// warm-up), the day and the time.
    public static func time(_ hours: Double, windowStart: Double) -> String {
        let relative = hours - windowStart
        let week = Int((relative / 168).rounded(.down))
        let inWeek = relative - Double(week) * 168
        let day = min(6, Int(inWeek / 24))
        let minutes = min(24 * 60 - 1, Int(((inWeek - Double(day) * 24) * 60).rounded(.down)))
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return "W\(week + 1) \(days[day]) " + two(minutes / 60) + ":" + two(minutes % 60)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func detail(_ event: LeadEvent, touchpointNames: [String]) -> String {
        switch event.kind {
        case .touchpoint, .handRaised: touchpointNames[Int(event.detail)]
        case .emailSent: "#\(event.detail)"
        case .nurtureStart: "episode \(Int(event.value))"
        case .contactAttempt: "#\(event.detail), " + (event.value == 1 ? "reached" : "not reached")
        case .meeting: ["", "discovery", "demo", "proposal"][Int(event.detail)]
        case .opportunity, .won, .lost: Format.euros(Double(event.value))
        case .handover: event.rep >= 0 ? "queue of rep \(event.rep + 1)" : "pooled queue"
        default: ""
        }
    }
}
