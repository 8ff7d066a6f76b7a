import LeadSimCore
import LeadSimData
import LeadSimRender

/// A team's own leads in a session: loading them, fitting rates to the team's figures, and
/// calibrating the model from the history.
extension Session {
    /// Puts a team's own leads in place of the synthetic population: the next runs simulate them
    /// forward. The model must run histories; the scoring model in force must find the
    /// attributes it tests among the leads'.
    public mutating func use(history: History, report: ImportReport, statement: Statement) throws(ScriptError) -> [SessionOutput] {
        guard current.model.runsHistories else {
            throw statement.error("the \(current.model.name) model runs synthetic leads only: expected `model b2b` before `load leads`")
        }
        var trial = self
        let outputs = try trial.change(statement, compare: false) { configuration throws(ScriptError) in
            configuration.experiment.history = history
            configuration.lastRuns = nil
        }
        // The leads are built now, so that their attributes are there for `scoring` at once.
        let first: Population
        do {
            first = try trial.currentPopulations()[0]
        } catch {
            throw statement.error(error.description)
        }
        if let scoring = current.model.scoring {
            do throws(ScoringError) {
                try scoring.validateCriteria(attributes: first.attributes)
            } catch {
                throw statement.error("the scoring model in force does not fit these leads: \(error.message)")
            }
        }
        self = trial
        let free = first.freeAttributes.attributes.map(\.name)
        let span = "\(Format.count(history.count)) leads over \(first.horizonWeeks) weeks"
        return [.text(report.summary)] + outputs + [.text(
            "loaded \(span) from \(history.name); hidden fit, intent and buying windows are drawn given what the export holds"
                + (free.isEmpty ? "" : "; free attributes for scoring: " + free.joined(separator: ", ")) + "\n")]
    }

    /// Solves for the parameter value that makes the metric reach `target`, and sets it (an undo
    /// step like `set`).
    mutating func fit(_ metricName: String, target: Double, by parameterName: String?, statement: Statement) throws(ScriptError) -> [SessionOutput] {
        guard let metric = Metric.resolve(metricName) else {
            throw statement.error("unknown metric '\(metricName)': expected one of `show metrics`", argument: 0)
        }
        guard let name = parameterName ?? current.model.levers[metric.name] else {
            throw statement.error(
                "the \(current.model.name) model names no parameter for \(metric.name): expected `by PARAMETER`", argument: 0)
        }
        let spec: ParameterSpec
        do throws(ParameterError) {
            spec = try current.parameters.spec(named: name)
        } catch {
            throw statement.error(error.description, argument: 3)
        }
        let result: MatchResult
        do {
            let populations = try currentPopulations()
            result = try Matching.match(
                current.experiment, metric: metric, target: target, parameter: spec, populations: populations, options: options)
        } catch let error as MatchError {
            throw statement.error(error.description, argument: parameterName == nil ? 1 : 3)
        } catch {
            throw statement.error("\(error)")
        }
        var table = TextTable("fit_steps", [(spec.name, .right), (metric.name, .right)])
        for step in result.steps { table.append([Cell(formatNumber((step.value * 1e6).rounded() / 1e6), number: step.value), .metric(step.metric, unit: metric.unit)]) }
        let interval = result.reached.halfWidth.map { " ± " + Format.metric($0, unit: metric.unit) } ?? ""
        let line = "\(metric.name) \(Format.metric(target, unit: metric.unit)) reached at \(spec.name) \(formatNumber((result.value * 1e6).rounded() / 1e6)) "
            + "(\(Format.metric(result.reached.mean, unit: metric.unit))\(interval)); it was \(formatNumber(result.old))\n"
        let outputs = try change(statement, compare: false) { configuration throws(ScriptError) in
            do throws(ParameterError) {
                try configuration.experiment.parameters.set(spec.name, to: result.value)
            } catch {
                throw statement.error(error.description)
            }
        }
        return [.tables([table]), .text(line)] + outputs
    }


