/// A word of a script line with the column it starts at.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A bare word: command, parameter or metric name, option, or number.
        case word
        /// Text in double quotes, without the quotes.
        case string
        /// A comparison: `<`, `<=`, `>`, `>=`, `==`, `!=`.
        case comparison
    }

    public var kind: Kind
    public var text: String
    public var column: Int
}

/// Splits one line into tokens; `#` starts a comment outside quotes.
public enum Lexer {
    public static func tokens(
        of line: String, location: SourceLocation
    ) throws(ScriptError) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if character == " " || character == "\t" || character == "\r" {
                index += 1
            } else if character == "#" {
                break
            } else if character == "\"" {
                var text = ""
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    text.append(characters[index])
                    index += 1
                }
                guard index < characters.count else {
                    var at = location
                    at.column = column
                    throw ScriptError("unterminated string: expected a closing \"", at: at, sourceLine: line)
                }
                index += 1
                tokens.append(Token(kind: .string, text: text, column: column))
            } else if "<>=!".contains(character) {
                var text = String(character)
                if index + 1 < characters.count, characters[index + 1] == "=" {
                    text.append("=")
                    index += 1
                }
                index += 1
                guard text != "=", text != "!" else {
                    var at = location
                    at.column = column
                    throw ScriptError("expected a comparison (<, <=, >, >=, ==, !=), got '\(text)'", at: at, sourceLine: line)
                }
                tokens.append(Token(kind: .comparison, text: text, column: column))
            } else {
                var text = ""
                while index < characters.count, !" \t\r#\"<>=!".contains(characters[index]) {
                    text.append(characters[index])
                    index += 1
                }
                tokens.append(Token(kind: .word, text: text, column: column))
            }
        }
        return tokens
    }
}
