import Foundation
import HubData
import HubWorkflow

/// Session lifetimes and the sign-in throttle.
public struct SignInPolicy: Sendable {
    /// A session unused for this long ends.
    public var idleTimeout: TimeInterval = 30 * 60
    /// A session ends this long after sign-in, however busy.
    public var absoluteLifetime: TimeInterval = 12 * 60 * 60
    /// Failed sign-ins under one username, from anywhere: 5 free, then 1 s, 2 s, 4 s … up to a minute. Short, so
    /// that a stranger who knows a username can slow its owner down a little but never shut them out; the
    /// address throttle below is what stops one guesser from going on.
    public var usernameThrottle = SignInThrottleRule(freeFailures: 5, firstDelay: 1, maximumDelay: 60, memory: 15 * 60)
    /// Failed sign-ins from one client address, under any username: 20 free, then 1 s, 2 s, 4 s … up to 15 minutes.
    public var addressThrottle = SignInThrottleRule(freeFailures: 20, firstDelay: 1, maximumDelay: 15 * 60, memory: 60 * 60)
    /// Whether the client address is the last one in `X-Forwarded-For` (Hub behind a reverse proxy,
    /// `HUB_TRUST_FORWARDED_FOR`) rather than the connection's peer. Behind a proxy without it, every client has the
    /// proxy's address, and one guesser would slow everyone down.
    public var trustForwardedFor = false

    public init() {}

    /// The rules by the throttle's scopes.
    var throttleRules: [SignInThrottleStore.Scope: SignInThrottleRule] {
        [.username: usernameThrottle, .address: addressThrottle]
    }
}
