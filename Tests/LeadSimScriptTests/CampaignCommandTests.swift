import Testing
@testable import LeadSimScript

/// `campaign` lines: touchpoint and lead campaigns, checked against what the model declares.
@Suite struct CampaignCommandTests {
    func run(_ script: String) -> ScriptOutcome { runScript(script, file: "c.leadsim") }

    @Test func leadCampaignsShowPerChannel() {
        let outcome = run("""
            population 4000 seed 3
            campaign leads referral x3 weeks 2..6
            campaign webinar x2 weeks 2..6
            show campaigns
            run
            show channels
            """)
        #expect(outcome.status == .passed, "\(outcome.err)")
        #expect(outcome.out.contains("leads referral x3 weeks 2..6\nwebinar x2 weeks 2..6\n"))
        #expect(outcome.out.contains("cost/won"))
    }

    @Test func badCampaignsNameThePlace() {
        let unknown = run("population 4000\ncampaign leads refferal x2 weeks 1..2\n")
        #expect(unknown.err.contains("c.leadsim:2:16: error: unknown channel 'refferal'"))
        #expect(unknown.err.contains("(did you mean referral?)"))
        let fewer = run("campaign leads social x0.5 weeks 1..2\n")
        #expect(fewer.err.contains("c.leadsim:1:23: error: a lead campaign adds leads: expected a factor from x1 to x100, got 'x0.5'"))
        let late = run("population 4000 weeks 13\ncampaign leads social x2 weeks 10..20\n")
        #expect(late.err.contains("the campaign ends after the window's 13 weeks"))
        let reference = run("model reference\ncampaign webinar x2 weeks 1..2\n")
        #expect(reference.err.contains("model reference takes no campaigns"))
    }
}
