import Foundation

/// The synthetic population of the default model: who the leads are, and their hidden truth.
///
/// Observable attributes are drawn so that they carry information about hidden fit (bigger
/// companies, senior roles and target industries fit better), which is what makes fit scoring
/// worth doing, and so that each channel brings its typical quality.
extension B2BModel {
    /// Channel mix of new leads.
    static let channelShare: [Channel: Double] = [
        .organicSearch: 0.22, .paidSearch: 0.16, .social: 0.10, .referral: 0.06, .newsletter: 0.08,
        .webinar: 0.10, .tradeShow: 0.08, .partner: 0.08, .outbound: 0.12,
    ]
    /// (fit shift, intent multiplier) by channel: referrals and partners fit, outbound fits but is not
    /// buying yet, social is broad.
    static let channelQuality: [Channel: (fit: Double, intent: Double)] = [
        .organicSearch: (0, 1.1), .paidSearch: (-0.05, 1.2), .social: (-0.15, 0.8), .referral: (0.2, 1.3),
        .newsletter: (-0.05, 0.7), .webinar: (0.05, 1.0), .tradeShow: (0.05, 0.9), .partner: (0.15, 1.2),
        .outbound: (0.15, 0.6),
    ]
    /// Conversion-moment weights by channel, in `ConversionMoment.allCases` order:
    /// newsletter, whitepaper, webinar registration, contact form, demo request, badge scan.
    /// Hand-raisers (contact form, demo request) are about 6 % of new leads: most B2B leads arrive
    /// through content and events, and 73 % are not sales-ready (MarketingSherpa).
    static let momentWeights: [Channel: [Double]] = [
        .organicSearch: [0.37, 0.56, 0.03, 0.025, 0.015, 0], .paidSearch: [0.18, 0.7, 0.04, 0.05, 0.03, 0],
        .social: [0.4, 0.47, 0.12, 0.005, 0.005, 0], .referral: [0.25, 0.35, 0.2, 0.12, 0.08, 0],
        .newsletter: [0.9, 0.1, 0, 0, 0, 0], .webinar: [0, 0.05, 0.95, 0, 0, 0],
        .tradeShow: [0, 0, 0, 0.02, 0.01, 0.97], .partner: [0.2, 0.45, 0.25, 0.06, 0.04, 0],
        .outbound: [0.12, 0.6, 0.22, 0.04, 0.02, 0],
    ]
    /// Share of hand-raisers whose buying window is already open when they ask for sales.
    static let handRaiserReady = 0.7
    /// Chance of (no consent, single opt-in) by conversion moment; the rest is double opt-in.
    static let consentByMoment: [ConversionMoment: (none: Double, single: Double)] = [
        .newsletterSignup: (0, 0.8), .whitepaperDownload: (0.25, 0.65), .webinarRegistration: (0.2, 0.7),
        .contactForm: (0.3, 0.65), .demoRequest: (0.3, 0.65), .badgeScan: (0.55, 0.45),
    ]
    /// Weights of the weekdays, Monday first, in new leads (form fills and imports on working days).
    static let weekdayWeight: [Double] = [1.15, 1.2, 1.15, 1.1, 0.9, 0.3, 0.25]
    public static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    /// Hour-of-day profile of form fills (local business hours dominate).
    static let hourWeight: [Double] = [
        0.2, 0.15, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.3, 1.6, 1.7, 1.6, 1.3, 1.4, 1.6, 1.5, 1.3, 1.0, 0.8, 0.7, 0.6,
        0.5, 0.4, 0.3,
    ]
    static let regionShare: [Double] = [0.4, 0.12, 0.08, 0.08, 0.06, 0.08, 0.12, 0.06]

    /// `leads` leads created over the `horizonWeeks` of the measured window, and before them as
    /// many a week over the `warmup.weeks` of the warm-up (lead numbers from `leads` on), so that
    /// the weekly inflow is the same throughout.
    /// A block of leads a lead campaign adds, numbered from `first`.
    typealias CampaignBlock = (first: Int, count: Int, channel: Channel, startWeek: Double, endWeek: Double)

