import Hummingbird
import NIOCore

/// The client address the sign-in throttle counts against: the connection's peer, or behind a trusted reverse
/// proxy (``SignInPolicy/trustForwardedFor``) the last address in `X-Forwarded-For` (the one the proxy added).
enum ClientAddress {
    static func of(_ request: Request, _ context: HubRequestContext, policy: SignInPolicy) -> String {
        if policy.trustForwardedFor, let header = request.headers[.init("X-Forwarded-For")!],
           let last = header.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return String(last.prefix(100))
        }
        switch context.remoteAddress {
        case let .some(address): return address.ipAddress ?? "unknown"
        case .none: return "unknown"
        }
    }
}
