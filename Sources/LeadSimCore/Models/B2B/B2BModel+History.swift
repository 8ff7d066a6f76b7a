import Foundation

extension B2BModel {
    /// A population of historical leads, so that `run` simulates a team's own leads forward.
    ///
    /// The leads keep what the history observed: creation time, channel, conversion moment,
    /// industry, size, employees, region, seniority, consent, and the export's other columns as
    /// free attributes. What no export holds is drawn conditional on what is known, under the
    /// synthetic model's own relations:
    /// - fit from its posterior given the channel (the prior: the channel's typical fit) and the
    ///   observed size band, seniority and industry (each a noisy measurement of fit), on a grid of
    ///   101 values;
    /// - an attribute the export lacks from the model's distribution given what is drawn (the
    ///   channel from the mix, the moment given the channel, size and seniority given fit, …);
    /// - intent, the buying window, BANT and deal value as for a synthetic lead of those attributes.
    ///
    /// Leads are numbered in order of creation. The window starts on Monday 00:00 UTC of the first
    /// lead's week and ends with the week of the last; there is no warm-up (the history's first
    /// weeks start with empty queues). Returns the population and the window's start in seconds
    /// since 1970.
    public func population(
        from observed: ObservedLeads, seed: UInt64, parameters: ParameterSet
    ) throws(AttributeError) -> (population: Population, originSeconds: Int) {
        let count = observed.count
        guard count > 0 else { throw AttributeError("no leads: expected at least one") }
        let order = observed.creationOrder
        let originSeconds = observed.firstMondaySeconds
        let spanHours = Double(observed.createdSeconds[order[count - 1]] - originSeconds) / 3600
        let weeks = max(1, Int((spanHours / 168).rounded(.down)) + 1)
        var population = Population(seed: seed, horizonWeeks: weeks, warmupWeeks: 0, count: count)

        let shares = Channel.allCases.map { parameters[Key.share($0)] }
        let channelCumulative = cumulativeSums(shares)
        let momentCumulative = Channel.allCases.map { cumulativeSums(Self.momentWeights[$0]!) }
        let regionCumulative = cumulativeSums(Self.regionShare)
        let dealMedians = CompanySize.allCases.map { parameters[Key.dealMedian($0)] }
        // Posteriors by what is observed (channel, size, seniority, industry, each perhaps
        // unknown): a few thousand combinations at most, each worked out once.
        var posteriors = [GridDistribution?](repeating: nil, count: Channel.allCases.count * 6 * 5 * 9)
        for (index, source) in order.enumerated() {
            population.createdHours[index] = Float(Double(observed.createdSeconds[source] - originSeconds) / 3600)
            var random = RandomStream(seed: seed, subject: UInt64(index), purpose: .attributes)
            let channel = observed.channel[source] ?? Channel(rawValue: UInt8(random.pick(cumulativeWeights: channelCumulative)))!
            let moment =
                observed.moment[source]
                ?? ConversionMoment(rawValue: UInt8(random.pick(cumulativeWeights: momentCumulative[Int(channel.rawValue)])))!
            let observedSize = observed.companySize[source] ?? observed.employees[source].flatMap(CompanySize.band(of:))
            let quality = Self.channelQuality[channel]!
            let key = ((Int(channel.rawValue) * 6 + Int(observedSize?.rawValue ?? 5)) * 5 + Int(observed.seniority[source]?.rawValue ?? 4)) * 9
                + Int(observed.industry[source]?.rawValue ?? 8)
            if posteriors[key] == nil {
                posteriors[key] = Self.fitPosterior(
                    prior: 0.5 + quality.fit, size: observedSize, seniority: observed.seniority[source], industry: observed.industry[source])
            }
            let fit = posteriors[key]!.draw(&random)
            let size = observedSize ?? CompanySize(rawValue: UInt8(min(4, max(0, Int((fit + 0.35 * random.standardNormal() + 0.1) * 4.2)))))!
            let seniority =
                observed.seniority[source]
                ?? Seniority(rawValue: UInt8(min(3, max(0, Int((fit + 0.4 * random.standardNormal() + 0.1) * 3.2)))))!
            let industry =
                observed.industry[source]
                ?? (random.uniform() < 0.3 + 0.5 * fit
                    ? Self.fitIndustries[random.pick(cumulativeWeights: Self.fitIndustryCumulative)]
                    : Self.otherIndustries[random.pick(cumulativeWeights: Self.otherIndustryCumulative)])
            let region = observed.region[source] ?? Region(rawValue: UInt8(random.pick(cumulativeWeights: regionCumulative)))!
            let consent: Consent
            if let known = observed.consent[source] {
                consent = known
            } else {
                let odds = Self.consentByMoment[moment]!
                let draw = random.uniform()
                consent = draw < odds.none ? .none : draw < odds.none + odds.single ? .singleOptIn : .doubleOptIn
            }
            population.channel[index] = channel
            population.moment[index] = moment
            population.industry[index] = industry
            population.companySize[index] = size
            population.employees[index] = observed.employees[source] ?? Self.employees(in: size, seed: seed, lead: index)
            population.region[index] = region
            population.seniority[index] = seniority
            population.consent[index] = consent
            population.fit[index] = Float(fit)
            Self.drawIntent(&population, at: index, lead: index, seed: seed, fit: fit, quality: quality.intent, dealMedians: dealMedians)
        }
        for column in observed.freeColumns {
            let values = order.map { column.values[$0] }
            let numbers = values.map { $0.flatMap(Double.init) }
            if zip(values, numbers).allSatisfy({ $0.0 == nil || $0.1 != nil }), values.contains(where: { $0 != nil }) {
                try population.addAttribute(column.name, numbers: numbers)
            } else {
                try population.addAttribute(column.name, categories: values)
            }
        }
        return (population, originSeconds)
    }

