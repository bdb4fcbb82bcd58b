import Foundation
import Mustache
import HubData
import HubWorkflow
import Hummingbird

/// The partner inbox: the share requests addressed to the user's agency, soonest due first with countdowns and
/// overdue ones marked, the latest answered and the latest withdrawn (their incident closed), and the answer form (information shared, nothing known, or declined with a reason).
/// Nothing from another agency is ever shown: the use cases only give the user's own agency's requests. MASH staff
/// see every agency's, and on another agency's request waiting for an answer the form to record the answer it gave by
/// phone, email, a meeting or a letter on its behalf (``RecordAnswerOnBehalf``); an answer recorded so says so.
struct PartnerInboxScreen {
    let kit: ScreenKit

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("inbox", use: list)
        router.get("inbox/:id", use: show)
        router.post("inbox/:id/answer", use: answer)
        router.post("inbox/:id/answer-on-behalf", use: answerOnBehalf)
    }

    @Sendable func list(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ListShareRequests.self)
        let waiting = try await kit.useCases.listShareRequests(state: .requested, limit: 200, by: caller)
        let answered = try await kit.useCases.listShareRequests(state: .answered, limit: 20, by: caller)
        let withdrawn = try await kit.useCases.listShareRequests(state: .withdrawn, limit: 20, by: caller)
        let t = kit.catalogue(context)
        let view = InboxView(t: t, time: kit.time(context), now: kit.clock.now(), waiting: waiting, answered: answered, withdrawn: withdrawn,
                             justAnswered: request.uri.queryParameters["answered"] != nil, refresh: request.uri.path)
        return try kit.render("inbox", page: kit.frame(request, context, title: t["inbox.title"]), view: view)
    }

    @Sendable func show(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReadShareRequest.self)
        return try await page(request, context, caller: caller, id: try context.parameters.require("id", as: UUID.self), form: nil, errors: .none)
    }

    @Sendable func answer(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: AnswerShareRequest.self)
        let id = try context.parameters.require("id", as: UUID.self)
        try await kit.useCases.answerShareRequest.authorize(id, by: caller)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        do {
            guard let kind = form.text("kind").flatMap(ShareResponseKind.init(rawValue:)) else {
                throw ValidationFailure(field: "kind", message: "is required")
            }
            _ = try await kit.useCases.answerShareRequest(
                ShareResponse(kind: kind, information: kind == .informationShared ? form.text("information") : nil,
                              reason: kind == .declined ? form.text("reason") : nil),
                to: id, by: caller)
            return ScreenResponse.redirect(to: "/inbox?answered")
        } catch {
            guard let refusal = kit.formRefusal(error, stateLabels: "request_state", field: "kind", inputId: "f-kind", context) else { throw error }
            return try await page(request, context, caller: caller, id: id, form: form, errors: refusal.errors, status: refusal.status)
        }
    }

    @Sendable func answerOnBehalf(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: RecordAnswerOnBehalf.self)
        let id = try context.parameters.require("id", as: UUID.self)
        try await kit.useCases.recordAnswerOnBehalf.authorize(id, by: caller)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        do {
            var issues: [ValidationIssue] = []
            let channel = form.text("channel").flatMap(AnswerChannel.init(rawValue:))
            if channel == nil { issues.append(ValidationIssue(field: "channel", message: "is required")) }
            var receivedAt: Date?
            if let day = form.text("receivedAt.date"), let time = form.text("receivedAt.time") {
                receivedAt = ReferralFormReading.londonInstant(day: day, time: time)
            }
            if receivedAt == nil {
                issues.append(ValidationIssue(field: "receivedAt", message: "must be a date (day/month/year) and a time (hh:mm)"))
            }
            let kind = form.text("kind").flatMap(ShareResponseKind.init(rawValue:))
            if kind == nil { issues.append(ValidationIssue(field: "kind", message: "is required")) }
            if form.text("contactName") == nil {
                issues.append(ValidationIssue(field: "contactName", message: "the contact at the agency is required"))
            }
            guard issues.isEmpty, let channel, let receivedAt, let kind else { throw ValidationFailure(issues) }
            let response = ShareResponse(kind: kind, information: kind == .informationShared ? form.text("information") : nil,
                                         reason: kind == .declined ? form.text("reason") : nil)
            _ = try await kit.useCases.recordAnswerOnBehalf(
                AnswerOnBehalf(response: response, channel: channel, contactName: form.text("contactName") ?? "", receivedAt: receivedAt),
                to: id, by: caller, toTheMinute: true)
            return ScreenResponse.redirect(to: "/inbox/\(id.lowercased)")
        } catch {
            guard let refusal = kit.formRefusal(error, stateLabels: "request_state", field: "kind", inputId: "f-kind", context) else { throw error }
            return try await page(request, context, caller: caller, id: id, form: form, errors: refusal.errors, status: refusal.status)
        }
    }

    private func page(
        _ request: Request, _ context: HubRequestContext, caller: Caller, id: UUID, form: ScreenForm?, errors: FormErrors,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let t = kit.catalogue(context)
        let item = try await kit.useCases.readShareRequest(id, purpose: t["purpose.share_request"], by: caller)
        let identity = try caller.requireIdentity()
        let names = try await kit.useCases.listAgencies(by: caller).namesByCode
        let view = ShareRequestView(t: t, time: kit.time(context), now: kit.clock.now(), item: item, identity: identity, names: names,
                                    form: form, errors: errors)
        return try kit.render("share-request", page: kit.frame(request, context, title: view.title, errors: errors.frame), view: view, status: status)
    }
}

