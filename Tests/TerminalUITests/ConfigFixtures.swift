import Glibc
import TerminalUI

/// The repository's own directories, found from this file rather than the current directory.
enum RepositoryDirectory {
    static let themes = path("themes")
    static let keymaps = path("keymaps")

    private static func path(_ name: String, file: String = #filePath) -> String {
        // …/Tests/TerminalUITests/ConfigFixtures.swift
        (file.split(separator: "/", omittingEmptySubsequences: false).dropLast(3) + [Substring(name)])
            .joined(separator: "/")
    }
}

/// A directory of its own under /tmp holding the given files, removed when the value goes away.
final class ScratchDirectory {
    let path: String
    private var files: [String] = []

    init(_ files: [String: String] = [:]) {
        var template = Array("/tmp/terminalui-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { buffer in
            String(cString: mkdtemp(buffer.baseAddress!))
        }
        for (name, text) in files { write(name, text) }
    }

    func write(_ name: String, _ text: String) {
        let file = path + "/" + name
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(descriptor >= 0, "cannot create \(file)")
        var bytes = Array(text.utf8)
        _ = Glibc.write(descriptor, &bytes, bytes.count)
        close(descriptor)
        files.append(file)
    }

    deinit {
        for file in files { unlink(file) }
        rmdir(path)
    }
}
