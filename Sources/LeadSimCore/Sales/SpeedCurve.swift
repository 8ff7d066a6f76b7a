import Foundation

/// How the chance of a sales step falls with the wait since the hand-over: the step's odds are its
/// odds after a long wait (`late`) times 1 + fast·e^(−w/fastHours) + slow·e^(−w/slowHours).
///
/// Odds rather than probabilities, so that the large ratios published for the first minutes
/// (Oldroyd 2007: 100× the contact, 21× the qualification odds at 5 rather than 30 minutes) stay
/// valid chances; two exponentials, because the sources describe a drop within minutes and another
/// over hours (Oldroyd, McElheran & Elkington 2011: 7× within an hour against an hour later, over
/// 60× against a day).
public struct SpeedCurve: Sendable, Equatable {
    public var late: Double
    public var fastBoost: Double
    public var fastHours: Double
    public var slowBoost: Double
    public var slowHours: Double

    public init(late: Double, fastBoost: Double, fastHours: Double, slowBoost: Double, slowHours: Double) {
        self.late = late
        self.fastBoost = fastBoost
        self.fastHours = fastHours
        self.slowBoost = slowBoost
        self.slowHours = slowHours
    }

    /// The curve of the parameters under `prefix` (`speed.contact`).
    public init(_ parameters: ParameterSet, prefix: String) {
        let keys = Self.keys(prefix: prefix)
        self.init(
            late: parameters[keys[0]], fastBoost: parameters[keys[1]], fastHours: parameters[keys[2]],
            slowBoost: parameters[keys[3]], slowHours: parameters[keys[4]])
    }

    /// The keys of a curve's parameters: late, fast_boost, fast_hours, slow_boost, slow_hours.
    static func keys(prefix: String) -> [ParameterKey<Double>] {
        ["late", "fast_boost", "fast_hours", "slow_boost", "slow_hours"].map { .number("\(prefix).\($0)") }
    }

    /// The odds multiplier after `hours` of waiting.
    @inline(__always)
    public func boost(afterHours hours: Double) -> Double {
        1 + fastBoost * Foundation.exp(-hours / fastHours) + slowBoost * Foundation.exp(-hours / slowHours)
    }

    /// The chance after `hours`, for a step whose late odds are also multiplied by `oddsFactor`.
    @inline(__always)
    public func chance(afterHours hours: Double, oddsFactor: Double = 1) -> Double {
        guard late < 1 else { return 1 }
        let odds = late / (1 - late) * oddsFactor * boost(afterHours: hours)
        return odds / (1 + odds)
    }

    /// The waits at which the sources state their ratios, in hours: 5 min, 30 min, 1 h, 2 h, 24 h.
    public static let publishedWaits: [(label: String, hours: Double)] = [
        ("5 min", 5.0 / 60), ("30 min", 0.5), ("1 h", 1), ("2 h", 2), ("24 h", 24),
    ]

    /// The ratios the sources publish: (label, earlier wait, later wait).
    public static let publishedRatios: [(label: String, early: Double, late: Double)] = [
        ("5 min vs 30 min", 5.0 / 60, 0.5), ("1 h vs 2 h", 1, 2), ("1 h vs 24 h", 1, 24),
    ]

    /// How many times as likely the step is after `early` hours as after `late` hours.
    public func ratio(_ early: Double, _ late: Double) -> Double {
        chance(afterHours: early) / chance(afterHours: late)
    }

    static let defaultContact = SpeedCurve(late: 0.2, fastBoost: 1.5, fastHours: 1.0 / 6, slowBoost: 0.6, slowHours: 4)
    static let defaultQualify = SpeedCurve(late: 0.4, fastBoost: 2, fastHours: 0.25, slowBoost: 0.6, slowHours: 8)
    /// Fitted to Oldroyd 2007 (contact 100×, qualification 21× at 5 rather than 30 minutes) and
    /// Oldroyd, McElheran & Elkington 2011 (qualification 7× at 1 h rather than 2 h, 60× rather than 24 h).
    static let oldroydContact = SpeedCurve(late: 0.004, fastBoost: 984.7, fastHours: 0.0604, slowBoost: 0, slowHours: 1)
    static let oldroydQualify = SpeedCurve(late: 0.0001, fastBoost: 123_479, fastHours: 0.08, slowBoost: 457.7, slowHours: 0.4877)

    static func specs(prefix: String, what: String, defaults: SpeedCurve, source: String) -> [ParameterSpec] {
        [
            ParameterSpec("\(prefix).late", unit: .fraction, default: defaults.late, range: 0...1,
                          "chance of \(what) when the wait is a day or more", source: source),
            ParameterSpec("\(prefix).fast_boost", unit: .multiplier, default: defaults.fastBoost, range: 0...10_000_000,
                          "extra odds of \(what) at once, fading within minutes", source: source),
            ParameterSpec("\(prefix).fast_hours", unit: .hours, default: defaults.fastHours, range: 0.001...1000,
                          "time scale of the fast fade (odds boost × e^(−wait/this))"),
            ParameterSpec("\(prefix).slow_boost", unit: .multiplier, default: defaults.slowBoost, range: 0...10_000_000,
                          "extra odds of \(what) at once, fading over hours", source: source),
            ParameterSpec("\(prefix).slow_hours", unit: .hours, default: defaults.slowHours, range: 0.001...1000,
                          "time scale of the slow fade"),
        ]
    }

    func assignments(prefix: String) -> [(String, Double)] {
        [("\(prefix).late", late), ("\(prefix).fast_boost", fastBoost), ("\(prefix).fast_hours", fastHours),
         ("\(prefix).slow_boost", slowBoost), ("\(prefix).slow_hours", slowHours)]
    }
}

/// A named set of parameter values a model ships, with the source it reproduces (`preset oldroyd`).
public struct ParameterPreset: Sendable {
    public let name: String
    public let summary: String
    public let values: [(name: String, value: Double)]

    public init(name: String, summary: String, values: [(String, Double)]) {
        self.name = name
        self.summary = summary
        self.values = values.map { (name: $0.0, value: $0.1) }
    }
}
