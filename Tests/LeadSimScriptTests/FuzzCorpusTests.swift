import Foundation
import LeadSimFuzzing
import Testing

/// Every committed fuzz input — the seeds in `Fuzz/corpus/` and each input that once crashed, in
/// `Fuzz/regressions/` — runs through its target here, without libFuzzer, so that what the fuzzers
/// found stays found.
@Suite struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func inputs(_ kind: FuzzTarget.Kind) -> [URL] {
        ["corpus", "regressions"].flatMap { folder in
            let directory = URL(fileURLWithPath: "\(root)/Fuzz/\(folder)/\(kind.rawValue)")
            let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
            return files.filter { $0.lastPathComponent != ".gitkeep" }.sorted { $0.path < $1.path }
        }
    }

    @Test(arguments: FuzzTarget.Kind.allCases)
    func everyCommittedInputRuns(_ kind: FuzzTarget.Kind) throws {
        let target = try FuzzTarget(kind, root: Self.root)
        let inputs = Self.inputs(kind)
        #expect(inputs.count >= 3, "a seed corpus for \(kind.rawValue)")
        for input in inputs {
            let bytes = try Data(contentsOf: input)
            bytes.withUnsafeBytes { target($0) }
        }
    }

    /// The session target leaves files alone: a fuzzer runs in the repository, and one that
    /// followed `.save` once wrote its inputs there.
    @Test func theSessionTargetWritesNoFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path
        let target = try FuzzTarget(.session, root: Self.root)
        let commands = [
            ".save \(path)/a.leadsim", ".output \(path)/b.txt", ".once \(path)/c.txt", "run", "export summary \(path)/d.csv",
            "report \(path)/e.html", "generate \(path)/f leads 10", "source \(path)/g.leadsim",
        ]
        Array((commands.joined(separator: "\n") + "\n").utf8).withUnsafeBytes { target($0) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: path).isEmpty)
    }
}
