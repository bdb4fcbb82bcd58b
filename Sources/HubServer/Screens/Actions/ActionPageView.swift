import Foundation
import HubData
import HubWorkflow

/// One agreed action as the `action` template draws it: what, whose, when due, how it stands, and the form that marks
/// it done with a note while it is open.
struct ActionPageView: Sendable {
    let title: String
    let id: String
    let version: Int
    let status: String
    let statusKind: String
    let summary: [ReferralPageView.Row]
    let incidentHref: String?
    let canComplete: Bool
    let completionForm: [FormField]

    init(t: MessageCatalogue, time: ScreenTime, now: Date, stored: StoredStrategyAction, names: [String: String], canComplete: Bool,
         incidentHref: String?, form: ScreenForm?, errors: FormErrors) {
        let action = stored.action
        title = t.format("action.title", ["reference": stored.incidentReference])
        id = stored.id.lowercased
        version = stored.version
        let timeliness = action.timeliness(now: now)
        status = t.label("action_timeliness", timeliness.rawValue)
        statusKind = Self.tagKind(timeliness)
        var rows: [ReferralPageView.Row] = [
            .init(label: t["action.description"], value: action.description),
            .init(label: t["action.owner"], value: names[action.ownerAgency] ?? action.ownerAgency),
            .init(label: t["action.due"], value: time.date(action.dueDate)),
            .init(label: t["action.agreed"], value: time.dateTime(stored.agreedAt)),
            .init(label: t["action.incident"], value: stored.incidentReference),
        ]
        if let completion = action.completion {
            rows += [
                .init(label: t["action.done_at"], value: time.dateTime(completion.doneAt)),
                .init(label: t["action.done_by"], value: [stored.doneBy, stored.doneByAgency.map { names[$0] ?? $0 }].compactMap { $0 }
                    .joined(separator: ", ")),
                .init(label: t["action.note"], value: completion.note),
            ]
        }
        summary = rows
        self.incidentHref = incidentHref
        self.canComplete = canComplete && action.state == .open
        completionForm = [
            FormField(.textarea, name: "note", label: t["action.note_label"], hint: t["hint.action_note"], value: form?["note"], error: errors["note"]),
        ]
    }

    /// The tag colour of a timeliness (`overdue` and late red, done on time green, open grey).
    static func tagKind(_ timeliness: StrategyActionTimeliness) -> String {
        switch timeliness {
        case .open: return "grey"
        case .overdue, .doneLate: return "overdue"
        case .doneOnTime: return "green"
        }
    }
}
