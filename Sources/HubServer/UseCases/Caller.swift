import HubWorkflow

/// Who is asking, and on which request: what every use case needs to check the caller's permission and to write
/// its audit event. The JSON API makes one from the bearer token, the screens from the session cookie, the
/// command line from its operator.
public struct Caller: Sendable {
    /// Nil before sign-in.
    public let identity: Identity?
    /// The request id that also appears in logs and on audit events (nil off the web).
    public let requestId: String?

    public init(identity: Identity?, requestId: String?) {
        self.identity = identity
        self.requestId = requestId
    }

    /// The signed-in identity; ``NotSignedIn`` without one.
    @discardableResult
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw NotSignedIn() }
        return identity
    }

    /// The identity, if its role holds `permission` (``AccessDenied`` otherwise).
    @discardableResult
    public func require(_ permission: Permission) throws -> Identity {
        try requireIdentity().require(permission)
    }
}

/// A use case reached without a signed-in identity (the API answers 401).
public struct NotSignedIn: Error, Sendable {}
