import Model

/// Who is making the current request, set by `BearerAuthMiddleware` for the handlers below it.
package enum Caller {
    @TaskLocal package static var current: User?
}
