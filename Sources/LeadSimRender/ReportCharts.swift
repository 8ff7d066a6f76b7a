import LeadSimCore

/// A chart's value axis: the data's range widened to round ticks. Counts over weeks start at zero;
/// a sweep's lines move within a few per cent of their level, and an axis from zero would flatten
/// them, so they span their data.
struct ChartScale: Equatable {
    let low: Double
    let high: Double
    let ticks: [Double]

    init(_ values: [Double], fromZero: Bool) {
        var low = values.min() ?? 0, high = values.max() ?? 1
        if fromZero { low = min(0, low) }
        if high <= low {
            let pad = max(abs(high) * 0.05, 1e-9)
            (low, high) = (low - pad, high + pad)
        }
        let step = Self.roundStep((high - low) / 4)
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        self.low = first
        self.high = last
        ticks = stride(from: first, through: last + step / 2, by: step).map { ($0 / step).rounded() * step }
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func roundStep(_ rough: Double) -> Double {
        let power = Double.pow10(floorLog10(rough))
        return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough * 0.999 } ?? 10 * power
    }

    static func floorLog10(_ value: Double) -> Int {
        var exponent = 0
        var scaled = value
        while scaled >= 10 { scaled /= 10; exponent += 1 }
        while scaled < 1 && scaled > 0 { scaled *= 10; exponent -= 1 }
        return exponent
    }
}

extension Double {
    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}

/// SVG charts for the report: lines with marked points and constraint lines, a heat map, bars of
/// changes with their noise. Text is measured by a per-character width, so that margins grow to
/// the longest label instead of clipping it.
enum ReportCharts {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"]
    /// An 11-pixel sans-serif character is about this wide; digits and capitals a little more.
    static let characterWidth = 6.8

    static func textWidth(_ text: String) -> Double { Double(text.count) * characterWidth }

    /// A point drawn on a line chart: the best value, or one that breaks a constraint.
    struct Mark {
        enum Kind { case best, nearBest, infeasible }
        var x: Double
        var y: Double
        var kind: Kind
    }

    /// A horizontal line across a chart: a constraint's bound.
    struct Guide {
        var value: Double
        var label: String
    }

