import Foundation
import Hummingbird
import Metrics

/// Counts requests and times them by route template (never the raw path, which would carry ids) and status,
/// and returns the request id to the client as `X-Request-Id`.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        let dimensions = [("method", request.method.rawValue), ("route", route), ("status", "\(response.status.code)")]
        Counter(label: "hub_http_requests_total", dimensions: dimensions).increment()
        let elapsed = ContinuousClock.now - started
        Timer(label: "hub_http_request_duration_seconds", dimensions: [("method", request.method.rawValue), ("route", route)])
            .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        response.headers[.init("X-Request-Id")!] = context.id
        return response
    }
}
