/// Two configurations' results side by side, as a `compare` shows them: both run on the same
/// replications, so every change between them is paired (see `MetricChange`).
public struct Comparison: Sendable, Equatable {
    public let before: String
    public let after: String
    public let old: RunSet
    public let new: RunSet

    public init(before: String, after: String, old: RunSet, new: RunSet) {
        self.before = before
        self.after = after
        self.old = old
        self.new = new
    }
}
