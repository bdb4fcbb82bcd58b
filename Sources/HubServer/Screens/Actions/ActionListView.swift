import Foundation
import HubData
import HubWorkflow

/// The actions list as the `actions` template draws it: overdue, open and recently done, each a table.
struct ActionListView: Sendable {
    struct Row: Sendable {
        let href: String
        let reference: String
        let description: String
        let agency: String
        let due: String
        let status: String
        let statusKind: String
        let done: String?
        /// What was done, once it is.
        let note: String?
    }

    let overdue: [Row]
    let hasOverdue: Bool
    let open: [Row]
    let hasOpen: Bool
    let done: [Row]
    let hasDone: Bool
    /// The MASH sees every agency's actions: the tables name the owner agency.
    let everyAgency: Bool
    let justDone: Bool

    init(t: MessageCatalogue, time: ScreenTime, now: Date, open: [StoredStrategyAction], done: [StoredStrategyAction],
         names: [String: String], everyAgency: Bool, justDone: Bool) {
        let rows = open.map { ActionListView.row($0, t: t, time: time, now: now, names: names) }
        overdue = zip(open, rows).filter { $0.0.action.isOverdue(now: now) }.map(\.1)
        self.open = zip(open, rows).filter { !$0.0.action.isOverdue(now: now) }.map(\.1)
        self.done = done.map { ActionListView.row($0, t: t, time: time, now: now, names: names) }
        hasOverdue = !overdue.isEmpty
        hasOpen = !self.open.isEmpty
        hasDone = !self.done.isEmpty
        self.everyAgency = everyAgency
        self.justDone = justDone
    }

    static func row(_ stored: StoredStrategyAction, t: MessageCatalogue, time: ScreenTime, now: Date, names: [String: String]) -> Row {
        let action = stored.action
        let timeliness = action.timeliness(now: now)
        return Row(
            href: "/actions/\(stored.id.lowercased)", reference: stored.incidentReference, description: action.description,
            agency: names[action.ownerAgency] ?? action.ownerAgency, due: time.date(action.dueDate),
            status: t.label("action_timeliness", timeliness.rawValue), statusKind: ActionPageView.tagKind(timeliness),
            done: action.completion.map { time.dateTime($0.doneAt) }, note: action.completion?.note)
    }
}
