import LeadSimCore

/// The tables `show` prints for a run.
public enum ResultTables {
    /// The funnel as two accounts that add up: the hand-overs of the window stage by stage (each
    /// a subset of the one before) with the outcome each ended in, and, where the model follows
    /// its leads, where every lead created in the window stands at its end.
    public static func funnel(_ result: RunResult) -> [TextTable] {
        let f = result.funnel
        var flow = TextTable("funnel", columns: [
            .init("hand-overs of the window", .left), .init("count", .right, unit: "hand-overs"),
            .init("from previous", .right, unit: "fraction"), .init("of hand-overs", .right, unit: "fraction"),
        ])
        let followsLeads = result.states.total > 0
        let stages: [(String, Int)] =
            [("handed over", f.handovers)] + (followsLeads ? [("first attempt made", f.touched)] : [])
            + [("contacted", f.contacted), ("accepted (SAL)", f.sal), ("qualified (SQL)", f.sql),
               ("opportunity", f.opportunities), ("won, followed to close", f.won)]
        var previous: Int?
        for (name, count) in stages {
            flow.append([
                Cell(name), .count(count), share(count, of: previous), share(count, of: f.handovers),
            ])
            previous = count
        }
        guard followsLeads else { return [flow] }

        var outcomes = TextTable("outcomes", columns: [
            .init("where each hand-over ended", .left), .init("count", .right, unit: "hand-overs"),
            .init("of hand-overs", .right, unit: "fraction"),
        ])
        for (name, count) in f.handoverOutcomes { outcomes.append([Cell(name), .count(count), share(count, of: f.handovers)]) }
        outcomes.append([Cell("total"), .count(f.handoverOutcomes.reduce(0) { $0 + $1.count }), share(f.handovers, of: f.handovers)])
        if f.escalated > 0 {
            outcomes.append([Cell("escalated to another rep on the way (within the above)"), .count(f.escalated), share(f.escalated, of: f.handovers)])
        }

        var leads = TextTable("leads_now", columns: [
            .init("leads created in the window", .left), .init("count", .right, unit: "leads"),
            .init("of created", .right, unit: "fraction"),
        ])
        leads.append([Cell("created"), .count(f.created), share(f.created, of: f.created)])
        leads.append([Cell("marketing-accepted (MAL)"), .count(f.mal), share(f.mal, of: f.created)])
        leads.append([Cell("became MQL"), .count(f.mql), share(f.mql, of: f.created)])
        leads.append([Cell("  of which hand-raisers below MAL"), .count(f.mqlBelowMAL), share(f.mqlBelowMAL, of: f.created)])
        for (name, count) in result.states.named {
            leads.append([Cell("at the end: " + name), .count(count), share(count, of: f.created)])
        }
        leads.append([Cell("at the end: total"), .count(result.states.total), share(result.states.total, of: f.created)])
        for (name, count) in result.states.temperatures {
            leads.append([Cell("still in nurture (active, not MQL now): \(name)"), .count(count), share(count, of: f.created)])
        }
        return [leads, flow, outcomes]
    }

    private static func share(_ count: Int, of whole: Int?) -> Cell {
        guard let whole else { return Cell("") }
        guard whole > 0 else { return Cell("-") }
        let value = Double(count) / Double(whole)
        return Cell(Format.percent(value), number: value)
    }

    /// The funnel's tables in one, as a CSV file holds one table: which account, the row, its
    /// count and unit, and its share of the account's whole.
    public static func funnelExport(_ result: RunResult) -> TextTable {
        var table = TextTable("funnel", columns: [
            .init("account", .left), .init("row", .left), .init("count", .right), .init("unit", .left),
            .init("share", .right, unit: "fraction"),
        ])
        for part in funnel(result) {
            let account = part.columns[0].title
            let unit = part.columns[1].unit ?? ""
            let shareColumn = part.columns.count - 1
            for row in part.rows { table.append([Cell(account), row[0], row[1], Cell(unit), row[shareColumn]]) }
        }
        return table
    }