/// The inbox as the `inbox` template draws it.
struct InboxView: Sendable {
    struct Row: Sendable {
        let href: String
        let reference: String
        let rag: String
        let ragKind: String
        let people: String
        let countdown: ScreenTime.Countdown?
        let status: String
    }

    let waiting: [Row]
    let hasWaiting: Bool
    let answered: [Row]
    let hasAnswered: Bool
    /// Requests withdrawn because their incident closed, most recent first: no answer is needed.
    let withdrawn: [Row]
    let hasWithdrawn: Bool
    let justAnswered: Bool
    let refresh: String

    init(t: MessageCatalogue, time: ScreenTime, now: Date, waiting: [PartnerShareRequest], answered: [PartnerShareRequest],
         withdrawn: [PartnerShareRequest], justAnswered: Bool, refresh: String) {
        func row(_ item: PartnerShareRequest) -> Row {
            let people = item.subjects.map { "\($0.forename) \($0.surname) (\(t.label("subject_role", $0.role.rawValue)))" }.joined(separator: ", ")
            let status = t.label("request", item.request.timeliness(now: now).rawValue)
            return Row(href: "/inbox/\(item.id.lowercased)", reference: item.incidentReference, rag: t.label("rag", item.rating.rawValue),
                       ragKind: item.rating.rawValue, people: people,
                       countdown: item.request.state == .requested ? time.countdown(to: item.request.dueAt, now: now) : nil, status: status)
        }
        self.waiting = waiting.map(row)
        hasWaiting = !waiting.isEmpty
        self.answered = answered.map(row)
        hasAnswered = !answered.isEmpty
        self.withdrawn = withdrawn.map(row)
        hasWithdrawn = !withdrawn.isEmpty
        self.justAnswered = justAnswered
        self.refresh = refresh
    }
}

/// One share request as the `share-request` template draws it.
struct ShareRequestView: Sendable {
    let title: String
    let id: String
    let summary: [ReferralPageView.Row]
    let people: [ReferralPageView.Subject]
    let countdown: ScreenTime.Countdown?
    let answered: Bool
    let canAnswer: Bool
    let answerForm: [FormField]
    /// MASH staff, on another agency's request still waiting: the form to record its answer on its behalf.
    let canRecordOnBehalf: Bool
    let onBehalfIntro: String
    let onBehalfForm: [FormField]

