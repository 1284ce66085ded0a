import Model
import Testing

/// Lines of text from files, processes and the network.
@Suite("Text lines: LF and CRLF")
struct TextLinesTests {
    @Test("LF and CRLF end lines, the CR dropped; empty lines and a last line without an end are kept", arguments: [
        ("a\nb", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b", ""]),
        ("a\r\n\r\nb", ["a", "", "b"]),
        ("a\nb\r\nc\n", ["a", "b", "c", ""]),
        ("", [""]),
        ("\r\n", ["", ""]),
        ("кириллица\r\n👩‍👩‍👧\r\n", ["кириллица", "👩‍👩‍👧", ""]),
    ])
    func lines(text: String, expected: [String]) {
        #expect(text.textLines.map(String.init) == expected)
    }

    @Test("a CR inside a line is the line's (a terminal's carriage return), only the one before LF goes")
    func carriageReturn() {
        #expect("10%\r50%\r100%\r\ndone".textLines == ["10%\r50%\r100%", "done"])
    }

    @Test("the reason: in Swift \"\\r\\n\" is one Character, so splitting on \"\\n\" leaves CRLF text whole")
    func whyNotSplit() {
        #expect("a\r\nb".split(separator: "\n").count == 1)
        #expect("a\r\nb".textLines.count == 2)
    }
}
