/// A key press, independent of the terminal library that decoded it.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    /// Control plus a letter, given in lowercase: Ctrl-R is `.ctrl("r")`.
    case ctrl(Character)
    /// Alt (Meta) plus a printable character: Alt-x is `.alt("x")`, Alt-Shift-x is `.alt("X")`.
    case alt(Character)
    case enter, escape, backspace, tab, backTab
    case up, down, left, right, home, end, pageUp, pageDown, insert, delete
    case function(Int)
}
