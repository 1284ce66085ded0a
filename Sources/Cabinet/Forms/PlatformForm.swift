import Client
import Model
import TerminalUI

/// A form whose submission asks the platform (a component, a grant, a team member): while the
/// answer is awaited it says so, and a refusal or an offline platform is said below it.
protocol PlatformForm {
    var formError: String? { get set }
    var submitting: Bool { get set }
}

extension PlatformForm {
    /// Asks the platform to carry out `action` when it can answer; offline, the form says why and
    /// keeps what was typed.
    mutating func submit(_ action: PlatformAction, context: ScreenContext) -> ScreenAction {
        guard context.isOnline else {
            formError = context.text(Catalog.needsPlatform)
            return .none
        }
        submitting = true
        return .perform(action)
    }
}

extension FormState {
    /// A refusal of the platform shown on the form: its field errors, in the order of their
    /// fields, each under the field `place` gives it (which takes the focus in turn); returned is
    /// the line for below the form: the refusal itself when it names no field, else the texts no
    /// field took (nil when every one found its field).
    mutating func show(_ error: PlatformClientError, language: Language,
                       place: (_ status: Int, _ field: String, _ message: LocalizedText) -> (field: String?, text: String)) -> String? {
        clearErrors()
        guard case .rejected(let status, _, _, let fields) = error, !fields.isEmpty else {
            return Catalog.refusal(error).text(in: language)
        }
        var unplaced: [String] = []
        for (field, message) in fields.sorted(by: { $0.key < $1.key }) {
            let placed = place(status, field, message)
            if let target = placed.field {
                setError(placed.text, for: target)
                focus(target)
            } else {
                unplaced.append(placed.text)
            }
        }
        return unplaced.isEmpty ? nil : unplaced.joined(separator: "; ")
    }
}
