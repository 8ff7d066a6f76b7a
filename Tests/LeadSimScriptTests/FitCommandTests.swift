import LeadSimCore
import Testing
@testable import LeadSimScript

/// `fit METRIC VALUE [by PARAMETER]`: a rate a team believes in, reached by solving for a parameter.
@Suite struct FitCommandTests {
    @Test func aRateIsReachedAndTheParameterSet() throws {
        var session = Session()
        let outcome = runScript("population 6000 seed 2 weeks 13\nfit funnel.mql_to_sql 0.12 by sales.acceptance_rate\nrun\n", file: "f", in: &session)
        #expect(outcome.status == .passed, "\(outcome.err)")
        let value = session.parameters["sales.acceptance_rate"]
        #expect(value > 0 && value < 0.8, "a lower acceptance than the default 0.8 gives 12 %")
        let reached = session.lastRuns!.estimate(Metric.named("funnel.mql_to_sql")!).mean
        #expect(abs(reached - 0.12) < 0.003, "reached \(reached)")
        #expect(outcome.out.contains("funnel.mql_to_sql 12.0 % reached at sales.acceptance_rate"))
        // The model's own lever when no parameter is named; undo takes the change back.
        var lever = Session()
        #expect(runScript("population 6000 seed 2 weeks 13\nfit win_rate 0.25\nundo\n", file: "f", in: &lever).status == .passed)
        #expect(lever.parameters["win.rate"] == B2BModel().defaultParameters()["win.rate"])
    }

    @Test func aTargetOutOfReachIsRefusedWithTheRange() {
        let outcome = runScript("population 3000 seed 2 weeks 8\nfit acceptance_rate 0.9 by sales.acceptance_rate\n", file: "f")
        #expect(outcome.status == .inputError)
        #expect(outcome.err.contains("f:2:28: error: acceptance_rate 0.9 is out of reach by sales.acceptance_rate: from 0 to 1 it goes from"))
        #expect(runScript("fit conversions 0.1\n", file: "f").err.contains("unknown metric 'conversions'"))
        #expect(runScript("model reference\nfit win_rate 0.2\n", file: "f").err.contains("the reference model names no parameter for win_rate: expected `by PARAMETER`"))
        #expect(runScript("fit win_rate 0.2 by sales.rep\n", file: "f").err.contains("unknown parameter 'sales.rep'"))
    }
}
