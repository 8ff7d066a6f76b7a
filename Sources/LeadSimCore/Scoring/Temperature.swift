/// The temperature labels teams put on leads still in nurture, derived from score and grade: how
/// close the lead's score stands to the score at which its grade would make it MQL. Hot from three
/// quarters of the way, warm from 40 %, cold below or when its grade keeps it out — a convention
/// (the platforms let teams set their own bands), stated here so every view uses the same one.
public enum Temperature: Sendable, CaseIterable {
    case cold, warm, hot

    static let hotShare = 0.75
    static let warmShare = 0.4

    /// The temperature of a lead whose score is `score` and whose MQL ceiling is `ceiling`.
    static func of(score: Double, ceiling: Double) -> Temperature {
        guard ceiling.isFinite else { return ceiling < 0 ? .hot : .cold }
        if ceiling <= 0 || score >= hotShare * ceiling { return .hot }
        return score >= warmShare * ceiling ? .warm : .cold
    }
}
