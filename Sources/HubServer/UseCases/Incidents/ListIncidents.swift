import Foundation
import HubData
import HubWorkflow

/// The MASH board: open and closed incidents by rating and state, optionally only those with a breached clock
/// (audited with the count shown).
public struct ListIncidents: UseCase {
    public static let access = AccessRule.permission(.readReferrals)

    let stores: Stores
    let recorder: AuditRecorder

    public struct Filter: Sendable {
        public var rating: RAGRating?
        public var state: IncidentState?
        public var breached: Bool?
        public var limit: Int

        public init(rating: RAGRating? = nil, state: IncidentState? = nil, breached: Bool? = nil, limit: Int = 50) {
            self.rating = rating
            self.state = state
            self.breached = breached
            self.limit = limit
        }
    }

    public func callAsFunction(_ filter: Filter, by caller: Caller) async throws -> [IncidentSummary] {
        try authorize(caller)
        let items = try await stores.incidents.list(rating: filter.rating, state: filter.state, breached: filter.breached, limit: filter.limit)
        try await recorder.record(caller, action: "incident.list", objectType: "incident", objectId: nil, detail: ["count": "\(items.count)"])
        return items
    }
}
