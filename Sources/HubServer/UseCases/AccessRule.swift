import HubWorkflow

/// What a use case asks of its caller. A front end checks it before it reads the request, so that a refusal is
/// 403 whatever the body holds, and the use case checks it again, so that no front end can skip it.
public enum AccessRule: Sendable {
    /// Any signed-in user.
    case signedIn
    /// Users whose role holds the permission.
    case permission(Permission)
    /// Users whose role holds any of the permissions (refused naming the first).
    case anyOf([Permission])

    /// The caller's identity if the rule lets them in.
    @discardableResult
    public func check(_ caller: Caller) throws -> Identity {
        let identity = try caller.requireIdentity()
        switch self {
        case .signedIn:
            return identity
        case .permission(let permission):
            return try identity.require(permission)
        case .anyOf(let permissions):
            guard permissions.contains(where: { $0.isGranted(to: identity.role) }) else {
                throw AccessDenied.missing(permissions[0], role: identity.role)
            }
            return identity
        }
    }
}

/// An action a user takes (receive a referral, answer a share request, search the tracker…): it checks the
/// caller's permission, applies the domain rule, writes through the stores with its audit event and returns a
/// domain value. The JSON API, the screens and the command line call the same use cases.
public protocol UseCase: Sendable {
    static var access: AccessRule { get }
}

extension UseCase {
    /// The caller's identity if this use case lets them in.
    @discardableResult
    func authorize(_ caller: Caller) throws -> Identity { try Self.access.check(caller) }
}
