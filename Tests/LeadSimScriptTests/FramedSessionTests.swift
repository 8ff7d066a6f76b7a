import Foundation
import Testing
@testable import LeadSimScript

/// `leadsim framed`: requests in, records and a done frame out, one session across requests.
@Suite struct FramedSessionTests {
    func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func eachAnswerEndsInItsFrameAndTheSessionLives() throws {
        var framed = FramedSession()
        let first = try objects(framed.answer(#"{"id": 1, "execute": "population 1000 seed 2\nset mql.threshold 65\necho set"}"#))
        #expect(first.count == 4 && first.last?["done"] as? Int == 1 && first.last?["status"] as? Int == 0)
        #expect(first.dropLast().allSatisfy { $0["schema"] as? String == "leadsim-results/1" })
        let second = try objects(framed.answer(#"{"id": 2, "execute": "show changed"}"#))
        let table = try #require((second[0]["tables"] as? [[String: Any]])?.first)
        #expect(table["name"] as? String == "parameters" && "\(table["rows"] ?? "")".contains("mql.threshold"))
        let completion = try objects(framed.answer(#"{"id": 3, "complete": "set mql.thr"}"#))
        #expect(completion.count == 1 && completion[0]["completions"] as? [String] == ["mql.threshold"] && completion[0]["files"] as? Bool == false)
        #expect(try objects(framed.answer(#"{"id": 4, "complete": "source sce"}"#))[0]["files"] as? Bool == true)
    }

    @Test func badCellsAndBadRequestsAreAnsweredToo() throws {
        var framed = FramedSession()
        let failed = try objects(framed.answer(#"{"id": 7, "execute": "run\nset mql.threshold lots"}"#))
        let done = try #require(failed.last)
        #expect(done["done"] as? Int == 7 && done["status"] as? Int == 2)
        #expect((done["stderr"] as? String)?.hasPrefix("cell[7]:2:19: error:") == true, "\(done["stderr"] ?? "")")
        let expectation = try objects(framed.answer(#"{"id": 8, "execute": "population 500\nrun\nexpect mql < 0"}"#))
        #expect(expectation.last?["status"] as? Int == 1)
        for bad in ["not json", #"{"id": 9}"#, "[1, 2]"] {
            let answer = try objects(framed.answer(bad))
            #expect(answer.count == 1 && answer[0]["status"] as? Int == 2 && (answer[0]["stderr"] as? String)?.contains("expected") == true, "\(bad)")
        }
    }
}
