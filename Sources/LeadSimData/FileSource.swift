import Foundation

/// A file's bytes, a block at a time: imports stream, whatever the file's size.
public struct FileSource: ByteSource {
    let handle: FileHandle
    public let byteCount: Int?

    /// Opens `path`; the error says what was expected.
    public init(path: String) throws(ImportError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ImportError(file: path, line: 1, message: isDirectory.boolValue ? "a directory: expected a file" : "no such file: expected an export to read")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: path, line: 1, message: "cannot be read: expected a readable file")
        }
        self.handle = handle
        byteCount = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    }

    public mutating func read(into buffer: inout [UInt8]) throws -> Int {
        guard let data = try handle.read(upToCount: buffer.count), !data.isEmpty else { return 0 }
        data.withUnsafeBytes { raw in
            buffer.withUnsafeMutableBytes { $0.copyMemory(from: raw) }
        }
        return data.count
    }
}
