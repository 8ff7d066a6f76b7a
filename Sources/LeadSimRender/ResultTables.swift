import LeadSimCore

/// The tables `show` prints for a run.
public enum ResultTables {
    public static func funnel(_ result: RunResult) -> [TextTable] {
        let f = result.funnel
        var table = TextTable([("stage", .left), ("count", .right), ("from previous", .right), ("of created", .right)])
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
        var exits = TextTable([("outcome", .left), ("count", .right)])
        for (name, count) in [
            ("lost", f.lost), ("open opportunities", f.openOpportunities), ("recycled", f.recycled),
            ("disqualified", f.disqualified), ("unsubscribed", f.unsubscribed), ("bounced", f.bounced),
            ("reneged (gave up waiting)", f.reneged), ("waiting at the end", f.queueEnd),
        ] {
            exits.append([Cell(name), .count(count)])
        }
        return [table, exits]
    }

    public static func weekly(_ result: RunResult) -> [TextTable] {
        let w = result.weekly
        var table = TextTable([
            ("week", .right), ("new leads", .right), ("mqls", .right), ("handovers", .right), ("sqls", .right),
            ("opportunities", .right), ("won", .right), ("backlog", .right),
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

    /// Nil for a model without individual reps.
    public static func workload(_ result: RunResult) -> [TextTable]? {
        guard !result.reps.isEmpty else { return nil }
        var table = TextTable([
            ("rep", .right), ("leads", .right), ("leads/week", .right), ("hours/week", .right),
            ("utilisation", .right), ("backlog", .right),
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

    /// Every metric of the catalogue with its value.
    public static func kpis(_ result: RunResult) -> [TextTable] {
        var table = TextTable([("metric", .left), ("value", .right), ("unit", .left)])
        for metric in Metric.all {
            table.append([Cell(metric.name), .metric(metric.value(result), unit: metric.unit), Cell(metric.unit)])
        }
        return [table]
    }

    /// The handful of figures a team watches after every run.
    public static let keyMetrics = [
        "mql", "sql", "won", "pipeline.value", "speed_to_lead.median_hours", "sla.breach_share",
        "workload.utilisation", "workload.leads_per_rep_week",
    ]

    public static func summary(_ result: RunResult) -> [TextTable] {
        var table = TextTable([("key figure", .left), ("value", .right)])
        for name in keyMetrics {
            let metric = Metric.named(name)!
            table.append([Cell(name), .metric(metric.value(result), unit: metric.unit)])
        }
        return [table]
    }

    /// The key figures before and after a change, with the change and its noise; `*` marks a
    /// change beyond the noise (see `MetricChange`).
    public static func changes(from old: RunResult, to new: RunResult, before: String, after: String) -> [TextTable] {
        var table = TextTable([
            ("key figure", .left), (before, .right), (after, .right), ("change", .right), ("", .left),
            ("noise (95 %)", .right),
        ])
        for name in keyMetrics {
            let change = MetricChange(Metric.named(name)!, from: old, to: new)
            let unit = change.metric.unit
            table.append([
                Cell(name), .metric(change.old, unit: unit), .metric(change.new, unit: unit),
                Cell(signedChange(change), number: change.delta),
                Cell(change.beyondNoise ? "*" : ""),
                change.noise.map { Cell("±" + Format.metric(change.metric.additive && $0 >= 10 ? $0.rounded() : $0,
                                                             unit: unit == "fraction" ? "points" : unit), number: $0) }
                    ?? Cell("-"),
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
