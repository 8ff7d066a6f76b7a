import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Runs work over fixed-size chunks of leads on several threads.
///
/// Determinism does not depend on the thread count: chunk boundaries are fixed by the chunk size
/// alone, each chunk's result lands in its own slot, and callers merge slots in chunk order.
public enum ParallelChunks {
    public static let defaultThreads = max(1, sysconfThreads())

    /// Calls `body(chunkIndex, range)` for every chunk of `0..<count`, on up to `threads` threads.
    public static func forEach(
        count: Int, chunkSize: Int, threads: Int, _ body: @Sendable (Int, Range<Int>) -> Void
    ) {
        let chunks = chunkCount(count: count, chunkSize: chunkSize)
        guard chunks > 0 else { return }
        let workers = min(threads, chunks)
        let next = Atomic<Int>(0)
        @Sendable func work() {
            while true {
                let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunk < chunks else { return }
                let start = chunk * chunkSize
                body(chunk, start..<min(count, start + chunkSize))
            }
        }
        if workers == 1 {
            work()
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in work() }
        }
    }

    public static func chunkCount(count: Int, chunkSize: Int) -> Int {
        (count + chunkSize - 1) / chunkSize
    }
}

private func sysconfThreads() -> Int {
    #if canImport(Glibc)
    return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    #else
    return 2
    #endif
}

/// A buffer that parallel chunks write to at disjoint indices.
///
/// `@unchecked Sendable` is sound only under that discipline: every index is written by exactly one
/// chunk, and nobody reads until `ParallelChunks.forEach` has returned.
public struct DisjointWrites<Element>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<Element>

    public init(_ base: UnsafeMutablePointer<Element>) { self.base = base }

    @inlinable @inline(__always)
    public subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

/// A flag set from another thread (a Ctrl-C handler) and polled by a running simulation.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public var isSet: Bool { flag.load(ordering: .relaxed) }
    public func set() { flag.store(true, ordering: .relaxed) }
    public func reset() { flag.store(false, ordering: .relaxed) }
}
