import Foundation
import Hummingbird
import Logging
import Metrics

/// Once a request is answered: counts it and times it by route template and status, writes one `request` log line,
/// and returns the request id to the client as `X-Request-Id`. The route is the matched template
/// (`/api/v1/referrals/{id}`), never the path as sent, which carries ids, nor the query, which carries postcodes,
/// names and purposes; the log line carries the method, route, status and duration with the request id the logger
/// holds (`hb.request.id`), never a query value, a header or a body. (Hummingbird's `LogRequestsMiddleware` logs the
/// URI as sent, query included, so Hub does not use it.) Errors reach it as responses: ``ProblemMiddleware`` sits
/// inside it.
struct RequestTelemetryMiddleware<Context: RequestContext>: RouterMiddleware {
    let logLevel: Logger.Level

    init(logLevel: Logger.Level = .info) { self.logLevel = logLevel }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        let dimensions = [("method", request.method.rawValue), ("route", route), ("status", "\(response.status.code)")]
        Counter(label: "hub_http_requests_total", dimensions: dimensions).increment()
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        Timer(label: "hub_http_request_duration_seconds", dimensions: [("method", request.method.rawValue), ("route", route)])
            .recordNanoseconds(nanoseconds)
        context.logger.log(level: logLevel, "request", metadata: [
            "hub.method": .string(request.method.rawValue),
            "hub.route": .string(route),
            "hub.status": .stringConvertible(response.status.code),
            "hub.ms": .string(String(format: "%.1f", Double(nanoseconds) / 1_000_000)),
        ])
        response.headers[.init("X-Request-Id")!] = context.id
        return response
    }
}
