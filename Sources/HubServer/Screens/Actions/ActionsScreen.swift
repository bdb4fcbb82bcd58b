import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// The actions agreed at strategy discussions: a partner sees its own agency's (overdue first, then the rest of the
/// open ones soonest due, then the latest done) and marks one done with a note; the MASH sees every agency's, so the
/// overdue ones across agencies come first. Every step is a use case the API also offers.
struct ActionsScreen {
    let kit: ScreenKit

    /// How many open actions the list shows, and how many of the latest done.
    static let openShown = 200
    static let doneShown = 20

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("actions", use: list)
        router.get("actions/:id", use: show)
        router.post("actions/:id/completion", use: complete)
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ListActions.self)
        let t = kit.catalogue(context)
        let purpose = t["purpose.actions"]
        let open = try await kit.useCases.listActions(state: .open, limit: Self.openShown, after: nil, purpose: purpose, by: caller).items
        let done = try await kit.useCases.listActions(state: .done, limit: Self.doneShown, after: nil, purpose: purpose, by: caller).items
        let agencies = try await kit.useCases.listAgencies(by: caller)
        let identity = try caller.requireIdentity()
        let view = ActionListView(
            t: t, time: kit.time(context), now: kit.clock.now(), open: open, done: done,
            names: agencies.namesByCode,
            everyAgency: StrategyActionAccess.listedAgency(of: identity) == nil, justDone: request.uri.queryParameters["done"] != nil)
        return try kit.render("actions", page: kit.frame(request, context, title: t["actions.title"]), view: view)
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReadAction.self)
        return try await page(request, context, caller: caller, id: try context.parameters.require("id", as: UUID.self), form: nil, errors: .none)
    }

    @Sendable func complete(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: CompleteAction.self)
        let id = try context.parameters.require("id", as: UUID.self)
        try await kit.useCases.completeAction.authorize(id, by: caller)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        do {
            _ = try await kit.useCases.completeAction(note: form["note"] ?? "", to: id, expectedVersion: form.version,
                                                      by: caller)
            return ScreenResponse.redirect(to: "/actions?done")
        } catch {
            guard let refusal = kit.formRefusal(error, stateLabels: "action_state", context) else { throw error }
            return try await page(request, context, caller: caller, id: id, form: form, errors: refusal.errors, status: refusal.status)
        }
    }

    private func page(
        _ request: Request, _ context: HubRequestContext, caller: Caller, id: UUID, form: ScreenForm?, errors: FormErrors,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let t = kit.catalogue(context)
        let stored = try await kit.useCases.readAction(id, purpose: t["purpose.actions"], by: caller)
        let agencies = try await kit.useCases.listAgencies(by: caller)
        let identity = try caller.requireIdentity()
        let view = ActionPageView(
            t: t, time: kit.time(context), now: kit.clock.now(), stored: stored,
            names: agencies.namesByCode,
            canComplete: Permission.completeActions.isGranted(to: identity.role),
            incidentHref: Permission.readReferrals.isGranted(to: identity.role) ? "/incidents/\(stored.incidentId.lowercased)" : nil,
            form: form, errors: errors)
        return try kit.render("action", page: kit.frame(request, context, title: view.title, errors: errors.frame), view: view, status: status)
    }
}
