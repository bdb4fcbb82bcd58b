import Foundation
import HubData
import HubTracker
import HubWorkflow

/// The referral screen as the `referral` template draws it.
struct ReferralPageView: Sendable {
    struct Row: Sendable {
        let label: String
        let value: String
    }

    struct Subject: Sendable {
        let heading: String
        let rows: [Row]
    }

    struct Decision: Sendable {
        let heading: String
        let rows: [Row]
    }

    struct Link: Sendable {
        let label: String
        let href: String
    }

    let title: String
    let id: String
    let reference: String
    let statusLabel: String
    let justReceived: Bool
    /// Just received: the acknowledgement (reference, received time, what happens next).
    let acknowledgement: String?
    let summary: [Row]
    let referrer: [Row]
    let subjects: [Subject]
    let concern: [Row]
    let decisions: [Decision]
    let hasDecisions: Bool
    let incident: Link?
    /// On a MARAC referral, the incidents whose outcome raised it or was linked to it (its own incident's is `incident`).
    let maracOutcomes: [Link]
    let version: Int
    let decideForm: [FormField]
    let canDecide: Bool
    let ratifyForm: [FormField]
    let canRatify: Bool
    let panel: TrackerPanelView
    /// Feedback to the referrer (issue #20): where the clock stands (the chaser), the feedback given, and the form.
    let feedback: FeedbackPanel

    struct FeedbackPanel: Sendable {
        /// "Due by …", "Overdue: …", "Told on time", or the referrer on Hub; nil before a decision.
        let status: String?
        /// `notice--warning` when due soon or overdue, so the chaser stands out.
        let urgent: Bool
        let given: [Decision]
        let hasGiven: Bool
        let canRecord: Bool
        let form: [FormField]
    }

