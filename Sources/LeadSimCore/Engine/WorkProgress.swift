import Synchronization

/// How far a long command has got. The engine only adds to atomic counters — a finished run, a
/// block of an export read, a batch of generated leads — and whoever shows progress reads them
/// from another thread, so the hot loops neither wait nor know about a terminal.
public final class WorkProgress: Sendable {
    /// What the counters count; one kind per command.
    public enum Unit: Int, Sendable {
        case runs, bytes, leads
    }

    private let doneUnits = Atomic<Int>(0)
    private let totalUnits = Atomic<Int>(0)
    private let unitValue = Atomic<Int>(Unit.runs.rawValue)
    private let activeFlag = Atomic<Bool>(false)
    private let commandCount = Atomic<Int>(0)

    public init() {}

    /// A command starts: counters back to zero.
    public func begin() {
        doneUnits.store(0, ordering: .relaxed)
        totalUnits.store(0, ordering: .relaxed)
        unitValue.store(Unit.runs.rawValue, ordering: .relaxed)
        commandCount.add(1, ordering: .relaxed)
        activeFlag.store(true, ordering: .releasing)
    }

    public func end() { activeFlag.store(false, ordering: .releasing) }

    /// `units` more of `unit` to do (a sweep's next round adds its runs).
    public func expect(_ units: Int, of unit: Unit) {
        unitValue.store(unit.rawValue, ordering: .relaxed)
        totalUnits.add(units, ordering: .relaxed)
    }

    public func advance(by units: Int = 1) { doneUnits.add(units, ordering: .relaxed) }

    /// Sets both counts at once, for work that knows its own position (generation).
    public func set(done: Int, total: Int, of unit: Unit) {
        unitValue.store(unit.rawValue, ordering: .relaxed)
        totalUnits.store(total, ordering: .relaxed)
        doneUnits.store(done, ordering: .relaxed)
    }

    public var isActive: Bool { activeFlag.load(ordering: .acquiring) }

    /// Which command is running: a watcher that misses the pause between two quick commands
    /// still sees that a new one began.
    public var command: Int { commandCount.load(ordering: .relaxed) }

    public var state: (done: Int, total: Int, unit: Unit) {
        (doneUnits.load(ordering: .relaxed), totalUnits.load(ordering: .relaxed), Unit(rawValue: unitValue.load(ordering: .relaxed)) ?? .runs)
    }
}
