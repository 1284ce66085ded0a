import Foundation
import Testing
import TerminalUI

/// Golden frames: what a screen draws, as text, compared with a file under `Tests/CabinetTests/Frames/`.
/// `SMARTMLOPS_RECORD_FRAMES=1 swift test --filter "Golden frames"` writes the files anew (then
/// read the diff before committing them); without it, a missing file fails, so that a frame is
/// never taken on trust.
///
/// A small helper rather than pointfreeco's swift-snapshot-testing: it needs swift-syntax, which
/// adds 1–2.5 minutes to a clean build on this machine (the env page's figures), for what is here
/// fifty lines; the frames are the same plain text either way.
enum GoldenFrames {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Frames")
    static var recording: Bool { ProcessInfo.processInfo.environment["SMARTMLOPS_RECORD_FRAMES"] == "1" }

    /// The frame as stored: its lines with trailing spaces kept visible by a closing `|`, so that
    /// a cell drawn past the text shows in the diff.
    static func text(of buffer: Buffer) -> String {
        buffer.lines().map { $0 + "|" }.joined(separator: "\n") + "\n"
    }

    static func check(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent("\(name).txt")
        let actual = text(of: buffer)
        for (number, line) in buffer.lines().enumerated() where DisplayWidth.of(line) != buffer.area.width {
            Issue.record("\(name): line \(number + 1) is \(DisplayWidth.of(line)) columns wide in a \(buffer.area.width)-column frame", sourceLocation: sourceLocation)
        }
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do { try actual.write(to: file, atomically: true, encoding: .utf8) } catch {
                Issue.record("\(name): cannot record: \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("\(name): no golden frame at \(file.path); record with SMARTMLOPS_RECORD_FRAMES=1", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(wanted, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(wanted.count, got.count)
        let shown = { (lines: [Substring]) in first < lines.count ? String(lines[first]) : "(none)" }
        Issue.record("""
            \(name): the frame differs from \(file.lastPathComponent) from line \(first + 1):
              expected: \(shown(wanted))
              actual:   \(shown(got))
            whole frame:
            \(actual)
            """, sourceLocation: sourceLocation)
    }
}
