import TerminalUI

/// What sits over the screens and takes the keys first, in this order: a dashboard, a destructive
/// action's confirmation, the `:` command line, the help.
struct Overlays {
    /// A dashboard open over the screens (`:dashboards`, or Enter on a component's Метрики tab).
    var dashboard: DashboardScreen?
    /// A destructive action waiting for its name to be typed.
    var confirmation: Confirmation?
    /// The `:` command line, while open.
    var prompt: CommandPromptState?
    var promptHistory: [String] = []
    /// The help overlay, while it is open.
    var help: HelpOverlayState?
}
