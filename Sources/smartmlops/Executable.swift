import Foundation

/// The running binary, as the kernel knows it: `/proc/self/exe`, symlinks followed. Not
/// `argv[0]`, which is a bare name when the shell found the binary on `PATH`, relative to a
/// directory the process may have left, or a symlink in `~/.local/bin`.
enum Executable {
    static var path: String {
        if var real = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            // A binary replaced while it runs (a rebuild, an upgrade) reads "… (deleted)".
            if real.hasSuffix(" (deleted)") { real.removeLast(" (deleted)".count) }
            return real
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }
}
