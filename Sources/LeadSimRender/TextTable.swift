import Foundation

/// How results are printed: aligned text for people, Markdown for documents, CSV for
/// spreadsheets, and JSON — one object per command, the same as `leadsim run --json` writes —
/// for programs (`mode`).
public enum OutputMode: String, Sendable, CaseIterable {
    case table, csv, json, markdown
}

/// One cell: the text people read, and the number behind it when there is one, which CSV and
/// JSON output carry instead of the formatted text.
public struct Cell: Sendable, Equatable, ExpressibleByStringLiteral {
    public var text: String
    public var number: Double?

    public init(_ text: String, number: Double? = nil) {
        self.text = text
        self.number = number
    }

    public init(stringLiteral text: String) { self.init(text) }

    public static func count(_ value: Int) -> Cell { Cell(Format.count(value), number: Double(value)) }

    public static func fixed(_ value: Double, digits: Int) -> Cell {
        Cell(Format.fixed(value, digits: digits), number: value)
    }

    public static func metric(_ value: Double, unit: String) -> Cell {
        Cell(Format.metric(value, unit: unit), number: value)
    }
}

/// A table: a header row, aligned columns, numbers right-aligned; or the same rows as CSV or JSON.
///
/// People read the titles; CSV and JSON carry each column's key instead, a stable snake_case name
/// that other tools can rely on across releases, and JSON exports add each column's unit.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        public var key: String
        public var unit: String?
        /// Carried by CSV and JSON only: a detail people do not need on screen.
        public var exportOnly: Bool

        public init(_ title: String, _ alignment: Alignment, key: String? = nil, unit: String? = nil, exportOnly: Bool = false) {
            self.title = title
            self.alignment = alignment
            self.key = key ?? Column.key(for: title)
            self.unit = unit
            self.exportOnly = exportOnly
        }

        /// `leads/week` → `leads_per_week`, `95 % low` → `95_pct_low`.
        static func key(for title: String) -> String {
            var key = ""
            for character in title.lowercased().replacingOccurrences(of: "/", with: " per ").replacingOccurrences(of: "%", with: "pct") {
                if character.isLetter || character.isNumber {
                    key.append(character)
                } else if !key.isEmpty, key.last != "_" {
                    key.append("_")
                }
            }
            while key.last == "_" { key.removeLast() }
            return key
        }
    }

    /// What the table holds, as a key programs find it by in a command's results (`funnel`,
    /// `key_figures`).
    public var name: String
    public var columns: [Column]
    public var rows: [[Cell]] = []

    public init(_ name: String, _ columns: [(String, Alignment)]) {
        self.name = name
        self.columns = columns.map { Column($0.0, $0.1) }
    }

    public init(_ name: String, columns: [Column]) {
        self.name = name
        self.columns = columns
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "row has \(row.count) cells, table has \(columns.count) columns")
        rows.append(row)
    }

    /// `width`: the terminal's columns, for aligned text: wider tables wrap their text columns
    /// and, if that is not enough, leave out columns on the right and say which.
    public func render(_ mode: OutputMode = .table, width: Int? = nil) -> String {
        switch mode {
        case .table: width.map(renderText(width:)) ?? renderText()
        case .csv: renderCSV()
        case .json: renderJSON()
        case .markdown: renderMarkdown()
        }
    }

    /// A GitHub-flavoured Markdown table: the titles people read, numbers right-aligned, `|`
    /// in a cell escaped.
    private func renderMarkdown() -> String {
        let shown = columns.indices.filter { !columns[$0].exportOnly }
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var lines = ["| " + shown.map { cell(columns[$0].title) }.joined(separator: " | ") + " |"]
        lines.append("|" + shown.map { columns[$0].alignment == .right ? " ---: |" : " --- |" }.joined())
        lines += rows.map { row in "| " + shown.map { cell(row[$0].text) }.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A cell's value in JSON: its number, null where there is none to give (an empty cell,
    /// `-`, or a number that is not finite), else its text.
    static func jsonValue(_ cell: Cell) -> String {
        if let number = cell.number { return number.isFinite ? plainNumber(number) : "null" }
        return ["", "-", "—"].contains(cell.text) ? "null" : jsonString(cell.text)
    }

    /// The table as one JSON object: its name, columns (key, title, unit) and rows keyed by
    /// column key, on one line.
    public var jsonObject: String {
        let columnObjects = columns.map { column in
            "{\"key\": \(Self.jsonString(column.key)), \"title\": \(Self.jsonString(column.title)), \"unit\": "
                + (column.unit.map(Self.jsonString) ?? "null") + "}"
        }
        let rowObjects = rows.map { row in
            "{" + zip(columns, row).map { Self.jsonString($0.key) + ": " + Self.jsonValue($1) }.joined(separator: ", ") + "}"
        }
        return "{\"name\": \(Self.jsonString(name)), \"columns\": [" + columnObjects.joined(separator: ", ") + "], \"rows\": ["
            + rowObjects.joined(separator: ", ") + "]}"
    }

    private func renderText() -> String {
        let shown = columns.indices.filter { !columns[$0].exportOnly }
        var widths = shown.map { columns[$0].title.count }
        for row in rows {
            for (position, index) in shown.enumerated() { widths[position] = max(widths[position], row[index].text.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { position, cell in
                let padding = String(repeating: " ", count: widths[position] - cell.count)
                return columns[shown[position]].alignment == .right ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(shown.map { columns[$0].title })]
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += rows.map { row in line(shown.map { row[$0].text }) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Aligned text within `width` columns: left-aligned (text) columns wrap at spaces, the
    /// widest first, each to no narrower than a third of its width (at least 12, at most 30
    /// characters and a third of the terminal: a description squeezed into a dozen characters
    /// is a column of single words);
    /// where that is not enough, columns on the right are left out, with a line naming them, and
    /// the columns kept get the room back.
    func renderText(width: Int) -> String {
        let shown = columns.indices.filter { !columns[$0].exportOnly }
        let natural = shown.map { index in rows.reduce(columns[index].title.count) { max($0, $1[index].text.count) } }
        func total(_ widths: [Int]) -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
        guard total(natural) > width else { return renderText() }
        let floors = natural.map { min(30, width / 3, max(12, ($0 + 2) / 3)) }
        /// The widths of the columns `kept` (positions in `shown`) squeezed towards `width`.
        func squeezed(_ kept: [Int]) -> [Int] {
            var widths = kept.map { natural[$0] }
            while total(widths) > width {
                guard let widest = widths.indices.filter({ columns[shown[kept[$0]]].alignment == .left && widths[$0] > floors[kept[$0]] })
                    .max(by: { widths[$0] < widths[$1] }) else { break }
                // One character at a time from the widest, so that the text columns end up even.
                widths[widest] -= 1
            }
            return widths
        }
        var kept = Array(shown.indices)
        var dropped: [String] = []
        var keptWidths = squeezed(kept)
        while total(keptWidths) > width, kept.count > 1 {
            dropped.insert(columns[shown[kept.removeLast()]].title, at: 0)
            keptWidths = squeezed(kept)
        }
        var widths = natural
        for (position, column) in kept.enumerated() { widths[column] = keptWidths[position] }
        func lines(_ cells: [String]) -> [String] {
            let parts = kept.enumerated().map { position, column in TextWrap.lines(cells[position], limit: widths[column]) }
            let height = parts.map(\.count).max() ?? 1
            return (0..<height).map { line in
                kept.enumerated().map { position, column in
                    let cell = line < parts[position].count ? parts[position][line] : ""
                    let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
                    return columns[shown[column]].alignment == .right ? padding + cell : cell + padding
                }.joined(separator: "  ").trimmingTrailingSpaces()
            }
        }
        var out = lines(kept.map { columns[shown[$0]].title })
        out.append(kept.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  "))
        for row in rows { out += lines(kept.map { row[shown[$0]].text }) }
        if !dropped.isEmpty {
            out += TextWrap.lines("(\(dropped.count) column\(dropped.count == 1 ? "" : "s") left out at \(width) columns: \(dropped.joined(separator: ", ")); a wider terminal or `mode csv` shows them)", limit: width)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// RFC 4180: comma-separated, CRLF-free lines, fields quoted when they hold a comma, a quote
    /// or a line break; numbers unformatted.
    private func renderCSV() -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [columns.map { field($0.key) }.joined(separator: ",")]
        for row in rows {
            lines.append(row.map { cell in cell.number.map(Self.plainNumber) ?? field(cell.text) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An array of objects keyed by column title; numbers as JSON numbers.
    private func renderJSON() -> String {
        let objects = rows.map { row in
            "{" + zip(columns, row).map { column, cell in Self.jsonString(column.key) + ": " + Self.jsonValue(cell) }.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + (objects.isEmpty ? "" : "\n") + "]\n"
    }

    /// An export document: each table's columns (key, title, unit) and its rows as objects keyed
    /// by column key, numbers as JSON numbers.
    public static func exportJSON(_ tables: [TextTable], name: String) -> String {
        let parts = tables.map { table in
            let columns = table.columns.map { column in
                "{\"key\": \(jsonString(column.key)), \"title\": \(jsonString(column.title)), \"unit\": "
                    + (column.unit.map(jsonString) ?? "null") + "}"
            }
            return "    {\n      \"columns\": [\n        " + columns.joined(separator: ",\n        ") + "\n      ],\n      \"rows\": "
                + table.renderJSON().split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n      ")
                .trimmingTrailingSpaces() + "\n    }"
        }
        return "{\n  \"table\": \(jsonString(name)),\n  \"parts\": [\n" + parts.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// Shortest text that reads back as the same number; whole numbers without a fraction.
    static func plainNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
