import Foundation
import HubData
import HubWorkflow

/// `GET /api/v1/sla-policies`: the calendar policy each SLA clock counts under, by identifier, with the version
/// (also the ETag), when it last changed, and every policy an administrator may choose.
struct SLAPoliciesView: Codable, Sendable {
    let red: String
    let amber: String
    let green: String
    let strategyDiscussion: String
    /// The clock for feedback to a referrer not on Hub (issue #20).
    let feedback: String
    let version: Int
    let changedAt: Date?
    let available: [String]

    init(_ settings: SLAPolicySettings) {
        let stored = settings.stored
        let choice = stored.policies.choice
        red = choice.red
        amber = choice.amber
        green = choice.green
        strategyDiscussion = choice.strategyDiscussion
        feedback = choice.feedback
        version = stored.version
        changedAt = stored.changedAt
        available = settings.available
    }
}
