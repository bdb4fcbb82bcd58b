import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// Signing in and out in the browser: the same sign-in use case, sessions, expiry and throttle as the API, the
/// token kept in an HttpOnly, SameSite=Strict cookie.
struct SignInScreen {
    let kit: ScreenKit
    let policy: SignInPolicy

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("/", use: home)
        router.get("sign-in", use: form)
        router.post("sign-in", use: signIn)
        router.post("sign-out", use: signOut)
        router.get("language", use: switchLanguage)
    }

    struct View {
        let username: String
        let error: String?
        let signedOut: Bool
    }

    @Sendable func home(request: Request, context: HubRequestContext) async throws -> Response {
        guard let identity = context.identity else { return ScreenResponse.redirect(to: "/sign-in") }
        return ScreenResponse.redirect(to: ScreenNavigation.home(for: identity.role))
    }

    @Sendable func form(request: Request, context: HubRequestContext) async throws -> Response {
        if let identity = context.identity { return ScreenResponse.redirect(to: ScreenNavigation.home(for: identity.role)) }
        let signedOut = request.uri.queryParameters["signed-out"] != nil
        return try page(request, context, view: View(username: "", error: nil, signedOut: signedOut))
    }

    @Sendable func signIn(request: Request, context: HubRequestContext) async throws -> Response {
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        let username = form["username"] ?? ""
        let t = kit.catalogue(context)
        do {
            let signedIn = try await kit.useCases.signIn(
                username: username, password: form["password"] ?? "", address: ClientAddress.of(request, context, policy: policy),
                caller: context.caller)
            var response = ScreenResponse.redirect(to: ScreenNavigation.home(for: signedIn.identity.role))
            response.setCookie(ScreenCookies.make(ScreenCookie.session, signedIn.token, secure: kit.secureCookies,
                                                  maxAge: Int(policy.absoluteLifetime)))
            response.setCookie(ScreenCookies.clear(ScreenCookie.preSession, secure: kit.secureCookies))
            return response
        } catch let refusal as SignIn.Refusal {
            // The same words for every failure, whatever its cause (see SignIn); while a wait is in force (for an
            // unknown username as for a known one), how long it is, in whole minutes.
            var message = t["sign_in.invalid"]
            if let seconds = refusal.retryAfterSeconds {
                message += ". " + t.format("sign_in.wait", ["time": kit.time(context).duration(Double((seconds + 59) / 60 * 60))])
            }
            var response = try page(request, context, view: View(username: username, error: message, signedOut: false), status: .unauthorized,
                            errors: [.init(field: "username", inputId: "f-username", message: message)])
            if let seconds = refusal.retryAfterSeconds { response.headers[.retryAfter] = "\(seconds)" }
            return response
        }
    }

    @Sendable func signOut(request: Request, context: HubRequestContext) async throws -> Response {
        _ = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        if let hash = context.sessionTokenHash, context.identity != nil {
            try await kit.useCases.signOut(sessionTokenHash: hash, by: context.caller)
        }
        var response = ScreenResponse.redirect(to: "/sign-in?signed-out")
        response.setCookie(ScreenCookies.clear(ScreenCookie.session, secure: kit.secureCookies))
        return response
    }

    /// `GET /language?to=cy&back=/path`: remembers the choice and returns to the same page.
    @Sendable func switchLanguage(request: Request, context: HubRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let language = query["to"].flatMap { Language(rawValue: String($0)) } ?? .english
        var response = ScreenResponse.redirect(to: ScreenResponse.localPath(query["back"].map(String.init)))
        response.setCookie(ScreenCookies.make(ScreenCookie.language, language.rawValue, secure: kit.secureCookies, maxAge: 365 * 86400))
        return response
    }

    private func page(
        _ request: Request, _ context: HubRequestContext, view: View, status: HTTPResponse.Status = .ok,
        errors: [PageFrame.FieldError] = []
    ) throws -> Response {
        let t = kit.catalogue(context)
        return try kit.render("sign-in", page: kit.frame(request, context, title: t["sign_in.heading"], errors: errors), view: view, status: status)
    }
}