    static func lineChart(
        xs: [Double], series: [(name: String, values: [Double])], xLabel: String, unit: String, fromZero: Bool,
        marks: [Mark] = [], guides: [Guide] = []
    ) -> String {
        let scale = ChartScale(series.flatMap(\.values) + guides.map(\.value), fromZero: fromZero)
        let tickLabels = scale.ticks.map { Format.metric($0, unit: unit) }
        let left = (tickLabels.map(textWidth).max() ?? 40) + 14
        let right = max(textWidth("breaks a constraint") + 14, (series.map { textWidth($0.name) } + guides.map { textWidth($0.label) }).max() ?? 0) + 16
        let (top, bottom, plotWidth, plotHeight) = (12.0, 40.0, 600.0, 210.0)
        let (width, height) = (left + plotWidth + right, top + plotHeight + bottom)
        let (xLow, xHigh) = (xs.first ?? 0, xs.count > 1 ? xs.last! : (xs.first ?? 0) + 1)
        func x(_ value: Double) -> Double { left + (value - xLow) / (xHigh - xLow) * plotWidth }
        func y(_ value: Double) -> Double { top + (scale.high - value) / (scale.high - scale.low) * plotHeight }
        var svg = open(width: width, height: height)
        for (tick, label) in zip(scale.ticks, tickLabels) {
            svg += line(left, y(tick), left + plotWidth, y(tick), stroke: "#eee")
            svg += text(label, x: left - 6, y: y(tick) + 4, anchor: "end")
        }
        svg += line(left, top, left, top + plotHeight, stroke: "#888") + line(left, top + plotHeight, left + plotWidth, top + plotHeight, stroke: "#888")
        for value in xTicks(xs) {
            svg += text(formatNumber((value * 1000).rounded() / 1000), x: x(value), y: top + plotHeight + 16, anchor: "middle")
        }
        svg += text(xLabel, x: left + plotWidth / 2, y: height - 6, anchor: "middle")
        var legendY = top + 10
        for guide in guides {
            svg += "<line class=\"constraint\" x1=\"\(f(left))\" y1=\"\(f(y(guide.value)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(guide.value)))\" stroke=\"#d62728\" stroke-dasharray=\"6 4\"/>"
            svg += text(guide.label, x: left + plotWidth + 8, y: y(guide.value) + 4, fill: "#d62728")
        }
        for (index, line) in series.enumerated() {
            let color = palette[index % palette.count]
            let points = zip(xs, line.values).map { "\(f(x($0))),\(f(y($1)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points)\"/>"
            if series.count > 1 || guides.isEmpty {
                svg += text(line.name, x: left + plotWidth + 8, y: legendY, fill: color)
                legendY += 16
            }
        }
        if marks.contains(where: { $0.kind == .infeasible }) {
            svg += "<circle cx=\"\(f(left + plotWidth + 13))\" cy=\"\(f(legendY - 4))\" r=\"5\" fill=\"#fff\" stroke=\"#999\" stroke-width=\"1.5\"/>"
                + text("breaks a constraint", x: left + plotWidth + 22, y: legendY, fill: "#777")
        }
        for mark in marks {
            let (cx, cy) = (x(mark.x), y(mark.y))
            switch mark.kind {
            case .infeasible:
                svg += "<g class=\"infeasible\"><circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"5\" fill=\"#fff\" stroke=\"#999\" stroke-width=\"1.5\"/>"
                    + line(cx - 3, cy - 3, cx + 3, cy + 3, stroke: "#999") + line(cx - 3, cy + 3, cx + 3, cy - 3, stroke: "#999") + "</g>"
            case .best, .nearBest:
                let label = mark.kind == .best ? "best" : "≈ best"
                svg += "<g class=\"best\"><circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"6\" fill=\"#222\"/>"
                    + text(label, x: cx, y: cy < top + 20 ? cy + 20 : cy - 10, anchor: "middle", fill: "#222") + "</g>"
            }
        }
        return svg + "</svg>\n"
    }

    /// The ticks of the x axis: every value when there are few, else round values between the ends.
    static func xTicks(_ xs: [Double]) -> [Double] {
        guard let first = xs.first, let last = xs.last else { return [] }
        return xs.count <= 11 ? xs : ChartScale(xs, fromZero: false).ticks.filter { $0 >= first && $0 <= last }
    }

    /// A grid of two parameters coloured by the objective: low values light, high values dark, as
    /// the legend shows; cells that break a constraint hatched grey, the best outlined.
    static func heatMap(
        rows: (name: String, values: [Double]), columns: (name: String, values: [Double]), cells: [Double], feasible: [Bool],
        best: Int?, metric: String, unit: String, bestLabel: String
    ) -> String {
        let rowLabels = rows.values.map(formatNumber), columnLabels = columns.values.map(formatNumber)
        let cellTexts = cells.map { Format.metric($0, unit: unit) }
        let cellWidth = max(44, (cellTexts.map(textWidth).max() ?? 30) + 10, (columnLabels.map(textWidth).max() ?? 0) + 8)
        let cellHeight = 24.0
        let left = max(textWidth(rows.name), (rowLabels.map(textWidth).max() ?? 0)) + 16
        let top = 34.0
        let plotWidth = cellWidth * Double(columns.values.count), plotHeight = cellHeight * Double(rows.values.count)
        let legendTop = top + plotHeight + 40
        let width = max(left + plotWidth + 20, left + 236 + max(textWidth(bestLabel), textWidth("breaks a constraint")) + 10)
        let height = legendTop + 50
        let feasibleValues = zip(cells, feasible).filter(\.1).map(\.0)
        let (low, high) = (feasibleValues.min() ?? cells.min() ?? 0, feasibleValues.max() ?? cells.max() ?? 1)
        var svg = open(width: width, height: height)
        svg += "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"6\" height=\"6\" fill=\"#e4e4e4\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#aaa\" stroke-width=\"2\"/></pattern></defs>"
        svg += text(columns.name, x: left + plotWidth / 2, y: 12, anchor: "middle")
        svg += text(rows.name, x: 4, y: 12)
        for (index, label) in columnLabels.enumerated() {
            svg += text(label, x: left + (Double(index) + 0.5) * cellWidth, y: top - 6, anchor: "middle")
        }
        for (row, label) in rowLabels.enumerated() {
            svg += text(label, x: left - 8, y: top + (Double(row) + 0.5) * cellHeight + 4, anchor: "end")
            for column in columns.values.indices {
                let index = row * columns.values.count + column
                let (x, y) = (left + Double(column) * cellWidth, top + Double(row) * cellHeight)
                let share = high > low ? (cells[index] - low) / (high - low) : 0.5
                let fill = feasible[index] ? colour(share) : "url(#hatch)"
                svg += "<rect class=\"\(feasible[index] ? "cell" : "cell infeasible")\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cellWidth))\" height=\"\(f(cellHeight))\" fill=\"\(fill)\" stroke=\"#fff\"/>"
                svg += text(cellTexts[index], x: x + cellWidth / 2, y: y + cellHeight / 2 + 4, anchor: "middle",
                            fill: feasible[index] && share > 0.55 ? "#fff" : "#222")
            }
        }
        if let best {
            let (x, y) = (left + Double(best % columns.values.count) * cellWidth, top + Double(best / columns.values.count) * cellHeight)
            svg += "<rect class=\"best\" x=\"\(f(x + 1))\" y=\"\(f(y + 1))\" width=\"\(f(cellWidth - 2))\" height=\"\(f(cellHeight - 2))\" fill=\"none\" stroke=\"#000\" stroke-width=\"3\"/>"
        }
        svg += colourLegend(id: "scale", x: left, y: legendTop, metric: metric, low: low, high: high, unit: unit)
        svg += "<rect x=\"\(f(left + 220))\" y=\"\(f(legendTop))\" width=\"12\" height=\"12\" fill=\"url(#hatch)\"/>" + text("breaks a constraint", x: left + 236, y: legendTop + 10)
        svg += "<rect x=\"\(f(left + 220))\" y=\"\(f(legendTop + 18))\" width=\"12\" height=\"12\" fill=\"none\" stroke=\"#000\" stroke-width=\"3\"/>" + text(bestLabel, x: left + 236, y: legendTop + 28)
        return svg + "</svg>\n"
    }

    /// Pairs of values as dots coloured by `value` (light low, dark high), those that break a
    /// constraint hollow, the best ringed.
    static func scatter(
        _ points: [(x: Double, y: Double, value: Double, feasible: Bool)], best: (x: Double, y: Double)?, xLabel: String, yLabel: String,
        metric: String, unit: String
    ) -> String {
        // A margin of a twentieth of the span keeps the dots at the ends off the axes.
        func padded(_ values: [Double]) -> ChartScale {
            let (low, high) = (values.min() ?? 0, values.max() ?? 1)
            return ChartScale([low - (high - low) / 20, high + (high - low) / 20], fromZero: false)
        }
        let xScale = padded(points.map(\.x)), yScale = padded(points.map(\.y))
        let yLabels = yScale.ticks.map(formatNumber)
        let left = max(textWidth(yLabel), (yLabels.map(textWidth).max() ?? 30)) + 16
        let (top, plotWidth, plotHeight) = (24.0, 420.0, 240.0)
        let legendTop = top + plotHeight + 44
        let (width, height) = (max(left + plotWidth + 40, left + 236 + textWidth("breaks a constraint") + 10), legendTop + 36)
        func x(_ value: Double) -> Double { left + (value - xScale.low) / (xScale.high - xScale.low) * plotWidth }
        func y(_ value: Double) -> Double { top + (yScale.high - value) / (yScale.high - yScale.low) * plotHeight }
        let values = points.filter(\.feasible).map(\.value)
        let (low, high) = (values.min() ?? 0, values.max() ?? 1)
        var svg = open(width: width, height: height) + text(yLabel, x: 4, y: 12)
        svg += line(left, top, left, top + plotHeight, stroke: "#888") + line(left, top + plotHeight, left + plotWidth, top + plotHeight, stroke: "#888")
        for (tick, label) in zip(yScale.ticks, yLabels) { svg += text(label, x: left - 6, y: y(tick) + 4, anchor: "end") }
        for tick in xScale.ticks { svg += text(formatNumber(tick), x: x(tick), y: top + plotHeight + 16, anchor: "middle") }
        svg += text(xLabel, x: left + plotWidth / 2, y: top + plotHeight + 32, anchor: "middle")
        for point in points {
            let share = high > low ? (point.value - low) / (high - low) : 0.5
            svg += point.feasible
                ? "<circle class=\"tried\" cx=\"\(f(x(point.x)))\" cy=\"\(f(y(point.y)))\" r=\"6\" fill=\"\(colour(share))\" stroke=\"#555\"/>"
                : "<circle class=\"infeasible\" cx=\"\(f(x(point.x)))\" cy=\"\(f(y(point.y)))\" r=\"6\" fill=\"#fff\" stroke=\"#999\"/>"
        }
        if let best { svg += "<circle class=\"best\" cx=\"\(f(x(best.x)))\" cy=\"\(f(y(best.y)))\" r=\"10\" fill=\"none\" stroke=\"#000\" stroke-width=\"2.5\"/>" }
        svg += colourLegend(id: "tried-scale", x: left, y: legendTop, metric: metric, low: low, high: high, unit: unit)
        svg += "<circle cx=\"\(f(left + 226))\" cy=\"\(f(legendTop + 6))\" r=\"6\" fill=\"#fff\" stroke=\"#999\"/>" + text("breaks a constraint", x: left + 236, y: legendTop + 10)
        svg += "<circle cx=\"\(f(left + 226))\" cy=\"\(f(legendTop + 24))\" r=\"7\" fill=\"none\" stroke=\"#000\" stroke-width=\"2.5\"/>" + text("optimum", x: left + 236, y: legendTop + 28)
        return svg + "</svg>\n"
    }

    /// The colour scale's legend: the metric's name over the gradient, the lowest feasible value
    /// under its light end and the highest under its dark end.
    static func colourLegend(id: String, x: Double, y: Double, metric: String, low: Double, high: Double, unit: String) -> String {
        "<defs><linearGradient id=\"\(id)\">" + (0...4).map { "<stop offset=\"\($0 * 25)%\" stop-color=\"\(colour(Double($0) / 4))\"/>" }.joined()
            + "</linearGradient></defs>"
            + text(metric, x: x, y: y - 6)
            + "<rect class=\"legend\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"200\" height=\"12\" fill=\"url(#\(id))\"/>"
            + text(Format.metric(low, unit: unit), x: x, y: y + 26) + text(Format.metric(high, unit: unit), x: x + 200, y: y + 26, anchor: "end")
    }

    /// From light yellow (0) to dark blue (1).
    static func colour(_ share: Double) -> String {
        let stops: [(Double, Double, Double)] = [(255, 247, 188), (161, 218, 180), (65, 182, 196), (34, 94, 168), (12, 44, 132)]
        let position = min(max(share, 0), 1) * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        let t = position - Double(index)
        let (a, b) = (stops[index], stops[index + 1])
        func channel(_ from: Double, _ to: Double) -> Int { Int((from + (to - from) * t).rounded()) }
        return "rgb(\(channel(a.0, b.0)),\(channel(a.1, b.1)),\(channel(a.2, b.2)))"
    }

    /// Each metric's change in per cent, with its 95 % noise as a whisker: significant changes
    /// coloured, the others grey.
    static func changeChart(_ changes: [MetricChange]) -> String {
        let rows = changes.compactMap { change -> (name: String, percent: Double, noise: Double?, significant: Bool, text: String)? in
            guard let fraction = change.fraction else { return nil }
            let noise = change.noise.map { $0 / abs(change.old) * 100 }
            return (change.metric.name, fraction * 100, noise, change.beyondNoise, Format.fixed(fraction * 100, digits: 1) + " %")
        }
        let reach = max(1, rows.map { abs($0.percent) + ($0.noise ?? 0) }.max() ?? 1)
        let left = (rows.map { textWidth($0.name) }.max() ?? 60) + 14
        let (half, rowHeight) = (260.0, 20.0)
        let width = left + 2 * half + 80, height = rowHeight * Double(rows.count) + 30
        let zero = left + half
        func x(_ percent: Double) -> Double { zero + percent / reach * half }
        var svg = open(width: width, height: height)
        svg += line(zero, 0, zero, height - 24, stroke: "#888")
        svg += text("-\(formatNumber((reach * 10).rounded() / 10)) %", x: left, y: height - 8) + text("0", x: zero, y: height - 8, anchor: "middle")
            + text("+\(formatNumber((reach * 10).rounded() / 10)) %", x: zero + half, y: height - 8, anchor: "end")
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 4
            let colour = row.significant ? (row.percent >= 0 ? "#2ca02c" : "#d62728") : "#bbb"
            svg += text(row.name, x: left - 6, y: y + 12, anchor: "end")
            svg += "<rect class=\"\(row.significant ? "change significant" : "change")\" x=\"\(f(min(zero, x(row.percent))))\" y=\"\(f(y + 2))\" width=\"\(f(abs(x(row.percent) - zero)))\" height=\"12\" fill=\"\(colour)\"/>"
            if let noise = row.noise {
                svg += line(x(row.percent - noise), y + 8, x(row.percent + noise), y + 8, stroke: "#333")
            }
            svg += text(row.text, x: max(x(row.percent), zero) + 6 + (row.noise.map { abs(x($0) - zero) } ?? 0), y: y + 12)
        }
        return svg + "</svg>\n"
    }

    /// An SVG element of the chart's size whose drawing scales down with it on a narrow page.
    static func open(width: Double, height: Double) -> String {
        let (w, h) = (Int(width.rounded(.up)), Int(height.rounded(.up)))
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" role=\"img\">"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\"/>"
    }

    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", fill: String? = nil) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\"" + (anchor == "start" ? "" : " text-anchor=\"\(anchor)\"")
            + (fill.map { " fill=\"\($0)\"" } ?? "") + ">\(escape(content))</text>"
    }

    static func f(_ value: Double) -> String { Format.fixed(value, digits: 1) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
