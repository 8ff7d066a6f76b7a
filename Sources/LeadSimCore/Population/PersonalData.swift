/// E-mail addresses and telephone numbers in what leadsim prints: messages, reports, traces and
/// exports name a value to say what is wrong with it, but never show one of these raw.
public enum PersonalData {
    /// Whether the text looks like an e-mail address or a telephone number.
    public static func looksPersonal(_ text: String) -> Bool { isEmail(text) || isPhone(text) }

    static func isEmail(_ text: String) -> Bool {
        guard let at = text.firstIndex(of: "@") else { return false }
        return at != text.startIndex && text[text.index(after: at)...].contains(".")
    }

    /// Seven digits or more, written as numbers are dialled (`+49 30 …`, `030-…`, `(0)30 …`):
    /// a date (`31.02.2021`, `2021-04-15`) or an amount is not one.
    static func isPhone(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " }
        guard let first = trimmed.first, "+0(".contains(first) else { return false }
        let digits = trimmed.filter(\.isNumber).count
        return digits >= 7 && trimmed.allSatisfy { $0.isNumber || " +-()".contains($0) }
    }

    /// The text, or what kind of personal value it is in its place.
    public static func masked(_ text: String) -> String {
        if isEmail(text) { return "<an e-mail address>" }
        if isPhone(text) { return "<a telephone number>" }
        return text
    }
}
