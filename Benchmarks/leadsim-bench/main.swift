// Times leadsim's models and the reference peers (shared/peers) in one run and prints the ratios.
//
//   swift run -c release leadsim-bench [--quick] [--peers DIR] [--simpy-leads N]
//   swift run -c release leadsim-bench --load DIR    (only the load case, on a package made before)
//
// A benchmark, not a test: figures depend on the machine; the README records the latest ones.
import Foundation
import LeadSimCore
import LeadSimData
import LeadSimGenerate
import LeadSimScript

struct Options {
    var quick = false
    var peers: String?
    var simpyLeads = 100_000
    var repeats = 7
    var loadPackage: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--quick":
                quick = true
                simpyLeads = 10_000
            case "--peers": peers = iterator.next()
            case "--simpy-leads": simpyLeads = Int(iterator.next() ?? "") ?? simpyLeads
            case "--repeats": repeats = Int(iterator.next() ?? "") ?? repeats
            case "--load": loadPackage = iterator.next()
            default:
                FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
                exit(2)
            }
        }
    }
}

let options = Options(CommandLine.arguments)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Median simulation time of `model` over `leads`. `firstRun`: each timed run is the first on its
/// population (nothing a model keeps in the population's memo helps it); otherwise the runs repeat on
/// one population, as after a change to a threshold or the sales side in the REPL.
func timeModel(_ model: any LeadModel, leads: Int, firstRun: Bool = false) throws -> (median: Double, min: Double, result: RunResult) {
    let parameters = model.defaultParameters()
    var population = model.synthesize(leads: leads, seed: 1, horizonWeeks: 26, parameters: parameters)
    var result = try model.simulate(population, parameters: parameters, options: RunOptions())
    var times: [Double] = []
    for _ in 0..<options.repeats {
        if firstRun { population = model.synthesize(leads: leads, seed: 1, horizonWeeks: 26, parameters: parameters) }
        times.append(try seconds { result = try model.simulate(population, parameters: parameters, options: RunOptions()) })
    }
    times.sort()
    return (times[times.count / 2], times[0], result)
}

func findPeers() -> String? {
    let candidates = [options.peers, "../shared/peers", "../../shared/peers", "../../../shared/peers"].compactMap { $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0 + "/numpy_funnel.py") }
}

/// The peer's own `seconds` figure (its simulation time, as it reports it).
func timePeer(_ script: String, leads: Int, in directory: String) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", directory + "/" + script, "--leads", String(leads), "--seed", "1"]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let time = object["seconds"] as? Double
    else { return nil }
    return time
}

func row(_ cells: String...) { print(cells.joined(separator: " | ")) }

if let directory = options.loadPackage {
    try timeLoad(directory)
    exit(0)
}

print("leadsim benchmark — \(ParallelChunks.defaultThreads) threads, median of \(options.repeats) runs")
print(
    "state per lead: population \(Population.bytesPerLead) B, b2b run state \(B2BModel.runBytesPerLead) B "
        + "(+ \(B2BModel.keptBytesPerLead) B of first episodes kept per configuration), reference run state \(ReferenceModel.runBytesPerLead) B")
print("")
row("case", "leadsim (median)", "peer", "ratio")
row("---", "---", "---", "---")

let peers = findPeers()
let sizes = options.quick ? [100_000] : [100_000, 1_000_000]
for leads in sizes {
    let reference = try timeModel(ReferenceModel(), leads: leads)
    let label = leads == 1_000_000 ? "1M" : "\(leads / 1000)k"
    if let peers, let numpy = timePeer("numpy_funnel.py", leads: leads, in: peers) {
        row("reference \(label) vs numpy", String(format: "%.4f s", reference.median), String(format: "%.3f s", numpy),
            String(format: "%.0f×", numpy / reference.median))
    } else {
        row("reference \(label)", String(format: "%.4f s", reference.median), "numpy peer not run", "-")
    }
}
if let peers, let simpy = timePeer("simpy_funnel.py", leads: options.simpyLeads, in: peers) {
    let ours = try timeModel(ReferenceModel(), leads: options.simpyLeads).median
    row("reference \(options.simpyLeads / 1000)k vs simpy", String(format: "%.4f s", ours), String(format: "%.1f s", simpy),
        String(format: "%.0f×", simpy / ours))
}
for leads in sizes {
    let label = leads == 1_000_000 ? "1M" : "\(leads / 1000)k"
    let first = try timeModel(B2BModel(), leads: leads, firstRun: true)
    row("b2b default \(label), 26 weeks, first run", String(format: "%.4f s", first.median), "-", "-")
    let again = try timeModel(B2BModel(), leads: leads)
    row("b2b default \(label), 26 weeks, run again", String(format: "%.4f s", again.median), "-", "-")
}
for leads in sizes {
    let model = B2BModel()
    let parameters = model.defaultParameters()
    var times: [Double] = []
    for _ in 0..<options.repeats {
        times.append(seconds { _ = model.synthesize(leads: leads, seed: 1, horizonWeeks: 26, parameters: parameters) })
    }
    times.sort()
    let label = leads == 1_000_000 ? "1M" : "\(leads / 1000)k"
    row("b2b synthesise \(label) leads", String(format: "%.4f s", times[times.count / 2]), "-", "-")
}

