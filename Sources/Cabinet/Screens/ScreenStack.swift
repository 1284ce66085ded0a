import Client

/// The screens opened over the applications list, the newest last (Esc goes back one), and the
/// work the user did on screens that are gone, kept by what it is about until it is applied or
/// its subject is deleted.
struct ScreenStack: Sendable {
    private(set) var screens: [any CabinetScreen] = []
    private(set) var kept: [ScreenSubject: any Sendable] = [:]

    var top: (any CabinetScreen)? { screens.last }
    var isEmpty: Bool { screens.isEmpty }

    /// Opens `screen` on top, with the work kept from its last visit.
    mutating func push(_ screen: any CabinetScreen) {
        var screen = screen
        if let subject = screen.subject, let work = kept[subject] { screen.recall(work) }
        screens.append(screen)
    }

    mutating func pop() {
        if !screens.isEmpty { screens.removeLast() }
    }

    mutating func replaceTop(with screen: any CabinetScreen) {
        pop()
        push(screen)
    }

    mutating func removeAll() {
        keepWork()
        screens.removeAll()
    }

    /// Changes the top screen (a key went to it) and keeps what the user did there.
    mutating func updateTop<Result>(_ body: (inout any CabinetScreen) -> Result) -> Result? {
        guard !screens.isEmpty else { return nil }
        let result = body(&screens[screens.count - 1])
        keepWork()
        return result
    }

    /// Changes every screen, oldest first; `body` learns which is on top.
    mutating func updateAll(_ body: (inout any CabinetScreen, _ isTop: Bool) -> Void) {
        for index in screens.indices { body(&screens[index], index == screens.count - 1) }
        keepWork()
    }

    /// Hands an editor's result to the screen it belongs to, even if another one was opened over it.
    mutating func deliver(_ edit: ExternalEdit, _ body: (inout any CabinetScreen) -> ScreenAction) -> ScreenAction? {
        guard let index = screens.lastIndex(where: { $0.edits(edit) }) else { return nil }
        let action = body(&screens[index])
        keepWork()
        return action
    }

    /// A successful action ends kept work on what it applied or deleted; an application's
    /// deletion also closes its screens.
    mutating func finished(_ action: PlatformAction) {
        kept = kept.filter { !action.ends($0.key) }
        if case .deleteApplication(let slug) = action {
            screens.removeAll { $0.subject?.application == slug }
        }
    }

    private mutating func keepWork() {
        for screen in screens {
            guard let subject = screen.subject else { continue }
            kept[subject] = screen.keptWork
        }
    }
}
