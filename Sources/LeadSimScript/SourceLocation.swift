/// Where a piece of script text came from: `file:line:column`, 1-based.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A script line that cannot be read or carried out: its place, what was expected, and the line
/// with a caret under the place.
public struct ScriptError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    public var sourceLine: String

    public init(_ message: String, at location: SourceLocation, sourceLine: String) {
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
    }

    public var description: String {
        let caret = String(repeating: " ", count: max(0, location.column - 1)) + "^"
        return "\(location): error: \(message)\n    \(sourceLine)\n    \(caret)"
    }
}