// The REPL's what-if step: `set` a parameter, re-simulate the default population, and render
// the key figures old → new, as the workbench does after every change. A threshold change re-uses
// the first nurture episodes; a change to nurturing runs them again (each step a new cadence, so
// that no step finds its episodes kept from an earlier one).
let cadences = (0..<options.repeats * 2).map { String(format: "%.2f", 5 + 0.25 * Double($0)) }
for (name, values) in [("mql.threshold", ["70", "55"]), ("nurture.cadence_days", cadences)] {
    var session = Session()
    session.showsChanges = true
    try session.run()
    var times: [Double] = []
    var printed = 0
    for step in 0..<options.repeats * 2 {
        let line = "set \(name) \(values[step % values.count])"
        let statement = try Parser.parse(line: line, location: SourceLocation(file: "bench", line: 1, column: 1))!
        times.append(seconds {
            _ = ScriptRunner.execute(statement, in: &session, write: { printed += $0.count }, report: { _ in })
        })
    }
    times.sort()
    row("what-if: set \(name) + run + deltas, 100k", String(format: "%.4f s", times[times.count / 2]), "-", "-")
}

// Tuning on the default 100,000-lead population, spread over the cores: 20-point sweeps after a
// first run (a threshold sweep re-uses that run's first nurture episodes, a nurture sweep runs them
// for every value), and 20 replications, each the first run on its population.
do {
    let model = B2BModel()
    let experiment = Experiment(model: model, leads: 100_000, seed: 1)
    let populations = try experiment.synthesizePopulations(options: RunOptions())
    _ = try experiment.run(on: populations, options: RunOptions())
    for (name, from, to, step) in [("mql.threshold", 40.0, 87.5, 2.5), ("nurture.cadence_days", 3.0, 12.5, 0.5)] {
        let axis = try SweepAxis(try experiment.parameters.spec(named: name), from: from, to: to, step: step)
        var times: [Double] = []
        for _ in 0..<max(3, options.repeats / 2) {
            times.append(try seconds {
                _ = try Tuning.sweep(experiment, axes: [axis], populations: populations, options: RunOptions())
            })
        }
        times.sort()
        row("sweep: \(name), \(axis.values.count) values × 100k", String(format: "%.4f s", times[times.count / 2]), "-", "-")
    }

    var replicated = experiment
    replicated.replications = 20
    var times: [Double] = []
    var synthesis: [Double] = []
    for _ in 0..<max(3, options.repeats / 2) {
        var replicationPopulations: [Population] = []
        synthesis.append(try seconds { replicationPopulations = try replicated.synthesizePopulations(options: RunOptions()) })
        times.append(try seconds { _ = try replicated.run(on: replicationPopulations, options: RunOptions()) })
    }
    times.sort()
    synthesis.sort()
    row("replications: 20 × 100k", String(format: "%.4f s", times[times.count / 2]), "-", "-")
    row("replications: synthesise 20 × 100k", String(format: "%.4f s", synthesis[synthesis.count / 2]), "-", "-")
}

// `leadsim generate`: a dataset of the default model written as CSV to a temporary directory,
// all tables with all their events, as the command writes it.
for leads in sizes {
    let model = B2BModel()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-bench-\(leads)").path
    var times: [Double] = []
    var rows = 0
    var total = 0
    for _ in 0..<(leads >= 1_000_000 ? 1 : 3) {
        var output = try DirectoryOutput(directory: directory, format: .csv)
        times.append(try seconds {
            let summary = try DatasetGenerator.generate(
                model: model, parameters: model.defaultParameters(), request: DatasetRequest(leads: leads, seed: 1, weeks: 26),
                options: RunOptions(), output: &output)
            rows = summary.rows.values.reduce(0, +)
            total = summary.rows["leads"] ?? 0
        })
        try? FileManager.default.removeItem(atPath: directory)
    }
    times.sort()
    let label = leads == 1_000_000 ? "1M" : "\(leads / 1000)k"
    let median = times[times.count / 2]
    row("generate \(label) window leads (\(total) with the warm-up, \(rows / 1_000_000)M rows) to CSV",
        String(format: "%.2f s", median), "-", String(format: "%.1fM leads/min", Double(total) / median * 60 / 1e6))
}

/// Reads a generated package's leads and makes them a population, as `load DIR` does, three
/// times: the median, with the reading and the population's share of it.
func timeLoad(_ directory: String) throws {
    let model = B2BModel()
    var times: [(all: Double, read: Double)] = []
    var count = 0
    for _ in 0..<3 {
        var read = 0.0
        let all = try seconds {
            var observed = ObservedLeads()
            read = try seconds { observed = try NativePackage.readLeads(directory: directory, policy: .strict, pseudonymiser: nil).leads }
            let history = try History(observed: observed, name: "bench")
            count = model.population(from: history, seed: 1, parameters: model.defaultParameters())!.count
        }
        times.append((all, read))
    }
    times.sort { $0.all < $1.all }
    row("load a package of \(count) leads (CSV) into a population", String(format: "%.2f s (read %.2f s)", times[1].all, times[1].read), "-",
        String(format: "%.1fM rows/min", Double(count) / times[1].all * 60 / 1e6))
}

// `load`: a CSV package of 1,000,000 leads (generated first, not timed) read back and made a
// population.
if !options.quick {
    let model = B2BModel()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-bench-load").path
    var output = try DirectoryOutput(directory: directory, format: .csv)
    _ = try DatasetGenerator.generate(
        model: model, parameters: model.defaultParameters(), request: DatasetRequest(leads: 634_146, seed: 1, weeks: 26),
        options: RunOptions(), output: &output)
    try timeLoad(directory)
    try? FileManager.default.removeItem(atPath: directory)
}
