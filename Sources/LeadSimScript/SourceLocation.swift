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
        self.message = Self.shortened(message)
        self.sourceLine = sourceLine
    }

    /// The longest word a message quotes whole; a longer one (a pasted megabyte) shows its start
    /// and its length.
    static let longestQuoted = 200
    /// How much of the line shows around the place, so that the caret stays on screen.
    static let lineWindow = 100

    public var description: String {
        // A long line shows the stretch around the place, with … where it is cut.
        let characters = Array(sourceLine)
        let column = max(1, location.column)
        let start = characters.count > Self.lineWindow ? max(0, min(column - 1 - Self.lineWindow / 2, characters.count - Self.lineWindow)) : 0
        let end = min(characters.count, start + Self.lineWindow)
        let shown = (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
        let caret = String(repeating: " ", count: max(0, column - 1 - start + (start > 0 ? 1 : 0))) + "^"
        return "\(location): error: \(message)\n    \(shown)\n    \(caret)"
    }

    /// `message` with every word longer than `longestQuoted` cut to its start and its length.
    static func shortened(_ message: String) -> String {
        guard message.count > longestQuoted else { return message }
        return message.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.count > longestQuoted ? word.prefix(60) + "… (\(word.filter { $0 != "'" }.count) characters)" : word
        }.joined(separator: " ")
    }
}
