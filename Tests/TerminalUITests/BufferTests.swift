import Testing
import TerminalUI

@Suite("Buffer")
struct BufferTests {
    let plain = Style()

    @Test("Text is clipped at the right edge, at maxWidth and before column 0")
    func clipping() {
        var buffer = Buffer(width: 5, height: 2)
        #expect(buffer.setString(x: 3, y: 0, "hello", style: plain) == 2)
        #expect(buffer.setString(x: 0, y: 1, "hello", style: plain, maxWidth: 3) == 3)
        #expect(buffer.lines() == ["   he", "hel  "])

        var shifted = Buffer(width: 5, height: 1)
        shifted.setString(x: -2, y: 0, "hello", style: plain)
        #expect(shifted.lines() == ["llo  "])
    }

    @Test("Writing outside the rows changes nothing")
    func outsideRows() {
        var buffer = Buffer(width: 3, height: 1)
        #expect(buffer.setString(x: 0, y: 1, "abc", style: plain) == 0)
        #expect(buffer.setString(x: 0, y: -1, "abc", style: plain) == 0)
        buffer[5, 0] = Cell(symbol: "x")
        #expect(buffer == Buffer(width: 3, height: 1))
        #expect(buffer[7, 7] == .blank)
    }

    @Test("A wide character takes two cells and the snapshot shows it once")
    func wideCharacters() {
        var buffer = Buffer(width: 6, height: 1)
        #expect(buffer.setString(x: 0, y: 0, "漢字", style: plain) == 4)
        #expect(buffer.lines() == ["漢字  "])
        #expect(buffer[1, 0].symbol == "")
    }

    @Test("A wide character that does not fit whole becomes a space")
    func wideCharacterAtTheEdge() {
        var buffer = Buffer(width: 4, height: 2)
        #expect(buffer.setString(x: 0, y: 0, "abc漢", style: plain) == 4)
        #expect(buffer.setString(x: 0, y: 1, "漢字", style: plain, maxWidth: 3) == 3)
        #expect(buffer.lines() == ["abc ", "漢  "])
        #expect(buffer[3, 0] == .blank)
        #expect(buffer[2, 1] == .blank)
    }

    @Test("Overwriting half of a wide character blanks its other half")
    func overwritingHalfOfAWideCharacter() {
        var original = Buffer(width: 6, height: 1)
        original.setString(x: 0, y: 0, "漢字漢", style: plain)

        var secondHalf = original
        secondHalf.setString(x: 1, y: 0, "a", style: plain)
        #expect(secondHalf.lines() == [" a字漢"])

        var firstHalf = original
        firstHalf.setString(x: 2, y: 0, "b", style: plain)
        #expect(firstHalf.lines() == ["漢b 漢"])

        var straddling = original
        straddling.setString(x: 1, y: 0, "字", style: plain)
        #expect(straddling.lines() == [" 字 漢"])

        var filled = original
        filled.fill(Rect(x: 3, y: 0, width: 2, height: 1), with: Cell(symbol: "-"))
        #expect(filled.lines() == ["漢 -- "])
    }

    @Test("Styles are layered over a rectangle, clipped to the buffer")
    func styling() {
        var buffer = Buffer(width: 3, height: 2)
        buffer.setString(x: 0, y: 0, "abc", style: Style(fg: .indexed(1)))
        buffer.setStyle(Rect(x: 1, y: 0, width: 10, height: 10), Style(modifiers: .bold))
        #expect(buffer[0, 0].style == Style(fg: .indexed(1)))
        #expect(buffer[2, 0].style == Style(fg: .indexed(1), modifiers: .bold))
        #expect(buffer[1, 1].style == Style(modifiers: .bold))
    }

    @Test("Diff of identical buffers is empty; one changed cell gives exactly that cell")
    func diffOfSameSize() {
        var before = Buffer(width: 4, height: 3)
        before.setString(x: 0, y: 0, "jobs", style: plain)
        #expect(before.diff(from: before).isEmpty)

        var after = before
        after.setString(x: 2, y: 1, "!", style: Style(modifiers: .bold))
        #expect(after.diff(from: before) == [CellUpdate(x: 2, y: 1, cell: Cell(symbol: "!", style: Style(modifiers: .bold)))])
    }

    @Test("Diff against a buffer of another size lists every cell, row by row")
    func diffAfterResize() {
        let small = Buffer(width: 2, height: 2)
        var large = Buffer(width: 3, height: 2)
        large.setString(x: 0, y: 1, "xyz", style: plain)
        let updates = large.diff(from: small)
        #expect(updates.map { "\($0.x),\($0.y)" } == ["0,0", "1,0", "2,0", "0,1", "1,1", "2,1"])
        #expect(updates.last?.cell.symbol == "z")
    }

    @Test("Zero or negative sizes give an empty buffer that ignores writes")
    func emptyBuffers() {
        var buffer = Buffer(width: -1, height: 5)
        #expect(buffer.area.isEmpty)
        #expect(buffer.lines().isEmpty)
        #expect(buffer.setString(x: 0, y: 0, "x", style: plain) == 0)
        buffer.fill(Rect(x: 0, y: 0, width: 3, height: 3), with: Cell(symbol: "x"))
        buffer.setStyle(Rect(x: 0, y: 0, width: 3, height: 3), Style(modifiers: .bold))
        #expect(buffer == Buffer(width: 0, height: 0))
    }
}
