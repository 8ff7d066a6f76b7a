/// Lead groups: lead index modulo 16. A group is a random sixteenth of the population (leads are
/// numbered in creation order, independently of their attributes), so the spread of a what-if
/// change across groups measures the noise in that change.
public enum LeadGroups {
    public static let count = 16

    @inline(__always)
    public static func of(_ lead: Int) -> Int { lead & (count - 1) }

    /// Leads in `group` among `leads` numbered 0..<leads.
    public static func size(of group: Int, leads: Int) -> Int {
        leads / count + (group < leads % count ? 1 : 0)
    }
}

/// What a model records while it runs, kept per part of the run; the run's totals are the sums.
///
/// A part is a lead group (the reference model) or a span of the measured window (the B2B model).
/// Keeping the parts apart costs a few additions per event and lets every run carry the figures
/// a comparison needs to tell a real change from noise (see `RunResult.groups`).
struct RunLedger {
    var funnel: [FunnelCounts]
    var states: [LeadStates]
    var pipeline: [PipelineFigures]
    var cycleDaysSum: [Double]
    /// Waits to first touch in the order they happened, with the group of each.
    var waitsHours: [Double] = []
    var waitGroups: [UInt8] = []
    var breaches: [Int]
    var marketingCost: [Double]
    /// Per acquisition channel, for the whole run.
    var channels: [ChannelFigures] = []
    /// Per group and rep, at `group * reps + rep`.
    var repLeads: [Int]
    var repBusyHours: [Double]
    var repBacklogEnd: [Int]
    let reps: Int

    @inline(__always)
    mutating func recordWait(_ hours: Double, part: Int) {
        waitsHours.append(hours)
        waitGroups.append(UInt8(truncatingIfNeeded: part))
    }

    /// A ledger whose parts are the lead groups of `leads` leads.
    init(reps: Int, leads: Int) {
        self.init(reps: reps, parts: LeadGroups.count)
        for group in 0..<LeadGroups.count { funnel[group].created = LeadGroups.size(of: group, leads: leads) }
    }

    init(reps: Int, parts: Int) {
        funnel = Array(repeating: FunnelCounts(), count: parts)
        states = Array(repeating: LeadStates(), count: parts)
        pipeline = Array(repeating: PipelineFigures(), count: parts)
        cycleDaysSum = Array(repeating: 0, count: parts)
        breaches = Array(repeating: 0, count: parts)
        marketingCost = Array(repeating: 0, count: parts)
        repLeads = Array(repeating: 0, count: parts * reps)
        repBusyHours = Array(repeating: 0, count: parts * reps)
        repBacklogEnd = Array(repeating: 0, count: parts * reps)
        self.reps = reps
    }

    /// The run's result: totals into `base` (which holds the weekly series and identity), and one
    /// result per part (see `RunResult.groups`), each sharing the whole team.
    func finish(_ base: RunResult, availableHours: [Double], salesCost: Double, threads: Int) -> RunResult {
        let groups = funnel.count
        // Waits split by group with a counting pass; each group's quantiles then come from its own
        // slice, computed in parallel.
        var groupStart = [Int](repeating: 0, count: groups + 1)
        for group in waitGroups { groupStart[Int(group) + 1] += 1 }
        for group in 0..<groups { groupStart[group + 1] += groupStart[group] }
        var byGroup = [Double](repeating: 0, count: waitsHours.count)
        var fill = groupStart
        for (wait, group) in zip(waitsHours, waitGroups) {
            byGroup[fill[Int(group)]] = wait
            fill[Int(group)] += 1
        }
        var speeds = [SpeedToLead](repeating: SpeedToLead(), count: groups + 1)
        speeds.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointWrites(buffer.baseAddress!)
            ParallelChunks.forEach(count: groups + 1, chunkSize: 1, threads: threads) { [self, byGroup, groupStart] group, _ in
                if group == groups {
                    out[group] = SpeedToLead(
                        waitsHours: waitsHours, breaches: breaches.reduce(0, +),
                        handovers: funnel.reduce(0) { $0 + $1.handovers })
                } else {
                    out[group] = SpeedToLead(
                        waitsHours: Array(byGroup[groupStart[group]..<groupStart[group + 1]]),
                        breaches: breaches[group], handovers: funnel[group].handovers)
                }
            }
        }

        var total = base
        var groupResults: [RunResult] = []
        groupResults.reserveCapacity(groups)
        var totalFunnel = FunnelCounts()
        var totalPipeline = PipelineFigures()
        var totalCycleDays = 0.0
        var totalWorkload = (0..<reps).map { RepWorkload(rep: $0) }
        for group in 0..<groups {
            var result = RunResult(model: base.model, leads: funnel[group].created, weeks: base.weeks, weeklySeries: false)
            result.funnel = funnel[group]
            result.states = states[group]
            result.pipeline = pipeline[group].closing(funnel: funnel[group], cycleDaysSum: cycleDaysSum[group])
            result.speedToLead = speeds[group]
            result.meanWaitDays = result.speedToLead.meanHours / 24
            result.reps = (0..<reps).map { rep in
                var workload = RepWorkload(rep: rep)
                let index = group * reps + rep
                workload.leads = repLeads[index]
                workload.busyHours = repBusyHours[index]
                workload.backlogEnd = repBacklogEnd[index]
                workload.availableHours = availableHours[rep]
                totalWorkload[rep].leads += workload.leads
                totalWorkload[rep].busyHours += workload.busyHours
                totalWorkload[rep].backlogEnd += workload.backlogEnd
                return workload
            }
            result.costs.marketing = marketingCost[group]
            result.costs.sales = salesCost * Double(funnel[group].created) / Double(max(1, base.leads))
            groupResults.append(result)

            totalFunnel.add(funnel[group])
            total.states.add(states[group])
            totalPipeline.createdValue += pipeline[group].createdValue
            totalPipeline.openValue += pipeline[group].openValue
            totalPipeline.wonValue += pipeline[group].wonValue
            totalCycleDays += cycleDaysSum[group]
        }
        for rep in 0..<reps { totalWorkload[rep].availableHours = availableHours[rep] }
        total.funnel = totalFunnel
        total.pipeline = totalPipeline.closing(funnel: total.funnel, cycleDaysSum: totalCycleDays)
        total.speedToLead = speeds[groups]
        total.meanWaitDays = total.speedToLead.meanHours / 24
        total.reps = totalWorkload
        total.costs.marketing = marketingCost.reduce(0, +)
        total.costs.sales = salesCost
        total.groups = groupResults
        total.channels = channels
        return total
    }
}
