import Foundation

/// Takes `signals` away from their default action (ncurses' and the kernel's) and runs `handler`
/// with the signal's number when one arrives; the handler ends the process. Cancel the sources
/// when the work they guard is over.
func handleSignals(_ signals: [Int32], _ handler: @escaping @Sendable (Int32) async -> Void) -> [any DispatchSourceSignal] {
    signals.map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            Task { await handler(number) }
        }
        source.resume()
        return source
    }
}
