import Foundation
import Glibc
import Synchronization

/// A TCP listener on 127.0.0.1 for tests that need a peer which misbehaves in a controlled way:
/// one that never answers (a stalled platform), or one that records what it was sent and answers
/// with a fixed response (a proxy).
public final class LoopbackListener: Sendable {
    public enum Behaviour: Sendable {
        /// Accepts connections, reads, and never answers.
        case silent
        /// Answers every request with this raw HTTP response.
        case respond(String)
    }

    public let port: Int
    private let socket: Int32
    private let received = Mutex<[String]>([])
    private let connections = Mutex<[Int32]>([])

    public init(_ behaviour: Behaviour) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            Glibc.close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socket = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop(behaviour) }
        thread.start()
    }

    /// The request heads received so far (up to the blank line).
    public var requests: [String] { received.withLock { $0 } }

    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Stops accepting and drops every connection. Only `shutdown` here: each descriptor is closed
    /// by the thread that owns it, so no thread can ever read a reused descriptor number.
    public func close() {
        shutdown(socket, Int32(SHUT_RDWR))
        connections.withLock { open in
            for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop(_ behaviour: Behaviour) {
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else {
                Glibc.close(socket)
                return
            }
            connections.withLock { $0.append(client) }
            let thread = Thread { [self] in
                serve(client, behaviour)
                connections.withLock { open in
                    open.removeAll { $0 == client }
                    Glibc.close(client)
                }
            }
            thread.start()
        }
    }

    private func serve(_ client: Int32, _ behaviour: Behaviour) {
        var head = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !head.ends(with: Array("\r\n\r\n".utf8)) {
            let n = read(client, &chunk, chunk.count)
            guard n > 0 else { return }
            head += chunk[0..<n]
        }
        received.withLock { $0.append(String(decoding: head, as: UTF8.self)) }
        switch behaviour {
        case .respond(let response):
            let bytes = Array(response.utf8)
            _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, bytes.count) }
        case .silent:
            // Hold the connection open, answering nothing, until the peer or `close()` ends it.
            while read(client, &chunk, chunk.count) > 0 {}
        }
    }
}

extension Array where Element: Equatable {
    fileprivate func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
