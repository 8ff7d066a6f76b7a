import Synchronization

/// The simulation jobs of a script split across processes, and joined again (`leadsim run
/// --shard I/N`, `leadsim merge`).
///
/// Every run a script makes is a list of jobs — one per variant and replication — and a script
/// makes its runs in the same order every time, as long as each run's results are the real ones.
/// So a job is named by its place: the run's number in the script and the job's number in the
/// run (`"4/17"`), with a check of what it runs (its parameter values, replication and leads) that
/// catches parts of another script. Jobs are dealt to shards round-robin by their number in the
/// whole script.
///
/// A shard computes its own jobs and takes the others from earlier parts; at the first run that
/// needs a job neither it nor a part has — a sweep of another shard, or a second optimiser round
/// that depends on the first — it stops, and its part holds what it did. A merge has every job
/// from the parts and computes none: the script then prints exactly what it prints unsharded.
/// Scripts whose runs depend on earlier results (`optimise`, `fit`, `calibrate`) take one round of
/// shards per dependent step.
public final class ShardLedger: Sendable {
    public enum Role: Sendable, Equatable {
        case shard(index: Int, count: Int)
        case merge
    }

    /// A job's result as a part keeps it.
    public struct Job: Sendable, Codable, Equatable {
        public var key: String
        public var check: UInt64
        public var result: RunResult

        public init(key: String, check: UInt64, result: RunResult) {
            self.key = key
            self.check = check
            self.result = result
        }
    }

    private struct State {
        var runs = 0
        var jobsSoFar = 0
        var known: [String: Job]
        var computed: [Job] = []
        /// Jobs a run needed that no part held and this process was not to compute.
        var missing = 0
        /// Known jobs that did not match what the script asked for.
        var mismatched: [String] = []
    }

    public let role: Role
    private let state: Mutex<State>

    public init(role: Role, known: [Job]) {
        self.role = role
        state = Mutex(State(known: Dictionary(known.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })))
    }

    /// What a run of jobs with these checks takes from the ledger: each job's known result, and
    /// whether this process computes it.
    struct Plan {
        var run: Int
        var known: [RunResult?]
        var computes: [Bool]
        var missing: Int
    }

    func plan(checks: [UInt64]) -> Plan {
        state.withLock { state in
            state.runs += 1
            let run = state.runs
            var plan = Plan(run: run, known: [], computes: [], missing: 0)
            for (job, check) in checks.enumerated() {
                let key = "\(run)/\(job)"
                let number = state.jobsSoFar + job
                if let known = state.known[key] {
                    if known.check == check {
                        plan.known.append(known.result)
                        plan.computes.append(false)
                        continue
                    }
                    state.mismatched.append(key)
                }
                plan.known.append(nil)
                let owned: Bool
                switch role {
                case .shard(let index, let count): owned = number % count == index
                case .merge: owned = false
                }
                plan.computes.append(owned)
                if !owned { plan.missing += 1 }
            }
            state.jobsSoFar += checks.count
            state.missing += plan.missing
            return plan
        }
    }

    func record(_ jobs: [Job]) {
        state.withLock { $0.computed += jobs }
    }

    /// The jobs this process computed, in the order the script ran them.
    public var computed: [Job] { state.withLock { $0.computed } }
    /// Jobs a run needed that were neither in a part nor this process's to compute: a shard
    /// stopped there, a merge is incomplete.
    public var missing: Int { state.withLock { $0.missing } }
    /// Jobs whose part result was made by another script (or other parameters).
    public var mismatched: [String] { state.withLock { $0.mismatched } }

    /// A job's check: FNV-1a over the bits of everything it runs on, so that it is the same in
    /// every process (Swift's own hashing is seeded per process).
    static func check(parameters: ParameterSet, replication: Int, experiment: Experiment) -> UInt64 {
        var hash = FNV1a()
        hash.add(parameters.fingerprint)
        for word in [UInt64(replication), experiment.seed, UInt64(experiment.leads), UInt64(experiment.horizonWeeks)] { hash.add(word) }
        hash.add(bytes: (experiment.model.name + (experiment.history.map { "\($0.name) \($0.count)" } ?? "")).utf8)
        return hash.value
    }
}