    /// `value` to three significant digits: what a measured figure, whose interval is far wider,
    /// is set or shown as.
    static func threeDigits(_ value: Double) -> Double { Double(String(format: "%.3g", value)) ?? value }

    /// Deals of a size band below this leave its median as it is: from fewer, the interval spans
    /// most of the price ladder.
    static let fewestDeals = 10

    /// Measures the loaded history (`HistoryFigures`) and sets what the model takes from it: the
    /// channel mix directly, the MQL share by solving for `mql.threshold` and MQL to SQL by
    /// solving for `sales.acceptance_rate` on the history's own leads (the same window, so the
    /// figures compare like with like). The rest is shown beside what the model does, not set.
    mutating func calibrate(statement: Statement) throws(ScriptError) -> [SessionOutput] {
        guard let history = current.experiment.history else {
            throw statement.error("nothing to calibrate from: expected `load leads FILE map MAPPING` or `load DIR` first")
        }
        var configuration = current
        let (table, notes) = try calibration(history, configuration: &configuration, statement: statement)
        let calibrated = configuration.experiment.parameters
        let outputs = try change(statement, compare: false) { configuration throws(ScriptError) in
            configuration.experiment.parameters = calibrated
            configuration.lastRuns = nil
        }
        let noteText = notes.map { "note: \($0)\n" }.joined()
        return [.tables([table]), .text(noteText)] + outputs
    }

