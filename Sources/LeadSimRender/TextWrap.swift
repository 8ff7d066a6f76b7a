/// Words to lines within a terminal's columns: table cells and the shell's prose (help, notes,
/// warnings) wrap at spaces, so nothing is cut mid-word by the terminal.
public enum TextWrap {
    /// `text` in lines of at most `limit` characters, broken at spaces. A word longer than the
    /// limit (a metric's name, a list of words) breaks after a `.`, `_` or `|` where it can
    /// (speed_to_lead.median_hours, summary|funnel|weekly), else at the limit.
    public static func lines(_ text: String, limit: Int) -> [String] {
        guard text.count > limit else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = Substring(word)
            while word.count > limit {
                if !line.isEmpty { lines.append(line); line = "" }
                let head = word.prefix(limit)
                let cut = head.lastIndex { $0 == "." || $0 == "_" || $0 == "|" }.map { word.distance(from: word.startIndex, to: $0) + 1 } ?? limit
                lines.append(String(word.prefix(cut)))
                word = word.dropFirst(cut)
            }
            if line.isEmpty { line = String(word) } else if line.count + 1 + word.count <= limit { line += " " + word } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Prose for a terminal `width` columns wide: each longer line wraps, its continuation lines
    /// indented under its text — under the value of a `  label:  value` line (help), after
    /// `note: ` or `warning: `, else at the line's own indent. Shorter lines stay as they are.
    public static func prose(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > width else { return String(line) }
            let hang = hangingIndent(line)
            // Too narrow for the indent to leave room: wrap from the margin.
            let indent = width - hang >= 20 ? hang : 0
            let body = line.dropFirst(indent)
            let first = lines(String(body), limit: width - indent)
            return first.enumerated().map { index, part in
                (index == 0 ? String(line.prefix(indent)) : String(repeating: " ", count: indent)) + part
            }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Where a line's text starts: after its leading spaces and, when it opens with a short label
    /// (`source:`, `note:`), after that label and the spaces that follow it.
    static func hangingIndent(_ line: Substring) -> Int {
        let spaces = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(spaces)
        let label = rest.prefix { $0.isLetter || $0 == "." || $0 == "_" }
        guard !label.isEmpty, label.count <= 16, rest.dropFirst(label.count).first == ":" else { return spaces }
        let gap = rest.dropFirst(label.count + 1).prefix { $0 == " " }.count
        return gap == 0 ? spaces : spaces + label.count + 1 + gap
    }
}
