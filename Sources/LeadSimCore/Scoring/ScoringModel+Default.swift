extension ScoringModel {
    /// The B2B model's default scoring: fit points for company size, seniority, industry and
    /// region graded A–D, engagement points in four capped groups with percent decay, and the
    /// two-axis rule of score and grade with hand-raisers fast-tracked.
    public static let b2bDefault: ScoringModel = {
        func criterion(_ name: String, _ attribute: String, _ values: [String], _ points: Double) -> FitCriterion {
            FitCriterion(name: name, attribute: attribute, test: values.count == 1 ? .equals(values[0]) : .oneOf(values), points: points)
        }
        let fit = [
            criterion("size_small", "company_size", ["10-49"], 10),
            criterion("size_medium", "company_size", ["50-249"], 25),
            criterion("size_large", "company_size", ["250-999"], 35),
            criterion("size_enterprise", "company_size", ["1000+"], 40),
            criterion("seniority_manager", "seniority", ["manager"], 10),
            criterion("seniority_director", "seniority", ["director"], 20),
            criterion("seniority_executive", "seniority", ["executive"], 25),
            criterion("industry_software", "industry", ["software"], 25),
            criterion("industry_core", "industry", ["manufacturing", "finance"], 20),
            criterion("industry_healthcare", "industry", ["healthcare"], 10),
            criterion("industry_other_fit", "industry", ["retail", "education"], 5),
            criterion("region_core", "region", ["dach", "uk", "benelux", "nordics"], 10),
            criterion("region_near", "region", ["france", "southern_europe", "north_america"], 5),
        ]
        let engagement = [
            Engagement(touchpoint: "web_visit", points: 4, repeatable: true, group: "web"),
            Engagement(touchpoint: "pricing_visit", points: 10, repeatable: true, group: "web"),
            Engagement(touchpoint: "content_download", points: 8, repeatable: false, group: "content"),
            Engagement(touchpoint: "webinar", points: 15, repeatable: true, group: "content"),
            Engagement(touchpoint: "demo_request", points: 30, repeatable: true, group: "sales"),
            Engagement(touchpoint: "contact_form", points: 25, repeatable: true, group: "sales"),
            Engagement(touchpoint: "chat", points: 10, repeatable: true, group: "sales"),
            Engagement(touchpoint: "email_open", points: 1, repeatable: true, group: "email"),
            Engagement(touchpoint: "email_click", points: 3, repeatable: true, group: "email"),
        ]
        var model = ScoringModel(
            fit: fit, engagement: engagement,
            groups: [
                ScoreGroup(name: "email", cap: 15), ScoreGroup(name: "web", cap: 30), ScoreGroup(name: "content", cap: 40),
                ScoreGroup(name: "sales", cap: 60),
            ],
            cap: 100, decay: Decay(style: .percent, percent: 0.25, periodDays: 30, expireDays: 90),
            grades: [
                Grade(name: "A", minFitPoints: 70), Grade(name: "B", minFitPoints: 50), Grade(name: "C", minFitPoints: 30),
                Grade(name: "D", minFitPoints: nil),
            ],
            mql: .any([.all([.score(.atLeast, 50), .grade(.atLeast, "C")]), .event("demo_request"), .event("contact_form")]),
            malMinGrade: "C")
        model.sources = [
            "mql.threshold": "calibrated so that lead→MQL lands near 0.30 (published B2B funnel conventions, PRODUCT.md §2)",
            "mql.min_grade": "two-axis rule as in Pardot/Account Engagement (score × grade)",
            "mql.fast_track_handraisers": "common hand-raiser practice in HubSpot and Marketo lifecycle rules",
            "mal.min_grade": "the lifecycle convention lead → MAL (profile fit) → MQL (PRODUCT.md §2): the grade the MQL rule asks for",
            "grade.a_min": "quartile-style A–D fit grades over 0–100 fit points",
            "score.decay.style": "both styles exist on the platforms (HubSpot score decay; Marketo/Pardot point expiry)",
        ]
        return model
    }()
}
