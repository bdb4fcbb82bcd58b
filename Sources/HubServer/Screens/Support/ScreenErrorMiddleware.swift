import Foundation
import HubData
import HubWorkflow
import Hummingbird
import Logging

/// Turns what a screen could not do into a page a person can act on: not signed in → the sign-in page (or, when
/// the session just ended, a page that says so); refused → 403 (recorded in the audit trail); not found → 404; a
/// form without its token → 403; the database unreachable → 503 with `Retry-After` (``DatabaseUnavailable``);
/// anything unexpected → 500 with the request id (the error goes to the log as ``LoggedError`` describes it, never
/// to the page). It also stands in front of the session middleware, whose session lookup may find the database
/// unreachable.
struct ScreenErrorMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let kit: ScreenKit

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch is NotSignedIn {
            if context.screen?.sessionEnded == true {
                var response = try page(request, context, key: "session_ended", status: .unauthorized)
                response.setCookie(ScreenCookies.clear(ScreenCookie.session, secure: kit.secureCookies))
                return response
            }
            return ScreenResponse.redirect(to: "/sign-in")
        } catch let denied as AccessDenied {
            try? await kit.recorder.record(
                context.caller, action: "access.denied", objectType: "route",
                objectId: "\(request.method.rawValue) \(context.endpointPath ?? request.uri.path)", outcome: .denied,
                detail: ["reason": denied.reason])
            return try page(request, context, key: "forbidden", status: .forbidden)
        } catch is CSRFRefused {
            return try page(request, context, key: "form_expired", status: .forbidden)
        } catch UseCaseError.notFound {
            return try page(request, context, key: "not_found", status: .notFound)
        } catch let error as HTTPError where error.status == .notFound {
            return try page(request, context, key: "not_found", status: .notFound)
        } catch let unavailable as DatabaseUnavailable {
            context.logger.warning("database unavailable on a screen", metadata: LoggedError(unavailable).metadata)
            var response = try page(request, context, key: "unavailable", status: .serviceUnavailable)
            response.headers[.retryAfter] = "\(unavailable.retryAfterSeconds)"
            return response
        } catch {
            context.logger.error("unhandled error on a screen", metadata: LoggedError(error).metadata)
            return try page(request, context, key: "server_error", status: .internalServerError)
        }
    }

    private func page(_ request: Request, _ context: Context, key: String, status: HTTPResponse.Status) throws -> Response {
        var context = context
        if context.screen == nil {  // failed before the session middleware worked out the page's language
            context.screen = ScreenState(
                language: Language.preferred(
                    choice: request.cookies[ScreenCookie.language]?.value, acceptLanguage: request.headers[.acceptLanguage]),
                csrfToken: "", newPreSessionToken: nil, sessionEnded: false)
        }
        let t = kit.catalogue(context)
        let frame = kit.frame(request, context, title: t["error.\(key).title"])
        return try kit.render("error", page: frame, view: [
            "heading": t["error.\(key).title"], "body": t["error.\(key).body"], "requestId": context.requestId,
            "signIn": key == "session_ended",
        ], status: status)
    }
}
