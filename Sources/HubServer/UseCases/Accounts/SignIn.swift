import Foundation
import HubData
import HubWorkflow

/// Signing in with a username and password: a session token (256 random bits; only its hash is stored) that ends
/// after a spell unused or a fixed time after sign-in.
///
/// Guessing is throttled, not locked out (#16 items 8–10): each attempt is first counted, atomically in the
/// database, against the username as typed and against the client address (``SignInThrottleStore``); an attempt
/// that finds a wait in force on either is refused without its password being checked. Every failure — unknown
/// username, wrong password, disabled account, throttled — is the same ``Refusal``, and an unknown username costs
/// what a known one does (the same queries, a bcrypt comparison at the same cost). Every attempt is audited, as is
/// each wait a failure starts.
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

    /// Why a sign-in was refused: never said. `retryAfterSeconds` is set while the username or the address must
    /// wait; the wait depends only on the username as typed and the address, never on whether the user exists.
    public struct Refusal: Error, Sendable, Equatable {
        public let retryAfterSeconds: Int?
    }

    /// Signs `username` in from the client `address`; `caller` carries the request id (nobody is signed in yet).
    public func callAsFunction(username: String, password: String, address: String, caller: Caller) async throws -> SignedIn {
        let now = clock.now()
        let username = username.lowercased().trimmingCharacters(in: .whitespaces)
        let rules = policy.throttleRules
        let counted = try await stores.signInThrottles.count(username: username, address: address, now: now, rules: rules)
        let waits: [SignInThrottleStore.Scope: SignInThrottleStore.Wait]
        switch counted {
        case let .refused(waitUntil):
            let seconds = Self.seconds(from: now, to: waitUntil)
            try await audit(caller, username: username, outcome: .denied, reason: "throttled", extra: ["waitSeconds": "\(seconds)"])
            throw Refusal(retryAfterSeconds: seconds)
        case let .counted(found): waits = found
        }
        let candidate = try await stores.users.signInCandidate(username: username)
        let hash: String
        if let candidate { hash = candidate.passwordHash } else { hash = try await passwordHasher.decoyHash() }
        let passwordMatches = try await passwordHasher.verify(password, hash: hash)
        guard let candidate, passwordMatches, !candidate.disabled else {
            let (reason, outcome): (String, AuditEvent.Outcome) =
                candidate == nil ? ("unknown username", .failed) : !passwordMatches ? ("wrong password", .failed) : ("user disabled", .denied)
            try await audit(caller, username: username, outcome: outcome, reason: reason)
            for (scope, wait) in waits.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try await recorder.record(
                    caller, action: "sign_in.throttle", objectType: "sign_in", objectId: nil, outcome: .denied,
                    detail: [scope.rawValue: String((scope == .username ? username : address).prefix(64)), "failures": "\(wait.failures)",
                             "waitSeconds": "\(Self.seconds(from: now, to: wait.until))"])
            }
            throw Refusal(retryAfterSeconds: waits.values.map(\.until).max().map { Self.seconds(from: now, to: $0) })
        }
        try await stores.signInThrottles.succeeded(username: username, address: address, rules: rules)
        let token = SessionToken.generate()
        let expiresAt = now.addingTimeInterval(policy.absoluteLifetime)
        let signedIn = Caller(identity: candidate.identity, requestId: caller.requestId)
        try await stores.sessions.create(
            tokenHash: token.hash, userId: candidate.identity.userId, now: now, expiresAt: expiresAt,
            audit: recorder.event(signedIn, action: "session.create", objectType: "user", objectId: candidate.identity.userId.lowercased))
        return SignedIn(token: token.value, identity: candidate.identity, expiresAt: expiresAt, idleTimeout: policy.idleTimeout)
    }

    static func seconds(from now: Date, to until: Date) -> Int {
        max(1, Int(until.timeIntervalSince(now).rounded(.up)))
    }

    private func audit(
        _ caller: Caller, username: String, outcome: AuditEvent.Outcome, reason: String, extra: [String: String] = [:]
    ) async throws {
        try await recorder.record(
            caller, action: "session.create", objectType: "user", objectId: nil, outcome: outcome,
            detail: extra.merging(["username": String(username.prefix(64)), "reason": reason]) { $1 })
    }
}
