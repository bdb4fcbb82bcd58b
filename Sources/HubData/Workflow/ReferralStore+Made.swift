import Foundation
import HubWorkflow
import PostgresNIO

extension ReferralStore {
    /// A page of the referrals `list.agency` made (`referrals.source_agency`, the referrer's agency), newest received
    /// first, in one query: each with its latest decision, its discussions' outcomes and that agency's own actions
    /// (`referrals_source_agency_received`, migration 043).
    public func made(_ list: ReferralsMadeList) async throws -> [ReferralMade] {
        let afterMicroseconds = list.after?.microseconds
        let afterId = list.after?.id
        return try await database.query(
            """
            SELECT r.id, r.reference, r.form, r.received_at, r.status, d.kind, d.decided_at,
                   ARRAY(SELECT sd.outcome FROM strategy_discussions sd
                         WHERE sd.incident_id = i.id AND sd.outcome IS NOT NULL ORDER BY sd.held_at, sd.id),
                   ARRAY(SELECT sd.held_at FROM strategy_discussions sd
                         WHERE sd.incident_id = i.id AND sd.outcome IS NOT NULL ORDER BY sd.held_at, sd.id),
                   ARRAY(SELECT a.description FROM strategy_actions a
                         WHERE a.incident_id = i.id AND a.owner_agency = \(list.agency) ORDER BY a.due_date, a.id),
                   ARRAY(SELECT a.due_date::text FROM strategy_actions a
                         WHERE a.incident_id = i.id AND a.owner_agency = \(list.agency) ORDER BY a.due_date, a.id),
                   ARRAY(SELECT a.state FROM strategy_actions a
                         WHERE a.incident_id = i.id AND a.owner_agency = \(list.agency) ORDER BY a.due_date, a.id)
            FROM referrals r
            LEFT JOIN LATERAL (
                SELECT t.kind, t.decided_at FROM threshold_decisions t WHERE t.referral_id = r.id
                ORDER BY t.decided_at DESC, t.id DESC LIMIT 1
            ) d ON true
            LEFT JOIN incidents i ON i.referral_id = r.id
            WHERE r.source_agency = \(list.agency)
              AND (\(afterMicroseconds)::bigint IS NULL
                   OR (r.received_at, r.id) < ('epoch'::timestamptz + \(afterMicroseconds)::bigint * interval '1 microsecond', \(afterId)))
            ORDER BY r.received_at DESC, r.id DESC
            LIMIT \(list.limit)
            """
        ).map { row in
            let (id, reference, form, receivedAt, status, kind, decidedAt, outcomes, heldAt, descriptions, dueDates, states) =
                try row.decode((UUID, String, ReferralForm, Date, ReferralStatus, ThresholdDecisionKind?, Date?,
                                [String], [Date], [String], [String], [String]).self)
            return ReferralMade(
                id: id, reference: reference, form: form, receivedAt: receivedAt, status: status,
                decision: zip(kind, decidedAt).map { ReferralMade.Decision(kind: $0, decidedAt: $1) },
                outcomes: try Swift.zip(outcomes, heldAt).map { ReferralMade.Outcome(outcome: try Self.stored($0.0), heldAt: $0.1) },
                actions: try descriptions.indices.map { index in
                    guard let day = CalendarDate(dueDates[index]) else { throw UnknownStoredValue(type: "CalendarDate", value: dueDates[index]) }
                    return ReferralMade.Action(description: descriptions[index], dueDate: day, state: try Self.stored(states[index]))
                })
        }
    }

    /// A stored enum's value read strictly: an unknown value is an error, never a default.
    private static func stored<Value: RawRepresentable<String>>(_ raw: String) throws -> Value {
        guard let value = Value(rawValue: raw) else { throw UnknownStoredValue(type: "\(Value.self)", value: raw) }
        return value
    }

    private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}