    init(
        t: MessageCatalogue, time: ScreenTime, now: Date, identity: Identity, stored: StoredReferral, panel: ReadTrackerPanel.Panel?,
        purposeStated: Bool, agencies: [Agency], form: ScreenForm?, errors: FormErrors, justReceived: Bool,
        feedbackClock: FeedbackClockStatus? = nil, feedback: [StoredFeedback] = [], canSendEmail: Bool = false
    ) {
        let referral = stored.referral
        id = stored.id.lowercased
        reference = stored.reference
        title = t.format("referral.title", ["reference": stored.reference, "form": t.label("form", referral.form.rawValue)])
        statusLabel = t.label("status", stored.status.rawValue)
        self.justReceived = justReceived
        acknowledgement = justReceived ? ReferralPageView.acknowledgement(stored, t: t, time: time) : nil
        var summary = [
            Row(label: t["referral.form"], value: t.label("form", referral.form.rawValue)),
            Row(label: t["referral.status"], value: statusLabel),
            Row(label: t["referral.received"], value: time.dateTime(referral.receivedAt)),
            Row(label: t["referral.channel"], value: t.label("channel", referral.channel.rawValue)),
            Row(label: t["referral.local_authority"], value: referral.localAuthority),
            Row(label: t["referral.service"], value: t.label("service", referral.service.rawValue)),
        ]
        if let dash = referral.dash {
            summary.append(Row(label: t["referral.dash"], value: t.format("referral.dash_value", [
                "score": String(dash.score), "level": t.label("dash", dash.riskLevel.rawValue)])))
        }
        self.summary = summary
        let agencyNames = agencies.namesByCode
        referrer = [
            Row(label: t["referral.referrer_name"], value: referral.referrer.name),
            Row(label: t["referral.referrer_role"], value: referral.referrer.role ?? "–"),
            Row(label: t["referral.referrer_agency"],
                value: referral.referrer.agency.map { agencyNames[$0] ?? $0 } ?? t["intake.member_of_public"]),
            Row(label: t["referral.referrer_contact"],
                value: [referral.referrer.phone, referral.referrer.email].compactMap { $0 }.joined(separator: " · ")),
        ]
        subjects = referral.subjects.map { Self.subject($0, t: t, time: time) }
        concern = [
            Row(label: t["referral.categories"], value: referral.concern.categories.map { t.label("concern", $0.rawValue) }.joined(separator: ", ")),
            Row(label: t["referral.summary"], value: referral.concern.summary),
            Row(label: t["referral.immediate_risk"], value: referral.concern.immediateRisk ? t["yes"] : t["no"]),
            Row(label: t["referral.consent"], value: t.label("consent", referral.consent.status.rawValue)
                + (referral.consent.reason.map { ": " + $0 } ?? "")),
        ]
        decisions = stored.decisions.map { decision in
            var rows = [
                Row(label: t["decision.kind"], value: t.label("decision", decision.decision.kind.rawValue)),
                Row(label: t["decision.rationale"], value: decision.decision.rationale),
                Row(label: t["decision.by"], value: t.format("decision.by_at", ["name": decision.decidedBy, "time": time.dateTime(decision.decidedAt)])),
            ]
            if let rating = decision.decision.ragRating { rows.insert(Row(label: t["decision.rag"], value: t.label("rag", rating.rawValue)), at: 1) }
            if let ratification = decision.ratification {
                rows.append(Row(label: t["decision.ratification"], value: t.label("verdict", ratification.verdict.rawValue)
                    + (ratification.note.map { ": " + $0 } ?? "")
                    + (decision.ratifiedBy.map { " (" + $0 + ")" } ?? "")))
            }
            return Decision(heading: time.dateTime(decision.decidedAt), rows: rows)
        }
        hasDecisions = !decisions.isEmpty
        incident = zip(stored.incidentId, stored.incidentReference).map {
            Link(label: t.format("referral.incident_link", ["reference": $1]), href: "/incidents/\($0.lowercased)")
        }
        maracOutcomes = stored.maracOutcomes.compactMap { Self.maracOutcome($0, t: t) }
        version = stored.version
        canDecide = stored.status == .received && Permission.writeReferrals.isGranted(to: identity.role)
        canRatify = stored.status == .awaitingRatification && Permission.ratifyDecisions.isGranted(to: identity.role)
        let values = form ?? ScreenForm(fields: [])
        func field(_ kind: FormField.Kind, _ name: String, _ label: String, hint: String? = nil, options: [(value: String, label: String)] = [])
            -> FormField {
            FormField(kind, name: name, label: t[label], hint: hint.map { t[$0] }, value: values[name], error: errors[name], options: options,
                      selected: kind == .checkboxes ? Set(values.values(name)) : [])
        }
        decideForm = [
            field(.radios, "kind", "decision.kind", options: ThresholdDecisionKind.allCases.map { ($0.rawValue, t.label("decision", $0.rawValue)) }),
            field(.textarea, "rationale", "decision.rationale", hint: "hint.rationale"),
            field(.radios, "ragRating", "decision.rag", hint: "hint.rag",
                  options: RAGRating.allCases.map { ($0.rawValue, t.label("rag_sla", $0.rawValue)) }),
            field(.checkboxes, "shareWith", "decision.share_with", hint: "hint.share_with",
                  options: agencies.filter(\.active).map { ($0.code, $0.name) }),
            field(.checkboxes, "holdStrategyDiscussion", "decision.hold_strategy", options: [("yes", t["decision.hold_strategy_yes"])]),
        ]
        ratifyForm = [
            field(.radios, "verdict", "ratify.verdict", options: RatificationVerdict.allCases.map { ($0.rawValue, t.label("verdict", $0.rawValue)) }),
            field(.textarea, "note", "ratify.note", hint: "hint.ratify_note"),
        ]
        self.feedback = Self.feedbackPanel(
            clock: feedbackClock, given: feedback, now: now, t: t, time: time,
            canRecord: feedbackClock != nil && Permission.writeReferrals.isGranted(to: identity.role), canSendEmail: canSendEmail,
            values: values, errors: errors)
        self.panel = TrackerPanelView(
            t: t, time: time, panel: panel, purposeStated: purposeStated, canSearch: Permission.searchTracker.isGranted(to: identity.role),
            reference: stored.reference, purposeValue: values["purpose"], purposeError: errors["purpose"])
    }

