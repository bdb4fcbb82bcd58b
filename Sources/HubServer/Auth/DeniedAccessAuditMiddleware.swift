import HubData
import HubWorkflow
import Hummingbird

/// Records every refused attempt (403) by a signed-in user, so the audit shows who tried to reach what.
struct DeniedAccessAuditMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let recorder: AuditRecorder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem where problem.status == .forbidden {
            await record(request, context, reason: problem.detail ?? "")
            throw problem
        } catch let denied as AccessDenied {
            await record(request, context, reason: denied.reason)
            throw denied
        }
    }

    private func record(_ request: Request, _ context: Context, reason: String) async {
        try? await recorder.record(
            context.caller, action: "access.denied", objectType: "route",
            objectId: "\(request.method.rawValue) \(context.endpointPath ?? request.uri.path)",
            outcome: .denied, detail: ["reason": reason])
    }
}
