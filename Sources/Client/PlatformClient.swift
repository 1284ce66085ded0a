import ContractMapping
import Foundation
import HTTPTypes
import Model
import OpenAPIRuntime
import PlatformContract

/// Where a platform is and how to prove who we are to it.
public struct PlatformEndpoint: Sendable, Equatable {
    public var url: URL
    public var token: String

    public init(url: URL, token: String) {
        self.url = url
        self.token = token
    }
}

/// What went wrong talking to the platform, in terms the cabinet can act on.
public enum PlatformClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No HTTP answer: the cabinet goes offline and keeps showing cached data.
    case unreachable(String)
    /// The token was refused.
    case unauthorized(String)
    /// The platform refused the request, with a message for the user and per-field errors, worded
    /// from their codes in both languages.
    case rejected(status: Int, title: String, detail: String?, fields: [String: LocalizedText])
    /// An answer this client does not understand (another API version, a proxy's error page).
    case unexpected(String)

    public var description: String {
        switch self {
        case .unreachable(let why): "platform unreachable: \(why)"
        case .unauthorized(let why): "not authorised: \(why)"
        case .rejected(let status, let title, let detail, _): "\(status) \(title)\(detail.map { ": \($0)" } ?? "")"
        case .unexpected(let why): "unexpected answer: \(why)"
        }
    }
}

/// The platform API as the cabinet uses it: domain values in, domain values out. Every GET can
/// revalidate a cached value (`Tagged`): a 304 answer returns the cached value as it was.
public struct PlatformClient: Sendable {
    let client: PlatformContract.Client
    /// For the event stream, which bypasses the generated client to read its body as it arrives.
    let endpoint: PlatformEndpoint
    let transport: CurlTransport

    public init(endpoint: PlatformEndpoint, transport: CurlTransport = CurlTransport()) {
        self.endpoint = endpoint
        self.transport = transport
        client = PlatformContract.Client(
            serverURL: endpoint.url, configuration: .platform, transport: transport,
            middlewares: [ProblemAnswerMiddleware(), BearerTokenMiddleware(token: endpoint.token), ConditionalRequestMiddleware()])
    }

    /// Every application visible to the caller, following the cursor through all pages.
    public func listApplications(pageSize: Int = 200) async throws(PlatformClientError) -> [Application] {
        try await applications(pageSize: pageSize).list.items
    }

    /// Every application visible to the caller, revalidated page by page: each page the cached
    /// list was made of is asked for again with its tag (`If-None-Match`), so an unchanged list of
    /// 10,000 costs a 304 of a few bytes per page and nothing to decode. `changed` is false when
    /// every page answered 304 and the pages are the same ones.
    ///
    /// With `firstPageVouches`, a 304 for the first page ends it there: the list is newest change
    /// first and its first page carries the total, so any change to an application or its
    /// components, a new one and a deletion all change that page. (A grant taken away and another
    /// given in the same interval would not: callers sweep every page now and then.)
    public func applications(revalidating cached: ApplicationPages? = nil, pageSize: Int = 200, firstPageVouches: Bool = false)
        async throws(PlatformClientError) -> (list: ApplicationPages, changed: Bool)
    {
        // The cached pages by the cursor they were asked with, and where their items are.
        var known: [String: (page: ApplicationPages.Page, items: Range<Int>)] = [:]
        if let cached {
            var offset = 0
            for page in cached.pages {
                let end = offset + page.count
                guard end <= cached.items.count else { break }
                known[page.cursor ?? ""] = (page, offset..<end)
                offset = end
            }
        }
        var items: [Application] = []
        items.reserveCapacity(cached?.items.count ?? pageSize)
        var pages: [ApplicationPages.Page] = []
        var changed = cached == nil
        var cursor: String?
        repeat {
            let old = known[cursor ?? ""]
            let asked = cursor
            let (answer, etag) = try await conditional(etag: old?.page.etag) { () async throws(PlatformClientError) -> Answer<ApplicationPage> in
                try await applicationPage(limit: pageSize, cursor: asked)
            }
            switch answer {
            case .value(let page):
                items += page.items
                pages.append(.init(cursor: asked, etag: etag, count: page.items.count, next: page.next))
                cursor = page.next
                changed = true
            case .notModified:
                guard let old, let cached else { throw .unexpected("304 Not Modified to a request without If-None-Match") }
                if firstPageVouches, asked == nil { return (cached, false) }
                items += cached.items[old.items]
                pages.append(old.page)
                cursor = old.page.next
            }
        } while cursor != nil
        if let cached, pages.count != cached.pages.count || items.count != cached.items.count { changed = true }
        return (ApplicationPages(pages: pages, items: changed ? items : cached?.items ?? items), changed)
    }

    struct ApplicationPage {
        var items: [Application]
        var next: String?
    }

    private func applicationPage(limit: Int, cursor: String?) async throws(PlatformClientError) -> Answer<ApplicationPage> {
        switch try await send({ try await client.listApplications(query: .init(limit: limit, cursor: cursor)) }) {
        case .ok(let ok):
            let page = try Self.decode { try ok.body.json }
            return .value(ApplicationPage(items: page.items.map(Application.init), next: page.nextCursor))
        case .notModified: return .notModified
        case let other: throw Self.unexpected(other)
        }
    }

