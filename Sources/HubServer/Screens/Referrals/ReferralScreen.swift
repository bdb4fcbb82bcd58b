import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// The referral screen: the referral, its threshold decision and ratification, and the tracker panel of each
/// subject once the user has stated why they are looking (pre-filled "Triage of referral R-…"; the panel's read is
/// audited with it). Decisions and ratification are plain forms over the same use cases as the API.
struct ReferralScreen {
    let kit: ScreenKit

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("referrals/:id", use: show)
        router.post("referrals/:id/purpose", use: statePurpose)
        router.post("referrals/:id/decision", use: decide)
        router.post("referrals/:id/ratification", use: ratify)
        router.post("referrals/:id/feedback", use: recordFeedback)
    }

    static func scope(_ id: UUID) -> String { "referral:\(id.lowercased)" }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReadReferral.self)
        let id = try context.parameters.require("id", as: UUID.self)
        return try await page(request, context, caller: caller, id: id, form: nil, errors: .none)
    }

    @Sendable func statePurpose(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReadTrackerPanel.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        guard let session = context.sessionTokenHash else { throw NotSignedIn() }
        do {
            try await kit.useCases.statePurpose(form["purpose"] ?? "", scope: Self.scope(id), session: session, by: caller)
        } catch let failure as ValidationFailure {
            return try await page(request, context, caller: caller, id: id, form: form, errors: FormErrors(kit.fieldErrors(failure, context)),
                                  status: .unprocessableContent)
        }
        return ScreenResponse.redirect(to: "/referrals/\(id.lowercased)#panel")
    }

    @Sendable func decide(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: DecideThreshold.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        do {
            let decision = try Self.decision(form, referralId: id)
            let decided = try await kit.useCases.decideThreshold(decision, by: caller)
            if let incidentId = decided.incidentId { return ScreenResponse.redirect(to: "/incidents/\(incidentId.lowercased)") }
            return ScreenResponse.redirect(to: "/referrals/\(id.lowercased)")
        } catch {
            guard let refusal = kit.formRefusal(error, stateLabels: "status", context) else { throw error }
            return try await page(request, context, caller: caller, id: id, form: form, errors: refusal.errors, status: refusal.status)
        }
    }

    @Sendable func ratify(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: RatifyDecision.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        do {
            guard let verdict = form.text("verdict").flatMap(RatificationVerdict.init(rawValue:)) else {
                throw ValidationFailure(field: "verdict", message: "is required")
            }
            _ = try await kit.useCases.ratifyDecision(
                Ratification(verdict: verdict, note: form.text("note")), referralId: id, expectedVersion: form.version,
                by: caller)
            return ScreenResponse.redirect(to: "/referrals/\(id.lowercased)")
        } catch {
            guard let refusal = kit.formRefusal(error, stateLabels: "status", context) else { throw error }
            return try await page(request, context, caller: caller, id: id, form: form, errors: refusal.errors, status: refusal.status)
        }
    }

    /// Feedback given to the referrer, recorded (issue #20); its problems beside its fields, named `feedback.…`.
    @Sendable func recordFeedback(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: RecordFeedback.self)
        let id = try context.parameters.require("id", as: UUID.self)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        do {
            do {
                let (feedback, send) = try Self.feedback(form, now: kit.clock.now())
                _ = try await kit.useCases.recordFeedback(feedback, send: send, referralId: id, by: caller)
            } catch let failure as ValidationFailure {
                throw ValidationFailure(failure.issues.map {
                    ValidationIssue(field: $0.field.hasPrefix("feedback.") ? $0.field : "feedback." + $0.field, message: $0.message)
                })
            }
            return ScreenResponse.redirect(to: "/referrals/\(id.lowercased)#h-feedback")
        } catch {
            guard let refusal = kit.formRefusal(error, stateLabels: "status", context) else { throw error }
            return try await page(request, context, caller: caller, id: id, form: form, errors: refusal.errors, status: refusal.status)
        }
    }

    /// The feedback the form describes and whether Hub is to send it by email, or the problems with it (field names as
    /// the form's, `feedback.…`). Sent by Hub, it needs no time: it is given when the relay takes it.
    static func feedback(_ form: ScreenForm, now: Date) throws -> (ReferrerFeedback, send: Bool) {
        let send = form["feedback.send"] == "yes"
        var issues: [ValidationIssue] = []
        let channel = form.text("feedback.channel").flatMap(FeedbackChannel.init(rawValue:))
        if channel == nil { issues.append(.init(field: "feedback.channel", message: "is required")) }
        var givenAt: Date?
        if let day = form.text("feedback.givenAt.date"), let time = form.text("feedback.givenAt.time") {
            givenAt = ReferralFormReading.londonInstant(day: day, time: time)
        }
        if send { givenAt = now }
        if givenAt == nil { issues.append(.init(field: "feedback.givenAt", message: "must be a date (day/month/year) and a time (hh:mm)")) }
        let summary = form.text("feedback.summary").flatMap(FeedbackSummary.init(rawValue:))
        if summary == nil { issues.append(.init(field: "feedback.summary", message: "is required")) }
        guard let channel, let givenAt, let summary, issues.isEmpty else { throw ValidationFailure(issues) }
        return (ReferrerFeedback(channel: channel, givenAt: givenAt, summary: summary, note: form.text("feedback.note")), send)
    }

    /// The decision the form describes, or the problems with it.
    static func decision(_ form: ScreenForm, referralId: UUID) throws -> DecideThreshold.Decision {
        var issues: [ValidationIssue] = []
        let kind = form.text("kind").flatMap(ThresholdDecisionKind.init(rawValue:))
        if kind == nil { issues.append(.init(field: "kind", message: "is required")) }
        let rating = form.text("ragRating").flatMap(RAGRating.init(rawValue:))
        guard let kind, issues.isEmpty else { throw ValidationFailure(issues) }
        return DecideThreshold.Decision(
            referralId: referralId, expectedVersion: form.version,
            decision: ThresholdDecision(kind: kind, rationale: form.text("rationale") ?? "", ragRating: kind.meetsThreshold ? rating : nil),
            shareWith: kind.meetsThreshold ? form.values("shareWith") : [], holdStrategyDiscussion: kind.meetsThreshold && form["holdStrategyDiscussion"] == "yes")
    }

    private func page(
        _ request: Request, _ context: HubRequestContext, caller: Caller, id: UUID, form: ScreenForm?, errors: FormErrors,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let t = kit.catalogue(context)
        let purpose = try await context.sessionTokenHash.asyncMap { try await kit.useCases.statePurpose.stated(scope: Self.scope(id), session: $0) }
            ?? nil
        let read = try await kit.useCases.readReferral(id, purpose: purpose ?? t["purpose.referral_screen"], trackerCandidates: false, by: caller)
        let identity = try caller.requireIdentity()
        var panel: ReadTrackerPanel.Panel?
        if let purpose, Permission.searchTracker.isGranted(to: identity.role) {
            panel = try await kit.useCases.readTrackerPanel(id, purpose: purpose, by: caller)
        }
        let agencies = try await kit.useCases.listAgencies(by: caller)
        let view = ReferralPageView(
            t: t, time: kit.time(context), now: kit.clock.now(), identity: identity, stored: read.referral, panel: panel,
            purposeStated: purpose != nil, agencies: agencies, form: form, errors: errors,
            justReceived: request.uri.queryParameters["received"] != nil, feedbackClock: read.feedbackClock, feedback: read.feedback,
            canSendEmail: kit.useCases.recordFeedback.canSendEmail && read.referral.referral.referrer.email != nil)
        return try kit.render("referral", page: kit.frame(request, context, title: view.title, errors: errors.frame), view: view, status: status)
    }
}

extension Optional {
    func asyncMap<Value>(_ transform: (Wrapped) async throws -> Value) async rethrows -> Value? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
