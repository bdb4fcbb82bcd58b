import Foundation
import HubData
import HubWorkflow

/// The incident screen as the `incident` template draws it.
struct IncidentPageView: Sendable {
    struct Request: Sendable {
        let agency: String
        let requested: String
        let status: String
        let response: String?
        let countdown: ScreenTime.Countdown?
        let chaseHref: String?
        let chases: String?
        /// MASH staff, on another agency's request still waiting: where to record the answer it gave another way.
        let onBehalfHref: String?
    }

    struct Discussion: Sendable {
        let heading: String
        let rows: [ReferralPageView.Row]
    }

    struct Event: Sendable {
        let when: String
        let what: String
    }

    struct Rows: Sendable {
        let fields: [FormField]
    }

    let title: String
    let id: String
    let version: Int
    let rag: String
    let ragKind: String
    let state: String
    let breached: Bool
    let summary: [ReferralPageView.Row]
    let referralHref: String
    /// The MARAC referral the incident's `marac_referral` outcome stands for, and how.
    let maracReferral: ReferralPageView.Link?
    let requests: [Request]
    let hasRequests: Bool
    let strategyCountdown: ScreenTime.Countdown?
    let discussions: [Discussion]
    /// The actions the discussions agreed, as they stand (overdue ones tagged).
    let agreedActions: [ActionListView.Row]
    let hasAgreedActions: Bool
    let timeline: [Event]
    let canChange: Bool
    let canReRate: Bool
    let canAsk: Bool
    let canHold: Bool
    let canDiscuss: Bool
    let canClose: Bool
    let closeIntro: String
    let closeForm: [FormField]
    let rateForm: [FormField]
    let askForm: [FormField]
    let discussionForm: [FormField]
    let attendees: [Rows]
    let actions: [Rows]
    let discussionNotes: [FormField]

