import Foundation
import HubData
import HubWorkflow

/// An agreed action as the API shows it: whether it is overdue is worked out at the moment of the response.
struct ActionView: Codable, Sendable {
    struct Completion: Codable, Sendable {
        let note: String
        let doneAt: Date
        /// The username of whoever marked it done, and their agency.
        let doneBy: String?
        let doneByAgency: String?
        /// Done by the end of the due day in London.
        let onTime: Bool
    }

    let id: UUID
    let incidentId: UUID
    let incidentReference: String
    let discussionId: UUID
    let agreedAt: Date
    let ownerAgency: String
    let description: String
    let dueDate: CalendarDate
    let state: StrategyActionState
    let overdue: Bool
    let completion: Completion?
    let version: Int

    init(_ stored: StoredStrategyAction, now: Date) {
        let action = stored.action
        id = stored.id
        incidentId = stored.incidentId
        incidentReference = stored.incidentReference
        discussionId = stored.discussionId
        agreedAt = stored.agreedAt
        ownerAgency = action.ownerAgency
        description = action.description
        dueDate = action.dueDate
        state = action.state
        overdue = action.isOverdue(now: now)
        completion = action.completion.map {
            Completion(note: $0.note, doneAt: $0.doneAt, doneBy: stored.doneBy, doneByAgency: stored.doneByAgency, onTime: $0.onTime)
        }
        version = stored.version
    }
}
