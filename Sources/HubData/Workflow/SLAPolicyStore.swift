import Foundation
import HubWorkflow
import PostgresNIO

/// The one row of `sla_policies`: which calendar policy each SLA clock counts under. Read in the transaction that
/// starts or retargets a clock (never cached, so every process sharing the database uses the current choice), and
/// replaced by an administrator. Identifiers are resolved through `catalog`; one it does not offer is an
/// ``UnknownStoredValue``, never a default.
public struct SLAPolicyStore: Sendable {
    let database: Database
    /// The calendar policies identifiers are resolved through.
    public let catalog: SLACalendarPolicyCatalog

    public init(database: Database, catalog: SLACalendarPolicyCatalog = .standard()) {
        self.database = database
        self.catalog = catalog
    }

    /// The current choice, read on `connection`.
    public func current(on connection: PostgresConnection) async throws -> StoredSLAPolicies {
        try await read(lock: false, on: connection)
    }

    /// The current choice, its row locked until the transaction ends (for a change).
    public func lockForChange(on connection: PostgresConnection) async throws -> StoredSLAPolicies {
        try await read(lock: true, on: connection)
    }

    /// Replaces the choice at `now` (its version grows by one) and returns what is stored.
    public func replace(
        with policies: SLAClockPolicies, at now: Date, on connection: PostgresConnection
    ) async throws -> StoredSLAPolicies {
        let names = policies.choice
        let rows = try await connection.query(
            """
            UPDATE sla_policies SET red = \(names.red), amber = \(names.amber), green = \(names.green),
                strategy_discussion = \(names.strategyDiscussion), feedback = \(names.feedback), version = version + 1, changed_at = \(now)
            RETURNING version
            """, logger: database.logger
        ).collect()
        guard let version = try rows.first?.decode(Int.self) else { throw WorkflowStoreError.notFound("SLA policies") }
        return StoredSLAPolicies(policies: policies, version: version, changedAt: now)
    }

    private func read(lock: Bool, on connection: PostgresConnection) async throws -> StoredSLAPolicies {
        let query: PostgresQuery = lock
            ? "SELECT red, amber, green, strategy_discussion, feedback, version, changed_at FROM sla_policies FOR UPDATE"
            : "SELECT red, amber, green, strategy_discussion, feedback, version, changed_at FROM sla_policies"
        guard let row = try await connection.query(query, logger: database.logger).collect().first else {
            throw WorkflowStoreError.notFound("SLA policies")
        }
        let (red, amber, green, strategyDiscussion, feedback, version, changedAt) =
            try row.decode((String, String, String, String, String, Int, Date?).self)
        func policy(_ identifier: String) throws -> SLACalendarPolicy {
            guard let policy = catalog.policy(identifier: identifier) else {
                throw UnknownStoredValue(type: "SLACalendarPolicy", value: identifier)
            }
            return policy
        }
        return StoredSLAPolicies(
            policies: SLAClockPolicies(
                red: try policy(red), amber: try policy(amber), green: try policy(green),
                strategyDiscussion: try policy(strategyDiscussion), feedback: try policy(feedback)),
            version: version, changedAt: changedAt)
    }
}
