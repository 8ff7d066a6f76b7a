import Testing
@testable import LeadSimData

/// CSV as CRM exports write it, read record by record.
@Suite struct CSVReaderTests {
    func records(_ text: String, delimiter: UInt8? = nil, blockSize: Int = 1 << 16) throws -> [[String]] {
        var reader = CSVReader(MemorySource(text, blockSize: blockSize), delimiter: delimiter, blockSize: blockSize)
        var record = CSVRecord()
        var all: [[String]] = []
        while try reader.next(into: &record) { all.append(record.fields) }
        return all
    }

    func error(_ text: String) -> CSVError? {
        do { _ = try records(text) } catch let error as CSVError { return error } catch { return nil }
        return nil
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let text = "id,note,amount\n1,\"Smith, John\",5\n2,\"He said \"\"hi\"\"\",6\n3,\"two\nlines\",7\n4,\"\",8\n"
        #expect(try records(text) == [
            ["id", "note", "amount"], ["1", "Smith, John", "5"], ["2", "He said \"hi\"", "6"], ["3", "two\nlines", "7"], ["4", "", "8"],
        ])
    }

    /// Records cut across blocks at every place read the same.
    @Test func blockBoundariesDoNotMatter() throws {
        let text = "\u{FEFF}id;name;value\r\n1;\"Müller; Jürgen\";\"1.234,5\"\r\n\r\n2;\"a \"\"b\"\"\r\nc\";3\r\n"
        let whole = try records(text)
        #expect(whole == [["id", "name", "value"], ["1", "Müller; Jürgen", "1.234,5"], ["2", "a \"b\"\r\nc", "3"]])
        for size in 4...9 { #expect(try records(text, blockSize: size) == whole, "block size \(size)") }
    }

    @Test func lineEndsByteOrderMarkAndBlankLines() throws {
        #expect(try records("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
        #expect(try records("a,b\r1,2\r") == [["a", "b"], ["1", "2"]], "a lone CR ends a line (old Mac exports)")
        #expect(try records("\u{FEFF}a,b\n1,2") == [["a", "b"], ["1", "2"]], "the mark is not part of the first name; no final newline")
        #expect(try records("a,b\n\n\n1,2\n\n") == [["a", "b"], ["1", "2"]])
    }

    @Test func theDelimiterIsDetectedFromTheHeaderOrGiven() throws {
        var reader = CSVReader(MemorySource("Vorname;Nachname;Betrag\nJürgen;Weiß;\"1,5\"\n"))
        var record = CSVRecord()
        _ = try reader.next(into: &record)
        #expect(reader.delimiter == UInt8(ascii: ";"))
        _ = try reader.next(into: &record)
        #expect(record.fields == ["Jürgen", "Weiß", "1,5"])
        #expect(try records("\"a,b\";c;d\n", delimiter: nil) == [["a,b", "c", "d"]], "commas inside quotes do not count")
        #expect(try records("a;b,c\n", delimiter: UInt8(ascii: ",")) == [["a;b", "c"]])
        #expect(try records("a\tb\n1\t2\n") == [["a", "b"], ["1", "2"]])
    }

    @Test func aTrailingDelimiterGivesAnEmptyLastField() throws {
        #expect(try records("a;b;\n1;2;\n") == [["a", "b", ""], ["1", "2", ""]])
    }

    @Test func recordsKnowTheirLineAndQuoting() throws {
        var reader = CSVReader(MemorySource("h1,h2\n\"x\ny\",z\n\"\",\n"))
        var record = CSVRecord()
        _ = try reader.next(into: &record)
        _ = try reader.next(into: &record)
        #expect(record.line == 2)
        _ = try reader.next(into: &record)
        #expect(record.line == 4, "the quoted line break moved the next record down")
        #expect(record.wasQuoted(0) && !record.wasQuoted(1))
    }

    @Test func brokenQuotingIsNamedWithItsPlace() {
        #expect(error("a,b\n1,\"open\n2,3\n") == CSVError(
            line: 2, column: 3, message: "a quoted field is not closed: expected a closing \" before the end of the file"))
        #expect(error("a,b\n1,x\"y\n")?.description.hasPrefix("2:4: a quote inside an unquoted field") == true)
        #expect(error("a,b\n\"x\"y,2\n")?.description.hasPrefix("2:4: text after a closing quote") == true)
    }
}

/// Values as exports spell them.
@Suite struct ValueSpellingTests {
    let values = ValueSpellings()

