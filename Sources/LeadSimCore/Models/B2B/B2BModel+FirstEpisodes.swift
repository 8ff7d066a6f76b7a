import Foundation

/// Every lead's first nurture episode as the run that made this table ran it, kept in the
/// population's memo (under `B2BModel.firstEpisodeKey`) so that later runs read their first
/// hand-overs off it rather than run the episodes again — about half of a run's work. A change to
/// the threshold, the grade rule or anything on the sales side keeps it.
///
/// Until an episode stops, nothing it draws depends on the MQL rule. So an episode that ran to its
/// end without its score reaching a rule's ceiling ends the same way under that rule, and one that
/// ran under the same ceiling ends the same way too; only the others run again (`outcome`): after
/// a change of threshold, about the one lead in eight that qualified, and those that came close.
struct FirstEpisodes: Sendable {
    let ends: [NurtureEnd]
    /// The first-time-only touchpoints each lead had scored when its episode ended.
    let masks: [UInt16]
    /// The ceiling each episode ran under (`Config.mqlCeiling(for:)`).
    let ceilings: [Double]
    /// The highest score each episode's rule was checked against.
    let peaks: [Double]
    /// The score of an episode that ran out without an end (`ScoreTrace.final`).
    let finals: [Float]

    static let bytesPerLead =
        MemoryLayout<NurtureEnd>.stride + MemoryLayout<UInt16>.stride + MemoryLayout<Double>.stride * 2
        + MemoryLayout<Float>.stride

    init(config: B2BModel.Config, population: Population, options: RunOptions) throws(RunCancelled) {
        let count = population.count
        var ends = [NurtureEnd](repeating: .none, count: count)
        var masks = [UInt16](repeating: 0, count: count)
        var ceilings = [Double](repeating: 0, count: count)
        var peaks = [Double](repeating: 0, count: count)
        var finals = [Float](repeating: 0, count: count)
        finals.withUnsafeMutableBufferPointer { finalBuffer in
        ends.withUnsafeMutableBufferPointer { endBuffer in
            masks.withUnsafeMutableBufferPointer { maskBuffer in
                ceilings.withUnsafeMutableBufferPointer { ceilingBuffer in
                    peaks.withUnsafeMutableBufferPointer { peakBuffer in
                        let endsOut = DisjointWrites(endBuffer.baseAddress!)
                        let masksOut = DisjointWrites(maskBuffer.baseAddress!)
                        let ceilingsOut = DisjointWrites(ceilingBuffer.baseAddress!)
                        let peaksOut = DisjointWrites(peakBuffer.baseAddress!)
                        let finalsOut = DisjointWrites(finalBuffer.baseAddress!)
                        ParallelChunks.forEach(count: count, chunkSize: 1024, threads: options.threads) { _, range in
                            if options.cancellation?.isSet == true { return }
                            var awards: [PointAward] = []
                            awards.reserveCapacity(64)
                            for lead in range {
                                let ceiling = config.mqlCeiling(for: lead)
                                let (end, mask, trace) = config.firstEpisode(
                                    lead: lead, population: population, ceiling: ceiling, awards: &awards)
                                endsOut[lead] = end
                                masksOut[lead] = mask
                                ceilingsOut[lead] = ceiling
                                peaksOut[lead] = trace.peak
                                finalsOut[lead] = Float(trace.final)
                            }
                        }
                    }
                }
            }
        }
        }
        try options.checkCancelled()
        (self.ends, self.masks, self.ceilings, self.peaks, self.finals) = (ends, masks, ceilings, peaks, finals)
    }

    /// How `lead`'s first episode ends under `ceiling`, and the touchpoints it has scored by then;
    /// nil when the stored episode cannot tell and must run again.
    @inline(__always)
    func outcome(of lead: Int, ceiling: Double) -> (end: NurtureEnd, mask: UInt16)? {
        if ceiling == ceilings[lead] { return (ends[lead], masks[lead]) }
        // An episode that handed over stopped at its ceiling: what follows is unknown.
        if case .handover = ends[lead] { return nil }
        return peaks[lead] < ceiling ? (ends[lead], masks[lead]) : nil
    }

