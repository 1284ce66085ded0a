import Model
import TerminalUI

/// The cabinet's styles, looked up in the active theme by scope (see themes/*.toml).
struct Palette: Sendable {
    let theme: Theme

    var topBar: Style { theme.style(for: "ui.topbar") }
    var topBarAccent: Style { theme.style(for: "ui.topbar.accent") }
    var online: Style { theme.style(for: "ui.topbar.online") }
    var offline: Style { theme.style(for: "ui.topbar.offline") }
    var statusBar: Style { theme.style(for: "ui.statusbar") }
    var notice: Style { theme.style(for: "ui.statusbar.notice") }
    var title: Style { theme.style(for: "ui.title") }
    var dim: Style { theme.style(for: "ui.text.dim") }
    var text: Style { theme.style(for: "ui.text") }
    var tableHeader: Style { theme.style(for: "ui.table.header") }
    var tableRow: Style { theme.style(for: "ui.table.row") }
    var tableSelected: Style { theme.style(for: "ui.table.selected") }

    func phase(_ phase: Phase) -> Style {
        theme.style(for: "status.\(phase.rawValue)")
    }

    /// A mark that survives monochrome terminals.
    static func mark(_ phase: Phase) -> String {
        switch phase {
        case .deployed: "●"
        case .deploying: "◐"
        case .pending: "○"
        case .failed: "✖"
        case .stopped: "■"
        case .deleting: "◌"
        }
    }
}
