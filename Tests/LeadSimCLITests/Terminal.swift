import Foundation
import Glibc

/// The real `leadsim` binary on a pseudo-terminal: keys go in as a person types them, and the
/// screen's text comes back with escape sequences removed.
final class Terminal {
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var screen: String
        var description: String { "timed out waiting for \(waitingFor.debugDescription); screen so far:\n\(screen)" }
    }

    let pid: pid_t
    let master: Int32
    private(set) var screen = ""
    /// Everything the program wrote, control sequences and all (colour, for one).
    private(set) var raw = ""
    /// Where the next `waitFor` starts looking, so that each wait sees only new output.
    private var mark: String.Index

    init(_ binary: URL, arguments: [String] = [], environment: [String: String] = [:], directory: String? = nil, columns: UInt16 = 160) throws {
        var merged = ProcessInfo.processInfo.environment
        merged["TERM"] = "xterm"
        merged.removeValue(forKey: "CI")
        merged.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { merged[key] = value }
        // Everything the child needs is prepared before the fork: after it only exec runs.
        let argv = ([binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let workingDirectory = directory.map { strdup($0) }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
            if let workingDirectory { free(workingDirectory) }
        }
        var size = winsize(ws_row: 50, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1
        let pid = forkpty(&master, nil, nil, &size)
        if pid == 0 {
            if let workingDirectory, let path = workingDirectory, chdir(path) != 0 { _exit(126) }
            execve(argv[0]!, argv, envp)
            _exit(127)
        }
        guard pid > 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        self.pid = pid
        self.master = master
        mark = screen.startIndex
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads until `text` appears after the previous match; returns the output in between.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 60) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let found = screen[mark...].range(of: text) {
                let seen = String(screen[mark..<found.upperBound])
                mark = found.upperBound
                return seen
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw Timeout(waitingFor: text, screen: screen) }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(remaining, 0.2) * 1000)) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(master, &buffer, buffer.count)
            guard count > 0 else { throw Timeout(waitingFor: text, screen: screen + "\n[the program ended]") }
            let offset = screen.distance(from: screen.startIndex, to: mark)
            let text = String(decoding: buffer[0..<count], as: UTF8.self)
            raw += text
            screen += Self.plain(text)
            mark = screen.index(screen.startIndex, offsetBy: offset)
        }
    }

    /// Waits for the program to end and returns its exit status.
    func exitStatus(seconds: Double = 30) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 50) > 0 { _ = read(master, &buffer, buffer.count) }
            guard Date() < deadline else { throw Timeout(waitingFor: "exit", screen: screen) }
        }
        return (status >> 8) & 0xFF
    }

    /// The text without terminal control sequences (CSI, OSC, bracketed paste) and carriage returns.
    static func plain(_ text: String) -> String {
        var out = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            switch scalar {
            case "\u{1B}":
                guard let kind = iterator.next() else { break }
                if kind == "[" {
                    while let next = iterator.next(), !(0x40...0x7E).contains(next.value) {}
                } else if kind == "]" {
                    while let next = iterator.next(), next != "\u{07}" {}
                }
            case "\r", "\u{07}", "\u{08}":
                break
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
