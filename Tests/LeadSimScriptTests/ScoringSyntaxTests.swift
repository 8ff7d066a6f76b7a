import Foundation
import Testing
@testable import LeadSimCore
@testable import LeadSimScript

/// The scoring file format: `show scoring` prints what `scoring FILE` reads.
@Suite struct ScoringSyntaxTests {
    let b2b = B2BModel()

    func parse(_ text: String) throws(ScriptError) -> ScoringModel {
        try ScoringSyntax.parse(text, file: "team.scoring", model: b2b)
    }

    @Test func theShippedModelReadsBackAsItself() throws {
        let text = ScoringSyntax.format(.b2bDefault, parameters: b2b.defaultParameters())
        var expected = ScoringModel.b2bDefault
        expected.sources = [:]
        let read = try parse(text)
        #expect(read == expected)
        #expect(ScoringSyntax.format(read, parameters: ParameterSet(specs: read.parameterSpecs())) == text)
    }

    @Test func theShippedHubSpotStyleFileReadsAndPrintsAlike() throws {
        let file = ScenarioTests.directory.appendingPathComponent("hubspot-style.scoring").path
        let scoring = try parse(try String(contentsOfFile: file, encoding: .utf8))
        #expect(scoring.gradeNames == ["A+", "A", "B", "C", "D"])
        #expect(scoring.decay.style == .expire)
        let printed = ScoringSyntax.format(scoring, parameters: ParameterSet(specs: scoring.parameterSpecs()))
        #expect(try parse(printed) == scoring)
    }

    /// Every mistake names its line and column and what was expected.
    @Test func mistakesNameTheirPlace() {
        let base = ScoringSyntax.format(.b2bDefault, parameters: b2b.defaultParameters())
        func error(_ text: String) -> ScriptError? {
            do { _ = try parse(text) } catch { return error }
            return nil
        }
        let unknownDirective = error("score web_visit 4\n" + base)
        #expect(unknownDirective?.location == SourceLocation(file: "team.scoring", line: 1, column: 1))
        #expect(unknownDirective?.message.contains("expected fit, grades, group, points, cap, decay, mql or mal") == true)

        let badNumber = error(base.replacingOccurrences(of: "points web_visit 4 ", with: "points web_visit four "))
        #expect(badNumber?.location.line == 20 && badNumber?.location.column == 18)
        #expect(badNumber?.message == "expected the touchpoint's points (a decimal number), got 'four'")

        let unknownValue = error(base.replacingOccurrences(of: "\"1000+\"", with: "huge"))
        #expect(unknownValue?.location.line == 5)
        #expect(unknownValue?.message.contains("company_size has no value 'huge'") == true)

        let undoing = error(base.replacingOccurrences(of: "mql score >= 50", with: "mql score <= 50"))
        #expect(undoing?.message.contains("a rising score must not undo a qualification") == true)

        let noRule = error(base.split(separator: "\n").filter { !$0.hasPrefix("mql") }.joined(separator: "\n"))
        #expect(noRule?.message.contains("no `mql` rule") == true)

        let missingPoints = error(base.split(separator: "\n").filter { !$0.hasPrefix("points chat") }.joined(separator: "\n"))
        #expect(missingPoints?.message.contains("no points for chat") == true)
    }

    @Test func aSessionLoadsSetsAndDropsAScoringModel() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("leadsim-\(UUID().uuidString).scoring")
        try """
            fit big company_size in "250-999", "1000+" points 60
            grades A 50, B
            points web_visit 5
            points pricing_visit 10
            points content_download 10 once
            points webinar 10
            points demo_request 30
            points contact_form 30
            points chat 10
            points email_open 1
            points email_click 2
            cap 80
            mql score >= 40 and grade >= A or demo_request
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var session = Session()
        let loaded = runScript(
            "population 3000 seed 2\nset touchpoint.web_visit.rate 0.07\nscoring \(file.path)\nshow scoring\nset fit.big.points 70\nset mql.threshold 45\nrun\nexpect mql > 0\n",
            file: "s", in: &session)
        #expect(loaded.status == .passed, "\(loaded.err)")
        #expect(loaded.out.contains("group all cap 80"))
        #expect(loaded.out.contains("mql score >= 40 and grade >= A or demo_request"))
        #expect(session.parameters["fit.big.points"] == 70)
        #expect(!session.parameters.specs.contains { $0.name == "grade.b_min" })

        let back = runScript("scoring default\nshow scoring\n", file: "s", in: &session)
        #expect(back.out.contains("grades A 70, B 50, C 30, D"))
        // Parameters of the model itself stay as they were set, whatever the scoring model.
        #expect(session.parameters["touchpoint.web_visit.rate"] == 0.07)

        let reference = runScript("model reference\nscoring \(file.path)\n", file: "r.leadsim")
        #expect(reference.status == .inputError)
        #expect(reference.err.contains("r.leadsim:2:9: error: the reference model has a fixed scoring rule"))

        let missing = runScript("scoring nowhere.scoring\n", file: "m.leadsim")
        #expect(missing.err.contains("m.leadsim:1:9: error: cannot read 'nowhere.scoring'"))
    }
}
