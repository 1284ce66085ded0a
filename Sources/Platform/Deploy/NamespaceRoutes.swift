import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import Hummingbird
import Model
import NIOCore
import Glibc

/// What the platform serves under an application's namespace, as the HSE platform does under
/// `https://platform.stratpro.hse.ru/<namespace>/…`:
/// - `POST /<namespace>/<restfulApi.path>/predict` — an API component's route to its ML component;
/// - `PUT | GET | DELETE /<namespace>/files/<box>/<path>` — the files of a data box.
/// Both need a bearer token, like `/v1`.
struct NamespaceRoutes: Sendable {
    let store: PlatformStore
    let driver: any DeployDriver
    let files: DataBoxFiles
    let limits: PlatformLimits

    func register(on router: Router<BasicRequestContext>) {
        for method in [HTTPRequest.Method.get, .put, .post, .delete] {
            router.on("/{namespace}/**", method: method) { request, context in
                try await self.handle(request, context: context)
            }
        }
    }

    private func handle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let namespace = context.parameters.get("namespace") ?? ""
        let rest = context.parameters.getCatchAll()
        guard namespace.hasPrefix("pu-"), let app = try await store.application(namespace: namespace) else {
            throw APIProblem.notFound("route \(request.uri.path)")
        }
        // Reading files and calling published APIs is a viewer's; changing files a developer's.
        // An application the caller may not see is a route that does not exist.
        guard let user = Caller.current else { throw APIProblem(status: .unauthorized, title: "Authentication required") }
        let needed: Role = rest.first == "files" && (request.method == .put || request.method == .delete) ? .developer : .viewer
        do {
            try await Authorization(store: store, user: user).application(app.slug, needs: needed)
        } catch let problem as APIProblem where problem.status == .notFound {
            throw APIProblem.notFound("route \(request.uri.path)")
        }
        if rest.first == "files" {
            return try await file(request, app: app, segments: Array(rest.dropFirst()))
        }
        guard request.method == .post, rest.last == "predict" else { throw APIProblem.notFound("route \(request.uri.path)") }
        return try await predict(request, app: app, namespace: namespace, path: rest.dropLast().joined(separator: "/"))
    }

    // MARK: - Predict

    private func predict(_ request: Request, app: (slug: String, components: [Component]), namespace: String, path: String) async throws -> Response {
        let published = app.components.compactMap { component -> (Component, APIComponentSpec)? in
            guard case .apiComponent(let spec) = component.spec, spec.published,
                  spec.restfulApi.path.trimmingCharacters(in: CharacterSet(charactersIn: "/")) == path else { return nil }
            return (component, spec)
        }
        guard let (api, spec) = published.first, let target = spec.mlComponent?.name else {
            throw APIProblem.notFound("published API component with path \(path)")
        }
        let start = ContinuousClock.now
        func record(_ status: Int) async {
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            await driver.recordRoute(application: app.slug, namespace: namespace, api: api.name, status: status, seconds: seconds)
        }
        guard let port = await driver.servicePort(application: app.slug, component: target) else {
            await record(503)
            var problem = ProblemMiddleware<BasicRequestContext>.response(APIProblem(
                status: .serviceUnavailable, title: "Not deployed",
                detail: "\(api.name) publishes \(target), which is not serving now; its events say why."))
            problem.headers[.retryAfter] = "5"
            return problem
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limits.predictBody {
            await record(413)
            throw APIProblem.bodyTooLarge(limit: limits.predictBody)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limits.predictBody)
        } catch {
            await record(413)
            throw APIProblem.bodyTooLarge(limit: limits.predictBody)
        }
        var forward = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/predict")!, timeoutInterval: 300)
        forward.httpMethod = "POST"
        forward.httpBody = Data(buffer: body)
        forward.setValue(request.headers[.contentType] ?? "application/json", forHTTPHeaderField: "Content-Type")
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await URLSession.shared.data(for: forward)
        } catch {
            await record(502)
            // Not the transport's words: they name the service's internal address.
            throw APIProblem(status: .badGateway, title: "Service did not answer", detail: "\(target) did not answer the request.")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 502
        await record(status)
        var headers = HTTPFields()
        headers[.contentType] = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") ?? "application/json"
        return Response(status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - Files

    private func file(_ request: Request, app: (slug: String, components: [Component]), segments: [Substring]) async throws -> Response {
        guard let boxName = segments.first.flatMap({ String($0).removingPercentEncoding }),
              let box = app.components.first(where: { $0.name == boxName }),
              case .dataBox(let spec) = box.spec else {
            throw APIProblem.notFound("data box \(segments.first.map(String.init) ?? "")")
        }
        let user = try Self.user()
        let target: DataBoxFiles.Target
        do {
            target = try DataBoxFiles.target(segments: Array(segments.dropFirst()), trailingSlash: request.uri.path.hasSuffix("/"))
        } catch {
            throw Self.problem(error, box: boxName)
        }
        do {
            switch request.method {
            case .put:
                let capacity = spec.capacity ?? .dataBoxDefault
                if case .group = target {
                    let created = try files.makeGroup(application: app.slug, box: boxName, capacity: capacity, user: user, target)
                    return Self.json(created ? .created : .ok, ["box": boxName, "path": Self.describe(target), "created": created])
                }
                let length = request.headers[.contentLength].flatMap { Int64($0) }
                // Refused before a byte is read when the client says how much it sends.
                let upload = try files.beginUpload(application: app.slug, box: boxName, capacity: capacity, user: user, target, length: length)
                do {
                    for try await chunk in request.body {
                        try chunk.withUnsafeReadableBytes { (bytes) throws(DataBoxFiles.Failure) in try files.write(upload, bytes) }
                    }
                    let created = try files.finish(upload)
                    return Self.json(created ? .created : .ok, ["box": boxName, "path": Self.describe(target), "created": created])
                } catch {
                    files.abort(upload)
                    throw error
                }
            case .get:
                switch try files.get(application: app.slug, box: boxName, user: user, target) {
                case .file(let descriptor, let size):
                    var headers = HTTPFields()
                    headers[.contentType] = "application/octet-stream"
                    return Response(status: .ok, headers: headers, body: Self.stream(descriptor: descriptor, size: size))
                case .listing(let groups, let entries):
                    return Self.json(.ok, ["box": boxName, "path": Self.describe(target), "groups": groups,
                                           "files": entries.map { ["name": $0.name, "size": $0.size] as [String: Any] }])
                }
            case .delete:
                try files.delete(application: app.slug, box: boxName, user: user, target)
                return Response(status: .noContent)
            default:
                throw APIProblem(status: .methodNotAllowed, title: "Method not allowed", detail: "Files take PUT, GET and DELETE.")
            }
        } catch let error as DataBoxFiles.Failure {
            throw Self.problem(error, box: boxName)
        }
    }

    /// A file's bytes read as the client takes them: one chunk in memory at a time.
    static func stream(descriptor: Int32, size: Int64) -> ResponseBody {
        let file = FileDescriptorBox(descriptor)
        return ResponseBody(contentLength: Int(size)) { writer in
            defer { file.close() }
            var offset: Int64 = 0
            var chunk = [UInt8](repeating: 0, count: 256 << 10)
            while offset < size {
                let n = chunk.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress, $0.count, off_t(offset)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw APIProblem(status: .internalServerError, title: "The file could not be read") }
                try await writer.write(ByteBuffer(bytes: chunk[0..<n]))
                offset += Int64(n)
            }
            try await writer.finish(nil)
        }
    }

    private static func user() throws -> String {
        guard let caller = Caller.current else { throw APIProblem(status: .unauthorized, title: "Authentication required") }
        return caller.login
    }

    private static func describe(_ target: DataBoxFiles.Target) -> String {
        switch target {
        case .group(let group): group.joined(separator: "/") + "/"
        case .file(let group, let name): (group + [name]).joined(separator: "/")
        }
    }

    private static func problem(_ failure: DataBoxFiles.Failure, box: String) -> APIProblem {
        switch failure {
        case .badPath(let why):
            return APIProblem.field("path", .invalid(why))
        case .notFound:
            return APIProblem.notFound("such file or group in box \(box)")
        case .tooManyEntries(let limit):
            let message = "box \(box) holds at most \(limit) files and groups"
            return APIProblem(status: .contentTooLarge, title: "Too many entries: \(box)", detail: message,
                              errors: [APIProblem.fieldError(FieldIssue(field: "entries", .invalid(message)))])
        case .storage:
            return APIProblem(status: .init(code: 507, reasonPhrase: "Insufficient Storage"), title: "Not stored",
                              detail: "The platform could not store the file; its administrator can see why in its log.")
        case .capacityExceeded(let capacity, let used, let adding):
            let message = "box \(box) holds \(used) bytes of its \(capacity) (\(capacity.bytes) bytes); \(adding) more do not fit"
            return APIProblem(status: .contentTooLarge, title: "Capacity exceeded: \(box)", detail: message,
                              errors: [APIProblem.fieldError(FieldIssue(field: "capacity", .invalid(message)))])
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// An open file closed exactly once, by whichever of the writer or its cancellation comes first.
final class FileDescriptorBox: @unchecked Sendable {
    let descriptor: Int32
    private let lock = NSLock()
    private var open = true

    init(_ descriptor: Int32) { self.descriptor = descriptor }

    deinit { close() }

    func close() {
        lock.withLock {
            guard open else { return }
            open = false
            _ = Glibc.close(descriptor)
        }
    }
}
