import Foundation
import Model
import TerminalUI

/// A text given to the user's editor ($VISUAL, then $EDITOR, then vi) for a screen that takes it
/// back: the component page's manifest.
public struct ExternalEdit: Equatable, Sendable {
    var application: String
    var component: String
    /// The file's name; editors choose their highlighting by its extension ("inference.yaml").
    var fileName: String
    var text: String
}

/// The steps of an edit, each a message: the file written, the editor gone, the text read back.
public enum ExternalEditStep: Sendable {
    case ready(ExternalEdit, directory: String)
    case editorFinished(ExternalEdit, directory: String, ExternalProgram.Outcome)
    case finished(ExternalEdit, ExternalEditResult)
}

public enum ExternalEditResult: Equatable, Sendable {
    case edited(String)
    case unchanged
    /// Nothing to apply: the editor did not start, failed or was killed (why).
    case failed(LocalizedText)
}

/// The file lives in a directory of its own (0700) under the temporary directory, is readable by
/// the user alone (0600) and is removed with its directory once read back, whatever happened.
enum ExternalEditing {
    static func prepare(_ edit: ExternalEdit) -> Command<CabinetApp.Message> {
        .run {
            var template = Array((FileManager.default.temporaryDirectory.path + "/smartmlops-edit-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else {
                return .externalEdit(.finished(edit, .failed(Catalog.editFileFailed(String(cString: strerror(errno))))))
            }
            let directory = String(cString: made)
            let descriptor = open(directory + "/" + edit.fileName, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            let bytes = Array(edit.text.utf8)
            let written = descriptor < 0 ? -1 : bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if descriptor >= 0 { close(descriptor) }
            guard written == bytes.count else {
                let why = String(cString: strerror(errno))
                remove(directory, file: edit.fileName)
                return .externalEdit(.finished(edit, .failed(Catalog.editFileFailed(why))))
            }
            return .externalEdit(.ready(edit, directory: directory))
        }
    }

    /// `editor` is a shell command ("code --wait" works); the file is its argument.
    static func launch(_ edit: ExternalEdit, directory: String, editor: String) -> Command<CabinetApp.Message> {
        .exec(.shell(editor, arguments: [directory + "/" + edit.fileName])) { outcome in
            .externalEdit(.editorFinished(edit, directory: directory, outcome))
        }
    }

    /// A failing editor (vim's :cq) means "do not apply", as with git.
    static func collect(_ edit: ExternalEdit, directory: String, outcome: ExternalProgram.Outcome) -> Command<CabinetApp.Message> {
        .run {
            defer { remove(directory, file: edit.fileName) }
            let result: ExternalEditResult
            switch outcome {
            case .failedToStart(let why): result = .failed(Catalog.editorNotStarted(why))
            case .signalled(let signal): result = .failed(Catalog.editorFailed("signal \(signal)"))
            case .exited(let status) where status != 0:
                result = .failed(status == 127 ? Catalog.editorNotStarted("exit 127") : Catalog.editorFailed("exit \(status)"))
            case .exited:
                if let data = FileManager.default.contents(atPath: directory + "/" + edit.fileName) {
                    let text = String(decoding: data, as: UTF8.self)
                    result = text == edit.text ? .unchanged : .edited(text)
                } else {
                    result = .failed(Catalog.editFileFailed(edit.fileName))
                }
            }
            return .externalEdit(.finished(edit, result))
        }
    }

    private static func remove(_ directory: String, file: String) {
        // What an editor left beside the file (a swap or backup file) goes too.
        try? FileManager.default.removeItem(atPath: directory)
    }
}