    /// The feedback section: the chaser, what was given, and the form to record feedback (now, in London time, by default).
    static func feedbackPanel(
        clock: FeedbackClockStatus?, given: [StoredFeedback], now: Date, t: MessageCatalogue, time: ScreenTime, canRecord: Bool,
        canSendEmail: Bool = false, values: ScreenForm, errors: FormErrors
    ) -> FeedbackPanel {
        var status: String?
        var urgent = false
        if let clock {
            let due = ["time": time.dateTime(clock.dueAt)]
            switch clock.state(at: now) {
            case .due: status = t.format("feedback.due", due)
            case .dueSoon: status = t.format("feedback.due_soon", due); urgent = true
            case .overdue: status = t.format("feedback.overdue", due); urgent = true
            case .met: status = clock.referrerOnHub ? t["feedback.through_hub"] : t["feedback.met"]
            case .breached: status = t["feedback.breached"]
            }
        }
        let rows = given.map { item in
            var rows = [
                Row(label: t["feedback.channel"], value: t.label("feedback_channel", item.channel.rawValue)),
                Row(label: t["feedback.summary"], value: t.label("feedback_summary", item.summary.rawValue)),
            ]
            if let note = item.note { rows.append(Row(label: t["feedback.note"], value: note)) }
            if item.delivery != .recorded && item.delivery != .hub {
                rows.append(Row(label: t["feedback.delivery"], value: t.label("feedback_delivery", item.delivery.rawValue)
                    + (item.recipientEmail.map { " (" + $0 + ")" } ?? "")))
            }
            rows.append(Row(label: t["feedback.recorded_by"], value: t.format("decision.by_at", ["name": item.recordedBy, "time": time.dateTime(item.recordedAt)])))
            return Decision(heading: time.dateTime(item.givenAt), rows: rows)
        }
        let parts = Calendar.london.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        func field(_ kind: FormField.Kind, _ name: String, _ label: String, hint: String? = nil, options: [(value: String, label: String)] = [],
                   value: String? = nil, width: String = "") -> FormField {
            FormField(kind, name: name, label: t[label], hint: hint.map { t[$0] }, value: values[name] ?? value,
                      error: errors[name] ?? (name == "feedback.givenAt.date" ? errors["feedback.givenAt"] : nil), options: options,
                      selected: kind == .checkboxes ? Set(values.values(name)) : [], width: width)
        }
        var form = [
            field(.radios, "feedback.channel", "feedback.channel",
                  options: FeedbackChannel.recordable.map { ($0.rawValue, t.label("feedback_channel", $0.rawValue)) }),
            field(.text, "feedback.givenAt.date", "feedback.given_date", hint: "hint.date",
                  value: String(format: "%02d/%02d/%04d", parts.day ?? 1, parts.month ?? 1, parts.year ?? 2000), width: "width-10"),
            field(.text, "feedback.givenAt.time", "feedback.given_time", hint: "hint.time",
                  value: String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0), width: "width-5"),
            field(.radios, "feedback.summary", "feedback.summary",
                  options: FeedbackSummary.allCases.map { ($0.rawValue, t.label("feedback_summary", $0.rawValue)) }),
            field(.textarea, "feedback.note", "feedback.note", hint: "hint.feedback_note"),
        ]
        if canSendEmail {
            form.append(field(.checkboxes, "feedback.send", "feedback.send", hint: "hint.feedback_send", options: [("yes", t["feedback.send_yes"])]))
        }
        return FeedbackPanel(status: status, urgent: urgent, given: rows, hasGiven: !rows.isEmpty, canRecord: canRecord, form: form)
    }

    /// "Raised from incident I-… (referral R-…)", linking to the incident; nil for the referral's own incident.
    static func maracOutcome(_ link: MARACOutcomeLink, t: MessageCatalogue) -> Link? {
        let values = ["incident": link.incidentReference, "referral": link.referralReference]
        switch link.how {
        case .created: return Link(label: t.format("referral.marac_raised_from", values), href: "/incidents/\(link.incidentId.lowercased)")
        case .linked: return Link(label: t.format("referral.marac_linked_from", values), href: "/incidents/\(link.incidentId.lowercased)")
        case .originating: return nil
        }
    }

    static func subject(_ subject: ReferralSubject, t: MessageCatalogue, time: ScreenTime) -> Subject {
        let name = [subject.forename, subject.surname].filter { !$0.isEmpty }.joined(separator: " ")
        var rows: [Row] = []
        if let born = subject.dateOfBirth { rows.append(Row(label: t["referral.date_of_birth"], value: time.date(born))) }
        if let expected = subject.expectedDateOfBirth { rows.append(Row(label: t["referral.expected_date_of_birth"], value: time.date(expected))) }
        rows.append(Row(label: t["referral.gender"], value: t.label("gender", subject.gender.rawValue)))
        if let nhs = subject.nhsNumber { rows.append(Row(label: t["referral.nhs_number"], value: nhs.formatted)) }
        let address = (subject.addressLines + [subject.town, subject.postcode?.normalised].compactMap { $0 }).joined(separator: ", ")
        if !address.isEmpty { rows.append(Row(label: t["referral.address"], value: address)) }
        if !subject.aliases.isEmpty { rows.append(Row(label: t["referral.aliases"], value: subject.aliases.joined(separator: ", "))) }
        return Subject(heading: t.format("referral.subject_heading", ["name": name.isEmpty ? t["referral.unnamed"] : name,
                                                                       "role": t.label("subject_role", subject.role.rawValue)]), rows: rows)
    }

    /// The acknowledgement the referral answered with, in the reader's language.
    static func acknowledgement(_ stored: StoredReferral, t: MessageCatalogue, time: ScreenTime) -> String {
        t.format("referral.acknowledgement", [
            "reference": stored.reference, "received": time.dateTime(stored.referral.receivedAt),
            "next": t.label("next_step", ReferralNextStep(form: stored.referral.form).rawValue),
        ])
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
