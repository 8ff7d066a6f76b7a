import LeadSimCore

/// Tables and lines for sweeps and the optimiser.
extension ResultTables {
    /// Shown per sweep value when the sweep names no metrics of its own.
    static let sweepDefaultMetrics = ["mql", "sql", "won", "workload.utilisation"]

    /// The objective, the constrained metrics, then the ones asked for (or the defaults).
    public static func sweepMetrics(_ sweep: SweepResult) -> [String] {
        var names = [sweep.objective.metric] + sweep.constraints.map(\.metric)
        for name in sweep.metrics.isEmpty ? sweepDefaultMetrics : sweep.metrics where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// One row per value (one parameter), or the objective over the grid (two).
    public static func sweep(_ sweep: SweepResult) -> [TextTable] {
        sweep.axes.count == 1 ? [sweepRows(sweep)] : [sweepGrid(sweep)]
    }

    static func sweepRows(_ sweep: SweepResult) -> TextTable {
        let metrics = sweepMetrics(sweep).map { Metric.named($0)! }
        let intervals = sweep.points.first.map { $0.runs.replications > 1 } ?? false
        var columns: [TextTable.Column] = [.init(sweep.axes[0].parameter, .right)]
        for (index, metric) in metrics.enumerated() {
            columns.append(.init(metric.name, .right, unit: metric.unit))
            if index == 0 && intervals { columns.append(.init("95 %", .right, key: metric.name + ".half_width", unit: metric.unit)) }
        }
        columns.append(.init("", .left, key: "best"))
        var table = TextTable("sweep", columns: columns)
        let best = sweep.best
        for point in sweep.points {
            var row: [Cell] = [Cell(formatNumber(point.values[0]), number: point.values[0])]
            for (index, metric) in metrics.enumerated() {
                let estimate = point.runs.estimate(metric)
                row.append(.metric(estimate.mean, unit: metric.unit))
                if index == 0 && intervals { row.append(plusMinus(estimate.halfWidth, unit: metric.unit, additive: metric.additive)) }
            }
            let feasible = point.keeps(sweep.constraints)
            let bestLabel = sweep.bestStandsOut ? "◆ best" : "≈ best, within the noise"
            row.append(Cell(point == best ? bestLabel : feasible ? "" : "× breaks a constraint", number: point == best ? 1 : 0))
            table.append(row)
        }
        return table
    }

    /// The objective per pair of values: rows the first parameter, columns the second.
    static func sweepGrid(_ sweep: SweepResult) -> TextTable {
        let metric = Metric.named(sweep.objective.metric)!
        let (rows, columns) = (sweep.axes[0], sweep.axes[1])
        var table = TextTable("sweep_grid", columns: [.init("\(rows.parameter) \\ \(columns.parameter)", .right, key: rows.parameter)]
            + columns.values.map { .init(formatNumber($0), .right, unit: metric.unit) })
        let best = sweep.best
        for (row, value) in rows.values.enumerated() {
            var cells = [Cell(formatNumber(value), number: value)]
            for column in columns.values.indices {
                let point = sweep.points[row * columns.values.count + column]
                let mean = point.runs.estimate(metric).mean
                let feasible = point.keeps(sweep.constraints)
                let mark = point == best ? bestMark(sweep) : feasible ? "" : "×"
                cells.append(Cell(Format.metric(mean, unit: metric.unit) + mark, number: mean))
            }
            table.append(cells)
        }
        return table
    }

    /// Every value (or pair) with every metric's mean, for export.
    public static func sweepLong(_ sweep: SweepResult) -> TextTable {
        points(sweep.points, parameters: sweep.axes.map(\.parameter), best: sweep.best, constraints: sweep.constraints,
               metrics: Metric.all)
    }

    static func points(
        _ points: [TuningPoint], parameters: [String], best: TuningPoint?, constraints: [Constraint], metrics: [Metric]
    ) -> TextTable {
        var columns = parameters.map { TextTable.Column($0, .right) }
        columns += [.init("replications", .right, unit: "count"), .init("feasible", .right, unit: "flag"), .init("best", .right, unit: "flag")]
        columns += metrics.map { TextTable.Column($0.name, .right, unit: $0.unit) }
        var table = TextTable("sweep", columns: columns)
        for point in points {
            let feasible = point.keeps(constraints)
            var row = point.values.map { Cell(formatNumber($0), number: $0) }
            row += [.count(point.runs.replications), Cell(feasible ? "1" : "0", number: feasible ? 1 : 0),
                    Cell(point == best ? "1" : "0", number: point == best ? 1 : 0)]
            row += metrics.map { .metric(point.runs.estimate($0).mean, unit: $0.unit) }
            table.append(row)
        }
        return table
    }

    /// `best: mql.threshold = 65 → won 231 ±12 (maximise won subject …)`.
    public static func sweepBestText(_ sweep: SweepResult) -> String {
        let goal = sweep.objective.description + (sweep.constraints.isEmpty ? "" : " subject " + sweep.constraints.map(\.description).joined(separator: " and "))
        guard let best = sweep.best else { return "no value keeps every constraint (\(goal))\n" }
        let parameters = sweep.axes.map(\.parameter)
        let line = "best: \(assignments(best.values, parameters)) → \(objectiveText(best, sweep.objective)) (\(goal))"
        guard let (runnerUp, change) = sweep.lead else {
            return line + (sweep.points.count == 1 ? "; one value only: nothing to compare it with\n" : "; the only value that keeps the constraints: nothing to compare it with\n")
        }
        let margin = Format.metric(abs(change.delta), unit: change.metric.unit)
            + (change.noise.map { " ±" + Format.metric($0, unit: change.metric.unit) } ?? "")
        if sweep.bestStandsOut {
            return line + "; ahead of \(assignments(runnerUp.values, parameters)) by \(margin), beyond the noise\n"
        }
        return line + "; within the noise of \(assignments(runnerUp.values, parameters)) (\(margin)): no clear winner — "
            + "more replications (`set runs N`) or more leads would tell them apart\n"
    }

    /// The mark of the best point: ◆ when it stands out of the runner-up's noise, ≈ when it does not.
    static func bestMark(_ sweep: SweepResult) -> String { sweep.bestStandsOut ? "◆" : "≈" }

    static func assignments(_ values: [Double], _ parameters: [String]) -> String {
        zip(parameters, values).map { "\($0) = \(formatNumber($1))" }.joined(separator: ", ")
    }

    static func objectiveText(_ point: TuningPoint, _ objective: Objective) -> String {
        let metric = Metric.named(objective.metric)!
        let estimate = point.runs.estimate(metric)
        let interval = estimate.halfWidth == nil ? "" : " " + plusMinus(estimate.halfWidth, unit: metric.unit).text
        return "\(metric.name) \(Format.metric(estimate.mean, unit: metric.unit))\(interval)"
    }

    /// What `optimise` found, how, and what limits it.
    public static func optimumText(_ result: OptimisationResult) -> String {
        let parameters = result.ranges.map(\.parameter)
        let replications = result.evaluated.first?.runs.replications ?? 1
        var lines: [String] = []
        if let optimum = result.optimum {
            lines.append("optimum: \(assignments(optimum.values, parameters)) → \(objectiveText(optimum, result.objective)) (95 %)")
            lines.append("within the noise of the optimum: " + zip(parameters, result.nearOptimal).map {
                $1.lowerBound == $1.upperBound ? "\($0) \(formatNumber($1.lowerBound)) only" : "\($0) \(formatNumber($1.lowerBound))..\(formatNumber($1.upperBound))"
            }.joined(separator: ", "))
            if let binding = result.binding {
                let metric = Metric.named(binding.metric)!
                lines.append("binding constraint: \(binding) (\(Format.metric(binding.value(optimum.runs), unit: metric.unit)) at the optimum)")
            } else if !result.constraints.isEmpty {
                lines.append("no constraint binds: the objective itself peaks there")
            }
        } else {
            lines.append("no value tried keeps every constraint: " + result.constraints.map(\.description).joined(separator: " and "))
        }
        lines.append("method: \(OptimisationResult.method); \(result.evaluated.count) configurations × \(replications) "
                     + "replication\(replications == 1 ? "" : "s") run, where trying every value would run \(result.bruteForceCount)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every configuration the optimiser ran, with the objective and constrained metrics (`show
    /// optimum`) or every metric (export).
    public static func optimum(_ result: OptimisationResult, allMetrics: Bool = false) -> [TextTable] {
        let sorted = result.evaluated.sorted { $0.values.lexicographicallyPrecedes($1.values) }
        var names = [result.objective.metric]
        for constraint in result.constraints where !names.contains(constraint.metric) { names.append(constraint.metric) }
        var table = points(sorted, parameters: result.ranges.map(\.parameter), best: result.optimum, constraints: result.constraints,
                           metrics: allMetrics ? Metric.all : names.map { Metric.named($0)! })
        table.name = "optimum"
        return [table]
    }
}
