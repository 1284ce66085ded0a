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
    var error: Style { theme.style(for: "ui.field.error") }
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

extension Palette {
    var field: TextFieldStyles {
        TextFieldStyles(text: theme.style(for: "ui.field"), focused: theme.style(for: "ui.field.focused"),
                        placeholder: theme.style(for: "ui.field").patched(with: Style(modifiers: .dim)), cursor: Style(modifiers: .reverse))
    }

    var buttons: ButtonStyles {
        ButtonStyles(normal: theme.style(for: "ui.button"), focused: theme.style(for: "ui.button.focused"), disabled: dim)
    }

    var form: FormStyles {
        FormStyles(
            label: text, focusedLabel: theme.style(for: "ui.title"), error: theme.style(for: "ui.field.error"),
            textField: field,
            textArea: TextAreaStyles(text: theme.style(for: "ui.field"), focused: theme.style(for: "ui.field"), placeholder: dim,
                                     cursor: Style(modifiers: .reverse), counter: dim, counterFull: theme.style(for: "ui.field.error")),
            select: SelectStyles(field: theme.style(for: "ui.field"), focused: theme.style(for: "ui.field.focused"), placeholder: dim,
                                 list: theme.style(for: "ui.dialog"), highlighted: tableSelected),
            button: buttons)
    }

    var tabs: TabsStyles {
        TabsStyles(line: theme.style(for: "ui.tabs"), selected: theme.style(for: "ui.tabs.selected"), separator: theme.style(for: "ui.tabs"))
    }

    var dialog: DialogStyles {
        DialogStyles(box: theme.style(for: "ui.dialog"), title: theme.style(for: "ui.title"), body: theme.style(for: "ui.dialog"), button: buttons)
    }

    var gauge: GaugeStyles {
        GaugeStyles(normal: theme.style(for: "ui.gauge"), warning: theme.style(for: "ui.gauge.warning"),
                    critical: theme.style(for: "ui.gauge.critical"), track: dim, label: text)
    }
}
