import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// The incident screen: re-rate with a rationale, share requests per agency with their status and timeliness,
/// chase, ask more agencies, hold and record a strategy discussion (attendees by agency, information considered,
/// decisions, the outcome from the service's list, actions with owner agency and due date), the actions agreed with
/// how each stands (overdue ones marked), close, and the timeline. Every form is a use case the API also offers.
struct IncidentScreen {
    let kit: ScreenKit

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("incidents/:id", use: show)
        router.post("incidents/:id/rating", use: reRate)
        router.post("incidents/:id/share-requests", use: askMore)
        router.post("incidents/:id/share-requests/:request/chase", use: chase)
        router.post("incidents/:id/strategy-clock", use: holdDiscussion)
        router.post("incidents/:id/strategy-discussions", use: recordDiscussion)
        router.post("incidents/:id/close", use: close)
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReadIncident.self)
        return try await page(request, context, caller: caller, id: try context.parameters.require("id", as: UUID.self), form: nil,
                              errors: .none)
    }

    @Sendable func reRate(request: Request, context: HubRequestContext) async throws -> Response {
        try await change(request, context, action: ChangeIncident.self) { caller, id, form in
            guard let rating = form.text("rag").flatMap(RAGRating.init(rawValue:)) else {
                throw ValidationFailure(field: "rag", message: "is required")
            }
            _ = try await kit.useCases.changeIncident(
                .init(reRating: ReRating(rating: rating, rationale: form["rationale"] ?? "")), incidentId: id,
                expectedVersion: form.version, by: caller)
        }
    }

    @Sendable func askMore(request: Request, context: HubRequestContext) async throws -> Response {
        try await change(request, context, action: AskToShare.self) { caller, id, form in
            _ = try await kit.useCases.askToShare(form.values("agencies"), incidentId: id, expectedVersion: form.version, by: caller)
        }
    }

    @Sendable func chase(request: Request, context: HubRequestContext) async throws -> Response {
        try await change(request, context, action: ChaseShareRequest.self) { caller, _, _ in
            try await kit.useCases.chaseShareRequest(try context.parameters.require("request", as: UUID.self), by: caller)
        }
    }

    @Sendable func holdDiscussion(request: Request, context: HubRequestContext) async throws -> Response {
        try await change(request, context, action: ChangeIncident.self) { caller, id, form in
            _ = try await kit.useCases.changeIncident(.init(holdStrategyDiscussion: true), incidentId: id, expectedVersion: form.version,
                                                      by: caller)
        }
    }

    @Sendable func recordDiscussion(request: Request, context: HubRequestContext) async throws -> Response {
        try await change(request, context, action: RecordStrategyDiscussion.self) { caller, id, form in
            let (json, issues) = StrategyDiscussionFormReading.document(form)
            guard issues.isEmpty else { throw ValidationFailure(issues) }
            let discussion: StrategyDiscussion
            do { discussion = try HubJSONDecoder.decode(StrategyDiscussion.self, from: json) } catch let problem as Problem {
                throw ValidationFailure(problem.errors.isEmpty ? [.init(field: "kind", message: problem.detail ?? "")] : problem.errors)
            }
            _ = try await kit.useCases.recordStrategyDiscussion(discussion, incidentId: id, expectedVersion: form.version, by: caller)
        }
    }

    @Sendable func close(request: Request, context: HubRequestContext) async throws -> Response {
        try await change(request, context, action: ChangeIncident.self) { caller, id, form in
            let closure = try IncidentClosureFormReading.closure(form)
            _ = try await kit.useCases.changeIncident(.init(closure: closure), incidentId: id, expectedVersion: form.version, by: caller)
        }
    }

    /// Reads the form, runs the change and returns to the incident; a refusal shows the incident again with the
    /// problems beside the form's fields.
    private func change<Action: UseCase>(
        _ request: Request, _ context: HubRequestContext, action: Action.Type,
        _ body: (Caller, UUID, ScreenForm) async throws -> Void
    ) async throws -> Response {
        let caller = try kit.caller(context, for: action)
        let id = try context.parameters.require("id", as: UUID.self)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        do {
            try await body(caller, id, form)
            return ScreenResponse.redirect(to: "/incidents/\(id.lowercased)")
        } catch {
            guard let refusal = kit.formRefusal(error, stateLabels: "incident_state", context) ?? agencyRefusal(error, context) else { throw error }
            return try await page(request, context, caller: caller, id: id, form: form, errors: refusal.errors, status: refusal.status)
        }
    }

    /// Agencies the partnership does not have, or already asked, shown at the agencies to ask (422).
    private func agencyRefusal(_ error: any Error, _ context: HubRequestContext) -> (errors: FormErrors, status: HTTPResponse.Status)? {
        let t = kit.catalogue(context)
        let message: String
        switch error as? UseCaseError {
        case .unknownAgencies(let codes): message = t.format("error.unknown_agencies", ["agencies": codes.joined(separator: ", ")])
        case .alreadyRequested(let codes): message = t.format("error.already_asked", ["agencies": codes.joined(separator: ", ")])
        default: return nil
        }
        return (FormErrors([.init(field: "agencies", inputId: "f-agencies", message: message)]), .unprocessableContent)
    }

    private func page(
        _ request: Request, _ context: HubRequestContext, caller: Caller, id: UUID, form: ScreenForm?, errors: FormErrors,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let stored = try await kit.useCases.readIncident(id, purpose: kit.catalogue(context)["purpose.incident_screen"], by: caller)
        let timeline = try await kit.useCases.readTimeline(incidentId: id, by: caller)
        let agencies = try await kit.useCases.listAgencies(by: caller)
        let identity = try caller.requireIdentity()
        let view = IncidentPageView(t: kit.catalogue(context), time: kit.time(context), now: kit.clock.now(), identity: identity,
                                    stored: stored, timeline: timeline, agencies: agencies, form: form, errors: errors)
        return try kit.render("incident", page: kit.frame(request, context, title: view.title, errors: errors.frame), view: view, status: status)
    }
}
