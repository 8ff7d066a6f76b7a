/// Numbers as scripts and commands write them: decimal digits with an optional sign, fraction
/// and exponent, `_` allowed between digits (`100_000`). Swift's own `Double(text)` also takes
/// hexadecimal (`0x10` is 16), `inf` and `nan`, and rounds `1e-400` to 0 and `1e400` to infinity
/// without a word; none of that is what a person setting a threshold means, so it is refused here
/// with the reason.
public enum DecimalText {
    public enum Problem: Error, Equatable, Sendable {
        /// Not a decimal number at all.
        case notDecimal
        /// Too small to tell from zero (but not written as zero).
        case underflow
        /// Too large for a number.
        case overflow
    }

    public static func value(of text: String) -> Result<Double, Problem> {
        var digits = ""
        var sawDigit = false
        var sawNonZeroDigit = false
        var state = 0  // 0 sign, 1 integer part, 2 fraction, 3 exponent sign, 4 exponent
        var previousWasDigit = false
        for character in text {
            switch character {
            case "+", "-":
                guard state == 0 || state == 3 else { return .failure(.notDecimal) }
                state += 1
                digits.append(character)
                previousWasDigit = false
                continue
            case "_":
                guard previousWasDigit else { return .failure(.notDecimal) }
                previousWasDigit = false
                continue
            case "0"..."9":
                if state == 0 { state = 1 }
                if state == 3 { state = 4 }
                if state <= 2 {
                    sawDigit = true
                    if character != "0" { sawNonZeroDigit = true }
                }
                digits.append(character)
                previousWasDigit = true
                continue
            case ".":
                guard state <= 1 else { return .failure(.notDecimal) }
                state = 2
            case "e", "E":
                guard sawDigit, state == 1 || state == 2 else { return .failure(.notDecimal) }
                state = 3
            default:
                return .failure(.notDecimal)
            }
            digits.append(character)
            previousWasDigit = false
        }
        guard sawDigit, state != 3, previousWasDigit || text.last == "." , let value = Double(digits) else {
            return .failure(.notDecimal)
        }
        if !value.isFinite { return .failure(.overflow) }
        if value == 0 && sawNonZeroDigit { return .failure(.underflow) }
        return .success(value)
    }
}
