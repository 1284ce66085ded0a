import Model
import TerminalUI

/// The styles of the cabinet's screens. Themes (issue #4) will replace these constants.
enum Palette {
    static let topBar = Style(fg: .indexed(255), bg: .indexed(24))
    static let topBarAccent = Style(fg: .indexed(229), bg: .indexed(24), modifiers: [.bold])
    static let statusBar = Style(fg: .indexed(250), bg: .indexed(236))
    static let notice = Style(fg: .indexed(222), bg: .indexed(236))
    static let title = Style(modifiers: [.bold])
    static let dim = Style(fg: .indexed(244))
    static let online = Style(fg: .indexed(120), bg: .indexed(24))
    static let offline = Style(fg: .indexed(217), bg: .indexed(24), modifiers: [.bold])
    static let tableHeader = Style(fg: .indexed(250), modifiers: [.bold, .underline])
    static let tableSelected = Style(fg: .indexed(16), bg: .indexed(153))

    static func phase(_ phase: Phase) -> Style {
        switch phase {
        case .deployed: Style(fg: .indexed(114))
        case .deploying, .pending: Style(fg: .indexed(221))
        case .failed: Style(fg: .indexed(203), modifiers: [.bold])
        case .stopped, .deleting: Style(fg: .indexed(245))
        }
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
