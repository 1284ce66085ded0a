import Client
import Foundation
import Model
import TerminalUI

/// What every screen may read while it handles a key or draws: the language, the styles and the
/// platform data known so far.
struct ScreenContext: Sendable {
    var language: Language
    var dates: DateText
    var palette: Palette
    var store: ResourceStore
    /// The applications list (the list screen keeps it; other screens look names up in it).
    var applications: [Application]
    /// False while the platform is unreachable: actions that need it are refused with the reason.
    var isOnline: Bool
    /// The active keys, for screens that name one in their text (nil in contexts without keys).
    var keymap: Keymap?

    func text(_ text: LocalizedText) -> String { text.text(in: language) }

    /// The first key the keymap gives `command` in `mode`, as written in keymaps ("e", "F4").
    func key(for command: KeyAction, mode: String) -> String? {
        keymap?.keys(for: command, mode: mode).first.map(KeyNotation.describe)
    }
}

/// A destructive action waiting for the user to type the name it acts on.
struct Confirmation: Sendable {
    var title: String
    var message: String
    var dialog: ConfirmDialogState
    var action: PlatformAction
}

/// What a screen wants the cabinet to do after a key or a result.
enum ScreenAction: Sendable {
    case none
    /// The screen had no use for the key: the cabinet's own commands (back, quit, refresh) apply.
    case unhandled
    case back
    case push(any CabinetScreen)
    /// Replaces the screen on top, e.g. the create form by the application it created.
    case replace(any CabinetScreen)
    case perform(PlatformAction)
    case confirm(Confirmation)
    case refresh
    case quit
    /// A one-line message for the status bar.
    case notice(String)
    case saveDraft(ApplicationDraft)
    /// Hands a text to the user's editor; the result comes back to the screen (`edited`).
    case editExternally(ExternalEdit)
    /// A dashboard over the cabinet, for an application (and component).
    case openDashboard(name: String, application: String, component: String?)
}

/// A screen above the applications list: a state machine that draws itself from its own state and
/// the platform data in the context.
protocol CabinetScreen: Sendable {
    /// Its crumb in the top bar.
    func title(in context: ScreenContext) -> String
    /// The keymap mode its keys are looked up in (and the help lists).
    var mode: String { get }
    /// Forms take every key first, so that "q" types a q instead of quitting.
    var takesTyping: Bool { get }
    /// The platform data it shows; the cabinet loads each from the cache, then fetches it.
    func resources(in context: ScreenContext) -> [Resource]
    mutating func handle(_ key: Key, command: KeyAction?, context: ScreenContext) -> ScreenAction
    /// A platform action finished (started by this screen or another).
    mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>, context: ScreenContext) -> ScreenAction
    /// New platform data arrived; screens that prefill forms from it take it here.
    mutating func dataChanged(context: ScreenContext)
    /// `:lang` switched the UI's language: words a screen keeps (its forms' labels) are put in the
    /// new one; what the user typed stays. Everything drawn from the context follows by itself.
    mutating func languageChanged(context: ScreenContext)
    /// The screen's own commands for the status bar's hints (their keys come from the keymap),
    /// shown after the move keys; its words for them come first in the help too.
    func commandHints(in context: ScreenContext) -> [(command: KeyAction, label: LocalizedText)]
    /// Hints shown after the general ones (Tab between tabs, by default).
    var trailingHints: [(command: KeyAction, label: LocalizedText)] { get }
    func render(in area: Rect, buffer: inout Buffer, context: ScreenContext)

    /// What it is about: a dashboard opened from it is about the same, and its screens go when
    /// that application is deleted.
    var subject: ScreenSubject? { get }
    /// The resource whose live stream it needs while on top (the Events screen's feed).
    var followedStream: Resource? { get }
    /// The state of that stream changed.
    mutating func streamChanged(_ status: EventsFeed.Status)
    /// Work the user did that must outlive the screen (a manifest edit not applied): kept by the
    /// stack under `subject` when the screen goes, handed back by `recall` when it opens again.
    var keptWork: (any Sendable)? { get }
    mutating func recall(_ kept: any Sendable)
    /// Whether an edit in the user's editor belongs to it, and its result.
    func edits(_ edit: ExternalEdit) -> Bool
    mutating func edited(_ edit: ExternalEdit, _ result: ExternalEditResult, context: ScreenContext) -> ScreenAction
}

/// What a screen shows: an application, or one of its components.
struct ScreenSubject: Hashable, Sendable {
    var application: String
    var component: String?
}

extension CabinetScreen {
    var takesTyping: Bool { false }
    func commandHints(in context: ScreenContext) -> [(command: KeyAction, label: LocalizedText)] { [] }
    var trailingHints: [(command: KeyAction, label: LocalizedText)] { [(.focusNext, Catalog.hintTabs)] }
    var subject: ScreenSubject? { nil }
    var followedStream: Resource? { nil }
    mutating func streamChanged(_ status: EventsFeed.Status) {}
    var keptWork: (any Sendable)? { nil }
    mutating func recall(_ kept: any Sendable) {}
    func edits(_ edit: ExternalEdit) -> Bool { false }
    mutating func edited(_ edit: ExternalEdit, _ result: ExternalEditResult, context: ScreenContext) -> ScreenAction { .none }
    mutating func finished(_ action: PlatformAction, _ result: Result<PlatformAction.Outcome, PlatformClientError>, context: ScreenContext) -> ScreenAction { .none }
    mutating func dataChanged(context: ScreenContext) {}
    mutating func languageChanged(context: ScreenContext) {}
}

