import LeadSimCore
import Testing
@testable import LeadSimScript

/// The parser, `help` and completion read one table; these walk every command in it and check the
/// three agree.
@Suite struct CommandTableTests {
    let session = Session()

    func candidates(_ line: String) -> [String] {
        guard case .words(let words) = Completion.candidates(forLineBefore: line, session: session) else { return [] }
        return words
    }

    func parse(_ line: String) -> Result<Statement?, ScriptError> {
        Result { () throws(ScriptError) in try Parser.parse(line: line, location: SourceLocation(file: "t", line: 1, column: 1)) }
    }

    /// Lines that use each command's every clause, beside the examples in the table.
    static let fullLines = [
        "population 1000 seed 3 weeks 10",
        "campaign leads paid_search x2 weeks 4..8",
        "expect won between 1 and 2",
        "expect funnel.mql_to_sql >= 0.1",
        "sweep mql.threshold 40..90 step 5 by sales.reps 4..8 maximise won subject won >= 1 and won < 9 show won,sql",
        "sweep mql.threshold 40..90 subject won >= 1 show won",
        "optimise mql.threshold 30..90 step 10 by sales.reps 4..8 minimise won subject won > 1 and won < 9",
        "load leads a.csv map m.yaml skip pseudonymise",
        "load events e.csv map m.yaml strict",
        "generate out leads 10 seed 1 weeks 4 format csv locale en start 2025-01-06 dirty 0.1",
        "compare baseline now", "baseline clear", "diff baseline", "mode csv", "timer off", "scoring default", "show funnel",
        "export sweep s.csv", "set sales.routing pooled", "help mql.threshold",
    ]

    /// Every spelling of every command parses its example to the same command, has help that
    /// shows its usage, and is offered at the start of a line.
    @Test func everySpellingParsesHasHelpAndCompletes() throws {
        var help = session
        let offered = Set(candidates(""))
        for spec in CommandSpec.all {
            let canonical = try #require(try parse(spec.example).get(), "\(spec.name)'s example")
            for spelling in [spec.name] + spec.aliases {
                #expect(offered.contains(spelling), "\(spelling) is offered at the start of a line")
                let words = spec.example.split(separator: " ", maxSplits: 1).map(String.init)
                let line = ([spelling] + words.dropFirst()).joined(separator: " ")
                #expect(try parse(line).get()?.command == canonical.command, "\(line)")
                var out = ""
                let statement = try #require(try parse("help \(spelling)").get())
                let status = ScriptRunner.execute(statement, in: &help, write: { out += $0 }, report: { _ in })
                #expect(status == .passed && out.hasPrefix(spec.usage), "help \(spelling)")
                #expect(candidates("help \(spelling)").contains(spelling))
                #expect(candidates("\(spelling) ") == candidates("\(spec.name) "), "\(spelling) completes as \(spec.name)")
            }
        }
        #expect(Set(CommandSpec.spellings).count == CommandSpec.spellings.count, "no spelling names two commands")
    }

    /// Walking each line word by word: every word completion offers is one the parser accepts
    /// there, and every keyword the line uses next is offered.
    @Test func completionOffersWhatTheParserAccepts() throws {
        let lines = CommandSpec.all.map(\.example) + Self.fullLines
        var walked = 0
        for line in lines {
            #expect((try? parse(line).get()) != nil, "\(line) parses")
            let words = line.split(separator: " ").map(String.init)
            for position in 1..<words.count {
                let prefix = words[..<position].joined(separator: " ") + " "
                let offered = candidates(prefix)
                for word in offered where !word.hasSuffix(".") {
                    walked += 1
                    if case .failure(let error) = parse(prefix + word) {
                        #expect(error.location.column > prefix.count + 1, "after '\(prefix)' completion offers '\(word)', which the parser refuses: \(error.message)")
                    }
                }
                let next = words[position]
                let keywords = Set(CommandSpec.all.flatMap(\.words) + ["step", "by", "maximise", "minimise", "subject", "show", "and", "map"]
                    + ComparisonOperator.allCases.map(\.rawValue))
                if keywords.contains(next) && !offered.isEmpty {
                    #expect(offered.contains(next), "after '\(prefix)' completion leaves out '\(next)'")
                }
            }
        }
        #expect(walked > 300)
    }

    /// The American spelling and the shells' dot commands are the same commands.
    @Test func aliasesAreTheSameCommands() throws {
        #expect(try parse("optimize mql.threshold 30..90 maximise won").get()?.command
            == parse("optimise mql.threshold 30..90 maximise won").get()?.command)
        #expect(try parse(".read f.leadsim").get()?.command == .source(path: "f.leadsim"))
        #expect(try parse("\\q").get()?.command == .quit)
        #expect(candidates("optimise mql.threshold 30..90 ").contains("show") == false)
        #expect(candidates("optimise mql.threshold 30..90 ").contains("subject") == false, "optimise needs its objective first")
    }
}
