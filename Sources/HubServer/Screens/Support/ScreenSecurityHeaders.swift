import HTTPTypes
import Hummingbird

/// The headers every screen response carries: a Content-Security-Policy allowing only Hub's own script, styles
/// and images (no inline script, no framing), no referrer, no MIME sniffing. (`no-store` on every page, and not on
/// the static assets, is the application's rule for every response: ``NoStoreMiddleware``.)
struct ScreenSecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return response
    }
}
