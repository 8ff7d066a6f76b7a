import Foundation
import Testing
@testable import LeadSimCore

/// What a seed produces is part of leadsim's promise (README, "Seeds and releases"): every metric
/// of a few seeds of both models is pinned here exactly, so a change that moves any draw fails
/// loudly. A change that alters seeds on purpose is a breaking change: state it in CHANGELOG.md
/// and re-record with `LEADSIM_RECORD_GOLDEN=1 swift test --filter GoldenSeedTests`.
@Suite struct GoldenSeedTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("golden-seeds.txt")

    /// One line per (model, seed, metric): the value with 17 significant digits, which reads back
    /// as the same double.
    static func lines() throws -> [String] {
        var lines: [String] = []
        for model in Models.all {
            for seed: UInt64 in [1, 2026] {
                let parameters = model.defaultParameters()
                let population = model.synthesize(leads: 3000, seed: seed, horizonWeeks: 26, parameters: parameters)
                let result = try model.simulate(population, parameters: parameters, options: RunOptions())
                for metric in Metric.all where result.computes(metric) {
                    lines.append("\(model.name) \(seed) \(metric.name) \(String(format: "%.17g", metric.value(result)))")
                }
                lines.append("\(model.name) \(seed) weekly.handovers \(result.weekly.handovers.map(String.init).joined(separator: ","))")
            }
        }
        return lines
    }

    @Test func seedsProduceThePinnedOutputs() throws {
        let actual = try Self.lines()
        if ProcessInfo.processInfo.environment["LEADSIM_RECORD_GOLDEN"] != nil {
            try (actual.joined(separator: "\n") + "\n").write(to: Self.file, atomically: true, encoding: .utf8)
        }
        let pinned = try String(contentsOf: Self.file, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(pinned.count == actual.count)
        for (expected, got) in zip(pinned, actual) where expected != got {
            Issue.record("seed output changed: pinned \(expected), now \(got)")
        }
    }
}
