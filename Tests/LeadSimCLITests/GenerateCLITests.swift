import Foundation
import Testing

/// `leadsim generate` as users and CI call it.
@Suite struct GenerateCLITests {
    let cli = CLITests()

    func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-generate-\(UUID().uuidString)").path
    }

    @Test func writesAPackageQuietlyWhenNotAtATerminal() throws {
        let out = directory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try cli.leadsim(["generate", "--leads", "300", "--seed", "2", "--weeks", "4", "--out", out])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.isEmpty, "no progress bar without a terminal")
        #expect(result.out.hasPrefix("wrote \(out) (csv): "))
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        for name in ["leads.csv", "touchpoints.csv", "datapackage.json", "README.md"] { #expect(files.contains(name)) }
        let again = try cli.leadsim(["generate", "--leads", "300", "--seed", "2", "--weeks", "4", "--out", out + "-again"])
        defer { try? FileManager.default.removeItem(atPath: out + "-again") }
        #expect(again.status == 0)
        for name in files {
            #expect(FileManager.default.contents(atPath: "\(out)/\(name)") == FileManager.default.contents(atPath: "\(out)-again/\(name)"))
        }
    }

    /// The scenario sets the world the data comes from: here a team of five reps.
    @Test func aScenarioSetsTheModel() throws {
        let out = directory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let scenario = try cli.scenario("set sales.reps 5\nset mql.threshold 40\n")
        let result = try cli.leadsim(["generate", "--leads", "300", "--weeks", "4", "--scenario", scenario, "--out", out, "--format", "jsonl"])
        #expect(result.status == 0, "\(result.err)")
        let reps = try String(contentsOfFile: "\(out)/reps.jsonl", encoding: .utf8)
        #expect(reps.split(separator: "\n").count == 5)
        let broken = try cli.scenario("set sales.reps 0\n")
        let refused = try cli.leadsim(["generate", "--leads", "300", "--scenario", broken, "--out", out])
        #expect(refused.status == 2)
        #expect(refused.err.contains(":1:16: error: sales.reps = 0 is out of range"))
    }

    @Test func badOptionsAreNamed() throws {
        let out = directory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let tuesday = try cli.leadsim(["generate", "--leads", "300", "--out", out, "--start-date", "2025-01-07"])
        #expect(tuesday.status == 2)
        #expect(tuesday.err == "error: --start-date: 2025-01-07 is not a Monday: expected a Monday (leadsim's weeks start on Monday), e.g. 2025-01-06\n")
        let locale = try cli.leadsim(["generate", "--leads", "300", "--out", out, "--locale", "en,fr"])
        #expect(locale.err == "error: --locale: unknown locale 'fr': expected en, de or en,de\n")
        let format = try cli.leadsim(["generate", "--leads", "300", "--out", out, "--format", "xml"])
        #expect(format.err == "error: --format: unknown format 'xml': expected csv or jsonl\n")
        #expect(!FileManager.default.fileExists(atPath: out), "nothing is written on bad input")
        let onAFile = try cli.scenario("run\n")
        let file = try cli.leadsim(["generate", "--leads", "300", "--out", onAFile])
        #expect(file.status == 2)
        #expect(file.err == "error: \(onAFile) is a file: expected a directory (new or existing) for the dataset\n")
    }
}

/// The shipped sample dataset is exactly what its command writes today, so it never goes stale.
@Suite struct SampleDatasetTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theSampleIsWhatItsCommandWrites() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-sample-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let process = Process()
        process.executableURL = CLITests.binary
        process.currentDirectoryURL = Self.repository
        process.arguments = [
            "generate", "--leads", "2000", "--seed", "7", "--weeks", "8", "--locale", "en,de", "--dirty", "0.05",
            "--scenario", "datasets/sample.leadsim", "--out", out,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let shipped = Self.repository.appendingPathComponent("datasets/sample").path
        let names = try FileManager.default.contentsOfDirectory(atPath: shipped).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: out)).sorted())
        for name in names {
            #expect(
                FileManager.default.contents(atPath: "\(shipped)/\(name)") == FileManager.default.contents(atPath: "\(out)/\(name)"),
                "datasets/sample/\(name) differs from what its command writes: regenerate it (datasets/sample.leadsim says how)")
        }
    }
}

/// `leadsim load` checks an export against its mapping from the command line.
@Suite struct LoadCLITests {
    let cli = CLITests()

    @Test func anExportLoadsOrNamesItsMistake() throws {
        let root = SampleDatasetTests.repository.path
        let good = try cli.leadsim(["load", "\(root)/datasets/history/kontakte.csv", "--map", "\(root)/datasets/history/kontakte.mapping.yaml", "--run"])
        #expect(good.status == 0, "\(good.err)")
        #expect(good.out.contains("1962 rows, 1962 leads imported") && good.out.contains("key figure"))
        let wrongMap = try cli.leadsim(["load", "\(root)/datasets/history/kontakte.csv", "--map", "\(root)/datasets/sample.leadsim"])
        #expect(wrongMap.status == 2)
        #expect(wrongMap.err.contains("datasets/sample.leadsim:"))
    }

    @Test func eventsAndDealsComeWithTheLeads() throws {
        let history = SampleDatasetTests.repository.path + "/datasets/history"
        let all = try cli.leadsim([
            "load", "\(history)/kontakte.csv", "--map", "\(history)/kontakte.mapping.yaml", "--events", "\(history)/aktivitaeten.csv",
            "--opportunities", "\(history)/verkaufschancen.csv", "--replay",
        ])
        #expect(all.status == 0, "\(all.err)")
        #expect(all.out.contains("11,970 touchpoints of 1,878 leads") && all.out.contains("34 deals (23 open)"))
        #expect(all.out.contains("replayed 11,970 touchpoints under the scoring in force"))
        let unmapped = try cli.leadsim(["load", "\(history)", "--events", "\(history)/aktivitaeten.csv"])
        #expect(unmapped.status == 2 && unmapped.err.contains("expected --map MAPPING"), "\(unmapped.status) \(unmapped.err)")
    }
}
