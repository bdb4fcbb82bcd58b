import HTTPTypes
import Hummingbird

/// The one home of the caching rule: every response says `Cache-Control: no-store` (a sign-in token, a referral,
/// a share request, a tracker record, an error naming what was asked, a page of the screens: nothing Hub answers
/// is to be kept by a browser, a proxy or a shared cache), except the routes that serve static files, which keep
/// their own caching (the screens' assets, the API description).
struct NoStoreMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The route templates (`context.endpointPath`) that serve the same file to everyone.
    static var staticRoutes: Set<String> { ["/assets/{file}", "/api/v1/openapi.yaml"] }

    /// Whether a response to a request matched to `route` must not be stored.
    static func mustNotStore(route: String?) -> Bool {
        guard let route else { return true }
        return !staticRoutes.contains(route)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if Self.mustNotStore(route: context.endpointPath) { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
