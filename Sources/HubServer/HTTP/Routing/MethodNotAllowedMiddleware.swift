import HTTPTypes
import Hummingbird

/// Answers 405 with `Allow` for a request whose path a route template matches but whose method none of that
/// template's routes answers (`DELETE /api/v1/referrals`, `PUT /sign-in`), instead of the router's 404. A path no
/// template matches stays 404. OPTIONS is no exception: Hub serves no OPTIONS route (no cross-origin use), so it is
/// answered 405 with the `Allow` list like any other method the path lacks. HEAD is not served for GET routes, so
/// it is 405 too, without a body.
///
/// Added to the router after every route, so that it wraps only the router's not-found responder (Hummingbird
/// applies a router middleware to the routes added after it, and all of them to the not-found responder): it runs
/// for unmatched requests only, inside ``ProblemMiddleware``, and its table is made once, from the router's routes.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteMethodTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let allowed = table.methods(forPath: request.uri.path), !allowed.contains(request.method) else { throw error }
            let problem = Problem(
                status: .methodNotAllowed, kind: "method-not-allowed", title: "Method not allowed",
                detail: "\(request.uri.path) answers \(RouteMethodTable.allowValue(allowed)), not \(request.method.rawValue).",
                headers: [.allow: RouteMethodTable.allowValue(allowed)])
            var response = try problem.response(from: request, context: context)
            if request.method == .head { response.body = .init() }
            return response
        }
    }
}
