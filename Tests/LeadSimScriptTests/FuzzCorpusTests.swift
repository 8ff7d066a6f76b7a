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
}
