import Foundation

/// Session lifetimes and the lockout rule.
public struct SignInPolicy: Sendable {
    /// A session unused for this long ends.
    public var idleTimeout: TimeInterval = 30 * 60
    /// A session ends this long after sign-in, however busy.
    public var absoluteLifetime: TimeInterval = 12 * 60 * 60
    /// Consecutive failures that lock an account.
    public var maxFailures = 5
    /// How long a locked account stays locked.
    public var lockout: TimeInterval = 15 * 60

    public init() {}
}
