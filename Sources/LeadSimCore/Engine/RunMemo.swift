import Synchronization

/// Work derived from a population that later runs on it may reuse: a model stores what depends
/// only on the leads and on some of its parameters (the B2B model's first nurture episodes, which
/// no hand-over setting changes), so a what-if on the other parameters skips it.
///
/// Entries are keyed by the inputs they were computed from, so a hit gives exactly what computing
/// again would give. It keeps the few most recent entries: a session goes back and forth between
/// a couple of configurations, and each entry may hold tens of bytes per lead.
public final class RunMemo: Sendable {
    private struct Entry {
        var key: any Sendable
        var cell: any Sendable
    }

    /// One entry's value, computed once: runs that need it at the same time wait for the first
    /// rather than repeat its work beside it, while runs with other keys go on.
    private final class Cell<Value: Sendable>: Sendable {
        let value = Mutex<Value?>(nil)
    }

    private let entries = Mutex<[Entry]>([])
    static let capacity = 2

    public init() {}

    /// The value stored under `key`, or `compute()` stored under it.
    func value<Key: Equatable & Sendable, Value: Sendable>(
        for key: Key, compute: () throws(RunCancelled) -> Value
    ) throws(RunCancelled) -> Value {
        let cell = entries.withLock { entries -> Cell<Value> in
            if let index = entries.firstIndex(where: { ($0.key as? Key) == key }), let cell = entries[index].cell as? Cell<Value> {
                entries.append(entries.remove(at: index))
                return cell
            }
            let cell = Cell<Value>()
            entries.append(Entry(key: key, cell: cell))
            if entries.count > Self.capacity { entries.removeFirst() }
            return cell
        }
        return try cell.value.withLock { (stored: inout Value?) throws(RunCancelled) -> Value in
            if let stored { return stored }
            let value = try compute()
            stored = value
            return value
        }
    }
}
