/// A terminal colour: the terminal's own default, or an entry of the xterm 256-colour palette.
public enum Color: Equatable, Hashable, Sendable {
    case `default`
    case indexed(UInt8)
}
