import ConfigFormat
import Testing

@Suite("Reading TOML for themes and keymaps")
struct TOMLTests {
    private func parse(_ text: String) throws -> TOMLDocument {
        try TOMLDocument(parsing: text, file: "test.toml")
    }

    private func syntaxError(_ text: String) -> ConfigProblem? {
        do {
            _ = try TOMLDocument(parsing: text, file: "bad.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test("Tables, dotted headers and bare, quoted and dotted keys")
    func tablesAndKeys() throws {
        let document = try parse(
            """
            # a comment
            inherits = "default"   # trailing comment
            "ui.selection" = "red"
            a.b = 1

            [palette]
            blue = "#0000ff"

            [keys.'C-f']
            "x y" = true
            """)
        let root = document.root
        #expect(root.keys == ["inherits", "ui.selection", "a", "palette", "keys"])
        #expect(root["inherits"]?.string == "default")
        #expect(root["ui.selection"]?.string == "red")
        #expect(root["a"]?.table?["b"]?.integer == 1)
        #expect(root["palette"]?.table?["blue"]?.string == "#0000ff")
        #expect(root["keys"]?.table?["C-f"]?.table?["x y"]?.boolean == true)
    }

    @Test("Strings: escapes including \\u and \\U, and literal strings taken as written")
    func strings() throws {
        let document = try parse(
            #"""
            basic = "tab\there \"quoted\" back\\slash \u00e9\U0001F600 line\nbreak"
            literal = 'C:\path\n'
            cyrillic = "Приложения"
            """#)
        #expect(document.root["basic"]?.string == "tab\there \"quoted\" back\\slash é😀 line\nbreak")
        #expect(document.root["literal"]?.string == #"C:\path\n"#)
        #expect(document.root["cyrillic"]?.string == "Приложения")
    }

    @Test("Integers, booleans, arrays over several lines and inline tables")
    func values() throws {
        let document = try parse(
            """
            numbers = [1, -2, +3, 1_000, 0xff, 0o17, 0b101]
            flags = [true, false]
            style = { fg = "red", bg = 236, modifiers = ["bold", "underline"] }
            empty = {}
            long = [
                "one",   # first
                "two",
            ]
            """)
        #expect(document.root["numbers"]?.array?.compactMap(\.integer) == [1, -2, 3, 1000, 255, 15, 5])
        #expect(document.root["flags"]?.array?.compactMap(\.boolean) == [true, false])
        let style = try #require(document.root["style"]?.table)
        #expect(style.keys == ["fg", "bg", "modifiers"])
        #expect(style["bg"]?.integer == 236)
        #expect(style["modifiers"]?.array?.compactMap(\.string) == ["bold", "underline"])
        #expect(document.root["empty"]?.table?.isEmpty == true)
        #expect(document.root["long"]?.array?.compactMap(\.string) == ["one", "two"])
    }

    @Test("Every value remembers the line it is on")
    func lines() throws {
        let document = try parse(
            """
            first = 1

            [section]
            second = [
              "a",
              "b",
            ]
            third = { x = 1 }
            """)
        #expect(document.root["first"]?.line == 1)
        let section = try #require(document.root["section"])
        #expect(section.line == 3)
        #expect(section.table?["second"]?.line == 4)
        #expect(section.table?["second"]?.array?.map(\.line) == [5, 6])
        #expect(section.table?["third"]?.table?["x"]?.line == 8)
    }

    @Test("A syntax error names the file, the line and what was expected")
    func syntaxErrors() {
        #expect(
            syntaxError("a = 1\nb = \"open\n")?.description
                == #"bad.toml:2: expected a closing quote ("), found the end of the line"#)
        #expect(syntaxError("a = 1\n\nb \"x\"")?.description == #"bad.toml:3: expected "=" after key "b", found """"#)
        #expect(
            syntaxError("color = blue")?.description
                == #"bad.toml:1: expected a value, found "blue" (strings need quotes)"#)
        #expect(
            syntaxError("a = [1, 2\nb = 3")?.description == #"bad.toml:2: expected "," or "]" in the array, found "b""#)
        #expect(
            syntaxError("a = 1 b = 2")?.description
                == #"bad.toml:1: expected the end of the line after the value of key "a", found "b""#)
        #expect(
            syntaxError("[ui\nx = 1")?.description
                == #"bad.toml:1: expected "]" to close the table header, found the end of the line"#)
        #expect(syntaxError("x = \"\\q\"")?.description.hasPrefix(#"bad.toml:1: unknown escape "\q""#) == true)
        #expect(syntaxError("x = \"\\u12\"")?.line == 1)
        #expect(syntaxError("n = 007")?.description == #"bad.toml:1: expected a number or a date, found "007" (no leading zeros: write 7, not 007)"#)
        #expect(syntaxError("n = 1__0")?.description == #"bad.toml:1: expected a number or a date, found "1__0" (an underscore goes between two digits)"#)
        #expect(syntaxError("n = 9223372036854775808")?.description.hasSuffix("(integers are 64-bit)") == true)
        #expect(syntaxError("d = 1979-02-30")?.description == #"bad.toml:1: expected a number or a date, found "1979-02-30" (a date is 1979-05-27, a time 07:32:00)"#)
        #expect(syntaxError("a = 1\n\n[a]")?.description == "bad.toml:3: [a] clashes with the value on line 1")
        #expect(syntaxError("t = { x = 1 }\n[t]")?.description
                == "bad.toml:2: [t] adds to a value that is complete where it is written (line 1): an inline table or an array")
        #expect(syntaxError("[a.b]\nx = 1\n[a]\nb.y = 2")?.description
                == #"bad.toml:4: key "b.y" writes into [a.b], a table defined on line 1; put the key under that header"#)
        #expect(syntaxError("t = { x = 1,\n y = 2 }")?.description.hasPrefix("bad.toml:1: an inline table is written on one line") == true)
        #expect(syntaxError("s = \"\"\"never closed\n")?.description == #"bad.toml:2: expected the closing """, found the end of the file"#)
        #expect(syntaxError("a = 1\rb = 2")?.description == #"bad.toml:1: expected the end of the line after the value of key "a", found a carriage return (CR) that does not end a line"#)
        #expect(
            syntaxError("[a]\nx = 1\n[a]")?.description == "bad.toml:3: table [a] is defined twice (first on line 1)")
        #expect(syntaxError("[a]\n[[a]]")?.description.hasPrefix("bad.toml:2: [[a]] clashes with the value on line 1") == true)
        #expect(syntaxError("x = {a = 1 b = 2}")?.line == 1)
        #expect(syntaxError("= 1")?.description == #"bad.toml:1: expected a key, found "=""#)
    }

    @Test("A key given twice is reported with its line, and the first value is kept")
    func duplicates() throws {
        let document = try parse(
            """
            [global]
            "j" = "move_down"
            "k" = "move_up"
            "j" = "quit"
            """)
        #expect(document.root["global"]?.table?["j"]?.string == "move_down")
        #expect(
            document.duplicates.map(\.description) == [
                #"test.toml:4: key "j": defined twice in [global] (first on line 2); the first one is kept"#
            ])
    }

    @Test("TOML 1.0: floats, inf and nan, multi-line strings, arrays of tables, dates, CRLF")
    func tomlOnePointZero() throws {
        let document = try parse(
            "ratio = 0.8\r\nbig = 6.02e23\r\nnegative = -1_000.5\r\nforever = inf\r\nunknown = nan\r\n"
                + "query = '''\nsum(rate(x[5m]))\n  / ignoring(pod) y'''\n"
                + "joined = \"\"\"one \\\n     two\"\"\"\n"
                + "when = 1979-05-27T07:32:00.5-07:00\nday = 2026-12-03\nat = 07:32:00\n"
                + "[[panels]]\ntitle = \"a\"\n[panels.thresholds]\nwarning = 1\n[[panels]]\ntitle = \"b\"\n")
        let root = document.root
        #expect(root["ratio"]?.float == 0.8)
        #expect(root["ratio"]?.number == 0.8)
        #expect(root["big"]?.float == 6.02e23)
        #expect(root["negative"]?.float == -1000.5)
        #expect(root["forever"]?.float == .infinity)
        #expect(root["unknown"]?.float?.isNaN == true)
        #expect(root["query"]?.string == "sum(rate(x[5m]))\n  / ignoring(pod) y")
        #expect(root["query"]?.line == 6)
        #expect(root["joined"]?.string == "one two")
        #expect(root["when"]?.dateTime?.description == "1979-05-27T07:32:00.5-07:00")
        #expect(root["when"]?.dateTime?.offset == -420)
        #expect(root["day"]?.dateTime?.description == "2026-12-03")
        #expect(root["at"]?.dateTime?.time?.hour == 7)
        let panels = try #require(root["panels"]?.array)
        #expect(panels.compactMap { $0.table?["title"]?.string } == ["a", "b"])
        #expect(panels.first?.table?["thresholds"]?.table?["warning"]?.integer == 1)
        #expect(panels.map(\.line) == [14, 18])
    }
}
