import Foundation
import LeadSimFuzzing

/// libFuzzer's entry when the program has its own `main` (SwiftPM gives every executable one).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzer(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The target named by the first argument; the rest are libFuzzer's.
enum Fuzzing {
    static let target: FuzzTarget = {
        let root = ProcessInfo.processInfo.environment["LEADSIM_ROOT"] ?? FileManager.default.currentDirectoryPath
        do { return try FuzzTarget(FuzzTarget.Kind(rawValue: CommandLine.arguments[1])!, root: root) } catch {
            FileHandle.standardError.write(Data("leadsim-fuzz: \(error)\n".utf8))
            exit(2)
        }
    }()
}

let kinds = FuzzTarget.Kind.allCases.map(\.rawValue)
guard CommandLine.arguments.count > 1, kinds.contains(CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data("usage: leadsim-fuzz \(kinds.joined(separator: "|")) [libFuzzer options] [corpus directories]\n".utf8))
    exit(2)
}
_ = Fuzzing.target
var arguments = ([CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(2)).map { strdup($0) } + [nil]
var argc = CInt(arguments.count - 1)
exit(arguments.withUnsafeMutableBufferPointer { buffer in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return runFuzzer(&argc, &argv) { data, size in
        Fuzzing.target(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
})