    /// Every lead's first episode under `config`'s rule: how it ends and the touchpoints it has
    /// scored by then, read off the table or run again where the table cannot tell.
    func resolved(
        config: B2BModel.Config, population: Population, threads: Int
    ) -> (ends: [NurtureEnd], masks: [UInt16], finals: [Float]) {
        let count = population.count
        // Under the rule the episodes ran under (the run that made the table, or one that changed
        // only the sales side), the stored columns are the answer as they are.
        if (0..<count).allSatisfy({ config.mqlCeiling(for: $0) == ceilings[$0] }) { return (ends, masks, finals) }
        var ends = [NurtureEnd](repeating: .none, count: count)
        var masks = [UInt16](repeating: 0, count: count)
        var finals = self.finals
        finals.withUnsafeMutableBufferPointer { finalBuffer in
        ends.withUnsafeMutableBufferPointer { endBuffer in
            masks.withUnsafeMutableBufferPointer { maskBuffer in
                let endsOut = DisjointWrites(endBuffer.baseAddress!)
                let masksOut = DisjointWrites(maskBuffer.baseAddress!)
                let finalsOut = DisjointWrites(finalBuffer.baseAddress!)
                ParallelChunks.forEach(count: count, chunkSize: 1024, threads: threads) { _, range in
                    var awards: [PointAward] = []
                    for lead in range {
                        let ceiling = config.mqlCeiling(for: lead)
                        if let stored = outcome(of: lead, ceiling: ceiling) {
                            (endsOut[lead], masksOut[lead]) = stored
                            continue
                        }
                        let (end, mask, trace) = config.firstEpisode(lead: lead, population: population, ceiling: ceiling, awards: &awards)
                        endsOut[lead] = end
                        masksOut[lead] = mask
                        finalsOut[lead] = Float(trace.final)
                    }
                }
            }
        }
        }
        return (ends, masks, finals)
    }
}

extension B2BModel.Config {
    /// `lead`'s first episode, from its creation under `ceiling`: how it ends, the touchpoints it
    /// scored, and what its score did.
    @inline(__always)
    func firstEpisode(
        lead: Int, population: Population, ceiling: Double, awards: inout [PointAward]
    ) -> (end: NurtureEnd, mask: UInt16, trace: ScoreTrace) {
        var mask: UInt16 = 0
        var trace = ScoreTrace()
        var silent = NoJourney()
        let end = episode(
            lead: lead, population: population, from: Double(population.createdHours[lead]), index: 0, ceiling: ceiling,
            scored: &mask, awards: &awards, trace: &trace, sink: &silent)
        return (end, mask, trace)
    }
}

extension B2BModel {
    /// What first episodes depend on besides the population: the campaigns, the scoring model and
    /// every parameter but those only the MQL rule, the grades and what follows the hand-over read.
    /// A parameter missing from that list only costs a re-run; one wrongly in it would give stale
    /// episodes, which a test rules out by changing each parameter in turn.
    struct FirstEpisodeKey: Equatable, Sendable {
        var values: [Double]
        var campaigns: [Campaign]
        var scoring: ScoringModel
    }

    static func firstEpisodeKey(_ parameters: ParameterSet, campaigns: [Campaign], scoring: ScoringModel) -> FirstEpisodeKey {
        let values = parameters.specs.indices.compactMap { index in
            isReadAfterHandoverOnly(parameters.specs[index].name) ? nil : parameters.values[index]
        }
        return FirstEpisodeKey(values: values, campaigns: campaigns, scoring: scoring)
    }

    /// Parameters of the MQL rule (which `FirstEpisodes.outcome` applies through each lead's
    /// ceiling), of fit and grades, and of everything after the hand-over: sales, SLA,
    /// qualification, opportunities, recycling, cost. The rule's hand-over touchpoints are not
    /// among them: they stop episodes.
    static func isReadAfterHandoverOnly(_ name: String) -> Bool {
        let prefixes = ["sales.", "speed.", "sla.", "sql.", "opportunity.", "win.", "recycle.", "grade.", "fit.", "mal."]
        return (name.hasPrefix("mql.") && name != "mql.fast_track_handraisers")
            || prefixes.contains { name.hasPrefix($0) }
            || (name.hasPrefix("channel.") && name.hasSuffix(".cost_per_lead"))
    }
}