    init(t: MessageCatalogue, time: ScreenTime, now: Date, identity: Identity, stored: StoredIncident, timeline entries: [TimelineEntry],
         agencies: [Agency], form: ScreenForm?, errors: FormErrors) {
        let incident = stored.incident
        title = t.format("incident.title", ["reference": stored.reference])
        id = stored.id.lowercased
        version = stored.version
        rag = t.label("rag", incident.rating.rawValue)
        ragKind = incident.rating.rawValue
        state = t.label("incident_state", incident.state.rawValue)
        breached = stored.breached
        var summary: [ReferralPageView.Row] = [
            .init(label: t["incident.referral"], value: stored.referralReference),
            .init(label: t["referral.form"], value: t.label("form", incident.form.rawValue)),
            .init(label: t["referral.service"], value: t.label("service", incident.service.rawValue)),
            .init(label: t["referral.local_authority"], value: stored.localAuthority),
            .init(label: t["incident.opened"], value: time.dateTime(incident.openedAt)),
        ] + stored.ratings.map {
            .init(label: t.format("incident.rated", ["rag": t.label("rag", $0.rating.rawValue)]),
                  value: "\($0.rationale) (\($0.ratedBy), \(time.dateTime($0.ratedAt)))")
        }
        if let closure = stored.closure, let closedAt = stored.closedAt {
            summary.append(.init(label: t["incident.closed"], value: time.dateTime(closedAt) + (closure.closedBy.map { " (" + $0 + ")" } ?? "")))
            if let outcome = closure.closure.outcome {
                summary.append(.init(label: t["incident.close_outcome"], value: t.label("closure_outcome", outcome.rawValue)))
            }
            if let reason = closure.closure.reason { summary.append(.init(label: t["incident.close_reason"], value: reason)) }
            if let risk = closure.closure.adultRisk { summary.append(.init(label: t["incident.adult_risk"], value: t.label("adult_risk", risk.rawValue))) }
        }
        self.summary = summary
        referralHref = "/referrals/\(stored.referralId.lowercased)"
        maracReferral = stored.maracReferral.map { Self.maracReferral($0, t: t) }
        let names = agencies.namesByCode
        let mayChange = Permission.writeReferrals.isGranted(to: identity.role)
        requests = Self.requests(stored, t: t, time: time, now: now, names: names, mayChange: mayChange, identity: identity)
        hasRequests = !requests.isEmpty
        strategyCountdown = stored.strategyDiscussionDueAt.map { time.countdown(to: $0, now: now) }
        discussions = Self.discussions(stored, t: t, time: time, names: names)
        agreedActions = stored.actions.map { ActionListView.row($0, t: t, time: time, now: now, names: names) }
        hasAgreedActions = !agreedActions.isEmpty
        timeline = Self.timeline(entries, t: t, time: time, names: names)
        let open = incident.state != .closed
        canChange = mayChange && open
        canReRate = canChange && incident.state.allowsReRating
        let asked = Set(stored.shareRequests.map(\.agency))
        let askable = agencies.filter { $0.active && !asked.contains($0.code) }
        canAsk = canChange && !askable.isEmpty
        canHold = canChange && stored.strategyDiscussionDueAt == nil && stored.strategyDiscussions.isEmpty
        canDiscuss = canChange
        canClose = mayChange && (try? incident.state.applying(.close)) != nil
        let unanswered = stored.shareRequests.filter { $0.request.state == .requested }.count
        closeIntro = (incident.state == .outcomeRecorded ? t["incident.close_intro"] : t["incident.close_intro_without_outcome"])
            + (unanswered > 0 ? " " + t.format("incident.close_withdraws", count: unanswered, [:]) : "")
        let values = form ?? ScreenForm(fields: [])
        func field(_ kind: FormField.Kind, _ name: String, _ label: String, hint: String? = nil, options: [(value: String, label: String)] = [],
                   value: String? = nil, width: String = "") -> FormField {
            FormField(kind, name: name, label: t[label], hint: hint.map { t[$0] }, value: values[name] ?? value,
                      error: errors[name] ?? (name == "heldAt.date" ? errors["heldAt"] : nil),
                      options: options, selected: kind == .checkboxes ? Set(values.values(name)) : [], width: width)
        }
        rateForm = [
            field(.radios, "rag", "incident.new_rag", options: RAGRating.allCases.map { ($0.rawValue, t.label("rag_sla", $0.rawValue)) }),
            field(.textarea, "rationale", "incident.rationale", hint: "hint.rerate"),
        ]
        closeForm = Self.closeForm(incident, t: t) { field($0, $1, $2, hint: $3, options: $4) }
        askForm = [field(.checkboxes, "agencies", "incident.ask_agencies", options: askable.map { ($0.code, $0.name) })]
        let agencyOptions = [("", t["choose"])] + agencies.filter(\.active).map { ($0.code, $0.name) }
        let parts = Calendar.london.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        let outcomes = OutcomeList.outcomes(in: OutcomeList.permitted(service: incident.service, form: incident.form, kind: .domesticAbuseDailyDiscussion))
        let allowed = incident.form.isDomesticAbuse ? outcomes : OutcomeList.outcomes(in: [OutcomeList(incident.service)])
        discussionForm = [
            field(.select, "kind", "discussion.kind", options: StrategyDiscussionKind.allCases.map { ($0.rawValue, t.label("discussion_kind", $0.rawValue)) }),
            field(.text, "heldAt.date", "discussion.held_date", hint: "hint.date",
                  value: String(format: "%02d/%02d/%04d", parts.day ?? 1, parts.month ?? 1, parts.year ?? 2000), width: "width-10"),
            field(.text, "heldAt.time", "discussion.held_time", hint: "hint.time",
                  value: String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0), width: "width-5"),
            field(.text, "chair.name", "discussion.chair_name", value: identity.displayName),
            field(.select, "chair.agency", "discussion.chair_agency", options: agencyOptions, value: identity.agencyCode),
        ]
        attendees = (0..<StrategyDiscussionFormReading.attendeeRows).map { index in
            Rows(fields: [
                field(.text, "attendees[\(index)].name", "discussion.attendee_name"),
                field(.select, "attendees[\(index)].agency", "discussion.attendee_agency", options: agencyOptions),
            ])
        }
        discussionNotes = [
            field(.textarea, "informationConsidered", "discussion.information"),
            field(.textarea, "decisions", "discussion.decisions"),
            field(.select, "outcome", "discussion.outcome", hint: "hint.outcome",
                  options: [("", t["discussion.outcome_later"])] + allowed.map { ($0.rawValue, t.label("outcome", $0.rawValue)) }),
        ]
        actions = (0..<StrategyDiscussionFormReading.actionRows).map { index in
            Rows(fields: [
                field(.text, "actions[\(index)].description", "discussion.action_description"),
                field(.select, "actions[\(index)].ownerAgency", "discussion.action_owner", options: agencyOptions),
                field(.text, "actions[\(index)].dueDate", "discussion.action_due", hint: "hint.date", width: "width-10"),
            ])
        }
    }

    /// "MARAC referral R-… (raised by this incident's discussion)", linking to it.
    static func maracReferral(_ link: MARACReferralLink, t: MessageCatalogue) -> ReferralPageView.Link {
        let values = ["reference": link.referralReference]
        let label: String
        switch link.how {
        case .created: label = t.format("incident.marac_created", values)
        case .linked: label = t.format("incident.marac_linked", values)
        case .originating: label = t.format("incident.marac_originating", values)
        }
        return ReferralPageView.Link(label: label, href: "/referrals/\(link.referralId.lowercased)")
    }

    /// The closing form: the closure outcome and a reason when no strategy discussion's outcome is recorded (else an
    /// optional reason), and for an adult what became of the risk.
    static func closeForm(
        _ incident: Incident, t: MessageCatalogue,
        field: (FormField.Kind, String, String, String?, [(value: String, label: String)]) -> FormField
    ) -> [FormField] {
        var fields: [FormField] = []
        if incident.state == .outcomeRecorded {
            fields.append(field(.textarea, "closure.reason", "incident.close_reason_optional", nil, []))
        } else {
            fields.append(field(.radios, "closure.outcome", "incident.close_outcome", "hint.close_outcome",
                                ClosureOutcome.allCases.map { ($0.rawValue, t.label("closure_outcome", $0.rawValue)) }))
            fields.append(field(.textarea, "closure.reason", "incident.close_reason", "hint.close_reason", []))
        }
        if incident.service == .adults {
            fields.append(field(.radios, "closure.adultRisk", "incident.adult_risk", "hint.adult_risk",
                                AdultRiskAtClosure.allCases.map { ($0.rawValue, t.label("adult_risk", $0.rawValue)) }))
        }
        return fields
    }

    static func requests(_ incident: StoredIncident, t: MessageCatalogue, time: ScreenTime, now: Date, names: [String: String],
                         mayChange: Bool, identity: Identity) -> [Request] {
        incident.shareRequests.map { stored in
            let request = stored.request
            let status = t.label("request", request.timeliness(now: now).rawValue)
            let agency = names[stored.agency] ?? stored.agency
            let response = request.response.map { response in
                let answer = t.label("response", response.kind.rawValue) + (response.information.map { ": " + $0 } ?? "")
                    + (response.reason.map { ": " + $0 } ?? "")
                if let onBehalf = request.recordedOnBehalf {
                    return answer + " (" + OnBehalfWording.sentence(onBehalf, agency: agency, t: t, time: time) + ")"
                }
                return answer + (stored.answeredBy.map { " (" + $0 + ")" } ?? "")
            }
            let mayRecord = mayChange && request.state == .requested
                && ShareRequestAccess.mayRecordOnBehalf(identity, ofRequestToAgencyCode: stored.agency)
            return Request(
                agency: agency, requested: time.dateTime(request.requestedAt), status: status, response: response,
                countdown: request.state == .requested ? time.countdown(to: request.dueAt, now: now) : nil,
                chaseHref: mayChange && request.state == .requested ? "/incidents/\(stored.incidentId.lowercased)/share-requests/\(stored.id.lowercased)/chase" : nil,
                chases: request.chaseCount > 0 ? t.format("request.chased", count: request.chaseCount, [:]) : nil,
                onBehalfHref: mayRecord ? "/inbox/\(stored.id.lowercased)#on-behalf" : nil)
        }
    }

    static func discussions(_ incident: StoredIncident, t: MessageCatalogue, time: ScreenTime, names: [String: String]) -> [Discussion] {
        incident.strategyDiscussions.map { stored in
            let discussion = stored.discussion
            var rows: [ReferralPageView.Row] = [
                .init(label: t["discussion.chair"], value: "\(discussion.chair.name) (\(names[discussion.chair.agency] ?? discussion.chair.agency))"),
                .init(label: t["discussion.attendees"], value: discussion.attendees.map { "\($0.name) (\(names[$0.agency] ?? $0.agency))" }
                    .joined(separator: "\n")),
                .init(label: t["discussion.information"], value: discussion.informationConsidered),
                .init(label: t["discussion.decisions"], value: discussion.decisions),
                .init(label: t["discussion.outcome"], value: discussion.outcome.map { t.label("outcome", $0.rawValue) } ?? t["discussion.no_outcome"]),
            ]
            if !discussion.actions.isEmpty {
                rows.append(.init(label: t["discussion.actions"], value: discussion.actions.map {
                    t.format("discussion.action_line", ["what": $0.description, "agency": names[$0.ownerAgency] ?? $0.ownerAgency,
                                                        "due": time.date($0.dueDate)])
                }.joined(separator: "\n")))
            }
            return Discussion(heading: t.format("discussion.heading_at", ["kind": t.label("discussion_kind", discussion.kind.rawValue),
                                                                         "time": time.dateTime(discussion.heldAt)]), rows: rows)
        }
    }

    static func timeline(_ entries: [TimelineEntry], t: MessageCatalogue, time: ScreenTime, names: [String: String]) -> [Event] {
        entries.reversed().map { entry in
            let detail = entry.detail.sorted { $0.key < $1.key }.map { key, value in
                t.messages["timeline_detail.\(key)"].map {
                    "\($0): \(Self.detailValue(key, value, of: entry.kind, t: t, time: time, names: names))"
                } ?? ""
            }.filter { !$0.isEmpty }.joined(separator: "; ")
            let who = [entry.actor, entry.actorAgency.map { names[$0] ?? $0 }].compactMap { $0 }.joined(separator: ", ")
            return Event(when: time.dateTime(entry.occurredAt),
                         what: t.label("timeline", entry.kind) + (who.isEmpty ? "" : " – " + who) + (detail.isEmpty ? "" : " (" + detail + ")"))
        }
    }

    /// A timeline entry's detail value in words: codes through the catalogue, dates in the reader's time, agencies by
    /// name. Feedback to the referrer (`fed_back`) names its channel, summary, delivery and clock in its own terms.
    static func detailValue(
        _ key: String, _ value: String, of kind: String, t: MessageCatalogue, time: ScreenTime, names: [String: String]
    ) -> String {
        if kind == TimelineEventKind.fedBack.rawValue {
            switch key {
            case "channel": return t.label("feedback_channel", value)
            case "summary": return t.label("feedback_summary", value)
            case "delivery": return t.label("feedback_delivery", value)
            case "clock": return t.label("report_value", value)
            default: break
            }
        }
        switch key {
        case "due", "deadline": return HubDateFormat.date(from: value).map(time.dateTime) ?? value
        case "agency": return names[value] ?? value
        case "rag", "from", "to": return t.label("rag", value)
        case "response": return t.label("response", value)
        case "outcome": return t.label("outcome", value)
        case "closureOutcome": return t.label("closure_outcome", value)
        case "adultRisk": return t.label("adult_risk", value)
        case "decision": return t.label("decision", value)
        case "kind": return t.label("discussion_kind", value)
        case "verdict": return t.label("verdict", value)
        case "onTime": return value == "yes" ? t["yes"] : t["no"]
        case "channel": return t.label("answer_channel", value)
        case "receivedAt": return HubDateFormat.date(from: value).map(time.dateTime) ?? value
        default: return value
        }
    }
}
