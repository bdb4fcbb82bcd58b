import Foundation
import HubData
import HubWorkflow

/// The "referrals we made" table as the `referrals-made` template draws it.
struct ReferralsMadeView: Sendable {
    struct Row: Sendable {
        let reference: String
        let form: String
        let received: String
        let state: String
        /// The decision and when it was made; the catalogue's "not yet decided" until then.
        let decision: String
        /// Each recorded outcome; the catalogue's "none recorded" while there is none.
        let outcome: String
        /// The actions the user's agency owns: description, due date and state.
        let actions: [String]
        let hasActions: Bool
    }

    let rows: [Row]
    let isEmpty: Bool
    let nextHref: String?
    let justReceived: Bool
    /// The acknowledgement of the referral just received, when it is on this page (found by its reference).
    let acknowledgement: String?

    init(t: MessageCatalogue, time: ScreenTime, items: [ReferralMade], nextCursor: String?, received: String?) {
        rows = items.map { Self.row($0, t: t, time: time) }
        isEmpty = items.isEmpty
        nextHref = nextCursor.map { "/referrals-made?cursor=\($0)" }
        justReceived = received != nil
        acknowledgement = items.first { $0.reference == received }.map {
            t.format("referrals_made.acknowledgement", [
                "reference": $0.reference, "received": time.dateTime($0.receivedAt),
                "next": t.label("next_step", ReferralNextStep(form: $0.form).rawValue),
            ])
        }
    }

    static func row(_ made: ReferralMade, t: MessageCatalogue, time: ScreenTime) -> Row {
        let decision = made.decision.map {
            t.format("referrals_made.decided", ["decision": t.label("decision", $0.kind.rawValue), "time": time.dateTime($0.decidedAt)])
        }
        let outcomes = made.outcomes.map { t.label("outcome", $0.outcome.rawValue) }
        let actions = made.actions.map {
            t.format("referrals_made.action", [
                "description": $0.description, "due": time.date($0.dueDate), "state": t.label("action_state", $0.state.rawValue),
            ])
        }
        return Row(
            reference: made.reference, form: t.label("form", made.form.rawValue), received: time.dateTime(made.receivedAt),
            state: t.label("status", made.status.rawValue), decision: decision ?? t["referrals_made.not_decided"],
            outcome: outcomes.isEmpty ? t["referrals_made.no_outcome"] : outcomes.joined(separator: "; "),
            actions: actions, hasActions: !actions.isEmpty)
    }
}
