/// What decides a run's figures: the model with its parameters and campaigns, the synthetic
/// population it runs on, and how many independent replications to run.
///
/// A value: the REPL keeps one per configuration, and sweeps and the optimiser derive variants of
/// it that differ in a parameter or two and run on the same replications (common random numbers).
public struct Experiment: Sendable {
    public var model: any LeadModel
    public var parameters: ParameterSet
    public var campaigns: [Campaign] = []
    public var leads: Int
    public var seed: UInt64
    /// Horizon of the synthetic population; nil for the model's default.
    public var weeks: Int?
    public var replications: Int
    /// A team's own leads, run instead of a synthetic population when set (`leads`, `weeks`
    /// then come from it).
    public var history: History?

    public init(model: any LeadModel, leads: Int, seed: UInt64, weeks: Int? = nil, replications: Int = 1) {
        precondition(replications >= 1, "an experiment runs at least one replication")
        self.model = model
        parameters = model.defaultParameters()
        self.leads = leads
        self.seed = seed
        self.weeks = weeks
        self.replications = replications
    }

    public var horizonWeeks: Int { history?.weeks ?? weeks ?? model.defaultHorizonWeeks }

    /// Everything the replications' populations depend on: equal keys mean the populations can be
    /// reused as they are.
    public struct PopulationKey: Sendable, Equatable {
        var model: String
        var leads: Int
        var seed: UInt64
        var weeks: Int
        var replications: Int
        var shaping: [Double]
        var campaigns: [Campaign]
        /// The history's name and size: loading another history gives other populations.
        var history: String?
    }

    public var populationKey: PopulationKey {
        PopulationKey(
            model: model.name, leads: history?.count ?? leads, seed: seed, weeks: horizonWeeks, replications: replications,
            shaping: model.populationParameters.map { parameters[$0] }, campaigns: campaigns.filter(\.shapesPopulation),
            history: history.map { "\($0.name) \($0.count)" })
    }

    /// The population of every replication, synthesised in parallel.
    public func synthesizePopulations(options: RunOptions) throws(RunCancelled) -> [Population] {
        try Self.parallel(jobs: replications, options: options, countsRuns: false) { replication, inner throws(RunCancelled) in
            try population(replication: replication, parameters: parameters, options: inner)
        }
    }

    /// Runs every replication on its population.
    public func run(on populations: [Population], options: RunOptions) throws(RunCancelled) -> RunSet {
        try run(variants: [parameters], on: populations, options: options)[0]
    }

    /// Runs variants of this experiment's parameters on the same replications. Every (variant,
    /// replication) pair is one job and the jobs spread over the threads, each on one thread: two
    /// runs side by side keep both cores busier than one run's serial sales phase does. A variant
    /// that changes a parameter the population depends on gets populations of its own.
    public func run(variants: [ParameterSet], on populations: [Population], options: RunOptions) throws(RunCancelled) -> [RunSet] {
        precondition(populations.count == replications, "one population per replication")
        let runModel = runnableModel
        let shaping = model.populationParameters
        let replications = replications
        let results = try jobs(variants.count * replications, options: options) { job in
            (variants[job / replications], job % replications)
        } simulate: { job, inner throws(RunCancelled) in
            let variant = variants[job / replications]
            let replication = job % replications
            let ownPopulation = shaping.contains { variant[$0] != parameters[$0] }
            let population = ownPopulation
                ? try self.population(replication: replication, parameters: variant, options: inner)
                : populations[replication]
            return try runModel.simulate(population, parameters: variant, options: inner)
        }
        return stride(from: 0, to: results.count, by: replications).map { RunSet(Array(results[$0..<$0 + replications])) }
    }

