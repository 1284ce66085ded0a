/// Something that draws itself into part of a buffer; it never talks to the terminal.
public protocol Widget {
    func render(in area: Rect, buffer: inout Buffer)
}