    /// The warm-up's leads — as many a week as in the window — and, after them, the blocks of
    /// leads of one channel the lead campaigns add: the channel's usual inflow times (factor − 1)
    /// over the campaign's weeks.
    func extraLeads(leads: Int, horizonWeeks: Int, parameters: ParameterSet) -> (warmup: Int, blocks: [CampaignBlock]) {
        let warmupLeads = Int((Double(leads) * Double(parameters[Key.warmupWeeks]) / Double(horizonWeeks)).rounded())
        let shares = Channel.allCases.map { parameters[Key.share($0)] }
        let totalShare = shares.reduce(0, +)
        var blocks: [CampaignBlock] = []
        var next = leads + warmupLeads
        for campaign in campaigns {
            guard case .channel(let name) = campaign.target, let channel = Channel.allCases.first(where: { $0.name == name })
            else { continue }
            let share = totalShare > 0 ? shares[Int(channel.rawValue)] / totalShare : 0
            let count = Int(
                (Double(leads) / Double(horizonWeeks) * share * (campaign.multiplier - 1) * (campaign.endWeek - campaign.startWeek))
                    .rounded())
            blocks.append((next, count, channel, campaign.startWeek, campaign.endWeek))
            next += count
        }
        return (warmupLeads, blocks)
    }

    public func populationSize(leads: Int, horizonWeeks: Int, parameters: ParameterSet) -> Int {
        let (warmup, blocks) = extraLeads(leads: leads, horizonWeeks: horizonWeeks, parameters: parameters)
        return leads + warmup + blocks.reduce(0) { $0 + $1.count }
    }

    public func synthesize(
        leads: Int, seed: UInt64, horizonWeeks: Int, parameters: ParameterSet, options: RunOptions
    ) throws(RunCancelled) -> Population {
        let warmupWeeks = parameters[Key.warmupWeeks]
        let (warmupLeads, blocks) = extraLeads(leads: leads, horizonWeeks: horizonWeeks, parameters: parameters)
        let campaignLeads = blocks.reduce(0) { $0 + $1.count }
        let shares = Channel.allCases.map { parameters[Key.share($0)] }
        let channelCumulative = cumulativeSums(shares)
        let momentCumulative = Channel.allCases.map { cumulativeSums(Self.momentWeights[$0]!) }
        let weekdayCumulative = cumulativeSums(Self.weekdays.map { parameters[Key.weekdayShare($0)] })
        let hourCumulative = cumulativeSums(Self.hourWeight)
        let regionCumulative = cumulativeSums(Self.regionShare)
        let dealMedians = CompanySize.allCases.map { parameters[Key.dealMedian($0)] }
        let quality = Channel.allCases.map { Self.channelQuality[$0]! }
        let consentOdds = ConversionMoment.allCases.map { Self.consentByMoment[$0]! }

        let leadBlocks = blocks
        return try Population.synthesize(
            count: leads + warmupLeads + campaignLeads, seed: seed, horizonWeeks: horizonWeeks, warmupWeeks: warmupWeeks,
            windowLeads: leads + campaignLeads, options: options
        ) {
            population, range in
            for lead in range { synthesizeLead(lead, at: lead - range.lowerBound) }

            func synthesizeLead(_ lead: Int, at index: Int) {
                let subject = UInt64(lead)
                var arrival = RandomStream(seed: seed, subject: subject, purpose: .arrival)
                let block = leadBlocks.last { lead >= $0.first }
                let day: Double
                if let block {
                    // A day within the campaign's weeks, which need not be whole weeks.
                    day = Double(warmupWeeks * 7) + (block.startWeek * 7 + arrival.uniform() * (block.endWeek - block.startWeek) * 7).rounded(.down)
                } else {
                    let inWindow = lead < leads
                    let span = inWindow ? horizonWeeks : warmupWeeks
                    let week = Double(Int(arrival.uniform() * Double(span)) + (inWindow ? warmupWeeks : 0))
                    day = week * 7 + Double(arrival.pick(cumulativeWeights: weekdayCumulative))
                }
                let hour = Double(arrival.pick(cumulativeWeights: hourCumulative)) + arrival.uniform()
                population.createdHours[index] = Float(day * 24 + hour)

                var random = RandomStream(seed: seed, subject: subject, purpose: .attributes)
                let drawn = Channel(rawValue: UInt8(random.pick(cumulativeWeights: channelCumulative)))!
                let channel = block?.channel ?? drawn
                let quality = quality[Int(channel.rawValue)]
                let moment = ConversionMoment(rawValue: UInt8(random.pick(cumulativeWeights: momentCumulative[Int(channel.rawValue)])))!
                let fit = min(1, max(0, 0.5 + quality.fit + 0.22 * random.standardNormal()))
                // Observable attributes lean on fit: a noisy measurement of the hidden truth.
                let sizeScore = fit + 0.35 * random.standardNormal()
                let size = CompanySize(rawValue: UInt8(min(4, max(0, Int((sizeScore + 0.1) * 4.2)))))!
                let seniorityScore = fit + 0.4 * random.standardNormal()
                let seniority = Seniority(rawValue: UInt8(min(3, max(0, Int((seniorityScore + 0.1) * 3.2)))))!
                let industry: Industry =
                    random.uniform() < 0.3 + 0.5 * fit
                    ? Self.fitIndustries[random.pick(cumulativeWeights: Self.fitIndustryCumulative)]
                    : Self.otherIndustries[random.pick(cumulativeWeights: Self.otherIndustryCumulative)]
                let region = Region(rawValue: UInt8(random.pick(cumulativeWeights: regionCumulative)))!
                let consentOdds = consentOdds[Int(moment.rawValue)]
                let consentDraw = random.uniform()
                let consent: Consent =
                    consentDraw < consentOdds.none ? .none
                    : consentDraw < consentOdds.none + consentOdds.single ? .singleOptIn : .doubleOptIn

                population.channel[index] = channel
                population.moment[index] = moment
                population.industry[index] = industry
                population.companySize[index] = size
                population.employees[index] = Self.employees(in: size, seed: seed, lead: lead)
                population.region[index] = region
                population.seniority[index] = seniority
                population.consent[index] = consent
                population.fit[index] = Float(fit)
                Self.drawIntent(&population, at: index, lead: lead, seed: seed, fit: fit, quality: quality.intent, dealMedians: dealMedians)
            }
        }
    }

