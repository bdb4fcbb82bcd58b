import Foundation
import HubWorkflow
import PostgresNIO

/// A line of the MASH's incident board: the incident, each share request's state and due time, and the strategy
/// discussion's due time.
public struct BoardIncident: Sendable, Hashable {
    public struct Request: Sendable, Hashable {
        public let agency: String
        public let state: ShareRequestState
        public let dueAt: Date
        public let answeredAt: Date?
        public let answeredOnTime: Bool?
    }

    public let id: UUID
    public let reference: String
    public let referralId: UUID
    public let referralReference: String
    public let form: ReferralForm
    public let rating: RAGRating
    public let state: IncidentState
    public let openedAt: Date
    /// The soonest due time of the clocks still running.
    public let nextDueAt: Date?
    public let breached: Bool
    public let strategyDiscussionDueAt: Date?
    public let requests: [Request]
}

extension IncidentStore {
    /// What the board filters by (all optional).
    public struct BoardFilter: Sendable {
        public var rating: RAGRating?
        /// Nil: every state but closed.
        public var state: IncidentState?
        /// Only incidents that asked this agency (code).
        public var agency: String?
        public var limit: Int

        public init(rating: RAGRating? = nil, state: IncidentState? = nil, agency: String? = nil, limit: Int = 500) {
            self.rating = rating
            self.state = state
            self.agency = agency
            self.limit = limit
        }
    }

    /// The board: breached first, then by the soonest due time, in one query.
    public func board(_ filter: BoardFilter) async throws -> [BoardIncident] {
        try await database.query(
            """
            SELECT i.id, i.reference, r.id, r.reference, i.form, i.rag, i.state, i.opened_at, clocks.next_due, clocks.breached,
                   clocks.strategy_due,
                   coalesce(requests.agencies, '{}'), coalesce(requests.states, '{}'), coalesce(requests.dues, '{}'),
                   coalesce(requests.answered, '{}'), coalesce(requests.on_time, '{}')
            FROM incidents i
            JOIN referrals r ON r.id = i.referral_id
            CROSS JOIN LATERAL (
                SELECT min(c.due_at) FILTER (WHERE c.outcome IS NULL) AS next_due,
                       coalesce(bool_or(c.breached_at IS NOT NULL OR c.outcome = 'breached'), false) AS breached,
                       min(c.due_at) FILTER (WHERE c.outcome IS NULL AND c.purpose = 'strategy_discussion') AS strategy_due
                FROM sla_clocks c WHERE c.incident_id = i.id
            ) clocks
            LEFT JOIN LATERAL (
                SELECT array_agg(a.code ORDER BY a.code) AS agencies, array_agg(s.state ORDER BY a.code) AS states,
                       array_agg(s.due_at ORDER BY a.code) AS dues,
                       array_agg(coalesce(to_char(s.answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '') ORDER BY a.code) AS answered,
                       array_agg(coalesce(s.answered_on_time::text, '') ORDER BY a.code) AS on_time
                FROM share_requests s JOIN agencies a ON a.id = s.agency_id WHERE s.incident_id = i.id
            ) requests ON true
            WHERE (\(filter.rating?.rawValue)::text IS NULL OR i.rag = \(filter.rating?.rawValue))
              AND (CASE WHEN \(filter.state?.rawValue)::text IS NULL THEN i.state <> 'closed' ELSE i.state = \(filter.state?.rawValue) END)
              AND (\(filter.agency)::text IS NULL OR EXISTS (
                    SELECT 1 FROM share_requests s JOIN agencies a ON a.id = s.agency_id
                    WHERE s.incident_id = i.id AND a.code = \(filter.agency)))
            ORDER BY clocks.breached DESC, clocks.next_due NULLS LAST, i.opened_at DESC, i.id
            LIMIT \(filter.limit)
            """
        ).map { row in
            let (id, reference, referralId, referralReference, form, rag, state, openedAt, nextDue, breached, strategyDue,
                 agencies, states, dues, answered, onTime) =
                try row.decode((UUID, String, UUID, String, ReferralForm, RAGRating, IncidentState, Date, Date?, Bool, Date?,
                                [String], [String], [Date], [String], [String]).self)
            let requests = try agencies.indices.map { index -> BoardIncident.Request in
                guard let requestState = ShareRequestState(rawValue: states[index]) else {
                    throw UnknownStoredValue(type: "ShareRequestState", value: states[index])
                }
                return BoardIncident.Request(
                    agency: agencies[index], state: requestState, dueAt: dues[index],
                    answeredAt: answered[index].isEmpty ? nil : ISO8601DateFormatter().date(from: answered[index]),
                    answeredOnTime: onTime[index].isEmpty ? nil : onTime[index] == "true")
            }
            return BoardIncident(
                id: id, reference: reference, referralId: referralId, referralReference: referralReference, form: form, rating: rag,
                state: state, openedAt: openedAt, nextDueAt: nextDue, breached: breached, strategyDiscussionDueAt: strategyDue,
                requests: requests)
        }
    }
}
