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

    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"]

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
            body += section("Optimum", "<pre>\(escape(ResultTables.optimumText(optimisation)))</pre>" + table(ResultTables.optimum(optimisation)[0]))
        }
        if let comparison {
            body += section("Compare: \(comparison.before) → \(comparison.after)",
                            table(ResultTables.changes(from: comparison.old, to: comparison.new, before: comparison.before,
                                                       after: comparison.after, metrics: ResultTables.comparisonMetrics)[0])
                                + "<p>* significant: the change is beyond its 95 % noise.</p>")
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
            svg{display:block;margin:.5em 0}svg text{font-size:11px}section{margin-bottom:2em}
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
        bars(stages.rows.map { ($0[0].text, $0[1].number ?? 0, $0[1].text) }, color: Self.palette[0])
    }

    func workloadChart(_ reps: [RepWorkload]) -> String {
        bars(reps.map { ("rep \($0.rep + 1)", $0.utilisation, Format.percent($0.utilisation)) }, color: Self.palette[1], maximum: 1)
    }

    func speedChart(_ speed: SpeedToLead) -> String {
        let edges = SpeedToLead.histogramEdgesHours.map(formatNumber)
        let labels = ["< \(edges[0]) h"] + zip(edges, edges.dropFirst()).map { "\($0)–\($1) h" } + ["≥ \(edges.last!) h"]
        return "<p>Median \(Format.fixed(speed.medianHours, digits: 1)) h, p90 \(Format.fixed(speed.p90Hours, digits: 1)) h, "
            + "SLA breached for \(Format.percent(speed.slaBreachShare)) of hand-overs.</p>"
            + bars(zip(labels, speed.histogram).map { ($0, Double($1), Format.count($1)) }, color: Self.palette[2])
    }

    func bars(_ items: [(label: String, value: Double, text: String)], color: String, maximum: Double? = nil) -> String {
        let (labelWidth, barWidth, rowHeight) = (110.0, 600.0, 20.0)
        let top = max(maximum ?? 0, items.map(\.value).max() ?? 0, 1e-12)
        let height = rowHeight * Double(items.count) + 4
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(labelWidth + barWidth + 90))\" height=\"\(Int(height))\" role=\"img\">"
        for (index, item) in items.enumerated() {
            let y = Double(index) * rowHeight + 2
            let width = max(0, item.value / top * barWidth)
            svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(fmt(y + 14))\" text-anchor=\"end\">\(escape(item.label))</text>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(fmt(y + 2))\" width=\"\(fmt(width))\" height=\"\(fmt(rowHeight - 5))\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(fmt(labelWidth + width + 4))\" y=\"\(fmt(y + 14))\">\(escape(item.text))</text>"
        }
        return svg + "</svg>\n"
    }

    func weeklyChart(_ weekly: WeeklySeries) -> String {
        let series: [(String, [Int])] = [
            ("new leads", weekly.newLeads), ("mqls", weekly.mqls), ("hand-overs", weekly.handovers), ("sqls", weekly.sqls),
            ("opportunities", weekly.opportunities), ("won", weekly.won), ("backlog", weekly.backlog),
        ]
        return lineChart(
            xs: (1...max(1, weekly.weeks)).map(Double.init), series: series.map { ($0.0, $0.1.map(Double.init)) },
            xLabel: "week", unit: "leads")
    }

    /// One line chart per metric of the sweep (one parameter), or the objective per row of the grid (two).
    func sweepCharts(_ sweep: SweepResult) -> String {
        if sweep.axes.count == 1 {
            let xs = sweep.axes[0].values
            return ResultTables.sweepMetrics(sweep).map { name in
                let metric = Metric.named(name)!
                return "<h3>\(escape(name))</h3>" + lineChart(
                    xs: xs, series: [(name, sweep.points.map { $0.runs.estimate(metric).mean })], xLabel: sweep.axes[0].parameter,
                    unit: metric.unit)
            }.joined()
        }
        let metric = Metric.named(sweep.objective.metric)!
        let columns = sweep.axes[1].values.count
        let series = sweep.axes[0].values.enumerated().map { row, value in
            ("\(sweep.axes[0].parameter) = \(formatNumber(value))",
             (0..<columns).map { sweep.points[row * columns + $0].runs.estimate(metric).mean })
        }
        return "<h3>\(escape(metric.name))</h3>" + lineChart(xs: sweep.axes[1].values, series: series, xLabel: sweep.axes[1].parameter, unit: metric.unit)
    }

    func lineChart(xs: [Double], series: [(name: String, values: [Double])], xLabel: String, unit: String) -> String {
        let (left, right, top, bottom) = (70.0, 150.0, 10.0, 40.0)
        let (width, height) = (820.0, 260.0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let all = series.flatMap(\.values)
        var (low, high) = (min(0, all.min() ?? 0), all.max() ?? 1)
        if high <= low { high = low + 1 }
        let (xLow, xHigh) = (xs.first ?? 0, xs.count > 1 ? xs.last! : (xs.first ?? 0) + 1)
        func x(_ value: Double) -> Double { left + (value - xLow) / (xHigh - xLow) * plotWidth }
        func y(_ value: Double) -> Double { top + (high - value) / (high - low) * plotHeight }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">"
        svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top))\" x2=\"\(fmt(left))\" y2=\"\(fmt(top + plotHeight))\" stroke=\"#888\"/>"
        svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top + plotHeight))\" x2=\"\(fmt(left + plotWidth))\" y2=\"\(fmt(top + plotHeight))\" stroke=\"#888\"/>"
        for tick in 0...4 {
            let value = low + (high - low) * Double(tick) / 4
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(value) + 4))\" text-anchor=\"end\">\(escape(Format.metric(value, unit: unit)))</text>"
        }
        for value in [xLow, (xLow + xHigh) / 2, xHigh] {
            svg += "<text x=\"\(fmt(x(value)))\" y=\"\(fmt(top + plotHeight + 16))\" text-anchor=\"middle\">\(escape(formatNumber((value * 100).rounded() / 100)))</text>"
        }
        svg += "<text x=\"\(fmt(left + plotWidth / 2))\" y=\"\(fmt(height - 6))\" text-anchor=\"middle\">\(escape(xLabel))</text>"
        for (index, line) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let points = zip(xs, line.values).map { "\(fmt(x($0))),\(fmt(y($1)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points)\"/>"
            svg += "<text x=\"\(fmt(left + plotWidth + 8))\" y=\"\(fmt(top + 14 + Double(index) * 16))\" fill=\"\(color)\">\(escape(line.name))</text>"
        }
        return svg + "</svg>\n"
    }

    func fmt(_ value: Double) -> String { Format.fixed(value, digits: 1) }

    func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