    public func application(_ slug: String, revalidating cached: Tagged<Application>? = nil) async throws(PlatformClientError) -> Tagged<Application> {
        let (answer, etag) = try await conditional(etag: cached?.etag) { () async throws(PlatformClientError) -> Answer<Application> in
            switch try await send({ try await client.getApplication(path: .init(slug: slug)) }) {
            case .ok(let ok): return .value(Application(try Self.decode { try ok.body.json }))
            case .notModified: return .notModified
            case let other: throw Self.unexpected(other)
            }
        }
        return try Self.fold(answer, etag: etag, cached: cached)
    }

    /// Creates an application (and the components of its template); field errors name the form's fields.
    public func createApplication(_ new: NewApplication) async throws(PlatformClientError) -> Application {
        switch try await send({ try await client.createApplication(body: .json(.init(new))) }) {
        case .created(let created): return Application(try Self.decode { try created.body.json })
        case let other: throw Self.unexpected(other)
        }
    }

    public func updateApplication(_ slug: String, _ edit: ApplicationEdit) async throws(PlatformClientError) -> Application {
        switch try await send({ try await client.updateApplication(path: .init(slug: slug), body: .json(.init(edit))) }) {
        case .ok(let ok): return Application(try Self.decode { try ok.body.json })
        case let other: throw Self.unexpected(other)
        }
    }

    public func deleteApplication(_ slug: String) async throws(PlatformClientError) {
        switch try await send({ try await client.deleteApplication(path: .init(slug: slug)) }) {
        case .noContent: return
        case let other: throw Self.unexpected(other)
        }
    }

    // MARK: - Plumbing shared by every operation

    /// What a conditional GET found: a new value, or "the one you have is current".
    enum Answer<Value> {
        case value(Value)
        case notModified

        var isNotModified: Bool {
            if case .notModified = self { true } else { false }
        }
    }

    /// Runs a GET with `If-None-Match: etag` (when there is one); returns the answer and its ETag.
    func conditional<Value>(
        etag: String?, _ body: () async throws(PlatformClientError) -> Answer<Value>
    ) async throws(PlatformClientError) -> (Answer<Value>, etag: String?) {
        let exchange = ConditionalExchange(ifNoneMatch: etag)
        do {
            let answer = try await ConditionalExchange.$current.withValue(exchange) { try await body() }
            return (answer, exchange.etag ?? (answer.isNotModified ? etag : nil))
        } catch let error as PlatformClientError {
            throw error
        } catch {
            throw .unexpected("\(error)")
        }
    }

    /// A conditional answer as a tagged value: 304 gives back the cached value as it was.
    static func fold<Value>(_ answer: Answer<Value>, etag: String?, cached: Tagged<Value>?) throws(PlatformClientError) -> Tagged<Value> {
        switch answer {
        case .value(let value): return Tagged(value, etag: etag)
        case .notModified:
            guard let cached else { throw .unexpected("304 Not Modified to a request without If-None-Match") }
            return cached
        }
    }

    /// Calls the generated client, turning transport failures into `unreachable`.
    func send<T>(_ call: () async throws -> T) async throws(PlatformClientError) -> T {
        do { return try await call() } catch { throw Self.classify(error) }
    }

    static func decode<T>(_ body: () throws -> T) throws(PlatformClientError) -> T {
        do { return try body() } catch { throw .unexpected("\(error)") }
    }

    static func undocumented(_ status: Int) -> PlatformClientError {
        .unexpected("HTTP \(status)")
    }

    /// An answer an operation documents but does not expect here: a refusal never is one (the
    /// `ProblemAnswerMiddleware` throws it first), so this is a status outside the contract.
    static func unexpected(_ output: some Any) -> PlatformClientError {
        .unexpected("an answer this client does not expect: \(String(describing: output).prefix(200))")
    }

    private static func classify(_ error: any Error) -> PlatformClientError {
        if let clientError = error as? ClientError {
            // A refusal, already classified by `ProblemAnswerMiddleware`.
            if let refusal = clientError.underlyingError as? PlatformClientError { return refusal }
            if let transport = clientError.underlyingError as? TransportError { return .unreachable(transport.message) }
            if let decoding = clientError.underlyingError as? DecodingError {
                return .unexpected("\(clientError.operationID): the answer does not fit the contract: \(describe(decoding))")
            }
            return .unexpected(clientError.causeDescription)
        }
        return .unexpected("\(error)")
    }

    /// Where an answer broke the contract and how ("items[0].status.phase: Cannot initialize Phase from invalid String value hibernating").
    private static func describe(_ error: DecodingError) -> String {
        let (context, what): (DecodingError.Context, String) = switch error {
        case .keyNotFound(let key, let context): (context, "\(key.stringValue) is missing")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): (context, context.debugDescription)
        @unknown default: (DecodingError.Context(codingPath: [], debugDescription: ""), "\(error)")
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            .replacingOccurrences(of: ".[", with: "[").drop { $0 == "." }
        return path.isEmpty ? what : "\(path): \(what)"
    }

}

/// Adds the bearer token to every request; the token never appears anywhere else.
struct BearerTokenMiddleware: ClientMiddleware {
    let token: String

    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return try await next(request, body, baseURL)
    }
}
