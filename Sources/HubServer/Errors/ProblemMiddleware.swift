import Foundation
import HubData
import HubWorkflow
import Hummingbird
import Logging
import PostgresNIO

/// Turns every error into a problem response: domain errors into their problem, anything unexpected into a
/// bare 500 whose details go to the log (with the request id), never to the client.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, logger: context.logger)
            return try problem.response(from: request, context: context)
        }
    }

    static func problem(for error: any Error, logger: Logger) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let failure as ValidationFailure:
            return .validation(failure.issues)
        case let error as PostgresTransactionError:
            return problem(for: error.underlying, logger: logger)
        case let error as DecodingError:
            return .decoding(error)
        case let error as HTTPError:
            return Problem(status: error.status, kind: Self.kind(for: error.status), title: error.status.reasonPhrase, detail: error.body)
        case let error as any HTTPResponseError where error.status.code < 500:
            return Problem(status: error.status, kind: Self.kind(for: error.status), title: error.status.reasonPhrase)
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return .internalError()
        }
    }

    static func kind(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "bad-request"
        case 404: return "not-found"
        case 405: return "method-not-allowed"
        case 413: return "content-too-large"
        default: return "http-\(status.code)"
        }
    }
}
