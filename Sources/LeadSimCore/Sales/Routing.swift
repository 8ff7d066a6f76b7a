/// How hand-overs are assigned to reps.
public enum Routing: ParameterChoice {
    /// In turn, skipping reps who are away this week.
    case roundRobin
    /// To the present rep with the fewest untouched leads.
    case leastLoaded
    /// Reps split over regions; in turn within the lead's region.
    case territory
    /// One shared queue: whichever rep is free first takes the next lead.
    case pooled

    public var name: String {
        switch self {
        case .roundRobin: "round_robin"
        case .leastLoaded: "least_loaded"
        case .territory: "territory"
        case .pooled: "pooled"
        }
    }
}

/// The order in which a rep works the new hand-overs in its queue.
public enum QueueOrder: ParameterChoice {
    /// Hand-raisers first, then by fit grade, first in first out within a class: the hot leads a
    /// speed-to-lead policy is about get the fastest answer.
    case priority
    case fifo

    public var name: String {
        switch self {
        case .priority: "priority"
        case .fifo: "fifo"
        }
    }
}