    public static func weekly(_ result: RunResult) -> [TextTable] {
        let w = result.weekly
        var table = TextTable("weekly", columns: [
            .init("week", .right, unit: "week"), .init("new leads", .right, unit: "leads"), .init("mqls", .right, unit: "leads"),
            .init("handovers", .right, unit: "hand-overs"), .init("sqls", .right, unit: "hand-overs"),
            .init("opportunities", .right, unit: "opportunities"), .init("won", .right, unit: "deals"),
            .init("backlog", .right, unit: "leads"),
        ])
        for week in 0..<w.weeks {
            table.append(
                [.count(week + 1)]
                    + [w.newLeads, w.mqls, w.handovers, w.sqls, w.opportunities, w.won, w.backlog].map {
                        .count($0[week])
                    })
        }
        return [table]
    }

    /// Leads and outcomes per acquisition channel with their marketing cost; nil for a model
    /// without channels.
    public static func channels(_ result: RunResult) -> [TextTable]? {
        guard !result.channels.isEmpty else { return nil }
        var table = TextTable("channels", columns: [
            .init("channel", .left), .init("leads", .right, unit: "leads"), .init("mql", .right, unit: "leads"),
            .init("sql", .right, unit: "hand-overs"), .init("opportunities", .right, unit: "opportunities"),
            .init("won", .right, unit: "deals"), .init("pipeline", .right, unit: "EUR"), .init("cost/lead", .right, unit: "EUR"),
            .init("cost/mql", .right, unit: "EUR"), .init("cost/sql", .right, unit: "EUR"), .init("cost/won", .right, unit: "EUR"),
            .init("roi", .right, unit: "multiplier"),
        ])
        func optional(_ value: Double?, unit: String) -> Cell { value.map { .metric($0, unit: unit) } ?? Cell("-") }
        for channel in result.channels {
            table.append([
                Cell(channel.channel), .count(channel.leads), .count(channel.mql), .count(channel.sql),
                .count(channel.opportunities), .count(channel.won), .metric(channel.pipelineValue, unit: "EUR"),
                optional(channel.costPerLead, unit: "EUR"), optional(channel.costPerMQL, unit: "EUR"),
                optional(channel.costPerSQL, unit: "EUR"), optional(channel.costPerWon, unit: "EUR"),
                optional(channel.roi, unit: "multiplier"),
            ])
        }
        return [table]
    }

    /// Nil for a model without individual reps.
    public static func workload(_ result: RunResult) -> [TextTable]? {
        guard !result.reps.isEmpty else { return nil }
        var table = TextTable("workload", columns: [
            .init("rep", .right), .init("leads", .right, unit: "hand-overs"), .init("leads/week", .right, unit: "leads per week"),
            .init("hours/week", .right, unit: "hours per week"), .init("utilisation", .right, unit: "fraction"),
            .init("backlog", .right, unit: "leads"),
        ])
        let weeks = Double(max(1, result.weeks))
        for rep in result.reps {
            table.append([
                .count(rep.rep + 1), .count(rep.leads), .fixed(Double(rep.leads) / weeks, digits: 1),
                .fixed(rep.busyHours / weeks, digits: 1), .metric(rep.utilisation, unit: "fraction"),
                .count(rep.backlogEnd),
            ])
        }
        return [table]
    }

    /// Every metric of the catalogue with its value; with replications, the mean and its 95 % interval.
    public static func kpis(_ runs: RunSet) -> [TextTable] {
        estimates(Metric.all, runs, title: "metric")
    }

    /// The handful of figures a team watches after every run.
    public static let keyMetrics = [
        "mql", "sql", "won", "pipeline.value", "speed_to_lead.median_hours", "sla.breach_share",
        "workload.utilisation", "workload.leads_per_rep_week",
    ]

    /// What `compare` sets side by side: the key figures and what they lead to in money.
    public static let comparisonMetrics = keyMetrics + ["handovers", "revenue", "win_rate", "sla.breach_share", "cost.per_won"]
        .filter { !keyMetrics.contains($0) }

    public static func summary(_ runs: RunSet) -> [TextTable] {
        estimates(keyMetrics.map { Metric.named($0)! }, runs, title: "key figure")
    }

