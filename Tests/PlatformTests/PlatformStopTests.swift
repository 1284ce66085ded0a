import Foundation
import Model
import Platform
import Testing

/// Stopping a platform while clients are arriving. Before the graceful stop, cancelling the server
/// with connections NIO had accepted but not yet handed on killed the whole process
/// ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#2813): CI lost a run to it.
@Suite("Stopping the platform", .serialized)
struct PlatformStopTests {
    @Test("a stop during a burst of connections and an open event stream ends them all, in far less than its grace, and the process lives")
    func stopUnderBurst() async throws {
        for round in 1...4 {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smartmlops-stop-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            let platform = try await PlatformServer.start(PlatformConfiguration(
                dataDirectory: dir, demo: true, localUser: User(login: "tester", name: "Tester", email: "tester@localhost", isAdmin: true)))
            let port = try #require(platform.url.port)
            let stream = try SSEReader(platform, token: platform.token)
            #expect(try await waitForOpenStreams(platform, 1, timeout: .seconds(10)) != nil, "round \(round): the event stream opened")
            // Some ask for something, some only connect: the stop meets both, some not yet accepted.
            var burst: [SecurityTests.RawConnection] = []
            for index in 0..<64 {
                let connection = try SecurityTests.RawConnection(port: port)
                if index.isMultiple(of: 2) { connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") }
                burst.append(connection)
            }
            let started = ContinuousClock.now
            await platform.stop(grace: .seconds(30))
            let took = ContinuousClock.now - started
            #expect(took < .seconds(10), "round \(round): the stop waited \(took) (its grace is 30 s): something outlived the graceful shutdown")
            #expect(await stream.waitForEnd(5), "round \(round): the event stream outlived the server")
            for connection in burst { #expect(connection.closedByServer(within: 2), "round \(round): a connection outlived the server") }
        }
    }
}
