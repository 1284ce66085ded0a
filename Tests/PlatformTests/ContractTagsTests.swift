import Foundation
import Testing

/// openapi.yaml groups its operations by resource, as a generated reference or client shows them.
@Suite("openapi.yaml: every operation tagged by resource")
struct ContractTagsTests {
    @Test("each operation has exactly one tag of the top-level list, and every listed tag has operations and a description")
    func everyOperationTagged() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lines = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The top-level list: "  - name: x" followed by "    description: …".
        var declared: [String: String] = [:]
        if let start = lines.firstIndex(of: "tags:") {
            var index = start + 1
            while index < lines.count, lines[index].hasPrefix(" ") {
                if lines[index].hasPrefix("  - name: ") {
                    let name = String(lines[index].dropFirst("  - name: ".count))
                    let next = index + 1 < lines.count ? lines[index + 1].trimmingCharacters(in: .whitespaces) : ""
                    declared[name] = next.hasPrefix("description: ") ? String(next.dropFirst("description: ".count)) : ""
                }
                index += 1
            }
        }
        #expect(!declared.isEmpty, "openapi.yaml has no top-level tags")
        var used: Set<String> = []
        var operations = 0
        for (index, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix("operationId: ") {
            operations += 1
            let operation = line.trimmingCharacters(in: .whitespaces).dropFirst("operationId: ".count)
            let next = index + 1 < lines.count ? lines[index + 1].trimmingCharacters(in: .whitespaces) : ""
            guard next.hasPrefix("tags: ["), next.hasSuffix("]") else { Issue.record("\(operation) has no tags line"); continue }
            let tags = next.dropFirst("tags: [".count).dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(tags.count == 1, "\(operation): \(tags)")
            for tag in tags {
                #expect(declared[tag] != nil, "\(operation) is tagged \(tag), which the top-level list does not declare")
                used.insert(tag)
            }
        }
        #expect(operations >= 40)
        for (tag, description) in declared {
            #expect(used.contains(tag), "the tag \(tag) has no operation")
            #expect(!description.isEmpty, "the tag \(tag) has no description")
        }
    }
}