    /// Employees of a company in `size`'s band: log-uniform within it, from a stream of its own so
    /// that no other draw moves.
    static func employees(in size: CompanySize, seed: UInt64, lead: Int) -> UInt32 {
        var headcount = RandomStream(seed: seed, subject: UInt64(lead), purpose: .employees)
        let band = size.employees
        let employees = (band.lowerBound * Foundation.pow(band.upperBound / band.lowerBound, headcount.uniform())).rounded(.down)
        return UInt32(min(band.upperBound, employees))
    }

    /// The hidden truth that follows from who a lead is: baseline intent, the buying window's
    /// clock and length, BANT and deal value. Synthetic and imported leads draw it alike, from the
    /// lead's intent stream, given its channel, conversion moment, size, seniority and fit.
    static func drawIntent(
        _ population: inout Population, at index: Int, lead: Int, seed: UInt64, fit: Double, quality: Double, dealMedians: [Double]
    ) {
        let moment = population.moment[index]
        let size = population.companySize[index]
        var intentRandom = RandomStream(seed: seed, subject: UInt64(lead), purpose: .intent)
        let u = intentRandom.uniform()
        let baseIntent = min(1, 0.5 * u * u * quality + (moment.isHandRaiser ? 0.2 : 0))
        // The window opens when the lead's hazard, which the run works out from fit and
        // nurturing, has summed to this clock; most hand-raisers are buying already.
        let openAtOnce = moment.isHandRaiser && intentRandom.uniform() < Self.handRaiserReady
        let windowClock = openAtOnce ? 0 : intentRandom.standardExponential()
        let windowLength = intentRandom.logNormal(median: 1, sigma: 0.5)
        var bant: BANT = []
        if intentRandom.uniform() < 0.25 + 0.15 * Double(size.rawValue) { bant.insert(.budget) }
        if intentRandom.uniform() < 0.2 + 0.25 * Double(population.seniority[index].rawValue) { bant.insert(.authority) }
        if intentRandom.uniform() < 0.2 + 0.7 * fit { bant.insert(.need) }
        let deal = intentRandom.logNormal(median: dealMedians[Int(size.rawValue)], sigma: Self.dealSigma)
        population.intent[index] = Float(baseIntent)
        population.windowClock[index] = Float(windowClock)
        population.windowLengthFactor[index] = Float(windowLength)
        population.bant[index] = bant
        population.dealValue[index] = Float(deal)
    }

    /// Industries a good-fit lead comes from, and the rest, with cumulative weights.
    static let fitIndustries: [Industry] = [.software, .manufacturing, .finance]
    static let fitIndustryCumulative = [0.45, 0.8, 1.0]
    static let otherIndustries: [Industry] = [.healthcare, .retail, .education, .publicSector, .other]
    static let otherIndustryCumulative = [0.25, 0.5, 0.65, 0.8, 1.0]
}
