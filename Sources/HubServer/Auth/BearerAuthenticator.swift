import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// Checks `Authorization: Bearer <token>` on every route behind it: a missing, unknown, ended, idle or expired
/// token is 401.
struct BearerAuthenticator: RouterMiddleware {
    typealias Context = HubRequestContext
    let sessions: SessionStore
    let clock: any WallClock
    let policy: SignInPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw Problem.unauthenticated() }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw Problem.unauthenticated("The Authorization header must be `Bearer <token>`.")
        }
        let tokenHash = SessionToken.hash(String(parts[1]))
        guard let live = try await sessions.authenticate(tokenHash: tokenHash, now: clock.now(), idleTimeout: policy.idleTimeout)
        else { throw Problem.unauthenticated("The session token is unknown, signed out or expired; sign in again.") }
        var context = context
        context.identity = live.identity
        context.sessionTokenHash = tokenHash
        context.logger[metadataKey: "hub.user"] = "\(live.identity.userId)"
        return try await next(request, context)
    }
}