    /// Measures `history` and sets `configuration`'s parameters to it, running the model on
    /// `history` itself to solve for the shares no parameter sets: the table of figures, and notes.
    func calibration(
        _ history: History, configuration: inout Configuration, statement: Statement
    ) throws(ScriptError) -> (table: TextTable, notes: [String]) {
        let figures = HistoryFigures(history.observed, opportunities: history.opportunities)
        var table = TextTable("calibration", [
            ("figure", .left), ("history", .right), ("95 % interval", .right), ("n", .right), ("sets", .left), ("old → new", .left),
        ])
        func add(_ figure: MeasuredFigure, sets: String = "", change: String = "") {
            let interval = figure.value.isNaN ? "" : figure.low.isNaN ? "too few to say" : Format.metric(figure.low, unit: figure.unit) + " – " + Format.metric(figure.high, unit: figure.unit)
            table.append([
                Cell(figure.name), .metric(figure.value, unit: figure.unit), Cell(interval), .count(figure.sampleSize), Cell(sets), Cell(change),
            ])
        }
        configuration.experiment.history = history
        var parameters = configuration.experiment.parameters
        for (channel, figure) in figures.channelShares where figure.sampleSize > 0 {
            let name = "channel.\(channel.name).share"
            let old = parameters[name]
            // Shares to four decimals: the interval is far wider than that.
            do throws(ParameterError) { try parameters.set(name, to: (figure.value * 10_000).rounded() / 10_000) } catch { continue }
            add(figure, sets: name, change: "\(formatNumber((old * 1000).rounded() / 1000)) → \(formatNumber((figure.value * 1000).rounded() / 1000))")
        }
        add(figures.leadsPerWeek)
        // The weekday pattern shapes synthetic leads (`population N` after a history); a
        // history's own leads arrive when they did.
        let weekdayNames = B2BModel.weekdays.map { "arrival.\($0).share" }
        let weekdayWeights = weekdayNames.allSatisfy { name in parameters.specs.contains { $0.name == name } } ? weekdayNames.map { parameters[$0] } : nil
        for (day, share) in figures.weekdayShares.enumerated() where share.sampleSize > 0 {
            guard let weekdayWeights else { add(share); continue }
            let name = weekdayNames[day]
            let old = weekdayWeights[day] / weekdayWeights.reduce(0, +)
            do throws(ParameterError) { try parameters.set(name, to: (share.value * 10_000).rounded() / 10_000) } catch { add(share); continue }
            add(share, sets: name, change: "\(formatNumber((old * 1000).rounded() / 1000)) → \(formatNumber((share.value * 1000).rounded() / 1000))")
        }
        configuration.experiment.parameters = parameters
        var notes = figures.notes
        // The model's cycle is a gamma of shape 2, whose median is 0.8392 of its mean.
        if let days = figures.daysToClose, let old = try? configuration.experiment.parameters.value(of: "opportunity.cycle_days") {
            let mean = (days.value / 0.839_17 * 10).rounded() / 10
            if (try? configuration.experiment.parameters.set("opportunity.cycle_days", to: mean)) != nil {
                add(days, sets: "opportunity.cycle_days", change: "\(formatNumber(old)) → \(formatNumber(mean)) (the mean of a cycle with that median)")
            }
        }
        if let value = figures.dealValue { add(value) }
        for (size, figure) in figures.dealMedianBySize {
            let name = "deal.\(size.parameterName).median"
            let old = configuration.experiment.parameters[name]
            // Three significant digits: the interval is wider than that.
            let median = Self.threeDigits(figure.value)
            guard figure.sampleSize >= Self.fewestDeals else {
                add(figure, sets: name, change: "not set: \(figure.sampleSize) deals, expected \(Self.fewestDeals) or more")
                continue
            }
            if (try? configuration.experiment.parameters.set(name, to: median)) != nil {
                add(figure, sets: name, change: "\(formatNumber(old)) → \(formatNumber(median))")
            }
        }
        let before = configuration.experiment.parameters
        func touchpoints() throws(ScriptError) -> [TouchpointFit] {
            do {
                let populations = try Self.currentPopulations(&configuration, options: options)
                let (matched, fits) = try TouchpointMatching.match(configuration.experiment, history: history, populations: populations, options: options)
                configuration.experiment.parameters = matched
                return fits
            } catch {
                throw statement.error("\(error)")
            }
        }
        func solve(_ figure: MeasuredFigure, by lever: String) throws(ScriptError) -> Result<MatchResult, MatchError>? {
            guard let metric = Metric.named(figure.name), let spec = try? configuration.experiment.parameters.spec(named: lever) else { return nil }
            do {
                let populations = try Self.currentPopulations(&configuration, options: options)
                let result = try Matching.match(
                    configuration.experiment, metric: metric, target: figure.value, parameter: spec, populations: populations, options: options)
                try configuration.experiment.parameters.set(lever, to: result.value)
                return .success(result)
            } catch let error as MatchError {
                return .failure(error)
            } catch {
                throw statement.error("\(error)")
            }
        }
        // Touchpoint rates before the MQL share, as the score is made of them; but how many
        // touchpoints a lead shows depends on the threshold too (nurture ends at MQL), so with
        // events a first round of both comes before the one that counts.
        if !history.events.isEmpty || !history.observed.touchpointCounts.isEmpty {
            if let figure = figures.leadToMQL {
                _ = try touchpoints()
                _ = try solve(figure, by: "mql.threshold")
            }
            let fits = try touchpoints()
            let unseen = fits.filter { $0.observed.sampleSize == 0 }.map(\.touchpoint)
            if !unseen.isEmpty {
                notes.append("no events or counts of \(unseen.joined(separator: ", ")): their rates stay as they are")
            }
            for fit in fits where fit.observed.sampleSize > 0 {
                let change = fit.value.map {
                    "\(formatNumber(before[fit.parameter])) → \(formatNumber(Self.threeDigits($0))) (reaches \(Format.fixed(fit.simulated, digits: 2)) a lead)"
                } ?? "not set: " + (fit.reason ?? "")
                add(fit.observed, sets: fit.parameter, change: change)
            }
        }
        // The points the team's platform gave each touchpoint, where the log records them, beside
        // what the scoring in force gives: a scoring file written to match starts from them.
        var points = [[Double]](repeating: [], count: B2BModel.scoredTouchpoints.count)
        for event in history.events where event.touchpoint < points.count { if let value = event.value { points[event.touchpoint].append(value) } }
        for (code, values) in points.enumerated() where !values.isEmpty {
            let name = "touchpoint.\(B2BModel.scoredTouchpoints[code]).points"
            let given = configuration.experiment.parameters.specs.contains { $0.name == name } ? "the scoring in force gives \(formatNumber(configuration.experiment.parameters[name]))" : ""
            add(.mean("\(B2BModel.scoredTouchpoints[code]) points in the history", unit: "points", values), change: given)
        }
        for (figure, lever) in [(figures.leadToMQL, "mql.threshold"), (figures.mqlToSQL, "sales.acceptance_rate"), (figures.winRate, "win.rate")] {
            guard let figure, let solved = try solve(figure, by: lever) else { continue }
            let old = formatNumber(before[lever])
            switch solved {
            case .success(let result):
                add(figure, sets: lever, change: "\(old) → \(formatNumber((result.value * 1000).rounded() / 1000)) (reaches \(Format.metric(result.reached.mean, unit: figure.unit)))")
            case .failure(let error):
                // Where the range's nearer end reaches into the history's interval, the data
                // cannot tell it from the target: the end is set, and said to be one.
                if case .outOfReach(_, _, _, let low, let atLow, let high, let atHigh) = error,
                    let (end, reached) = [(low, atLow), (high, atHigh)].min(by: { abs($0.1 - figure.value) < abs($1.1 - figure.value) }),
                    figure.low <= reached && reached <= figure.high
                {
                    try? configuration.experiment.parameters.set(lever, to: end)
                    add(figure, sets: lever, change: "\(old) → \(formatNumber(end)), its range's end (reaches \(Format.metric(reached, unit: figure.unit)), inside the interval)")
                } else {
                    add(figure, sets: lever, change: "not set")
                    notes.append(error.description)
                }
            }
        }
        // By channel and segment: shown for the team to read; in the model they follow from the
        // channels' quality and fit, which the overall rate sets, not from parameters of their own.
        for figure in figures.leadToMQLByChannel + figures.leadToMQLBySize { add(figure) }
        for figure in [figures.sqlToConverted, figures.daysToMQL, figures.daysMQLToSQL, figures.daysSQLToConverted].compactMap({ $0 }) {
            add(figure)
        }
        return (table, notes)
    }