    public var runsHistories: Bool { true }

    /// Rates and the parameter each moves most directly: acceptance and qualification by the
    /// reps' acceptance, the MQL share by the threshold, the later stages by their own rates.
    public var levers: [String: String] {
        [
            "acceptance_rate": "sales.acceptance_rate", "funnel.mql_to_sql": "sales.acceptance_rate",
            "funnel.lead_to_mql": "mql.threshold", "funnel.sql_to_opportunity": "opportunity.rate", "win_rate": "win.rate",
            "cycle.mean_days": "opportunity.cycle_days",
        ]
    }

    public func population(from history: History, seed: UInt64, parameters: ParameterSet) -> Population? {
        do {
            return try population(from: history.observed, seed: seed, parameters: parameters).population
        } catch {
            preconditionFailure("a History's columns were checked when it was made: \(error)")
        }
    }

    /// Fit given what is observed, on a grid: the channel's prior (a normal around `prior`, sd
    /// 0.22, clipped to [0, 1]) times the chance of each observation given fit, exactly as the
    /// synthetic model draws them (size band and seniority are fit plus normal noise, cut into
    /// bands; a target industry is likelier the better the fit).
    static func fitPosterior(prior: Double, size: CompanySize?, seniority: Seniority?, industry: Industry?) -> GridDistribution {
        let points = 101
        var weights = [Double](repeating: 0, count: points)
        for point in 0..<points {
            let fit = Double(point) / Double(points - 1)
            var weight: Double
            if point == 0 {
                weight = normalCDF((0.005 - prior) / 0.22)
            } else if point == points - 1 {
                weight = 1 - normalCDF((0.995 - prior) / 0.22)
            } else {
                weight = normalCDF((fit + 0.005 - prior) / 0.22) - normalCDF((fit - 0.005 - prior) / 0.22)
            }
            if let size { weight *= bandChance(Int(size.rawValue), of: 5, scale: 4.2, noise: 0.35, fit: fit) }
            if let seniority { weight *= bandChance(Int(seniority.rawValue), of: 4, scale: 3.2, noise: 0.4, fit: fit) }
            if let industry {
                let targeted = 0.3 + 0.5 * fit
                if let position = fitIndustries.firstIndex(of: industry) {
                    weight *= targeted * (fitIndustryCumulative[position] - (position > 0 ? fitIndustryCumulative[position - 1] : 0))
                } else if let position = otherIndustries.firstIndex(of: industry) {
                    weight *= (1 - targeted) * (otherIndustryCumulative[position] - (position > 0 ? otherIndustryCumulative[position - 1] : 0))
                }
            }
            weights[point] = weight
        }
        return GridDistribution(values: (0..<points).map { Double($0) / Double(points - 1) }, weights: weights)
    }

    /// The chance that fit plus normal noise falls in band `band` of `bands`, where the synthetic
    /// model's band is `Int((score + 0.1) × scale)` clamped to the bands.
    static func bandChance(_ band: Int, of bands: Int, scale: Double, noise: Double, fit: Double) -> Double {
        let lower = band == 0 ? -Double.infinity : Double(band) / scale - 0.1
        let upper = band == bands - 1 ? Double.infinity : Double(band + 1) / scale - 0.1
        return normalCDF((upper - fit) / noise) - normalCDF((lower - fit) / noise)
    }
}

/// A distribution on a grid of values, drawn by inverse CDF.
struct GridDistribution {
    let values: [Double]
    let cumulative: [Double]

    init(values: [Double], weights: [Double]) {
        self.values = values
        cumulative = cumulativeSums(weights)
    }

    var mean: Double {
        var previous = 0.0
        var sum = 0.0
        for (value, total) in zip(values, cumulative) {
            sum += value * (total - previous)
            previous = total
        }
        return sum / cumulative.last!
    }

    func draw(_ random: inout RandomStream) -> Double { values[random.pick(cumulativeWeights: cumulative)] }
}

/// The standard normal distribution function.
func normalCDF(_ x: Double) -> Double {
    if x == .infinity { return 1 }
    if x == -.infinity { return 0 }
    return 0.5 * (1 + Foundation.erf(x / 2.0.squareRoot()))
}

extension CompanySize {
    /// The band a number of employees falls in; nil for none.
    public static func band(of employees: UInt32) -> CompanySize? {
        allCases.first { $0.employees.contains(Double(employees)) } ?? (employees > 100_000 ? .enterprise : nil)
    }
}
