/// A named figure of a run that scripts can `expect` and tables can show. The catalogue below is
/// the one list the parser, completion and help read.
public struct Metric: Sendable {
    public let name: String
    public let unit: String
    public let summary: String
    /// Whether the figure of a run is the sum of its lead groups' figures (counts, values, hours
    /// per rep), rather than a rate or a wait that each group estimates on its own.
    public let additive: Bool
    public let value: @Sendable (RunResult) -> Double

    init(
        _ name: String, _ unit: String, _ summary: String, additive: Bool = false,
        _ value: @escaping @Sendable (RunResult) -> Double
    ) {
        self.name = name
        self.unit = unit
        self.summary = summary
        self.additive = additive
        self.value = value
    }

    public static func named(_ name: String) -> Metric? { byName[name] }

    /// A metric by its full name, or by the last part of its name where only one metric ends so
    /// (`utilisation` for `workload.utilisation`).
    public static func resolve(_ word: String) -> Metric? {
        if let exact = byName[word] { return exact }
        let matches = all.filter { $0.name.hasSuffix("." + word) }
        return matches.count == 1 ? matches[0] : nil
    }

    private static let byName: [String: Metric] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static let all: [Metric] = [
        Metric("created", "leads", "leads created in the horizon", additive: true) { Double($0.funnel.created) },
        Metric("mal", "leads", "leads created whose fit grade marketing accepts (mal.min_grade): the gate before MQL", additive: true) {
            Double($0.funnel.mal)
        },
        Metric("mql_below_mal", "leads", "MQLs below the MAL grade: hand-raisers, who skip the gate", additive: true) {
            Double($0.funnel.mqlBelowMAL)
        },
        Metric("mql", "leads", "leads that became MQL at least once", additive: true) { Double($0.funnel.mql) },
        Metric("handovers", "hand-overs", "hand-overs to sales in the window, counting a recycled lead's repeats", additive: true) {
            Double($0.funnel.handovers)
        },
        Metric("touched", "hand-overs", "hand-overs of the window sales made a first attempt on", additive: true) {
            Double($0.funnel.touched)
        },
        Metric("contacted", "hand-overs", "hand-overs of the window where sales reached the lead", additive: true) {
            Double($0.funnel.contacted)
        },
        Metric("sal", "hand-overs", "hand-overs of the window sales accepted", additive: true) { Double($0.funnel.sal) },
        Metric("sql", "hand-overs", "hand-overs of the window qualified by sales (BANT)", additive: true) { Double($0.funnel.sql) },
        Metric("opportunities", "opportunities", "opportunities opened from the window's hand-overs", additive: true) {
            Double($0.funnel.opportunities)
        },
        Metric("won", "deals", "opportunities opened in the window that are won, followed to their close", additive: true) {
            Double($0.funnel.won)
        },
        Metric("lost", "deals", "opportunities opened in the window that are lost, followed to their close", additive: true) {
            Double($0.funnel.lost)
        },
        Metric("open_opportunities", "opportunities", "opportunities opened in the window and still open at its end", additive: true) {
            Double($0.funnel.openOpportunities)
        },
        Metric("recycled", "hand-overs", "hand-overs of the window sent back to nurturing", additive: true) { Double($0.funnel.recycled) },
        Metric("disqualified", "hand-overs", "hand-overs of the window disqualified by sales", additive: true) {
            Double($0.funnel.disqualified)
        },
        Metric("unsubscribed", "leads", "leads that unsubscribed in the window", additive: true) { Double($0.funnel.unsubscribed) },
        Metric("bounced", "leads", "leads whose e-mail bounced in the window", additive: true) { Double($0.funnel.bounced) },
        Metric("reneged", "hand-overs", "hand-overs of the window that gave up waiting for sales", additive: true) {
            Double($0.funnel.reneged)
        },
        Metric("queue_end", "hand-overs", "hand-overs waiting for a first attempt at the end", additive: true) {
            Double($0.funnel.queueEnd)
        },
        Metric("in_cadence", "hand-overs", "hand-overs tried and not yet reached at the end", additive: true) {
            Double($0.funnel.inCadence)
        },
        Metric("rejected", "hand-overs", "hand-overs reached and not accepted, sent back to nurture", additive: true) {
            Double($0.funnel.rejected)
        },
        Metric("in_discovery", "hand-overs", "accepted hand-overs whose discovery call was still to come at the end", additive: true) {
            Double($0.funnel.inDiscovery)
        },
        Metric("not_qualified", "hand-overs", "accepted hand-overs discovery found not qualified", additive: true) {
            Double($0.funnel.notQualified)
        },
        Metric("no_opportunity", "hand-overs", "qualified hand-overs that opened no opportunity", additive: true) {
            Double($0.funnel.noOpportunity)
        },
        Metric("not_reached", "hand-overs", "hand-overs sales never reached in all the attempts of its cadence", additive: true) {
            Double($0.funnel.notReached)
        },
        Metric("burned", "hand-overs", "hand-overs reached before the lead was ready, which asked not to be contacted again", additive: true) {
            Double($0.funnel.burned)
        },
        Metric("escalated", "hand-overs", "hand-overs moved to another rep when sla.max_wait_hours ran out", additive: true) {
            Double($0.funnel.escalated)
        },
        Metric("without_consent", "leads", "MQLs sales may not contact for want of marketing consent", additive: true) {
            Double($0.funnel.withoutConsent)
        },
        Metric("sla_recycled", "hand-overs", "hand-overs sent back to nurture untouched when sla.max_wait_hours ran out", additive: true) {
            Double($0.funnel.slaRecycled)
        },

        Metric("state.in_nurture", "leads", "window leads in nurture at its end, not yet MQL", additive: true) {
            Double($0.states.inNurture)
        },
        Metric("state.archived", "leads", "window leads archived without reaching MQL", additive: true) { Double($0.states.archived) },
        Metric("state.unsubscribed", "leads", "window leads unsubscribed at its end", additive: true) { Double($0.states.unsubscribed) },
        Metric("state.bounced", "leads", "window leads bounced at its end", additive: true) { Double($0.states.bounced) },
        Metric("state.without_consent", "leads", "window leads MQL but not to be called for want of consent", additive: true) {
            Double($0.states.withoutConsent)
        },
        Metric("state.waiting", "leads", "window leads waiting for sales at its end", additive: true) { Double($0.states.waitingForSales) },
        Metric("state.with_sales", "leads", "window leads being called or in discovery at its end", additive: true) {
            Double($0.states.withSales)
        },
        Metric("state.recycled", "leads", "window leads back in nurture after a hand-over", additive: true) { Double($0.states.recycled) },
        Metric("state.burned", "leads", "window leads burned by a premature call", additive: true) { Double($0.states.burned) },
        Metric("state.disqualified", "leads", "window leads disqualified", additive: true) { Double($0.states.disqualified) },
        Metric("state.opportunity_open", "leads", "window leads with an opportunity open at its end", additive: true) {
            Double($0.states.opportunityOpen)
        },
        Metric("state.won", "leads", "window leads whose deal was won by its end", additive: true) { Double($0.states.won) },
        Metric("state.lost", "leads", "window leads whose deal was lost by its end", additive: true) { Double($0.states.lost) },
        Metric("temperature.hot", "leads", "window leads in nurture at its end with a score at least 75 % of their MQL score", additive: true) {
            Double($0.states.hot)
        },
        Metric("temperature.warm", "leads", "window leads in nurture at its end with a score from 40 % to 75 % of their MQL score", additive: true) {
            Double($0.states.warm)
        },
        Metric("temperature.cold", "leads", "window leads in nurture at its end further from MQL, or of a grade the rule keeps out", additive: true) {
            Double($0.states.cold)
        },

        Metric("funnel.lead_to_mql", "fraction", "share of created leads that became MQL") {
            ratio($0.funnel.mql, $0.funnel.created)
        },
        Metric("funnel.handover_to_contacted", "fraction", "contacted per hand-over") {
            ratio($0.funnel.contacted, $0.funnel.handovers)
        },
        Metric("funnel.contacted_to_sal", "fraction", "accepted per contacted hand-over") { ratio($0.funnel.sal, $0.funnel.contacted) },
        Metric("funnel.sal_to_sql", "fraction", "qualified per accepted hand-over") { ratio($0.funnel.sql, $0.funnel.sal) },
        Metric("funnel.mql_to_sql", "fraction", "qualified per hand-over (each hand-over passes an MQL to sales)") {
            ratio($0.funnel.sql, $0.funnel.handovers)
        },
        Metric("funnel.sql_to_opportunity", "fraction", "opportunities per SQL") {
            ratio($0.funnel.opportunities, $0.funnel.sql)
        },
        Metric("funnel.lead_to_won", "fraction", "won deals per created lead") { ratio($0.funnel.won, $0.funnel.created) },

        Metric("speed_to_lead.median_hours", "hours", "median wait from hand-over to first touch") {
            $0.speedToLead.medianHours
        },
        Metric("speed_to_lead.p90_hours", "hours", "90th percentile of the wait to first touch") { $0.speedToLead.p90Hours },
        Metric("speed_to_lead.mean_hours", "hours", "mean wait to first touch") { $0.speedToLead.meanHours },
        Metric("wait.mean_days", "days", "mean wait to first touch, in days") { $0.meanWaitDays },
        Metric("sla.breach_share", "fraction", "share of hand-overs whose SLA was breached: touched late, sent back untouched, or left waiting past it") {
            $0.speedToLead.slaBreachShare
        },
        Metric("acceptance_rate", "fraction", "accepted (SAL) per hand-over") {
            ratio($0.funnel.sal, $0.funnel.handovers)
        },

        Metric("pipeline.value", "EUR", "value of opportunities opened", additive: true) { $0.pipeline.createdValue },
        Metric("pipeline.open_value", "EUR", "value of opportunities open at the end", additive: true) { $0.pipeline.openValue },
        Metric("revenue", "EUR", "value of the won deals among the window's opportunities", additive: true) { $0.pipeline.wonValue },
        Metric("win_rate", "fraction", "won share of the window's opportunities, followed to their close") { $0.pipeline.winRate },
        Metric("cycle.mean_days", "days", "mean days from opening to close of the window's opportunities, followed to their close") {
            $0.pipeline.meanCycleDays
        },
        Metric("pipeline.velocity_per_day", "EUR per day", "opportunities × deal value × win rate / cycle, of the window's opportunities") {
            $0.pipeline.velocityPerDay
        },

        Metric("workload.utilisation", "fraction", "mean rep utilisation (busy / available hours)", additive: true) {
            mean($0.reps.map(\.utilisation))
        },
        Metric("workload.max_utilisation", "fraction", "utilisation of the busiest rep") {
            $0.reps.map(\.utilisation).max() ?? 0
        },
        Metric("workload.leads_per_rep_week", "leads per week", "hand-overs per rep and week", additive: true) {
            $0.reps.isEmpty ? 0 : Double($0.reps.reduce(0) { $0 + $1.leads }) / Double($0.reps.count * $0.weeks)
        },
        Metric("workload.hours_per_rep_week", "hours per week", "busy hours per rep and week", additive: true) {
            $0.reps.isEmpty ? 0 : $0.reps.reduce(0) { $0 + $1.busyHours } / Double($0.reps.count * $0.weeks)
        },
        Metric("workload.backlog", "leads", "leads assigned to reps and not yet touched at the end", additive: true) {
            Double($0.reps.reduce(0) { $0 + $1.backlogEnd })
        },

        Metric("cost.marketing", "EUR", "cost of the leads by channel", additive: true) { $0.costs.marketing },
        Metric("cost.sales", "EUR", "cost of the reps over the horizon", additive: true) { $0.costs.sales },
        Metric("cost.per_mql", "EUR", "total cost per MQL lead") { costPer($0, $0.funnel.mql) },
        Metric("cost.per_sql", "EUR", "total cost per SQL") { costPer($0, $0.funnel.sql) },
        Metric("cost.per_won", "EUR", "total cost per won deal") { costPer($0, $0.funnel.won) },
        Metric("roi", "multiplier", "revenue / total cost") {
            $0.costs.total > 0 ? $0.pipeline.wonValue / $0.costs.total : 0
        },
    ]
}

private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
    denominator > 0 ? Double(numerator) / Double(denominator) : 0
}

private func mean(_ values: [Double]) -> Double {
    values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
}

private func costPer(_ result: RunResult, _ count: Int) -> Double {
    count > 0 ? result.costs.total / Double(count) : 0
}
