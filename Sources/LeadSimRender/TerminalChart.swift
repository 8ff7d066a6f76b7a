import LeadSimCore

/// Charts drawn with Unicode characters, readable in an 80-column terminal: a line chart of a
/// sweep's objective and a heat map of a two-parameter sweep.
public enum TerminalChart {
    /// A line chart of `points` (x ascending), `height` rows tall, with y labels on the left and x
    /// labels below; `mark` is highlighted with ◆.
    public static func line(
        _ points: [(x: Double, y: Double)], mark: Int? = nil, xLabel: String, yLabel: String, unit: String,
        width: Int = 60, height: Int = 12
    ) -> String {
        guard let first = points.first, let last = points.last else { return "" }
        let ys = points.map(\.y)
        var (low, high) = (ys.min()!, ys.max()!)
        if low == high { (low, high) = (low - 1, high + 1) }
        let (xLow, xHigh) = (first.x, last.x == first.x ? first.x + 1 : last.x)
        func column(_ x: Double) -> Int { Int(((x - xLow) / (xHigh - xLow) * Double(width - 1)).rounded()) }
        func row(_ y: Double) -> Int { Int(((high - y) / (high - low) * Double(height - 1)).rounded()) }
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        // Straight segments between neighbouring values, then the values themselves on top.
        for (a, b) in zip(points, points.dropFirst()) {
            let (c0, c1) = (column(a.x), column(b.x))
            guard c1 > c0 else { continue }
            for c in c0...c1 {
                let y = a.y + (b.y - a.y) * Double(c - c0) / Double(c1 - c0)
                grid[row(y)][c] = "·"
            }
        }
        for (index, point) in points.enumerated() { grid[row(point.y)][column(point.x)] = index == mark ? "◆" : "●" }
        let labels = (0..<height).map { r -> String in
            guard r == 0 || r == height - 1 || r == (height - 1) / 2 else { return "" }
            return Format.metric(high - (high - low) * Double(r) / Double(height - 1), unit: unit)
        }
        let labelWidth = labels.map(\.count).max()!
        var lines = ["\(yLabel)"]
        for r in 0..<height {
            let label = String(repeating: " ", count: labelWidth - labels[r].count) + labels[r]
            lines.append(label + (labels[r].isEmpty ? " │" : " ┤") + String(grid[r]))
        }
        lines.append(String(repeating: " ", count: labelWidth) + " └" + String(repeating: "─", count: width))
        let left = formatNumber(xLow), right = formatNumber(xHigh)
        let gap = max(1, width - left.count - right.count)
        lines.append(String(repeating: " ", count: labelWidth + 2) + left + String(repeating: " ", count: gap) + right)
        lines.append(String(repeating: " ", count: labelWidth + 2 + max(0, (width - xLabel.count) / 2)) + xLabel)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The sweep's objective against its parameter, the best value marked.
    public static func sweepLine(_ sweep: SweepResult) -> String {
        let metric = Metric.named(sweep.objective.metric)!
        let points = sweep.points.map { (x: $0.values[0], y: $0.runs.estimate(metric).mean) }
        let mark = sweep.best.flatMap { best in sweep.points.firstIndex { $0 == best } }
        return line(points, mark: mark, xLabel: sweep.axes[0].parameter,
                    yLabel: "\(metric.name) (\(metric.unit)), " + (sweep.bestStandsOut ? "◆ best" : "◆ best, within the noise"), unit: metric.unit)
    }

    /// Shades from the lowest to the highest value.
    static let shades: [Character] = ["░", "▒", "▓", "█"]

    /// A heat map of a two-parameter sweep's objective: rows the first parameter, columns the
    /// second; × marks values that break a constraint, ◆ the best.
    public static func sweepHeatMap(_ sweep: SweepResult) -> String {
        let metric = Metric.named(sweep.objective.metric)!
        let (rows, columns) = (sweep.axes[0], sweep.axes[1])
        let values = sweep.points.map { $0.runs.estimate(metric).mean }
        let (low, high) = (values.min() ?? 0, values.max() ?? 0)
        let best = sweep.best
        let rowLabels = rows.values.map(formatNumber)
        let labelWidth = max(rowLabels.map(\.count).max() ?? 0, rows.parameter.count > 12 ? 0 : rows.parameter.count)
        let cellWidth = max(3, (columns.values.map { formatNumber($0).count }.max() ?? 1) + 1)
        var lines = ["\(metric.name) over \(rows.parameter) (rows) × \(columns.parameter) (columns)"]
        for (r, label) in rowLabels.enumerated() {
            var line = String(repeating: " ", count: labelWidth - label.count) + label + " │"
            for c in columns.values.indices {
                let point = sweep.points[r * columns.values.count + c]
                let symbol: Character
                if point == best {
                    symbol = sweep.bestStandsOut ? "◆" : "≈"
                } else if !point.keeps(sweep.constraints) {
                    symbol = "×"
                } else {
                    let level = high > low ? (values[r * columns.values.count + c] - low) / (high - low) : 1
                    symbol = shades[min(shades.count - 1, Int(level * Double(shades.count)))]
                }
                line += String(repeating: "◆≈×".contains(symbol) ? " " : symbol, count: cellWidth - 1) + String(symbol)
            }
            lines.append(line)
        }
        lines.append(String(repeating: " ", count: labelWidth) + " └" + String(repeating: "─", count: cellWidth * columns.values.count))
        lines.append(String(repeating: " ", count: labelWidth + 2) + columns.values.map {
            let text = formatNumber($0)
            return String(repeating: " ", count: cellWidth - text.count) + text
        }.joined())
        lines.append("░ \(Format.metric(low, unit: metric.unit))  ▒ ▓  █ \(Format.metric(high, unit: metric.unit))"
                     + (sweep.constraints.isEmpty ? "" : "  × breaks a constraint") + (sweep.bestStandsOut ? "  ◆ best" : "  ≈ best, within the noise"))
        return lines.joined(separator: "\n") + "\n"
    }
}
