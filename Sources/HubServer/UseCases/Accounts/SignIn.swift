import Foundation
import HubData
import HubWorkflow

/// Signing in with a username and password: a session token (256 random bits; only its hash is stored) that ends
/// after a spell unused or a fixed time after sign-in. Failures in a row lock the account for a while; an
/// unknown username costs as much as a wrong password. Every attempt is audited.
public struct SignIn: UseCase {
    public static let access = AccessRule.signedIn

    let stores: Stores
    let passwordHasher: PasswordHasher
    let policy: SignInPolicy
    let recorder: AuditRecorder
    let clock: any WallClock

    public struct SignedIn: Sendable {
        public let token: String
        public let identity: Identity
        public let expiresAt: Date
        public let idleTimeout: TimeInterval
    }

    /// Why a sign-in was refused.
    public enum Refusal: Error, Sendable, Equatable {
        /// Wrong username or password, or the account is disabled (one answer for all).
        case invalidCredentials
        /// Too many failures in a row; try again after `retryAfterSeconds`.
        case locked(retryAfterSeconds: Int)
    }

    /// Signs `username` in; `caller` carries the request id (nobody is signed in yet).
    public func callAsFunction(username: String, password: String, caller: Caller) async throws -> SignedIn {
        let now = clock.now()
        let username = username.lowercased().trimmingCharacters(in: .whitespaces)
        guard let candidate = try await stores.users.signInCandidate(username: username) else {
            _ = try await passwordHasher.verify(password, hash: PasswordHasher.decoyHash)
            try await audit(caller, username: username, outcome: .failed, reason: "unknown username")
            throw Refusal.invalidCredentials
        }
        if let lockedUntil = candidate.lockedUntil, lockedUntil > now {
            try await audit(caller, username: username, outcome: .denied, reason: "account locked")
            throw Refusal.locked(retryAfterSeconds: Int(lockedUntil.timeIntervalSince(now).rounded(.up)))
        }
        let passwordMatches = try await passwordHasher.verify(password, hash: candidate.passwordHash)
        guard passwordMatches, !candidate.disabled else {
            if !passwordMatches {
                let locked = try await stores.users.recordFailedSignIn(
                    userId: candidate.identity.userId, now: now, maxFailures: policy.maxFailures, lockout: policy.lockout)
                try await audit(caller, username: username, outcome: .failed,
                                reason: locked == nil ? "wrong password" : "wrong password; account locked")
            } else {
                try await audit(caller, username: username, outcome: .denied, reason: "user disabled")
            }
            throw Refusal.invalidCredentials
        }
        try await stores.users.recordSuccessfulSignIn(userId: candidate.identity.userId, now: now)
        let token = SessionToken.generate()
        let expiresAt = now.addingTimeInterval(policy.absoluteLifetime)
        let signedIn = Caller(identity: candidate.identity, requestId: caller.requestId)
        try await stores.sessions.create(
            tokenHash: token.hash, userId: candidate.identity.userId, now: now, expiresAt: expiresAt,
            audit: recorder.event(signedIn, action: "session.create", objectType: "user", objectId: candidate.identity.userId.lowercased))
        return SignedIn(token: token.value, identity: candidate.identity, expiresAt: expiresAt, idleTimeout: policy.idleTimeout)
    }

    private func audit(_ caller: Caller, username: String, outcome: AuditEvent.Outcome, reason: String) async throws {
        try await recorder.record(
            caller, action: "session.create", objectType: "user", objectId: nil, outcome: outcome,
            detail: ["username": String(username.prefix(64)), "reason": reason])
    }
}
