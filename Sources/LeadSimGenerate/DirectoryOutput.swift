import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a dataset into a directory, each file atomically: rows stream into a hidden partial
/// file beside the final one, which is renamed into place only when the whole dataset is
/// written. An interrupted generation leaves no half file under a final name (and removes its
/// partial files).
public struct DirectoryOutput: DatasetOutput {
    public let directory: URL
    let fileExtension: String
    private var handles: [String: FileHandle] = [:]
    private var partials: [(partial: URL, final: URL)] = []

    public init(directory path: String, format: DatasetFormat) throws {
        directory = URL(fileURLWithPath: path)
        fileExtension = format.fileExtension
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw DatasetError("\(path) is a file: expected a directory (new or existing) for the dataset") }
        } else {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw DatasetError("cannot create the directory \(path): expected a writable place for the dataset")
            }
        }
    }

    public mutating func begin(_ table: DatasetTable, header: [UInt8]) throws {
        let final = directory.appendingPathComponent("\(table.name).\(fileExtension)")
        let partial = directory.appendingPathComponent(".\(table.name).\(fileExtension).partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: Data(header)) else {
            throw DatasetError("cannot write \(partial.path): expected a writable directory")
        }
        let handle = try FileHandle(forWritingTo: partial)
        handle.seekToEndOfFile()
        handles[table.name] = handle
        partials.append((partial, final))
    }

    public mutating func append(_ table: DatasetTable, _ bytes: ArraySlice<UInt8>) throws {
        // Straight from the rows' buffer to the file: no copy into a `Data` first.
        let descriptor = handles[table.name]!.fileDescriptor
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw DatasetError("cannot write \(table.name).\(fileExtension): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    public mutating func finish(documents: [(name: String, text: String)]) throws {
        for handle in handles.values { try handle.close() }
        handles = [:]
        for (partial, final) in partials {
            _ = try? FileManager.default.removeItem(at: final)
            try FileManager.default.moveItem(at: partial, to: final)
        }
        partials = []
        for document in documents {
            try Data(document.text.utf8).write(to: directory.appendingPathComponent(document.name), options: .atomic)
        }
    }

    /// Removes the partial files of a generation that did not finish.
    public mutating func abandon() {
        for handle in handles.values { try? handle.close() }
        handles = [:]
        for (partial, _) in partials { try? FileManager.default.removeItem(at: partial) }
        partials = []
    }
}
