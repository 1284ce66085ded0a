/// Double buffering over a backend: every frame is drawn in full into memory and only the cells that
/// changed since the previous frame are sent.
public final class Terminal {
    public let backend: any TerminalBackend
    private var previous: Buffer?

    public init(backend: any TerminalBackend) {
        self.backend = backend
    }

    /// Renders a frame of the backend's current size. An unchanged frame sends nothing and does not
    /// flush; the first frame, and the first after a resize or `invalidate()`, repaints everything.
    public func draw(_ render: (inout Buffer) -> Void) {
        let size = backend.size
        var frame = Buffer(width: size.width, height: size.height)
        render(&frame)
        if let previous, previous.area == frame.area {
            let updates = frame.diff(from: previous)
            if !updates.isEmpty {
                backend.write(updates)
                backend.flush()
            }
        } else {
            backend.clearScreen()
            backend.write(frame.diff(from: Buffer(width: 0, height: 0)))
            backend.flush()
        }
        previous = frame
    }

    /// Forces the next draw to repaint the whole screen, e.g. after another program wrote to it.
    public func invalidate() {
        previous = nil
    }
}