    /// Replications a backtest runs: the range of 39 values is a distribution-free 95 %
    /// prediction interval (one more value falls outside it with chance 2/40), where counts with
    /// a drawn threshold are too skewed for a normal one.
    static let backtestReplications = 39

    /// Calibrates on the leads created before `date` (what happened to them afterwards unseen),
    /// simulates the whole history with what that learnt, and compares the weeks from `date` on
    /// with what really happened: each week's MQLs against the 95 % prediction interval of the
    /// replications — where one week falls, given the process's own noise and the uncertainty of
    /// the calibrated threshold.
    mutating func backtest(from text: String, statement: Statement) throws(ScriptError) -> [SessionOutput] {
        guard let history = current.experiment.history else {
            throw statement.error("nothing to backtest: expected `load leads FILE map MAPPING` or `load DIR` first")
        }
        guard let date = CivilDate(iso: text) else {
            throw statement.error("'\(text)' is not a date: expected YYYY-MM-DD, the first day of the weeks to predict", argument: 0)
        }
        let cut = date.daysSinceEpoch * 86_400
        let observed = history.observed
        let training: History
        do throws(AttributeError) {
            training = try history.before(cut, name: history.name + " before " + text)
        } catch {
            throw statement.error("no leads before \(text): expected a date with a few weeks of history (50 leads or more) before it", argument: 0)
        }
        guard training.count >= 50 else {
            throw statement.error("\(training.count) leads before \(text): expected a date with a few weeks of history (50 leads or more) before it", argument: 0)
        }
        var configuration = current
        configuration.lastRuns = nil
        let (table, notes) = try calibration(training, configuration: &configuration, statement: statement)
        // The threshold is what the MQLs hang on, and the training weeks estimate it only so
        // well: its standard error from the thresholds that reach the ends of the measured
        // share's interval, and each replication runs at a threshold drawn from it.
        var spread = 0.0
        if let share = HistoryFigures(training.observed).leadToMQL, let metric = Metric.named(share.name),
            let spec = try? configuration.experiment.parameters.spec(named: "mql.threshold")
        {
            do {
                let populations = try Self.currentPopulations(&configuration, options: options)
                let ends = try [share.low, share.high].map { target in
                    try Matching.match(configuration.experiment, metric: metric, target: target, parameter: spec, populations: populations, options: options).value
                }
                spread = abs(ends[0] - ends[1]) / (2 * 1.959964)
            } catch is MatchError {
                // An end out of the threshold's reach: the runs keep the calibrated threshold.
            } catch {
                throw statement.error("\(error)")
            }
        }
        configuration.experiment.history = history
        configuration.experiment.replications = Self.backtestReplications
        let calibrated = configuration.experiment.parameters
        let draws: [ParameterSet] = (0..<configuration.experiment.replications).map { replication in
            var random = RandomStream(seed: configuration.experiment.seed, subject: UInt64(replication), purpose: .estimate)
            var parameters = calibrated
            let threshold = calibrated["mql.threshold"] + spread * random.standardNormal()
            if let spec = try? calibrated.spec(named: "mql.threshold") {
                try? parameters.set("mql.threshold", to: min(spec.range.upperBound, max(spec.range.lowerBound, threshold)))
            }
            return parameters
        }
        let runs: RunSet
        do {
            runs = try configuration.experiment.run(eachWith: draws, on: try Self.currentPopulations(&configuration, options: options), options: options)
        } catch {
            throw statement.error(error.description)
        }
        let origin = observed.firstMondaySeconds
        var actual = [Int](repeating: 0, count: runs.first.weekly.mqls.count)
        for seconds in observed.mqlSeconds.compactMap({ $0 }) {
            let week = (seconds - origin) / 604_800
            if week >= 0 && week < actual.count { actual[week] += 1 }
        }
        var comparison = TextTable("backtest", columns: [
            .init("week", .left), .init("MQL (history)", .right, key: "history_mql"), .init("MQL (simulated)", .right, key: "simulated_mql"),
            .init("95 % prediction interval", .right, key: "interval"), .init("inside", .left),
        ])
        var inside = 0
        var weeks = 0
        var actualSum = 0
        var simulatedSums = [Double](repeating: 0, count: runs.runs.count)
        for week in actual.indices where origin + week * 604_800 >= cut {
            let values = runs.runs.map { Double($0.weekly.mqls[week]) }
            let estimate = (mean: values.reduce(0, +) / Double(values.count), low: values.min()!, high: values.max()!)
            for (index, value) in values.enumerated() { simulatedSums[index] += value }
            let holds = Double(actual[week]) >= estimate.low && Double(actual[week]) <= estimate.high
            inside += holds ? 1 : 0
            weeks += 1
            actualSum += actual[week]
            comparison.append([
                Cell(CivilDate(daysSinceEpoch: (origin / 86_400) + week * 7).text), .count(actual[week]), .fixed(estimate.mean, digits: 1),
                Cell(Format.fixed(estimate.low, digits: 0) + " – " + Format.fixed(estimate.high, digits: 0)), Cell(holds ? "yes" : "no"),
            ])
        }
        let total = simulatedSums.reduce(0, +) / Double(simulatedSums.count)
        let summary = "calibrated on \(Format.count(training.count)) leads created before \(text); over the \(weeks) weeks from it the simulation gives "
            + "\(Format.fixed(total, digits: 0)) MQLs (95 % prediction interval \(Format.fixed(simulatedSums.min()!, digits: 0)) – \(Format.fixed(simulatedSums.max()!, digits: 0)): the range of "
            + "\(runs.replications) replications, each at a threshold drawn from the calibrated \(formatNumber((calibrated["mql.threshold"] * 100).rounded() / 100)) ± "
            + "\(formatNumber((spread * 100).rounded() / 100))) against \(actualSum) in the history; \(inside) of \(weeks) weeks inside their 95 % prediction interval\n"
        return [.tables([table]), .text(notes.map { "note: \($0)\n" }.joined()), .tables([comparison]), .text(summary)]
    }

