import Client
import Foundation
import Synchronization
import Testing

private func temporaryCache() -> JSONCache {
    JSONCache(directory: FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-cache-\(UUID().uuidString)/profile"))
}

@Suite("JSONCache")
struct JSONCacheTests {
    @Test("a saved value loads back with the time it was saved")
    func roundTrip() throws {
        let cache = temporaryCache()
        let saved = Date(timeIntervalSince1970: 1_720_440_780)
        try cache.save(["Tesseract OCR", "Распознавание речи"], key: "names", savedAt: saved)
        guard case .hit(let value, let savedAt) = cache.load([String].self, key: "names") else {
            Issue.record("expected a hit"); return
        }
        #expect(value == ["Tesseract OCR", "Распознавание речи"])
        #expect(savedAt == saved)
    }

    @Test("a missing file is a plain miss")
    func miss() {
        guard case .miss = temporaryCache().load([String].self, key: "nothing") else { Issue.record("expected a miss"); return }
    }

    @Test("truncated, empty, binary and wrong-version files are reported by name and ignored, and the next save repairs them",
          arguments: [
            ("truncated", Data(#"{"schemaVersion":2,"savedAt":1720440780000,"value":["Tess"#.utf8)),
            ("empty", Data()),
            ("binary", Data([0x00, 0xFF, 0xFE, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00])),
            ("wrong version", Data(#"{"schemaVersion":99,"savedAt":1720440780000,"value":["x"]}"#.utf8)),
            ("wrong shape", Data(#"{"schemaVersion":2,"savedAt":1720440780000,"value":{"not":"a list"}}"#.utf8)),
          ])
    func unusableFiles(kind: String, contents: Data) throws {
        let cache = temporaryCache()
        try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true)
        try contents.write(to: cache.url(for: "applications"))
        guard case .unusable(let reason) = cache.load([String].self, key: "applications") else {
            Issue.record("\(kind): expected the file to be reported unusable"); return
        }
        #expect(reason.hasPrefix("applications.json: "), "\(kind): \(reason)")
        if kind == "wrong version" { #expect(reason.contains("99")) }

        try cache.save(["fresh"], key: "applications")
        guard case .hit(let value, _) = cache.load([String].self, key: "applications") else { Issue.record("not repaired"); return }
        #expect(value == ["fresh"])
    }

    @Test("an unreadable file is reported, not a crash")
    func unreadable() throws {
        let cache = temporaryCache()
        // A directory where the file should be cannot be read as one, even by root.
        try FileManager.default.createDirectory(at: cache.url(for: "applications"), withIntermediateDirectories: true)
        guard case .unusable(let reason) = cache.load([String].self, key: "applications") else { Issue.record("expected unusable"); return }
        #expect(reason.contains("cannot be read"))
    }

    @Test("files are private (0600 in a 0700 directory) and no temp files are left behind")
    func permissionsAndLeftovers() throws {
        let cache = temporaryCache()
        try cache.save([1, 2, 3], key: "numbers")
        let file = try FileManager.default.attributesOfItem(atPath: cache.url(for: "numbers").path)
        #expect((file[.posixPermissions] as? Int) == 0o600)
        let dir = try FileManager.default.attributesOfItem(atPath: cache.directory.path)
        #expect((dir[.posixPermissions] as? Int) == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory.path) == ["numbers.json"])
    }

    @Test("two writers racing on one entry never leave a torn file: every read sees one whole value")
    func concurrentWriters() async throws {
        let cache = temporaryCache()
        let big = (0..<2000).map { "application-\($0)" }
        try cache.save(big, key: "race")
        try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    for round in 0..<40 { try cache.save(big.map { "\($0)-\(writer)-\(round)" }, key: "race") }
                    return 0
                }
            }
            group.addTask {
                var torn = 0
                for _ in 0..<200 {
                    switch cache.load([String].self, key: "race") {
                    case .hit(let value, _): if value.count != big.count { torn += 1 }
                    case .miss, .unusable: torn += 1
                    }
                }
                return torn
            }
            var torn = 0
            for try await count in group { torn += count }
            #expect(torn == 0)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory.path) == ["race.json"])
    }
}

extension JSONCacheTests {
    /// A value whose every element names its writer and round, so a mix of two writes shows.
    private static func value(writer: Int, round: Int) -> [String] {
        (0..<2000).map { "\(writer)-\(round)-\($0)" }
    }

    @Test("eight writers and two readers on threads of their own: every read is one writer's whole value, no temp file is left")
    func manyWriters() async throws {
        let cache = temporaryCache()
        try cache.save(Self.value(writer: 0, round: 0), key: "race")
        let torn = Atomic<Int>(0)
        let failedSaves = Atomic<Int>(0)
        let reads = Atomic<Int>(0)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for writer in 1...8 {
                group.enter()
                Thread {
                    for round in 0..<25 {
                        do { try cache.save(Self.value(writer: writer, round: round), key: "race") } catch { failedSaves.add(1, ordering: .relaxed) }
                    }
                    group.leave()
                }.start()
            }
            for _ in 0..<2 {
                group.enter()
                Thread {
                    for _ in 0..<150 {
                        reads.add(1, ordering: .relaxed)
                        guard case .hit(let value, _) = cache.load([String].self, key: "race"), value.count == 2000,
                              let tag = value.first?.split(separator: "-").prefix(2),
                              value.allSatisfy({ $0.split(separator: "-").prefix(2) == tag }) else {
                            torn.add(1, ordering: .relaxed)
                            continue
                        }
                    }
                    group.leave()
                }.start()
            }
            group.notify(queue: .global()) { done.resume() }
        }
        #expect(reads.load(ordering: .relaxed) == 300)
        #expect(torn.load(ordering: .relaxed) == 0)
        #expect(failedSaves.load(ordering: .relaxed) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory.path) == ["race.json"])
    }

    @Test("remove deletes an entry, and removing a missing one is no error")
    func remove() throws {
        let cache = temporaryCache()
        try cache.save(["draft"], key: "draft")
        try cache.remove(key: "draft")
        guard case .miss = cache.load([String].self, key: "draft") else { Issue.record("still there"); return }
        try cache.remove(key: "draft")
    }
}

@Suite("JSON cache: long lists as one line per entry")
struct JSONCacheLinesTests {
    @Test("a list comes back as it was saved, with its header and time")
    func roundTrip() throws {
        let cache = temporaryCache()
        let saved = Date(timeIntervalSince1970: 1_720_440_780)
        try cache.saveList(["Tesseract OCR", "Распознавание речи\nс переводом строки", ""], header: ["page-etag"], key: "list", savedAt: saved)
        guard case .hit(let list, let savedAt) = cache.loadList([String].self, of: String.self, key: "list") else {
            Issue.record("not read back"); return
        }
        #expect(list.header == ["page-etag"])
        #expect(list.items == ["Tesseract OCR", "Распознавание речи\nс переводом строки", ""])
        #expect(savedAt == saved)
    }

    @Test("a file cut at a line break, a corrupt entry, another version or garbage is unusable, with the reason")
    func damaged() throws {
        let cache = temporaryCache()
        try cache.saveList(["a", "b", "c"], header: 0, key: "list")
        let whole = try Data(contentsOf: cache.linesURL(for: "list"))
        let lines = String(decoding: whole, as: UTF8.self).split(separator: "\n").map(String.init)
        let cutShort = lines.prefix(3).joined(separator: "\n") + "\n"
        let corruptEntry = [lines[0], lines[1], "{\"x", lines[3]].joined(separator: "\n") + "\n"
        let cases: [(String, Data, String)] = [
            ("cut at a line break", Data(cutShort.utf8), "2 of 3 entries"),
            ("a corrupt entry", Data(corruptEntry.utf8), "entry 2 is corrupt"),
            ("another version", Data(String(decoding: whole, as: UTF8.self).replacingOccurrences(of: "\"schemaVersion\":\(JSONCache.schemaVersion)", with: "\"schemaVersion\":1").utf8), "cache version 1"),
            ("garbage", Data([0xDE, 0xAD, 0xBE, 0xEF]), "not a cache file of ours"),
            ("empty", Data(), "empty file"),
        ]
        for (kind, bytes, expected) in cases {
            try bytes.write(to: cache.linesURL(for: "list"))
            guard case .unusable(let reason) = cache.loadList(Int.self, of: String.self, key: "list") else {
                Issue.record("\(kind): read as usable"); continue
            }
            #expect(reason.hasPrefix("list.jsonl: ") && reason.contains(expected), "\(kind): \(reason)")
        }
        #expect({ if case .miss = cache.loadList(Int.self, of: String.self, key: "absent") { true } else { false } }())
    }
}
