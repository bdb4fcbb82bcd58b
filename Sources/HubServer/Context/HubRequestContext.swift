import Foundation
import HubData
import HubWorkflow
import Hummingbird
import NIOCore

/// The request context of every Hub route: the request id and, once the bearer token has been checked,
/// who is asking.
public struct HubRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `BearerAuthenticator`; nil on public routes (health, sign-in).
    public var identity: Identity?
    /// The session token's hash, for sign-out.
    public var sessionTokenHash: Data?
    /// Set by `ScreenSessionMiddleware` on screen routes: the page's language and the forms' CSRF token.
    public var screen: ScreenState?
    /// The connection's peer (nil in router tests), for the sign-in throttle's client address.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies up to 4 MiB (feed uploads use their own streaming route).
    public var maxUploadSize: Int { 4 * 1024 * 1024 }

    public var requestDecoder: HubJSONDecoder { HubJSONDecoder() }
    public var responseEncoder: HubJSONEncoder { HubJSONEncoder() }

    /// The request id that also appears in logs and on audit events.
    public var requestId: String { id }

    /// Who is asking, for the use cases.
    public var caller: Caller { Caller(identity: identity, requestId: requestId) }

    /// The caller, once the use case's access rule lets them in: checked before the request is read, so that a
    /// refusal is 403 whatever the body holds (the use case checks again).
    public func caller<Action: UseCase>(for action: Action.Type) throws -> Caller {
        try Action.access.check(caller)
        return caller
    }
}
