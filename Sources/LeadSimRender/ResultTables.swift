import LeadSimCore

/// The tables `show` prints for a run.
public enum ResultTables {
    public static func funnel(_ result: RunResult) -> [TextTable] {
        let f = result.funnel
        var table = TextTable(columns: [
            .init("stage", .left), .init("count", .right, unit: "leads"), .init("from previous", .right, unit: "fraction"),
            .init("of created", .right, unit: "fraction"),
        ])
        let stages: [(String, Int)] = [
            ("lead", f.created), ("mal", f.mal), ("mql", f.mql), ("handover", f.handovers), ("contacted", f.contacted),
            ("sal", f.sal), ("sql", f.sql), ("opportunity", f.opportunities), ("won", f.won),
        ]
        var previous: Int?
        for (name, count) in stages {
            let step = previous.map { $0 > 0 ? Format.percent(Double(count) / Double($0)) : "-" } ?? ""
            let ofCreated = f.created > 0 ? Format.percent(Double(count) / Double(f.created)) : "-"
            table.append([
                Cell(name), .count(count), Cell(step, number: previous.flatMap { $0 > 0 ? Double(count) / Double($0) : nil }),
                Cell(ofCreated, number: f.created > 0 ? Double(count) / Double(f.created) : nil),
            ])
            previous = count
        }
        var exits = TextTable(columns: [.init("outcome", .left), .init("count", .right, unit: "leads")])
        for (name, count) in [
            ("lost", f.lost), ("open opportunities", f.openOpportunities), ("recycled", f.recycled),
            ("disqualified", f.disqualified), ("unsubscribed", f.unsubscribed), ("bounced", f.bounced),
            ("reneged (gave up waiting)", f.reneged), ("waiting at the end", f.queueEnd),
        ] {
            exits.append([Cell(name), .count(count)])
        }
        return [table, exits]
    }

    /// Stages and outcomes in one table, as a CSV file holds one table: outcomes have no rates.
    public static func funnelExport(_ result: RunResult) -> TextTable {
        let parts = funnel(result)
        var table = parts[0]
        for row in parts[1].rows { table.append([row[0], row[1], Cell(""), Cell("")]) }
        return table
    }

    public static func weekly(_ result: RunResult) -> [TextTable] {
        let w = result.weekly
        var table = TextTable(columns: [
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
        var table = TextTable(columns: [
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
        var table = TextTable(columns: [
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
        var table = TextTable(columns: columns)
        for metric in metrics {
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
        var table = TextTable(columns: [
            .init("key figure", .left, key: "metric"), .init(before, .right, key: "before"), .init(after, .right, key: "after"),
            .init("change", .right, key: "change"), .init("", .left, key: "significant"),
            .init("noise (95 %)", .right, key: "noise"), .init("unit", .left, exportOnly: true),
        ])
        for name in metrics {
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
        var table = TextTable([
            ("parameter", .left), ("value", .right), ("default", .right), ("unit", .left), ("range", .left),
            ("description", .left),
        ])
        for (index, spec) in parameters.specs.enumerated() {
            let value = parameters.values[index]
            if onlyChanged && value == spec.defaultValue { continue }
            table.append([
                Cell(spec.name), Cell(spec.format(value), number: spec.options.isEmpty ? value : nil),
                Cell(spec.format(spec.defaultValue), number: spec.options.isEmpty ? spec.defaultValue : nil),
                Cell(spec.unit.rawValue), Cell(spec.rangeDescription), Cell(spec.summary),
            ])
        }
        return [table]
    }
}
