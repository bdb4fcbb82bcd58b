import Foundation
import Hummingbird
import Logging

/// One log line per request, once it is answered: the method, the matched route template (`/api/v1/referrals/{id}`,
/// never the path as sent, which carries ids, nor the query, which carries postcodes, names and purposes), the
/// status and the duration, with the request id the logger carries (`hb.request.id`, also `X-Request-Id` and on
/// audit events). Never a query value, a header or a body. (Hummingbird's `LogRequestsMiddleware` logs the URI as
/// sent, query included, so Hub does not use it.)
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    init(_ level: Logger.Level = .info) { self.level = level }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context, status: Int(response.status.code), since: started)
            return response
        } catch let error as any HTTPResponseError {
            log(request, context, status: Int(error.status.code), since: started)
            throw error
        } catch {
            log(request, context, status: 500, since: started)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.log(level: level, "request", metadata: [
            "hub.method": .string(request.method.rawValue),
            "hub.route": .string(context.endpointPath ?? "unmatched"),
            "hub.status": .stringConvertible(status),
            "hub.ms": .string(String(format: "%.1f", milliseconds)),
        ])
    }
}
