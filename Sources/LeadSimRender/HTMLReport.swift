import LeadSimCore

/// A self-contained HTML report: inline SVG charts and tables, no scripts, no network, so it opens
/// the same from a mail attachment as from a file share.
public struct HTMLReport: Sendable {
    public var title: String
    public var runs: RunSet
    public var parameters: ParameterSet
    public var campaigns: [String]
    public var sweep: SweepResult?
    public var optimisation: OptimisationResult?
    public var comparison: Comparison?

    public init(
        title: String, runs: RunSet, parameters: ParameterSet, campaigns: [String], sweep: SweepResult?,
        optimisation: OptimisationResult?, comparison: Comparison?
    ) {
        self.title = title
        self.runs = runs
        self.parameters = parameters
        self.campaigns = campaigns
        self.sweep = sweep
        self.optimisation = optimisation
        self.comparison = comparison
    }

    public func render() -> String {
        let result = runs.first
        var body = "<h1>\(escape(title))</h1>\n"
        if runs.replications > 1 {
            body += "<p>Means and 95 % intervals over \(runs.replications) replications; charts show replication 1.</p>\n"
        }
        body += section("Key figures", table(ResultTables.summary(runs)[0]))
        let funnel = ResultTables.funnel(result)
        let flow = funnel.first { $0.columns[0].title == "hand-overs of the window" }!
        body += section("Funnel", funnelChart(flow) + funnel.map { table($0) }.joined())
        body += section("Weekly", weeklyChart(result.weekly))
        if let workload = ResultTables.workload(result) {
            body += section("Workload per rep", workloadChart(result.reps) + table(workload[0]))
        }
        body += section("Speed to lead", speedChart(result.speedToLead))
        if let channels = ResultTables.channels(result) { body += section("Channels", table(channels[0])) }
        if let sweep { body += section("Sweep", sweepCharts(sweep) + "<p>\(escape(ResultTables.sweepBestText(sweep)))</p>" + table(ResultTables.sweep(sweep)[0])) }
        if let optimisation {
            body += section("Optimum", "<p class=\"note\">\(escape(ResultTables.optimumText(optimisation)))</p>" + optimumChart(optimisation)
                                + table(ResultTables.optimum(optimisation)[0]))
        }
        if let comparison {
            body += section("Compare: \(comparison.before) → \(comparison.after)",
                            table(ResultTables.changes(from: comparison.old, to: comparison.new, before: comparison.before,
                                                       after: comparison.after, metrics: ResultTables.comparisonMetrics)[0])
                                + "<p>* significant: the change is beyond its 95 % noise.</p>"
                                + ReportCharts.changeChart(ResultTables.comparisonMetrics.map { MetricChange(Metric.named($0)!, from: comparison.old, to: comparison.new) }))
        }
        let changed = parameters.differences(from: parameters.defaults)
        body += section("Parameters",
                        (changed.isEmpty ? "<p>All parameters at their defaults.</p>" : "<p>\(changed.count) changed from the defaults (bold).</p>")
                            + (campaigns.isEmpty ? "" : "<p>Campaigns: \(escape(campaigns.joined(separator: "; ")))</p>")
                            + table(ResultTables.parameters(parameters, onlyChanged: false)[0], bold: Set(changed.map(\.spec.name))))
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}
            table{border-collapse:collapse;margin:.5em 0;font-size:.9em}td,th{padding:2px 8px;border-bottom:1px solid #ddd}
            td.n{text-align:right;font-variant-numeric:tabular-nums}th{text-align:left;background:#f4f4f4}
            svg{display:block;margin:.5em 0;max-width:100%}svg text{font-size:11px;font-family:system-ui,sans-serif}section{margin-bottom:2em}
            p.note{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.85em}
            </style></head><body>
            \(body)</body></html>

            """
    }

    func section(_ heading: String, _ content: String) -> String {
        "<section><h2>\(escape(heading))</h2>\n\(content)</section>\n"
    }

    func table(_ table: TextTable, bold: Set<String> = []) -> String {
        let visible = table.columns.indices.filter { !table.columns[$0].exportOnly }
        var html = "<table><tr>" + visible.map { "<th>\(escape(table.columns[$0].title))</th>" }.joined() + "</tr>\n"
        for row in table.rows {
            let strong = bold.contains(row[0].text)
            html += "<tr>" + visible.map { index in
                let text = escape(row[index].text)
                return (table.columns[index].alignment == .right ? "<td class=\"n\">" : "<td>") + (strong ? "<b>\(text)</b>" : text) + "</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    // MARK: charts

    /// Horizontal bars, one per stage of the funnel table, with counts.
    func funnelChart(_ stages: TextTable) -> String {
        bars(stages.rows.map { ($0[0].text, $0[1].number ?? 0, $0[1].text) }, color: ReportCharts.palette[0])
    }

    func workloadChart(_ reps: [RepWorkload]) -> String {
        bars(reps.map { ("rep \($0.rep + 1)", $0.utilisation, Format.percent($0.utilisation)) }, color: ReportCharts.palette[1], maximum: 1)
    }

    func speedChart(_ speed: SpeedToLead) -> String {
        let edges = SpeedToLead.histogramEdgesHours.map(formatNumber)
        let labels = ["< \(edges[0]) h"] + zip(edges, edges.dropFirst()).map { "\($0)–\($1) h" } + ["≥ \(edges.last!) h"]
        return "<p>Median \(Format.fixed(speed.medianHours, digits: 1)) h, p90 \(Format.fixed(speed.p90Hours, digits: 1)) h, "
            + "SLA breached for \(Format.percent(speed.slaBreachShare)) of hand-overs.</p>"
            + bars(zip(labels, speed.histogram).map { ($0, Double($1), Format.count($1)) }, color: ReportCharts.palette[2])
    }

    func bars(_ items: [(label: String, value: Double, text: String)], color: String, maximum: Double? = nil) -> String {
        let labelWidth = (items.map { ReportCharts.textWidth($0.label) }.max() ?? 60) + 12
        let (barWidth, rowHeight) = (600.0, 20.0)
        let top = max(maximum ?? 0, items.map(\.value).max() ?? 0, 1e-12)
        let height = rowHeight * Double(items.count) + 4
        var svg = ReportCharts.open(width: labelWidth + barWidth + 90, height: height)
        for (index, item) in items.enumerated() {
            let y = Double(index) * rowHeight + 2
            let width = max(0, item.value / top * barWidth)
            svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(ReportCharts.f(y + 14))\" text-anchor=\"end\">\(escape(item.label))</text>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(ReportCharts.f(y + 2))\" width=\"\(ReportCharts.f(width))\" height=\"\(ReportCharts.f(rowHeight - 5))\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(ReportCharts.f(labelWidth + width + 4))\" y=\"\(ReportCharts.f(y + 14))\">\(escape(item.text))</text>"
        }
        return svg + "</svg>\n"
    }

    func weeklyChart(_ weekly: WeeklySeries) -> String {
        let series: [(String, [Int])] = [
            ("new leads", weekly.newLeads), ("mqls", weekly.mqls), ("hand-overs", weekly.handovers), ("sqls", weekly.sqls),
            ("opportunities", weekly.opportunities), ("won", weekly.won), ("backlog", weekly.backlog),
        ]
        return ReportCharts.lineChart(
            xs: (1...max(1, weekly.weeks)).map(Double.init), series: series.map { ($0.0, $0.1.map(Double.init)) },
            xLabel: "week", unit: "leads", fromZero: true)
    }

    /// One parameter: a chart per metric, its axis spanning the data, the best value and those that
    /// break a constraint marked, and each constraint on the metric drawn. Two: a heat map of the
    /// objective.
    func sweepCharts(_ sweep: SweepResult) -> String {
        let best = sweep.best
        let bestLabel = sweep.bestStandsOut ? "best" : "≈ best (within the runner-up's noise)"
        if sweep.axes.count == 1 {
            let xs = sweep.axes[0].values
            return ResultTables.sweepMetrics(sweep).map { name in
                let metric = Metric.named(name)!
                let means = sweep.points.map { $0.runs.estimate(metric).mean }
                var marks = zip(sweep.points, means).filter { !$0.0.keeps(sweep.constraints) }
                    .map { ReportCharts.Mark(x: $0.0.values[0], y: $0.1, kind: .infeasible) }
                if let best, let index = sweep.points.firstIndex(of: best) {
                    marks.append(ReportCharts.Mark(x: best.values[0], y: means[index], kind: sweep.bestStandsOut ? .best : .nearBest))
                }
                let guides = sweep.constraints.filter { $0.metric == name }
                    .map { ReportCharts.Guide(value: $0.bound, label: "\($0.comparison.rawValue) \(Format.metric($0.bound, unit: metric.unit))") }
                return "<h3>\(escape(name))</h3>" + ReportCharts.lineChart(
                    xs: xs, series: [(name, means)], xLabel: sweep.axes[0].parameter, unit: metric.unit, fromZero: false,
                    marks: marks, guides: guides)
            }.joined()
        }
        let metric = Metric.named(sweep.objective.metric)!
        return "<h3>\(escape(sweep.objective.description))</h3>" + ReportCharts.heatMap(
            rows: (sweep.axes[0].parameter, sweep.axes[0].values), columns: (sweep.axes[1].parameter, sweep.axes[1].values),
            cells: sweep.points.map { $0.runs.estimate(metric).mean }, feasible: sweep.points.map { $0.keeps(sweep.constraints) },
            best: best.flatMap { sweep.points.firstIndex(of: $0) }, metric: metric.name, unit: metric.unit, bestLabel: bestLabel)
    }

    /// The objective of every configuration the optimiser tried, the optimum marked and the
    /// constraints that bound it (one parameter), or the tried pairs coloured by it (two).
    func optimumChart(_ result: OptimisationResult) -> String {
        let metric = Metric.named(result.objective.metric)!
        let tried = result.evaluated.map { ($0, $0.runs.estimate(metric).mean) }
        if result.ranges.count == 1 {
            let sorted = tried.sorted { $0.0.values[0] < $1.0.values[0] }
            var marks = sorted.filter { !$0.0.keeps(result.constraints) }.map { ReportCharts.Mark(x: $0.0.values[0], y: $0.1, kind: .infeasible) }
            if let optimum = result.optimum, let match = tried.first(where: { $0.0 == optimum }) {
                marks.append(ReportCharts.Mark(x: optimum.values[0], y: match.1, kind: .best))
            }
            let guides = result.constraints.filter { $0.metric == metric.name }
                .map { ReportCharts.Guide(value: $0.bound, label: "\($0.comparison.rawValue) \(Format.metric($0.bound, unit: metric.unit))") }
            return ReportCharts.lineChart(
                xs: sorted.map { $0.0.values[0] }, series: [("\(metric.name), tried", sorted.map(\.1))], xLabel: result.ranges[0].parameter,
                unit: metric.unit, fromZero: false, marks: marks, guides: guides)
        }
        return ReportCharts.scatter(
            tried.map { (x: $0.0.values[1], y: $0.0.values[0], value: $0.1, feasible: $0.0.keeps(result.constraints)) },
            best: result.optimum.map { ($0.values[1], $0.values[0]) }, xLabel: result.ranges[1].parameter, yLabel: result.ranges[0].parameter,
            metric: metric.name, unit: metric.unit)
    }

    func escape(_ text: String) -> String { ReportCharts.escape(text) }
}
