import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// Sign-in and sign-out: `POST /api/v1/sessions`, `GET|DELETE /api/v1/sessions/current`.
struct SessionController {
    let environment: AppEnvironment
    var recorder: AuditRecorder { AuditRecorder(trail: environment.audit, clock: environment.clock) }

    struct SignIn: Codable, Sendable {
        let username: String
        let password: String
    }

    struct SignedIn: ResponseCodable {
        let token: String
        let tokenType: String
        let expiresAt: Date
        let idleTimeoutSeconds: Int
        let user: CurrentUser
    }

    struct CurrentUser: ResponseCodable {
        let username: String
        let displayName: String
        let agency: String
        let role: Role

        init(_ identity: Identity) {
            username = identity.username
            displayName = identity.displayName
            agency = identity.agencyCode
            role = identity.role
        }
    }

    func addPublicRoutes(to group: RouterGroup<HubRequestContext>) {
        group.post("sessions", use: signIn)
    }

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("sessions/current", use: current)
        group.delete("sessions/current", use: signOut)
    }

    @Sendable func signIn(request: Request, context: HubRequestContext) async throws -> EditedResponse<SignedIn> {
        let body = try await request.decode(as: SignIn.self, context: context)
        let now = environment.clock.now()
        let policy = environment.signInPolicy
        let username = body.username.lowercased().trimmingCharacters(in: .whitespaces)
        guard let candidate = try await environment.users.signInCandidate(username: username) else {
            _ = try await environment.passwordHasher.verify(body.password, hash: PasswordHasher.decoyHash)
            try await audit(context, username: username, outcome: .failed, reason: "unknown username")
            throw Self.invalidCredentials
        }
        if let lockedUntil = candidate.lockedUntil, lockedUntil > now {
            try await audit(context, username: username, outcome: .denied, reason: "account locked")
            throw Problem(
                status: .unauthorized, kind: "account-locked", title: "The account is locked",
                detail: "Too many failed sign-ins. Try again later or ask an administrator to reset the password.",
                headers: [.retryAfter: "\(Int(lockedUntil.timeIntervalSince(now).rounded(.up)))"])
        }
        let passwordMatches = try await environment.passwordHasher.verify(body.password, hash: candidate.passwordHash)
        guard passwordMatches, !candidate.disabled else {
            if !passwordMatches {
                let locked = try await environment.users.recordFailedSignIn(
                    userId: candidate.identity.userId, now: now, maxFailures: policy.maxFailures, lockout: policy.lockout)
                try await audit(context, username: username, outcome: .failed,
                                reason: locked == nil ? "wrong password" : "wrong password; account locked")
            } else {
                try await audit(context, username: username, outcome: .denied, reason: "user disabled")
            }
            throw Self.invalidCredentials
        }
        try await environment.users.recordSuccessfulSignIn(userId: candidate.identity.userId, now: now)
        let token = SessionToken.generate()
        let expiresAt = now.addingTimeInterval(policy.absoluteLifetime)
        var signedInContext = context
        signedInContext.identity = candidate.identity
        try await environment.sessions.create(
            tokenHash: token.hash, userId: candidate.identity.userId, now: now, expiresAt: expiresAt,
            audit: recorder.event(signedInContext, action: "session.create", objectType: "user",
                                  objectId: candidate.identity.userId.uuidString.lowercased()))
        return EditedResponse(
            status: .created,
            response: SignedIn(
                token: token.value, tokenType: "Bearer", expiresAt: expiresAt,
                idleTimeoutSeconds: Int(policy.idleTimeout), user: CurrentUser(candidate.identity)))
    }

    @Sendable func current(request: Request, context: HubRequestContext) async throws -> CurrentUser {
        CurrentUser(try context.requireIdentity())
    }

    @Sendable func signOut(request: Request, context: HubRequestContext) async throws -> HTTPResponse.Status {
        let identity = try context.requireIdentity()
        guard let tokenHash = context.sessionTokenHash else { throw Problem.unauthenticated() }
        try await environment.sessions.end(
            tokenHash: tokenHash, now: environment.clock.now(),
            audit: recorder.event(context, action: "session.end", objectType: "user", objectId: identity.userId.uuidString.lowercased()))
        return .noContent
    }

    static let invalidCredentials = Problem(
        status: .unauthorized, kind: "invalid-credentials", title: "Sign-in failed",
        detail: "The username or password is wrong, or the account is disabled.")

    private func audit(_ context: HubRequestContext, username: String, outcome: AuditEvent.Outcome, reason: String) async throws {
        try await recorder.record(
            context, action: "session.create", objectType: "user", objectId: nil, outcome: outcome,
            detail: ["username": String(username.prefix(64)), "reason": reason])
    }
}
