import LeadSimCore

/// The tables `show` prints for a run.
public enum ResultTables {
    public static func funnel(_ result: RunResult) -> String {
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
            table.append([name, Format.count(count), step, ofCreated])
            previous = count
        }
        var exits = TextTable([("outcome", .left), ("count", .right)])
        for (name, count) in [
            ("lost", f.lost), ("open opportunities", f.openOpportunities), ("recycled", f.recycled),
            ("disqualified", f.disqualified), ("unsubscribed", f.unsubscribed), ("bounced", f.bounced),
            ("reneged (gave up waiting)", f.reneged), ("waiting at the end", f.queueEnd),
        ] {
            exits.append([name, Format.count(count)])
        }
        return table.render() + "\n" + exits.render()
    }

    public static func weekly(_ result: RunResult) -> String {
        let w = result.weekly
        var table = TextTable([
            ("week", .right), ("new leads", .right), ("mqls", .right), ("handovers", .right), ("sqls", .right),
            ("opportunities", .right), ("won", .right), ("backlog", .right),
        ])
        for week in 0..<w.weeks {
            table.append(
                [String(week + 1)]
                    + [w.newLeads, w.mqls, w.handovers, w.sqls, w.opportunities, w.won, w.backlog].map {
                        Format.count($0[week])
                    })
        }
        return table.render()
    }

    public static func workload(_ result: RunResult) -> String {
        guard !result.reps.isEmpty else { return "model \(result.model) has no individual reps\n" }
        var table = TextTable([
            ("rep", .right), ("leads", .right), ("leads/week", .right), ("hours/week", .right),
            ("utilisation", .right), ("backlog", .right),
        ])
        let weeks = Double(max(1, result.weeks))
        for rep in result.reps {
            table.append([
                String(rep.rep + 1), Format.count(rep.leads), Format.fixed(Double(rep.leads) / weeks, digits: 1),
                Format.fixed(rep.busyHours / weeks, digits: 1), Format.percent(rep.utilisation),
                Format.count(rep.backlogEnd),
            ])
        }
        return table.render()
    }

    /// Every metric of the catalogue with its value.
    public static func kpis(_ result: RunResult) -> String {
        var table = TextTable([("metric", .left), ("value", .right), ("unit", .left)])
        for metric in Metric.all {
            table.append([metric.name, Format.metric(metric.value(result), unit: metric.unit), metric.unit])
        }
        return table.render()
    }

    /// The handful of figures a team watches after every run.
    public static let keyMetrics = [
        "mql", "sql", "won", "pipeline.value", "speed_to_lead.median_hours", "sla.breach_share",
        "workload.utilisation", "workload.leads_per_rep_week",
    ]

    public static func summary(_ result: RunResult) -> String {
        var table = TextTable([("key figure", .left), ("value", .right)])
        for name in keyMetrics {
            let metric = Metric.named(name)!
            table.append([name, Format.metric(metric.value(result), unit: metric.unit)])
        }
        return table.render()
    }

    public static func parameters(_ parameters: ParameterSet, onlyChanged: Bool) -> String {
        var table = TextTable([
            ("parameter", .left), ("value", .right), ("default", .right), ("unit", .left), ("range", .left),
            ("description", .left),
        ])
        for (index, spec) in parameters.specs.enumerated() {
            let value = parameters.values[index]
            if onlyChanged && value == spec.defaultValue { continue }
            table.append([
                spec.name, spec.format(value), spec.format(spec.defaultValue), spec.unit.rawValue,
                spec.rangeDescription, spec.summary,
            ])
        }
        return table.render()
    }
}
