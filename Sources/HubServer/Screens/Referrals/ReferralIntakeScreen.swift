import Foundation
import HubData
import HubWorkflow
import Hummingbird

/// Referral intake in the browser: C1, A1, PPN (with the DASH score) and MARAC, people added and removed without
/// script, problems shown in a summary at the top linked to each field and beside the field. The form becomes
/// the API's JSON, so the same decoding, validation and use case apply; its token makes a double submit one
/// referral.
struct ReferralIntakeScreen {
    let kit: ScreenKit

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("referrals/new", use: show)
        router.post("referrals/new", use: submit)
    }

    /// What a new form of each kind starts with.
    static func defaultRoles(_ form: ReferralForm) -> [SubjectRole] {
        switch form {
        case .c1: return [.child, .parentCarer]
        case .a1: return [.adultAtRisk]
        case .ppn, .marac: return [.victim, .allegedPersonCausingHarm]
        }
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReceiveReferral.self)
        let kind = request.uri.queryParameters["form"].flatMap { ReferralForm(rawValue: String($0)) } ?? .c1
        let now = kit.clock.now()
        let parts = Calendar.london.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        var fields: [(name: String, value: String)] = [
            ("form", kind.rawValue),
            ("receivedAt.date", String(format: "%02d/%02d/%04d", parts.day ?? 1, parts.month ?? 1, parts.year ?? 2000)),
            ("receivedAt.time", String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)),
            ("idempotencyKey", CSRFToken.random()),
        ]
        for (index, role) in Self.defaultRoles(kind).enumerated() { fields.append(("subjects[\(index)].role", role.rawValue)) }
        // A partner refers as its own agency (``ReceiveReferral``): the form starts with the user as the referrer.
        if let identity = caller.identity, identity.role == .partnerResponder {
            fields += [("referrer.name", identity.displayName), ("referrer.agency", identity.agencyCode)]
        }
        return try await page(request, context, caller: caller, form: ScreenForm(fields: fields), subjects: Self.defaultRoles(kind).count,
                              errors: .none)
    }

    @Sendable func submit(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReceiveReferral.self)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        var subjects = max(1, ReferralFormReading.subjectCount(form))
        let action = form["action"] ?? "submit"
        if action == "add-subject" {
            return try await page(request, context, caller: caller, form: form, subjects: min(subjects + 1, 20), errors: .none)
        }
        if action.hasPrefix("remove-"), let index = Int(action.dropFirst("remove-".count)) {
            let kept = Self.removing(subject: index, from: form)
            subjects = max(1, subjects - 1)
            return try await page(request, context, caller: caller, form: kept, subjects: subjects, errors: .none)
        }
        let (json, issues) = ReferralFormReading.document(form, subjects: subjects)
        do {
            guard issues.isEmpty else { throw ValidationFailure(issues) }
            let draft = try HubJSONDecoder.decode(ReferralDraft.self, from: json)
            let claim = form.text("idempotencyKey").map { ReceiveReferral.IdempotencyClaim(key: $0, body: json) }
            switch try await kit.useCases.receiveReferral(draft, idempotency: claim, by: caller) {
            case let .created(stored, _, _):
                // The MASH reads the referral itself; a partner who referred sees it first in their referrals made.
                guard (caller.identity.map { Permission.readReferrals.isGranted(to: $0.role) } ?? false) else {
                    return ScreenResponse.redirect(to: "/referrals-made?received=\(stored.reference)")
                }
                return ScreenResponse.redirect(to: "/referrals/\(stored.id.lowercased)?received")
            case let .replayed(_, body):
                let id = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["id"] as? String
                guard (caller.identity.map { Permission.readReferrals.isGranted(to: $0.role) } ?? false) else { return ScreenResponse.redirect(to: "/referrals-made") }
                return ScreenResponse.redirect(to: id.map { "/referrals/\($0)" } ?? "/referrals")
            }
        } catch let failure as ValidationFailure {
            return try await page(request, context, caller: caller, form: form, subjects: subjects,
                                  errors: FormErrors(kit.fieldErrors(failure, context)), status: .unprocessableContent)
        } catch let problem as Problem where !problem.errors.isEmpty {
            return try await page(request, context, caller: caller, form: form, subjects: subjects,
                                  errors: FormErrors(kit.fieldErrors(ValidationFailure(problem.errors), context)), status: .unprocessableContent)
        }
    }

    /// The form without subject `index` (later subjects move up one place).
    static func removing(subject index: Int, from form: ScreenForm) -> ScreenForm {
        ScreenForm(fields: form.fields.compactMap { field in
            guard field.name.hasPrefix("subjects[") else { return field }
            let digits = field.name.dropFirst("subjects[".count).prefix { $0.isNumber }
            guard let position = Int(digits) else { return field }
            if position == index { return nil }
            if position < index { return field }
            let rest = field.name.dropFirst("subjects[".count + digits.count)
            return ("subjects[\(position - 1)" + rest, field.value)
        })
    }

    private func page(
        _ request: Request, _ context: HubRequestContext, caller: Caller, form: ScreenForm, subjects: Int, errors: FormErrors,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let t = kit.catalogue(context)
        let agencies = try await kit.useCases.listAgencies(by: caller)
        let view = ReferralIntakeView(t: t, form: form, subjects: subjects, agencies: agencies, errors: errors)
        return try kit.render("referral-new", page: kit.frame(request, context, title: view.title, errors: errors.frame), view: view, status: status)
    }
}