    @Test func booleansAndPlaceholders() {
        for yes in ["Yes", "yes", "1", "True", "TRUE", "true", " Ja "] { #expect(values.boolean(yes) == true, "\(yes)") }
        for no in ["No", "no", "0", "False", "FALSE", "Nein"] { #expect(values.boolean(no) == false, "\(no)") }
        #expect(values.boolean("maybe") == nil)
        for missing in ["", " ", "Select", "select", "N/A", "-", "null", "NULL", "(none)"] { #expect(values.isMissing(missing), "\(missing)") }
        #expect(!values.isMissing("0"))
    }

    @Test func numbersAndMoney() {
        #expect(values.number("1234.5") == 1234.5)
        #expect(values.number("1,234.5") == 1234.5)
        #expect(values.number("12,34") == nil, "a comma that is not a thousands separator is not guessed")
        #expect(values.number("abc") == nil)
        #expect(values.money("$22,700.00") == 22700)
        #expect(values.money("-$5") == -5)
        #expect(values.money("1234.50 EUR") == 1234.5)
        #expect(values.money("8016,2") == 8016.2 && values.money("12,34 €") == 12.34, "cents after a comma: a decimal comma")
        #expect(values.money("1,234,5") == nil && values.money("1.234,50") == nil && values.money("12,345") == 12345)
        var german = ValueSpellings()
        german.decimalComma = true
        #expect(german.number("1.234,56") == 1234.56)
        #expect(german.number("0,5") == 0.5)
        #expect(german.money("€ 1.234,50") == 1234.5)
        #expect(german.money("22.700,00 €") == 22700)
    }

    @Test func datesInEveryFormatExportsUse() {
        let midnight = 1_618_444_800  // 2021-04-15T00:00:00Z
        let cases: [(String, Int)] = [
            ("2021-04-15", midnight), ("2021-04-15 00:03", midnight + 180), ("2021-04-15T00:03:00Z", midnight + 180),
            ("2021-04-15T02:03:00+02:00", midnight + 180), ("15.04.2021", midnight), ("15.04.2021 00:03", midnight + 180),
            ("15.04.2021 00:03:00", midnight + 180), ("4/15/2021", midnight), ("4/15/2021 12:03 AM", midnight + 180),
            ("4/15/2021 1:03 PM", midnight + 13 * 3600 + 180), ("2021.04.15", midnight), ("15 Apr, 2021 00:03:00", midnight + 180),
        ]
        for (text, seconds) in cases { #expect(values.time(text) == seconds, "\(text)") }
        #expect(values.time("15/04/2021", format: .dayMonthYearSlash) == midnight)
        #expect(values.time("15/04/2021") == nil, "15 is no month: a D/M date needs its format named")
        for bad in ["30.02.2021", "2021-13-01", "4/15/21", "15.04.2021 25:00", "yesterday", "4/15/2021 13:00 PM"] {
            #expect(values.time(bad) == nil, "\(bad)")
        }
    }
}

/// Files with a header: records by column, with the header's count of fields.
@Suite struct CSVTableTests {
    func table(_ text: String) throws(ImportError) -> (columns: [String], rows: [[String]]) {
        var table = try CSVTable(MemorySource(text), file: "leads.csv")
        var record = CSVRecord()
        var rows: [[String]] = []
        while try table.next(into: &record) { rows.append(record.fields) }
        return (table.columns, rows)
    }

    @Test func aTrailingDelimiterDropsTheEmptyLastColumn() throws {
        let read = try table("Record ID;E-Mail;\n1;a@example.com;\n2;b@example.com;\n")
        #expect(read.columns == ["Record ID", "E-Mail"])
        #expect(read.rows == [["1", "a@example.com"], ["2", "b@example.com"]])
    }

    @Test func rowsMustMatchTheHeader() {
        #expect(throws: ImportError(file: "leads.csv", line: 3, message: "2 fields: expected 3, one per column of the header")) {
            _ = try table("a,b,c\n1,2,3\n4,5\n")
        }
        #expect(throws: ImportError(file: "leads.csv", line: 1, message: "two columns are named 'a': expected each name once")) {
            _ = try table("a,b,a\n")
        }
        #expect(throws: ImportError(file: "leads.csv", line: 1, message: "the file is empty: expected a header line with column names")) {
            _ = try table("")
        }
        let broken = ImportError(file: "leads.csv", line: 2, column: 3, message: "a quoted field is not closed: expected a closing \" before the end of the file")
        #expect(throws: broken) { _ = try table("a,b\n1,\"x\n") }
        #expect(broken.description == "leads.csv:2:3: a quoted field is not closed: expected a closing \" before the end of the file")
        #expect(ImportError(file: "f.csv", line: 9, field: "Create Date", message: "x").description == "f.csv:9: field 'Create Date': x")
    }
}
