extension ReferenceModel {
    /// How the model's code reads its parameters.
    enum Key {
        static let arrivalDays = ParameterKey<Double>.number("arrival.days")
        static let fitMaxPoints = ParameterKey<Double>.number("fit.max_points")
        static let mqlThreshold = ParameterKey<Double>.number("mql.threshold")
        static let scoreDecayPerDay = ParameterKey<Double>.number("score.decay_per_day")
        static let nurtureUnsubscribeRate = ParameterKey<Double>.number("nurture.unsubscribe_rate")
        static let touchpointEmailOpenRate = ParameterKey<Double>.number("touchpoint.email_open.rate")
        static let touchpointEmailOpenPoints = ParameterKey<Double>.number("touchpoint.email_open.points")
        static let touchpointWebVisitRate = ParameterKey<Double>.number("touchpoint.web_visit.rate")
        static let touchpointWebVisitPoints = ParameterKey<Double>.number("touchpoint.web_visit.points")
        static let touchpointContentDownloadRate = ParameterKey<Double>.number("touchpoint.content_download.rate")
        static let touchpointContentDownloadPoints = ParameterKey<Double>.number("touchpoint.content_download.points")
        static let touchpointDemoRequestRate = ParameterKey<Double>.number("touchpoint.demo_request.rate")
        static let salesTouchesPer1000Leads = ParameterKey<Double>.number("sales.touches_per_1000_leads")
        static let salesContactRate = ParameterKey<Double>.number("sales.contact_rate")
        static let salesContactDecayDays = ParameterKey<Double>.number("sales.contact_decay_days")
        static let salesAcceptBase = ParameterKey<Double>.number("sales.accept_base")
        static let salesAcceptFit = ParameterKey<Double>.number("sales.accept_fit")
        static let sqlBase = ParameterKey<Double>.number("sql.base")
        static let sqlIntent = ParameterKey<Double>.number("sql.intent")
        static let opportunityCycleDays = ParameterKey<Int>.count("opportunity.cycle_days")
        static let winBase = ParameterKey<Double>.number("win.base")
        static let winIntent = ParameterKey<Double>.number("win.intent")

        /// Every key, for checking them against the specs.
        static let all: [AnyParameterKey] = [
            .init(arrivalDays), .init(fitMaxPoints), .init(mqlThreshold), .init(scoreDecayPerDay), .init(nurtureUnsubscribeRate), .init(touchpointEmailOpenRate), .init(touchpointEmailOpenPoints), .init(touchpointWebVisitRate), .init(touchpointWebVisitPoints), .init(touchpointContentDownloadRate), .init(touchpointContentDownloadPoints), .init(touchpointDemoRequestRate), .init(salesTouchesPer1000Leads), .init(salesContactRate), .init(salesContactDecayDays), .init(salesAcceptBase), .init(salesAcceptFit), .init(sqlBase), .init(sqlIntent), .init(opportunityCycleDays), .init(winBase), .init(winIntent)
        ]
    }
}
