/// A binary min-heap over an array: the desk's queues, follow-ups, meetings, timers and wake-ups.
///
/// Written by hand rather than taken from swift-collections: its `Heap` is a min-max heap, which
/// keeps the maximum in order too and pays for it on every insert and removal; the desk only ever
/// asks for the minimum, and its heap operations were a tenth of a run.
struct MinHeap<Element: Comparable>: Sendable where Element: Sendable {
    private var storage: [Element] = []

    init() {}

    var count: Int { storage.count }
    var isEmpty: Bool { storage.isEmpty }
    var min: Element? { storage.first }

    /// O(log n).
    mutating func insert(_ element: Element) {
        storage.append(element)
        var child = storage.count - 1
        storage.withUnsafeMutableBufferPointer { heap in
            while child > 0 {
                let parent = (child - 1) / 2
                guard element < heap[parent] else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = element
        }
    }

    /// The minimum, removed; nil when empty. O(log n).
    mutating func popMin() -> Element? {
        guard let last = storage.popLast() else { return nil }
        guard !storage.isEmpty else { return last }
        let top = storage[0]
        storage.withUnsafeMutableBufferPointer { heap in
            // Move the hole at the root down along the smaller children, then drop `last` in.
            let count = heap.count
            var hole = 0
            while true {
                var child = 2 * hole + 1
                guard child < count else { break }
                if child + 1 < count, heap[child + 1] < heap[child] { child += 1 }
                guard heap[child] < last else { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = last
        }
        return top
    }

    /// The minimum, removed; the heap must not be empty.
    @discardableResult
    mutating func removeMin() -> Element { popMin()! }
}
