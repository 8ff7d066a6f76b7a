// Every GNU readline call of leadsim lives in this file: readline's C globals are not
// concurrency-safe, and `@preconcurrency` keeps that concession to one place.
@preconcurrency import CReadline
import Foundation
import LeadSimCore
import LeadSimScript
import Synchronization

/// Ctrl-C: at the prompt it clears the line; during a command it sets the flag the running
/// simulation polls, which ends the run within one chunk of work.
enum Interrupts {
    static let flag = CancellationFlag()
    /// Whether readline is waiting for input, so that Ctrl-C means "clear the line".
    static let atPrompt = Atomic<Bool>(false)
    /// Set when Ctrl-C abandoned the input at a prompt: lines continued before it go too.
    static let abandoned = Atomic<Bool>(false)
    /// The main prompt as readline takes it, made once: the handler puts it back.
    nonisolated(unsafe) static let mainPrompt = strdup("leadsim> ")

    /// The signal that asked a command or script to stop (SIGINT, SIGTERM); 0 while none has.
    static let received = Atomic<Int32>(0)

    /// Outside the shell, Ctrl-C and SIGTERM stop the running command at its next check — its
    /// partial files removed, nothing written half — and the program exits with 128 + the signal.
    static func installForCommands() {
        signal(SIGINT, handleStop)
        signal(SIGTERM, handleStop)
        unblock([SIGINT, SIGTERM])
    }

    /// A parent may have started leadsim with signals blocked (the mask survives exec).
    static func unblock(_ signals: [Int32]) {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in signals { sigaddset(&mask, signal) }
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    }

    /// 128 + the signal that stopped the work: the status shells give a program a signal ended.
    static var exitStatus: Int32 { 128 + received.load(ordering: .relaxed) }

    /// Ends the program when a signal stopped the last command.
    static func exitIfStopped() {
        guard received.load(ordering: .relaxed) != 0 else { return }
        ProgressLine.shared?.clear()
        Console.report("interrupted: stopped before finishing; no file was written half\n")
        Foundation.exit(exitStatus)
    }

    static func install() {
        signal(SIGINT, handleInterrupt)
        signal(SIGTERM, handleTerminate)
        unblock([SIGINT, SIGTERM])
    }
}

private func handleStop(_ signal: Int32) {
    Interrupts.received.store(signal, ordering: .relaxed)
    Interrupts.flag.set()
}

/// SIGTERM in the shell: at the prompt nothing is running, so leave at once; during a command,
/// stop it as Ctrl-C does and leave after it.
private func handleTerminate(_ signal: Int32) {
    if Interrupts.atPrompt.load(ordering: .relaxed) { _exit(128 + signal) }
    handleStop(signal)
}

private func handleInterrupt(_: Int32) {
    if Interrupts.atPrompt.load(ordering: .relaxed) {
        // Readline's own idiom for abandoning the line being edited.
        write(STDOUT_FILENO, "^C\n", 3)
        Interrupts.abandoned.store(true, ordering: .relaxed)
        rl_on_new_line()
        rl_replace_line("", 0)
        rl_set_prompt(Interrupts.mainPrompt)
        rl_redisplay()
    } else {
        Interrupts.flag.set()
    }
}

/// Reads lines with editing, history (bounded, de-duplicated, kept in the user's home) and
/// completion from `Completion`.
final class LineEditor {
    static let historyLimit: Int32 = 1000
    let historyPath: String

    /// The session that completion reads; set before each prompt.
    nonisolated(unsafe) static var session = Session()

    init() {
        historyPath = ProcessInfo.processInfo.environment["LEADSIM_HISTORY"]
            ?? (ScriptRunner.homeDirectory as NSString).appendingPathComponent(".leadsim_history")
        rl_readline_name = UnsafePointer(strdup("leadsim"))
        // leadsim handles SIGINT itself (see `Interrupts`).
        rl_catch_signals = 0
        rl_attempted_completion_function = complete
        // Dotted names complete level by level, so `.` must not end a word.
        rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n\"<>=!"))
        using_history()
        stifle_history(Self.historyLimit)
        read_history(historyPath)
    }

    /// One command, joining lines while they end in a backslash or leave a quote open; nil at
    /// end of input (Ctrl-D).
    func readCommand(prompt: String, continuation: String) -> String? {
        var text = ""
        var currentPrompt = prompt
        Interrupts.abandoned.store(false, ordering: .relaxed)
        while true {
            Interrupts.atPrompt.store(true, ordering: .relaxed)
            let raw = readline(currentPrompt)
            Interrupts.atPrompt.store(false, ordering: .relaxed)
            if Interrupts.abandoned.exchange(false, ordering: .relaxed) { text = "" }
            guard let raw else { return text.isEmpty ? nil : text }
            let line = String(cString: raw)
            free(raw)
            // A trailing backslash continues the line, as in a file; a quote does not (an
            // unmatched one is the same error it is in a file, not a prompt that traps).
            guard let body = Parser.continuedLine(line) else {
                text += line
                break
            }
            text += body
            currentPrompt = continuation
        }
        remember(text)
        return text
    }

    /// Adds a line to the history unless it is blank, dropping earlier copies of it, and saves
    /// the history at once so that a crash loses nothing.
    private func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        var index = history_length - 1
        while index >= 0 {
            if let entry = history_get(history_base + index), let text = entry.pointee.line, String(cString: text) == line {
                if let removed = remove_history(index) { free_history_entry(removed) }
            }
            index -= 1
        }
        add_history(line)
        write_history(historyPath)
        history_truncate_file(historyPath, Self.historyLimit)
    }

    func saveHistory() {
        write_history(historyPath)
        history_truncate_file(historyPath, Self.historyLimit)
    }
}

private func complete(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    let line = rl_line_buffer.map { String(cString: $0) } ?? ""
    let before = String(line.utf8.prefix(Int(end))) ?? line
    switch Completion.candidates(forLineBefore: before, session: LineEditor.session) {
    case .files:
        rl_attempted_completion_over = 0
        return nil
    case .words(let words):
        rl_attempted_completion_over = 1
        completionWords = words
        // A level of a dotted name (`touchpoint.`) continues; anything else ends with a space.
        rl_completion_append_character = words.count == 1 && words[0].hasSuffix(".") ? 0 : 32
        return rl_completion_matches(text, nextCompletion)
    }
}

nonisolated(unsafe) private var completionWords: [String] = []
nonisolated(unsafe) private var completionIndex = 0

private func nextCompletion(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 { completionIndex = 0 }
    guard completionIndex < completionWords.count else { return nil }
    defer { completionIndex += 1 }
    return strdup(completionWords[completionIndex])
}
