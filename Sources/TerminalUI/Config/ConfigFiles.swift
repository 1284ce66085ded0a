import ConfigFormat
import Glibc

/// The little file access that finding themes and keymaps needs, without Foundation.
enum ConfigFiles {
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Names of the entries of `directory` that end in `suffix`, sorted; empty when it does not exist.
    static func names(in directory: String, withSuffix suffix: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(suffix), name.count > suffix.count { names.append(name) }
        }
        return names.sorted()
    }

    /// `directory/name`, without doubling the slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Where the user's configuration for `application` lives: `$XDG_CONFIG_HOME/<application>`, or
    /// `~/.config/<application>` when XDG_CONFIG_HOME is unset or not absolute (as the spec says).
    static func userConfigDirectory(application: String, environment: [String: String]) -> String? {
        XDGDirectories(application: application, environment: environment).config
    }
}
