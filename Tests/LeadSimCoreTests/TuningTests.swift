import Testing
@testable import LeadSimCore

/// Sweeps and the optimiser.
@Suite struct TuningTests {
    static let experiment = Experiment(model: B2BModel(), leads: 3000, seed: 12, replications: 2)
    static let populations = try! experiment.synthesizePopulations(options: RunOptions())
    static let specs = experiment.parameters

    @Test func axesStepFromTheStartWithoutDriftAndRejectBadRanges() throws {
        let threshold = try Self.specs.spec(named: "mql.threshold")
        #expect(try SweepAxis(threshold, from: 40, to: 90, step: 5).values == stride(from: 40.0, through: 90, by: 5).map { $0 })
        let share = try Self.specs.spec(named: "sales.absence_share")
        #expect(try SweepAxis(share, from: 0, to: 0.3, step: 0.1).values == [0, 0.1, 0.2, 0.3])
        let reps = try Self.specs.spec(named: "sales.reps")
        #expect(throws: TuningError.notWhole(parameter: "sales.reps")) { try SweepAxis(reps, from: 2, to: 8, step: 0.5) }
        #expect(throws: TuningError.self) { try SweepAxis(threshold, from: 90, to: 40, step: 5) }
        #expect(throws: TuningError.self) { try SweepAxis(threshold, from: 40, to: 5000, step: 5) }
        let routing = try Self.specs.spec(named: "sales.routing")
        #expect(throws: TuningError.notNumeric(parameter: "sales.routing")) { try SweepAxis(routing, from: 0, to: 2, step: 1) }
    }

    /// Rep cost is linear in head-count, so the cheapest team that keeps utilisation at or below
    /// 50 % is the smallest feasible one: the sweep's best is the first feasible value, and every
    /// smaller team breaks the constraint.
    @Test func sweepFindsTheKnownOptimum() throws {
        let reps = try Self.specs.spec(named: "sales.reps")
        let sweep = try Tuning.sweep(
            Self.experiment, axes: [SweepAxis(reps, from: 1, to: 12, step: 1)],
            objective: Objective(.minimise, "cost.sales"), constraints: [Constraint("workload.utilisation", .lessOrEqual, 0.5)],
            populations: Self.populations, options: RunOptions())
        let best = try #require(sweep.best)
        let firstFeasible = try #require(sweep.points.first { $0.runs.estimate(Metric.named("workload.utilisation")!).mean <= 0.5 })
        #expect(best == firstFeasible)
        #expect(best.values[0] > 1, "one rep cannot carry 3,000 leads within 50 %")
        #expect(sweep.points.count == 12)
    }

    /// Grid refinement finds what trying every value finds, with fewer runs, and names the
    /// constraint that stops it.
    @Test func optimiserMatchesBruteForceWithFewerRuns() throws {
        let reps = try Self.specs.spec(named: "sales.reps")
        let objective = Objective(.minimise, "cost.sales")
        let constraints = [Constraint("workload.utilisation", .lessOrEqual, 0.5)]
        let range = try SearchRange(reps, from: 1, to: 40)
        let found = try Optimiser.optimise(
            Self.experiment, ranges: [range], objective: objective, constraints: constraints, populations: Self.populations,
            options: RunOptions())
        let brute = try Tuning.sweep(
            Self.experiment, axes: [SweepAxis(reps, from: 1, to: 40, step: 1)], objective: objective, constraints: constraints,
            populations: Self.populations, options: RunOptions())
        #expect(found.optimum?.values == brute.best?.values)
        #expect(found.evaluated.count < brute.points.count)
        #expect(found.bruteForceCount == 40)
        #expect(found.binding == constraints[0])
    }

    /// Two parameters: the grid search agrees with the exhaustive one on the same grid.
    @Test func twoParameterOptimiserMatchesBruteForce() throws {
        let threshold = try Self.specs.spec(named: "mql.threshold")
        let reps = try Self.specs.spec(named: "sales.reps")
        let objective = Objective(.maximise, "won")
        let constraints = [Constraint("cost.per_won", .lessOrEqual, 200_000)]
        let ranges = [try SearchRange(threshold, from: 40, to: 80, step: 10), try SearchRange(reps, from: 2, to: 10, step: 2)]
        let found = try Optimiser.optimise(
            Self.experiment, ranges: ranges, objective: objective, constraints: constraints, populations: Self.populations,
            options: RunOptions())
        let brute = try Tuning.sweep(
            Self.experiment, axes: [SweepAxis(threshold, from: 40, to: 80, step: 10), SweepAxis(reps, from: 2, to: 10, step: 2)],
            objective: objective, constraints: constraints, populations: Self.populations, options: RunOptions())
        let bestValue = objective.value(try #require(brute.best).runs)
        #expect(objective.value(try #require(found.optimum).runs) == bestValue)
        let near = found.nearOptimal
        #expect(near[0].contains(found.optimum!.values[0]) && near[1].contains(found.optimum!.values[1]))
    }
}
