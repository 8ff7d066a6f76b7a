import Foundation
import LeadSimRender

/// How much memory a session's configuration may need: `LEADSIM_MEMORY_LIMIT` (`16G`, `500M`,
/// or bytes) when set, else 80 % of the machine's memory. The executable checks the variable at
/// start, so that a bad value is an error there rather than a limit quietly ignored.
public enum MemoryLimit {
    public static let variable = "LEADSIM_MEMORY_LIMIT"

    /// The limit in bytes and where it comes from: read once, as the environment is the
    /// process's own.
    public static let inForce: (bytes: Double, source: String) = {
        if let text = ProcessInfo.processInfo.environment[variable], let bytes = try? parse(text).get() {
            return (bytes, "\(variable)=\(text)")
        }
        return (Double(ProcessInfo.processInfo.physicalMemory) * 0.8, "80 % of this machine's \(Format.gigabytes(Double(ProcessInfo.processInfo.physicalMemory)))")
    }()

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// `16G`, `16GB`, `500M`, `2T` or a number of bytes.
    public static func parse(_ text: String) -> Result<Double, Problem> {
        let units: [(String, Double)] = [("TB", 1e12), ("T", 1e12), ("GB", 1e9), ("G", 1e9), ("MB", 1e6), ("M", 1e6), ("B", 1)]
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let (digits, scale) = units.first { trimmed.hasSuffix($0.0) }.map { (String(trimmed.dropLast($0.0.count)), $0.1) } ?? (trimmed, 1)
        guard let value = Double(digits.trimmingCharacters(in: .whitespaces)), value.isFinite, value > 0, digits.allSatisfy({ $0.isNumber || $0 == "." || $0 == " " }) else {
            return .failure(Problem(description: "\(variable)=\(text): expected a size such as 16G, 500M or 2T"))
        }
        return .success(value * scale)
    }
}

extension Format {
    static func gigabytes(_ bytes: Double) -> String { fixed(bytes / 1e9, digits: 1) + " GB" }
}
