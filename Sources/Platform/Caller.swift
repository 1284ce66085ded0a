import Model

/// Who is making the current request, set by `BearerAuthMiddleware` for the handlers below it.
package enum Caller {
    @TaskLocal package static var current: User?
    /// The bearer token the current request came with (for streams, which check it again later).
    @TaskLocal package static var token: String?
}