    init(t: MessageCatalogue, time: ScreenTime, now: Date, item: PartnerShareRequest, identity: Identity, names: [String: String],
         form: ScreenForm?, errors: FormErrors) {
        title = t.format("request.title", ["reference": item.incidentReference])
        id = item.id.lowercased
        let request = item.request
        let agencyName = names[item.agency] ?? item.agency
        let ownAgency = ShareRequestAccess.mayAnswer(identity, requestToAgencyCode: item.agency)
        summary = [
            .init(label: t["request.agency"], value: agencyName),
            .init(label: t["request.rag"], value: t.label("rag_sla", item.rating.rawValue)),
            .init(label: t["request.requested"], value: time.dateTime(request.requestedAt)),
            .init(label: t["request.due"], value: time.dateTime(request.dueAt)),
            .init(label: t["referral.categories"], value: item.concernCategories.map { t.label("concern", $0.rawValue) }.joined(separator: ", ")),
        ] + (request.state == .withdrawn
            ? [.init(label: t["inbox.status"], value: t.label("request", request.timeliness(now: now).rawValue))] : [])
          + (request.response.map { response in
            [.init(label: ownAgency ? t["request.your_answer"] : t["request.answer"], value: t.label("response", response.kind.rawValue)
                   + (response.information.map { ": " + $0 } ?? "") + (response.reason.map { ": " + $0 } ?? ""))]
        } ?? [])
          + (request.recordedOnBehalf.map { onBehalf in
            [.init(label: t["request.on_behalf"], value: OnBehalfWording.sentence(onBehalf, agency: agencyName, t: t, time: time))]
        } ?? [])
        people = item.subjects.map { subject in
            var rows: [ReferralPageView.Row] = []
            if let born = subject.dateOfBirth { rows.append(.init(label: t["referral.date_of_birth"], value: time.date(born))) }
            if let nhs = subject.nhsNumber { rows.append(.init(label: t["referral.nhs_number"], value: nhs.formatted)) }
            let address = (subject.addressLines + [subject.town, subject.postcode?.normalised].compactMap { $0 }).joined(separator: ", ")
            if !address.isEmpty { rows.append(.init(label: t["referral.address"], value: address)) }
            if !subject.aliases.isEmpty { rows.append(.init(label: t["referral.aliases"], value: subject.aliases.joined(separator: ", "))) }
            return ReferralPageView.Subject(
                heading: t.format("referral.subject_heading", ["name": "\(subject.forename) \(subject.surname)",
                                                               "role": t.label("subject_role", subject.role.rawValue)]), rows: rows)
        }
        countdown = request.state == .requested ? time.countdown(to: request.dueAt, now: now) : nil
        answered = request.state == .answered
        canAnswer = ownAgency && request.state == .requested
        canRecordOnBehalf = ShareRequestAccess.mayRecordOnBehalf(identity, ofRequestToAgencyCode: item.agency) && request.state == .requested
        onBehalfIntro = t.format("request.on_behalf_intro", ["agency": agencyName])
        let values = form ?? ScreenForm(fields: [])
        let parts = Calendar.london.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        onBehalfForm = [
            FormField(.radios, name: "channel", label: t["request.channel"], value: values["channel"], error: errors["channel"],
                      options: AnswerChannel.allCases.map { ($0.rawValue, t.label("answer_channel", $0.rawValue)) }),
            FormField(.text, name: "contactName", label: t["request.contact"], hint: t["hint.contact"], value: values["contactName"],
                      error: errors["contactName"]),
            FormField(.text, name: "receivedAt.date", label: t["request.received_date"], hint: t["hint.date"],
                      value: values["receivedAt.date"] ?? String(format: "%02d/%02d/%04d", parts.day ?? 1, parts.month ?? 1, parts.year ?? 2000),
                      error: errors["receivedAt.date"] ?? errors["receivedAt"], width: "width-10"),
            FormField(.text, name: "receivedAt.time", label: t["request.received_time"], hint: t["hint.time"],
                      value: values["receivedAt.time"] ?? String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0),
                      error: errors["receivedAt.time"], width: "width-5"),
            FormField(.radios, name: "kind", label: t["request.on_behalf_kind"], value: values["kind"], error: errors["kind"],
                      options: ShareResponseKind.allCases.map { ($0.rawValue, t.label("response", $0.rawValue)) }),
            FormField(.textarea, name: "information", label: t["request.information"], hint: t["hint.information_on_behalf"],
                      value: values["information"],
                      error: errors["information"]),
            FormField(.textarea, name: "reason", label: t["request.reason"], hint: t["hint.decline_reason"], value: values["reason"],
                      error: errors["reason"]),
        ]
        answerForm = [
            FormField(.radios, name: "kind", label: t["request.answer_kind"], value: values["kind"], error: errors["kind"],
                      options: ShareResponseKind.allCases.map { ($0.rawValue, t.label("response", $0.rawValue)) }),
            FormField(.textarea, name: "information", label: t["request.information"], hint: t["hint.information"], value: values["information"],
                      error: errors["information"]),
            FormField(.textarea, name: "reason", label: t["request.reason"], hint: t["hint.decline_reason"], value: values["reason"],
                      error: errors["reason"]),
        ]
    }
}

// A row names its fields to the template directly, rather than through reflection (see `IncidentBoardView.Row`).
extension InboxView.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "reference": reference
        case "rag": rag
        case "ragKind": ragKind
        case "people": people
        case "countdown": countdown
        case "status": status
        default: nil
        }
    }
}

/// How every screen words an answer MASH staff recorded on an agency's behalf: "Recorded by <recorder> on behalf of
/// <agency>, received by <channel> from <contact> at <time>", in the page's language.
enum OnBehalfWording {
    static func sentence(_ onBehalf: RecordedOnBehalf, agency: String, t: MessageCatalogue, time: ScreenTime) -> String {
        t.format("request.on_behalf_sentence", [
            "recorder": onBehalf.recordedByName, "agency": agency, "channel": t.label("answer_channel_received", onBehalf.channel.rawValue),
            "contact": onBehalf.contactName, "time": time.dateTime(onBehalf.receivedAt),
        ])
    }
}
