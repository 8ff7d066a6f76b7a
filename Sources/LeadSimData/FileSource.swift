import Foundation
import LeadSimCore

/// A file's bytes, a block at a time: imports stream, whatever the file's size.
public struct FileSource: ByteSource {
    let handle: FileHandle
    public let byteCount: Int?
    /// Counts the bytes read, for a progress line.
    let progress: WorkProgress?
    /// Polled before every block, so Ctrl-C or SIGTERM ends an import of any size within a block
    /// rather than when the whole file has been read.
    let stop: CancellationFlag?

    /// Opens `path`; the error says what was expected. With `progress`, the file's size is added
    /// to the work to do and every block read to the work done; with `stop` set, reading throws
    /// `RunCancelled`.
    public init(path: String, progress: WorkProgress? = nil, stop: CancellationFlag? = nil) throws(ImportError) {
        if let problem = Self.problem(reading: path, expected: "an export to read") { throw ImportError(file: path, line: 1, message: problem) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: path, line: 1, message: "cannot be read: expected a readable file")
        }
        self.handle = handle
        byteCount = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        self.progress = progress
        self.stop = stop
        progress?.expect(byteCount ?? 0, of: .bytes)
    }

    public mutating func read(into buffer: inout [UInt8]) throws -> Int {
        if stop?.isSet == true { throw RunCancelled() }
        guard let data = try handle.read(upToCount: buffer.count), !data.isEmpty else { return 0 }
        progress?.advance(by: data.count)
        data.withUnsafeBytes { raw in
            buffer.withUnsafeMutableBytes { $0.copyMemory(from: raw) }
        }
        return data.count
    }
}

extension FileSource {
    /// Why `path` cannot be read as a file, in words (nil when it can): no such file, a
    /// directory, or no permission to read it — `expected` says what should be there.
    public static func problem(reading path: String, expected: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file: expected \(expected)" }
        if isDirectory.boolValue { return "a directory: expected \(expected)" }
        if !FileManager.default.isReadableFile(atPath: path) { return "not readable (permission denied): expected \(expected)" }
        return nil
    }

    /// Why a file cannot be written at `path` (nil when it can be): a directory there, or no
    /// such directory to put it in.
    public static func problem(writing path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "a directory is there: expected a file name"
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) || !isDirectory.boolValue {
            return "no directory \(parent): expected the path of a file in an existing directory"
        }
        if !parent.isEmpty, !FileManager.default.isWritableFile(atPath: parent) {
            return "\(parent) is not writable: expected a directory you may write to"
        }
        return nil
    }
}