    /// Metric values; with several replications their means and 95 % intervals.
    static func estimates(_ metrics: [Metric], _ runs: RunSet, title: String) -> [TextTable] {
        let intervals = runs.replications > 1
        var columns: [TextTable.Column] = [.init(title, .left, key: "metric"), .init(intervals ? "mean" : "value", .right, key: "value")]
        if intervals { columns += [.init("95 % interval", .right, key: "half_width")] }
        columns.append(.init("unit", .left))
        var table = TextTable("key_figures", columns: columns)
        for metric in metrics where runs.first.computes(metric) {
            let estimate = runs.estimate(metric)
            var row: [Cell] = [Cell(metric.name), .metric(estimate.mean, unit: metric.unit)]
            if intervals { row.append(plusMinus(estimate.halfWidth, unit: metric.unit)) }
            row.append(Cell(metric.unit))
            table.append(row)
        }
        return [table]
    }

    /// `±94`, `±0.6 pts`: a half-width in the metric's unit (fractions in percentage points).
    static func plusMinus(_ halfWidth: Double?, unit: String, additive: Bool = false) -> Cell {
        guard let halfWidth else { return Cell("-") }
        let shown = additive && halfWidth >= 10 ? halfWidth.rounded() : halfWidth
        return Cell("±" + Format.metric(shown, unit: unit == "fraction" ? "points" : unit), number: halfWidth)
    }

    /// The figures before and after a change, with the change and its noise; `*` marks a change
    /// beyond the noise (see `MetricChange`).
    public static func changes(
        from old: RunSet, to new: RunSet, before: String, after: String, metrics: [String] = keyMetrics
    ) -> [TextTable] {
        var table = TextTable("changes", columns: [
            .init("key figure", .left, key: "metric"), .init(before, .right, key: "before"), .init(after, .right, key: "after"),
            .init("change", .right, key: "change"), .init("", .left, key: "significant"),
            .init("noise (95 %)", .right, key: "noise"), .init("unit", .left, exportOnly: true),
        ])
        for name in metrics where new.first.computes(Metric.named(name)!) {
            let change = MetricChange(Metric.named(name)!, from: old, to: new)
            let unit = change.metric.unit
            table.append([
                Cell(name), .metric(change.old, unit: unit), .metric(change.new, unit: unit),
                Cell(signedChange(change), number: change.delta),
                Cell(change.beyondNoise ? "*" : "", number: change.beyondNoise ? 1 : 0),
                plusMinus(change.noise, unit: unit, additive: change.metric.additive), Cell(unit),
            ])
        }
        return [table]
    }

    /// `+1,234 (+3.8 %)`; fractions change in percentage points.
    static func signedChange(_ change: MetricChange) -> String {
        guard change.delta != 0 else { return "0" }
        let sign = change.delta > 0 ? "+" : "-"
        let unit = change.metric.unit
        let magnitude = Format.metric(abs(change.delta), unit: unit == "fraction" ? "points" : unit)
        let relative = change.fraction.map { " (\($0 > 0 ? "+" : "-")\(Format.fixed(abs($0) * 100, digits: 1)) %)" } ?? ""
        return sign + magnitude + (unit == "fraction" ? "" : relative)
    }

    public static func parameters(_ parameters: ParameterSet, onlyChanged: Bool) -> [TextTable] {
        var table = TextTable("parameters", [
            ("parameter", .left), ("value", .right), ("default", .right), ("unit", .left), ("range", .left),
            ("description", .left),
        ])
        for (index, spec) in parameters.specs.enumerated() {
            let value = parameters.values[index]
            if onlyChanged && value == spec.defaultValue { continue }
            table.append([
                Cell(spec.name), Cell(Format.parameter(value, of: spec), number: spec.options.isEmpty ? value : nil),
                Cell(Format.parameter(spec.defaultValue, of: spec), number: spec.options.isEmpty ? spec.defaultValue : nil),
                Cell(spec.unit.rawValue), Cell(spec.rangeDescription), Cell(spec.summary),
            ])
        }
        return [table]
    }
}
