import Client
import Model

/// What tests and the benchmark read of the cabinet's state, by the names they knew it by.
extension CabinetApp {
    var stack: [any CabinetScreen] { screens.screens }
    var store: ResourceStore { resources.store }
    var origin: DataOrigin { applications.origin }
    var fetching: Bool { applications.isFetching }
    var help: HelpOverlayState? { overlays.help }
    var prompt: CommandPromptState? { overlays.prompt }
    var confirmation: Confirmation? { overlays.confirmation }
    var dashboard: DashboardScreen? { overlays.dashboard }
    var draft: ApplicationDraft? { drafts.draft }
    var connectionState: ConnectionState { connection.state }
}

import TerminalUI
