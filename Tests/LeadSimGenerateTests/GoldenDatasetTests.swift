import Testing
@testable import LeadSimCore
@testable import LeadSimGenerate

/// Determinism as a promise across releases: a fixed request gives these exact files. A change
/// that moves any of them changes what a seed produces — a breaking change, stated in the
/// changelog together with the new checksums.
@Suite struct GoldenDatasetTests {
    /// FNV-1a, 64 bits: enough to notice any changed byte, and written out here so the checksum
    /// itself can never drift with a library.
    static func checksum(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    static let expected: [String: String] = [
        "accounts": "cb87ba79f01f7a3c",
        "reps": "15ff3bf017c156cb",
        "leads": "b27dc3a340464677",
        "touchpoints": "dbfbe6b6c4b6714",
        "stage_changes": "f52b6623136b7049",
        "sales_activities": "7c290fe98d5a8dfd",
        "opportunities": "d69b876962ee2a32",
        "lead_truth": "457cbbb5a3a6d72f",
    ]

    /// CSV: JSON Lines carries the same values in the same order (`sameBytesOnAnyNumberOfThreads`
    /// covers its determinism).
    @Test func aFixedRequestGivesTheRecordedFiles() throws {
        let output = try Datasets.generate(leads: 400, seed: 2026, weeks: 6).output
        let actual = output.files.mapValues(Self.checksum)
        for table in DatasetTable.all {
            #expect(actual[table.name] == Self.expected[table.name], "\(table.name): \"\(actual[table.name] ?? "")\"")
        }
    }
}