    /// Puts an events export's touchpoints with the loaded leads.
    mutating func attach(events: [ObservedEvent], report: ImportReport) -> [SessionOutput] {
        current.experiment.history?.events = events
        let leads = Set(events.map(\.lead)).count
        return [.text(report.summary + "\(Format.count(events.count)) touchpoints of \(Format.count(leads)) leads; `replay` re-scores them under the scoring in force\n")]
    }

    /// Puts an opportunities export's deals with the loaded leads.
    mutating func attach(opportunities: [ObservedOpportunity], report: ImportReport) -> [SessionOutput] {
        current.experiment.history?.opportunities = opportunities
        let open = opportunities.filter { $0.outcome == .open }.count
        return [.text(report.summary + "\(Format.count(opportunities.count)) deals (\(open) open); `calibrate` measures win rate, cycle and deal values from them\n")]
    }

    /// The loaded history replayed under the scoring model and thresholds in force (`B2BModel.replay`).
    mutating func replay(statement: Statement) throws(ScriptError) -> [SessionOutput] {
        guard let history = current.experiment.history, let model = current.experiment.runnableModel as? B2BModel else {
            throw statement.error("nothing to replay: expected `load leads FILE map MAPPING` (and `load events …`) first, with `model b2b`")
        }
        let population: Population
        do {
            population = try currentPopulations()[0]
        } catch {
            throw statement.error(error.description)
        }
        let result = model.replay(history, population: population, parameters: current.parameters)
        var table = TextTable("replay", columns: [
            .init("week", .left), .init("created", .right), .init("MQL (replayed)", .right, key: "mql"),
            .init("MQL (history)", .right, key: "history_mql"), .init("per rep and week", .right, key: "per_rep"), .init("precision", .right),
            .init("recall", .right),
            // The counts behind precision and recall, for programs that add weeks up.
            .init("converted MQLs", .right, key: "converted_mqls", unit: "leads", exportOnly: true),
            .init("converted", .right, unit: "leads", exportOnly: true),
            .init("converted reached", .right, key: "converted_reached", unit: "leads", exportOnly: true),
        ])
        func share(_ part: Int, _ whole: Int) -> Cell { whole == 0 ? Cell("-") : .metric(Double(part) / Double(whole), unit: "fraction") }
        /// Hand-overs per rep and week: a row of all weeks divides by their number too.
        func row(_ label: String, _ week: ReplayResult.Week, weeks: Int = 1) -> [Cell] {
            [
                Cell(label), .count(week.created), .count(week.mqls), .count(week.historyMQLs),
                .fixed(Double(week.mqls) / Double(max(1, result.reps) * weeks), digits: 2), share(week.convertedMQLs, week.mqls),
                share(week.convertedReached, week.converted), .count(week.convertedMQLs), .count(week.converted), .count(week.convertedReached),
            ]
        }
        for week in result.weeks {
            table.append(row(CivilDate(daysSinceEpoch: week.startSeconds / 86_400).text, week))
        }
        table.append(row("all weeks", result.totals, weeks: result.weeks.count))
        let note: String
        switch result.basis {
        case .events:
            note = "replayed \(Format.count(history.events.count)) touchpoints under the scoring in force (\(result.reps) reps); precision: converted among the week's MQLs; recall: of the week's converted leads, those the rule makes MQL\n"
        case .counts:
            note = "replayed the leads' touchpoint counts (no events loaded): each lead's points as if none had decayed, so the MQLs are an upper bound, counted in the week the lead was created; when a lead would have become MQL, and so the week's hand-overs and the reps' workload, cannot be known without event times (`load events` adds them)\n"
        case .leads:
            note = "no events or touchpoint counts loaded: counted are the leads whose fit and grade the rule lets through, at their creation; when their score would have reached the threshold cannot be known from lead-level data (`load events` adds the touchpoints)\n"
        }
        return [.tables([table]), .text(note)]
    }
}