    /// Runs `count` jobs — job `j` on the parameters and replication `setup(j)` gives — spread
    /// over the threads; with a shard ledger in the options, only the jobs this process is to
    /// compute, the others from the ledger's parts, and a run that needs a job nobody has yet
    /// ends here (`RunCancelled`; the ledger says why).
    private func jobs(
        _ count: Int, options: RunOptions, setup: (Int) -> (parameters: ParameterSet, replication: Int),
        simulate: @Sendable (Int, RunOptions) throws(RunCancelled) -> RunResult
    ) throws(RunCancelled) -> [RunResult] {
        guard let ledger = options.ledger else { return try Self.parallel(jobs: count, options: options, simulate) }
        let checks = (0..<count).map { job in
            let (parameters, replication) = setup(job)
            return ShardLedger.check(parameters: parameters, replication: replication, experiment: self)
        }
        let plan = ledger.plan(checks: checks)
        let computed = try Self.parallel(jobs: count, options: options) { job, inner throws(RunCancelled) -> RunResult? in
            plan.computes[job] ? try simulate(job, inner) : nil
        }
        ledger.record((0..<count).compactMap { job in
            computed[job].map { ShardLedger.Job(key: "\(plan.run)/\(job)", check: checks[job], result: $0) }
        })
        guard plan.missing == 0 else { throw RunCancelled() }
        return (0..<count).map { plan.known[$0] ?? computed[$0]! }
    }

    /// Runs each replication with parameters of its own, `parameters[replication]`, on its
    /// population: a prediction that draws an estimated parameter anew for each replication. The
    /// parameters may not differ in what the populations depend on.
    public func run(eachWith parameters: [ParameterSet], on populations: [Population], options: RunOptions) throws(RunCancelled) -> RunSet {
        precondition(parameters.count == replications && populations.count == replications, "one parameter set and population per replication")
        let runModel = runnableModel
        precondition(
            model.populationParameters.allSatisfy { name in parameters.allSatisfy { $0[name] == self.parameters[name] } },
            "the populations depend on none of the parameters that differ")
        return RunSet(try jobs(replications, options: options) { (parameters[$0], $0) } simulate: {
            replication, inner throws(RunCancelled) in
            try runModel.simulate(populations[replication], parameters: parameters[replication], options: inner)
        })
    }

    /// About how many bytes the experiment's runs hold at their peak with `threads` threads: every
    /// replication's population (warm-up and campaign leads included) with what it keeps for
    /// later runs, and the run state of as many runs at once as there are threads. Results are
    /// small beside them.
    public func estimatedBytes(threads: Int) -> Double {
        let leadsPerPopulation = Double(history?.count ?? runnableModel.populationSize(leads: leads, horizonWeeks: horizonWeeks, parameters: parameters))
        let kept = Double(Population.bytesPerLead + model.keptBytesPerLead) * Double(replications)
        let running = Double(model.runBytesPerLead) * Double(min(max(1, threads), replications))
        return leadsPerPopulation * (kept + running)
    }

    /// The model with the campaigns in force.
    public var runnableModel: any LeadModel { campaigns.isEmpty ? model : model.with(campaigns: campaigns) }

    func population(replication: Int, parameters: ParameterSet, options: RunOptions) throws(RunCancelled) -> Population {
        if let history {
            guard let population = runnableModel.population(
                from: history, seed: Replications.seed(base: seed, replication), parameters: parameters)
            else { preconditionFailure("a session loads a history only into a model that runs one") }
            return population
        }
        return try runnableModel.synthesize(
            leads: leads, seed: Replications.seed(base: seed, replication), horizonWeeks: horizonWeeks,
            parameters: parameters, options: options)
    }

    /// `body(job, options)` for every job; results in job order whatever the threads. With fewer
    /// jobs than threads each job gets all threads itself. Jobs that are runs count towards the
    /// progress shown.
    static func parallel<T: Sendable>(
        jobs: Int, options: RunOptions, countsRuns: Bool = true, _ body: @Sendable (Int, RunOptions) throws(RunCancelled) -> T
    ) throws(RunCancelled) -> [T] {
        let progress = countsRuns ? options.progress : nil
        let inner = RunOptions(threads: jobs >= options.threads ? 1 : options.threads, cancellation: options.cancellation)
        var results = [T?](repeating: nil, count: jobs)
        progress?.expect(jobs, of: .runs)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = DisjointWrites(buffer.baseAddress!)
            ParallelChunks.forEach(count: jobs, chunkSize: 1, threads: options.threads) { job, _ in
                if options.cancellation?.isSet == true { return }
                out[job] = try? body(job, inner)
                progress?.advance()
            }
        }
        try options.checkCancelled()
        return results.map { $0! }
    }
}
