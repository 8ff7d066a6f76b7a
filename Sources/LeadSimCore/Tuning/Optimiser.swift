/// A parameter the optimiser may move: its range and the finest step worth telling apart.
public struct SearchRange: Sendable, Equatable {
    public let parameter: String
    public let from: Double
    public let to: Double
    public let resolution: Double

    /// Parts of the range a real parameter is resolved into unless a step is given.
    public static let defaultParts = 100.0

    public init(_ spec: ParameterSpec, from: Double, to: Double, step: Double? = nil) throws(TuningError) {
        let resolution = step ?? (spec.kind == .integer ? 1 : (to - from) / Self.defaultParts)
        try SweepAxis.validate(spec, from: from, to: to, step: resolution)
        parameter = spec.name
        self.from = from
        self.to = to
        self.resolution = resolution
    }

    /// Values on the resolution grid of the range.
    var gridCount: Int { SweepAxis.steps(from: from, to: to, step: resolution) + 1 }

    func snap(_ value: Double) -> Double {
        SweepAxis.gridValue(from: from, index: ((value - from) / resolution).rounded(), step: resolution, limit: to)
    }
}

/// What the optimiser found.
public struct OptimisationResult: Sendable, Equatable {
    public let ranges: [SearchRange]
    public let objective: Objective
    public let constraints: [Constraint]
    /// The best feasible configuration; nil when none that was tried keeps every constraint.
    public let optimum: TuningPoint?
    /// Every configuration the search ran, in the order it ran them.
    public let evaluated: [TuningPoint]
    /// The constraint that stops the objective from improving further, if one does.
    public let binding: Constraint?
    /// Per parameter, the lowest and highest tried value whose objective is within the noise of
    /// the optimum's (a paired change not beyond its 95 % interval).
    public let nearOptimal: [ClosedRange<Double>]
    /// Configurations a search of every value on the resolution grid would have run.
    public let bruteForceCount: Int

    public static let method =
        "grid refinement: a coarse grid over the whole range, then finer grids around the best value"
        + " until the step reaches the resolution"
}

/// Finds the value (or pair of values) that maximises or minimises an objective subject to
/// constraints, by successive grid refinement.
///
/// Under common random numbers every configuration is run on the same leads, so the objective is
/// a deterministic, nearly smooth function of the parameters, with plateaus where a threshold
/// passes no lead. A coarse grid over the whole range (9 values, or 5 × 5 for two parameters)
/// finds the region of the optimum without assuming the objective has a single peak, as golden
/// section would; each refinement grids ±1 coarse step around the best value so far until the
/// grid reaches the resolution, where every value around the optimum has been tried. For an
/// integer threshold over 30..90 that is about 20 runs instead of 61; for a real parameter
/// resolved to a hundredth of its range about 30 instead of 101, and for two parameters about
/// 60 instead of thousands.
public enum Optimiser {
    public static func optimise(
        _ experiment: Experiment, ranges: [SearchRange], objective: Objective, constraints: [Constraint],
        populations: [Population], options: RunOptions
    ) throws(RunCancelled) -> OptimisationResult {
        precondition((1...2).contains(ranges.count), "the optimiser moves one or two parameters")
        let perAxis = ranges.count == 1 ? 9 : 5
        let names = ranges.map(\.parameter)
        var evaluated: [TuningPoint] = []
        var seen = Set<[Double]>()
        var window = ranges.map { (low: $0.from, high: $0.to) }
        while true {
            var spacing: [Double] = []
            var fullResolution = true
            var axes: [[Double]] = []
            for (axis, range) in ranges.enumerated() {
                let (low, high) = window[axis]
                let steps = SweepAxis.steps(from: low, to: high, step: range.resolution)
                if steps + 1 <= perAxis {
                    axes.append((0...steps).map { range.snap(low + Double($0) * range.resolution) })
                    spacing.append(range.resolution)
                } else {
                    fullResolution = false
                    let step = (high - low) / Double(perAxis - 1)
                    axes.append(Array(Set((0..<perAxis).map { range.snap(low + Double($0) * step) })).sorted())
                    spacing.append(step)
                }
            }
            let fresh = Tuning.combinations(axes).filter { seen.insert($0).inserted }
            let runs = try experiment.run(
                variants: fresh.map { Tuning.variant(of: experiment.parameters, names, $0) }, on: populations,
                options: options)
            evaluated += zip(fresh, runs).map { TuningPoint(values: $0, runs: $1) }
            let centre = Tuning.best(of: evaluated, objective: objective, constraints: constraints)
                ?? leastViolating(evaluated, constraints)
            if fullResolution { break }
            window = ranges.indices.map { axis in
                (max(ranges[axis].from, centre.values[axis] - spacing[axis]),
                 min(ranges[axis].to, centre.values[axis] + spacing[axis]))
            }
        }
        let optimum = Tuning.best(of: evaluated, objective: objective, constraints: constraints)
        return OptimisationResult(
            ranges: ranges, objective: objective, constraints: constraints, optimum: optimum, evaluated: evaluated,
            binding: optimum.flatMap { binding(at: $0, evaluated, ranges, objective, constraints) },
            nearOptimal: optimum.map { nearOptimal($0, evaluated, ranges, objective, constraints) } ?? [],
            bruteForceCount: ranges.reduce(1) { $0 * $1.gridCount })
    }

    /// Where to refine when nothing tried so far is feasible: the point nearest to feasibility.
    static func leastViolating(_ points: [TuningPoint], _ constraints: [Constraint]) -> TuningPoint {
        points.min { a, b in
            constraints.reduce(0) { $0 + $1.violation(a.runs) } < constraints.reduce(0) { $0 + $1.violation(b.runs) }
        }!
    }

    /// The constraint broken by the nearest tried configuration that the objective prefers to the
    /// optimum: it is what holds the optimum back.
    static func binding(
        at optimum: TuningPoint, _ evaluated: [TuningPoint], _ ranges: [SearchRange], _ objective: Objective,
        _ constraints: [Constraint]
    ) -> Constraint? {
        let best = objective.value(optimum.runs)
        func distance(_ point: TuningPoint) -> Double {
            zip(ranges.indices, point.values).reduce(0) { sum, item in
                let (axis, value) = item
                let scaled = (value - optimum.values[axis]) / (ranges[axis].to - ranges[axis].from)
                return sum + scaled * scaled
            }
        }
        let better = evaluated.filter { objective.prefers(objective.value($0.runs), over: best) }
        guard let nearest = better.min(by: { distance($0) < distance($1) }) else { return nil }
        return constraints.first { !$0.holds(nearest.runs) }
    }

    static func nearOptimal(
        _ optimum: TuningPoint, _ evaluated: [TuningPoint], _ ranges: [SearchRange], _ objective: Objective,
        _ constraints: [Constraint]
    ) -> [ClosedRange<Double>] {
        let metric = Metric.named(objective.metric)!
        let close = evaluated.filter { point in
            point.keeps(constraints) && !MetricChange(metric, from: optimum.runs, to: point.runs).beyondNoise
        }
        return ranges.indices.map { axis in
            let values = close.map { $0.values[axis] }
            return values.min()!...values.max()!
        }
    }
}
