import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// In front of every screen: reads the session cookie into the request's identity (the same session store,
/// idle timeout and expiry as the API's tokens), works out the page's language, and the CSRF token forms carry.
struct ScreenSessionMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let sessions: SessionStore
    let clock: any WallClock
    let policy: SignInPolicy
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let language = Language.preferred(
            choice: request.cookies[ScreenCookie.language]?.value, acceptLanguage: request.headers[.acceptLanguage])
        var state = ScreenState(language: language, csrfToken: "", newPreSessionToken: nil, sessionEnded: false)
        if let token = request.cookies[ScreenCookie.session]?.value, !token.isEmpty {
            let hash = SessionToken.hash(token)
            if let live = try await sessions.authenticate(tokenHash: hash, now: clock.now(), idleTimeout: policy.idleTimeout) {
                context.identity = live.identity
                context.sessionTokenHash = hash
                context.logger[metadataKey: "hub.user"] = "\(live.identity.userId)"
                state.csrfToken = CSRFToken.forSession(token)
            } else {
                state.sessionEnded = true
            }
        }
        if context.identity == nil {
            if let existing = request.cookies[ScreenCookie.preSession]?.value, existing.count >= 32 {
                state.csrfToken = existing
            } else {
                state.csrfToken = CSRFToken.random()
                state.newPreSessionToken = state.csrfToken
            }
        }
        context.screen = state
        var response = try await next(request, context)
        if let token = state.newPreSessionToken {
            response.setCookie(ScreenCookies.make(ScreenCookie.preSession, token, secure: secureCookies))
        }
        return response
    }
}

/// How the screens' cookies are set: HttpOnly, SameSite=Strict, path `/`, `Secure` when configured.
enum ScreenCookies {
    static func make(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// A cookie that removes `name`.
    static func clear(_ name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
