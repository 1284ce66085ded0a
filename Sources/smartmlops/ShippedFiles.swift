import Foundation

/// Where the shipped themes/, keymaps/ and dashboards/ are: `$SMARTMLOPS_SHARE`, then `share/smartmlops` beside
/// the executable's directory (an installed copy), then the repository the executable was built
/// in (found by walking up from `.build/…/smartmlops`). The executable is the real binary,
/// wherever it was started from (`Executable.path`).
enum ShippedFiles {
    /// `marker` is a file every copy of the directory has, to tell it from an unrelated folder of that name.
    static func directory(_ name: String, marker: String = "default.toml",
                          environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var candidates: [URL] = []
        if let share = environment["SMARTMLOPS_SHARE"], !share.isEmpty { candidates.append(URL(fileURLWithPath: share)) }
        let executable = URL(fileURLWithPath: Executable.path)
        var directory = executable.deletingLastPathComponent()
        candidates.append(directory.deletingLastPathComponent().appendingPathComponent("share/smartmlops"))
        for _ in 0..<6 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        let found = candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(name).appendingPathComponent(marker).path) }
        return (found ?? candidates[0]).appendingPathComponent(name).path
    }
}
