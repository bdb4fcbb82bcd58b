import Foundation
import HubData
import Hummingbird

/// The request context of every Hub route: the request id and, once the bearer token has been checked,
/// who is asking.
public struct HubRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `BearerAuthenticator`; nil on public routes (health, sign-in).
    public var identity: Identity?
    /// The session token's hash, for sign-out.
    public var sessionTokenHash: Data?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Request bodies up to 4 MiB (feed uploads use their own streaming route).
    public var maxUploadSize: Int { 4 * 1024 * 1024 }

    public var requestDecoder: HubJSONDecoder { HubJSONDecoder() }
    public var responseEncoder: HubJSONEncoder { HubJSONEncoder() }

    /// The caller's identity; throws 401 when the route was reached without one (a wiring mistake).
    @discardableResult
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw Problem.unauthenticated() }
        return identity
    }

    /// The request id that also appears in logs and on audit events.
    public var requestId: String { id }
}
