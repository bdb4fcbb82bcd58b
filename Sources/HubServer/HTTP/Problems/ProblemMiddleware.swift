import Foundation
import HubData
import HubTracker
import HubWorkflow
import Hummingbird
import Logging
import PostgresNIO

/// Turns every error into a problem response: domain errors into their problem, anything unexpected into a
/// bare 500, logged with the request id as ``LoggedError`` describes it (a database error by its SQLSTATE and
/// constraint, never the values it quotes), and never described to the client.
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
        case let denied as AccessDenied:
            return .forbidden(denied.reason)
        case is NotSignedIn:
            return .unauthenticated()
        case let error as UseCaseError:
            return problem(for: error)
        case let refusal as SignIn.Refusal:
            return problem(for: refusal)
        case let rejection as FeedRejection:
            return .validation([.init(field: "file", message: rejection.reason)], detail: rejection.description)
        case let unavailable as DatabaseUnavailable:
            logger.warning("database unavailable", metadata: LoggedError(unavailable).metadata)
            return .unavailable(retryAfterSeconds: unavailable.retryAfterSeconds)
        case let error as PostgresTransactionError:
            return problem(for: error.underlying, logger: logger)
        case let error as DecodingError:
            return .decoding(error)
        case let transition as InvalidTransition:
            return Problem(
                status: .conflict, kind: "invalid-transition", title: "Not possible in the current state",
                detail: transition.description, extensions: ["currentState": transition.state, "action": transition.action])
        case let error as WorkflowStoreError:
            return problem(for: error)
        case let error as SLAClockError:
            return .conflict(kind: "clock", "\(error)")
        case let error as HTTPError:
            return Problem(status: error.status, kind: Self.kind(for: error.status), title: error.status.reasonPhrase, detail: error.body)
        case let error as any HTTPResponseError where error.status.code < 500:
            return Problem(status: error.status, kind: Self.kind(for: error.status), title: error.status.reasonPhrase)
        default:
            logger.error("unhandled error", metadata: LoggedError(error).metadata)
            return .internalError()
        }
    }

    static func problem(for error: UseCaseError) -> Problem {
        switch error {
        case let .notFound(subject):
            return .notFound(subject)
        case let .conflict(kind, detail):
            return .conflict(kind: kind, detail)
        case let .invalidParameter(name, message):
            return .badParameter(name, message)
        case let .staleVersion(current):
            return problem(for: WorkflowStoreError.versionMismatch(current: current))
        case let .unknownAgencies(codes):
            return .validation(codes.map { .init(field: "agencies", message: "\($0) is not an active agency") })
        case let .alreadyRequested(codes):
            return .conflict(kind: "already-requested", "Already asked: \(codes.joined(separator: ", ")).")
        }
    }

    /// One answer for every failed sign-in (unknown username, wrong password, disabled account, throttled), so that
    /// none says which it was. `Retry-After` comes with it while the username as typed or the address must wait:
    /// that depends only on what the client sent and from where, never on whether the user exists.
    static func problem(for refusal: SignIn.Refusal) -> Problem {
        Problem(
            status: .unauthorized, kind: "invalid-credentials", title: "Sign-in failed",
            detail: "The username or password is wrong, or the account cannot sign in. After several failures each attempt must wait a little longer.",
            headers: refusal.retryAfterSeconds.map { [.retryAfter: "\($0)"] } ?? [:])
    }

    static func problem(for error: WorkflowStoreError) -> Problem {
        switch error {
        case let .notFound(what):
            return .notFound("The \(what)")
        case let .versionMismatch(current):
            return Problem(
                status: .preconditionFailed, kind: "stale-version", title: "The resource has changed",
                detail: "If-Match names an old version; the current version is \(current). Reload and try again.",
                extensions: ["currentVersion": "\(current)"], headers: [.eTag: ETag.value(current)])
        case .idempotencyKeyReused:
            return Problem(
                status: .unprocessableContent, kind: "idempotency-key-reused", title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used with a different request body.",
                errors: [.init(field: "Idempotency-Key", message: "was used before with another body")])
        case let .unknownAgencies(codes):
            return .validation(codes.map { .init(field: "agencies", message: "\($0) is not an active agency") })
        case .notYourAgency:
            return .forbidden("This share request is addressed to another agency.")
        case let .alreadyRequested(codes):
            return .conflict(kind: "already-requested", "Already asked: \(codes.joined(separator: ", ")).")
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
