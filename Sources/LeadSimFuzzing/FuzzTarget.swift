import Dispatch
import LeadSimCore
import LeadSimData
import LeadSimScript

/// What each fuzzer feeds leadsim: bytes as a script, as a session's commands, as a CRM export and
/// as a mapping file. The libFuzzer drivers in `Fuzz/` and the corpus regression tests call the
/// same code, so an input that once crashed stays a test.
///
/// A target returns normally for every input, well-formed or not: a clear error is a pass; a
/// crash, a trap or a sanitizer report is the finding.
public struct FuzzTarget: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The lexer and the parser: whole scripts, with the errors rendered and each line completed.
        case script
        /// Command sequences run in a session on a small population.
        case session
        /// Rows of a leads export read through the shipped German CRM mapping (CSV), or JSON Lines
        /// when the input starts with `{`.
        case csv
        /// Mapping files, then a header and a row read through the mapping they describe.
        case mapping
    }

    public let kind: Kind
    private let leadsMapping: TableMapping<LeadField>
    private let template: Session
    /// Stops a session input's simulations after `budget`: parameter values in range can still ask
    /// for millions of touchpoints, and a fuzzer needs many inputs a second, not a few long ones.
    private let stop = CancellationFlag()
    static let budget = DispatchTimeInterval.milliseconds(30)

    /// `root` is the repository's folder: the CSV target reads the shipped mapping from it.
    public init(_ kind: Kind, root: String) throws {
        self.kind = kind
        let file = root + "/datasets/history/kontakte.mapping.yaml"
        var source = try FileSource(path: file)
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while case let count = try source.read(into: &buffer), count > 0 { text += buffer[..<count] }
        guard let leads = try ImportMapping(yaml: String(decoding: text, as: UTF8.self), file: file).leads else {
            throw ImportError(file: file, line: 1, message: "expected a leads table")
        }
        leadsMapping = leads
        var session = Session()
        session.options.cancellation = stop
        _ = ScriptRunner.run(script: "population 40 seed 1 weeks 2\n", file: "fuzz", session: &session, write: { _ in }, report: { _ in })
        template = session
    }

    public func callAsFunction(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch kind {
        case .script: script(text)
        case .session: session(text)
        case .csv: csv(Array(bytes))
        case .mapping: mapping(text)
        }
    }

    private func script(_ text: String) {
        let parsed = Parser.parse(script: text, file: "fuzz.leadsim")
        for error in parsed.errors { _ = error.description }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
            _ = Completion.candidates(forLineBefore: String(line), session: template)
        }
    }

    /// Each line runs as in the REPL, which goes on after an error. Commands that read or write
    /// files are left to the other targets (a fuzzer must not write over the repository), and
    /// populations, replications and grids are kept small so that a million inputs take minutes.
    private func session(_ text: String) {
        var session = template
        stop.reset()
        let deadline = DispatchWorkItem { [stop] in stop.set() }
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.budget, execute: deadline)
        defer { deadline.cancel() }
        for statement in Parser.parse(script: text, file: "fuzz.leadsim").statements where Self.isCheap(statement.command) {
            if statement.command == .quit { return }
            _ = ScriptRunner.execute(statement, in: &session, write: { _ in }, report: { _ in })
        }
    }

    static func isCheap(_ command: Command) -> Bool {
        switch command {
        case .population(let leads, _, let weeks): leads <= 200 && (weeks ?? 0) <= 8
        case .set("runs", let value): (Int(value) ?? 0) <= 2
        case .sweep(let request): request.ranges.allSatisfy(isSmall)
        case .optimise(let request): request.ranges.allSatisfy(isSmall)
        case .source, .output, .save, .export, .report, .generate, .loadLeads, .loadEvents, .loadOpportunities, .loadPackage: false
        case .scoring(let path): path == nil
        default: true
        }
    }

    static func isSmall(_ range: RangeRequest) -> Bool {
        guard let step = range.step else { return true }
        return (range.to - range.from) / step <= 6
    }

    private func csv(_ bytes: [UInt8]) {
        let jsonLines = bytes.first == UInt8(ascii: "{")
        do {
            _ = try LeadImport.read(
                MemorySource(bytes, blockSize: 256), file: jsonLines ? "fuzz.jsonl" : "fuzz.csv", mapping: leadsMapping, policy: .skip,
                pseudonymiser: Pseudonymiser())
        } catch {
            _ = error.description
        }
    }

    private func mapping(_ text: String) {
        do {
            let mapping = try ImportMapping(yaml: text, file: "fuzz.mapping.yaml")
            guard let leads = mapping.leads else { return }
            let delimiter = String(UnicodeScalar(leads.delimiter ?? UInt8(ascii: ",")))
            let header = leads.columns.map(\.column).joined(separator: delimiter)
            let row = leads.columns.map { $0.values.keys.sorted().first ?? "1" }.joined(separator: delimiter)
            _ = try LeadImport.read(MemorySource(header + "\n" + row + "\n"), file: "fuzz.csv", mapping: leads, policy: .skip)
        } catch {
            _ = error.description
        }
    }
}
