import Testing
@testable import LeadSimCore

/// Channels: the mix of new leads is a parameter, a lead campaign adds a channel's leads in its
/// weeks, and the results per channel add up to the run's.
@Suite struct ChannelTests {
    static let model = B2BModel()

    static func run(_ population: Population, _ parameters: ParameterSet, campaigns: [Campaign] = []) throws -> RunResult {
        try model.with(campaigns: campaigns).simulate(population, parameters: parameters, options: RunOptions())
    }

    @Test func channelFiguresAddUpToTheRun() throws {
        let parameters = Self.model.defaultParameters()
        let population = Self.model.synthesize(leads: 8000, seed: 4, horizonWeeks: 26, parameters: parameters)
        let result = try Self.run(population, parameters)
        let channels = result.channels
        #expect(channels.count == Channel.allCases.count)
        #expect(channels.reduce(0) { $0 + $1.leads } == result.funnel.created)
        #expect(channels.reduce(0) { $0 + $1.mql } == result.funnel.mql)
        #expect(channels.reduce(0) { $0 + $1.sql } == result.funnel.sql)
        #expect(channels.reduce(0) { $0 + $1.opportunities } == result.funnel.opportunities)
        #expect(channels.reduce(0) { $0 + $1.won } == result.funnel.won)
        #expect(abs(channels.reduce(0) { $0 + $1.cost } - result.costs.marketing) < 1e-6)
        #expect(abs(channels.reduce(0) { $0 + $1.revenue } - result.pipeline.wonValue) < 1e-6)
    }

    /// Doubling a channel's weight in the mix doubles its share of new leads, within three
    /// binomial standard deviations at 20,000 leads.
    @Test func theMixIsAParameter() throws {
        var parameters = Self.model.defaultParameters()
        try parameters.set("channel.paid_search.share", to: 0.32)
        let population = Self.model.synthesize(leads: 20_000, seed: 5, horizonWeeks: 26, parameters: parameters)
        let share = 0.32 / 1.16
        let paid = population.channel[..<population.windowLeads].filter { $0 == .paidSearch }.count
        let sd = (20_000 * share * (1 - share)).squareRoot()
        #expect(abs(Double(paid) - 20_000 * share) < 3 * sd, "\(paid) paid-search leads, expected \(20_000 * share)")
    }

    /// A lead campaign adds the channel's usual weekly inflow times (factor − 1) over its weeks,
    /// all created inside them; every other lead keeps its journey's start.
    @Test func aLeadCampaignAddsLeadsInItsWeeks() throws {
        let parameters = Self.model.defaultParameters()
        let campaign = Campaign(.channel("paid_search"), multiplier: 2, startWeek: 4, endWeek: 8)
        let plain = Self.model.synthesize(leads: 13_000, seed: 6, horizonWeeks: 26, parameters: parameters)
        let pushed = Self.model.with(campaigns: [campaign])
            .synthesize(leads: 13_000, seed: 6, horizonWeeks: 26, parameters: parameters)
        let extra = pushed.count - plain.count
        #expect(extra == Int((13_000.0 / 26 * 0.16 * 4).rounded()))
        #expect(pushed.windowLeads == plain.windowLeads + extra)
        #expect(Array(pushed.createdHours[..<plain.count]) == plain.createdHours)
        let start = pushed.windowStartHours
        for lead in plain.count..<pushed.count {
            #expect(pushed.channel[lead] == .paidSearch)
            let hours = Double(pushed.createdHours[lead])
            #expect(hours >= start + 4 * 168 && hours < start + 8 * 168)
        }
        let before = try Self.run(plain, parameters)
        let after = try Self.run(pushed, parameters, campaigns: [campaign])
        #expect(after.channels[1].leads == before.channels[1].leads + extra)
        #expect(after.channels[1].mql > before.channels[1].mql)
        #expect(after.channels[0].leads == before.channels[0].leads)
    }

    /// Campaigns are the model's capability: the reference model declares none.
    @Test func modelsDeclareWhatCampaignsTarget() {
        #expect(ReferenceModel().campaignTargets.isEmpty)
        #expect(Self.model.campaignTargets.touchpoints.contains("webinar"))
        #expect(Self.model.campaignTargets.channels.contains("trade_show"))
    }
}
