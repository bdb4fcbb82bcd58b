import Foundation
import HubWorkflow
import PostgresNIO

/// Threshold decisions and everything that happens to an incident. Each change runs in one transaction that
/// locks the row, checks the caller's version (`If-Match`), applies the domain rule from HubWorkflow, and
/// writes the change, its timeline entries, its clocks and its audit event together.
public struct IncidentStore: Sendable {
    let database: Database
    let policies: SLAPolicySet
    var clocks: SLAClockStore { SLAClockStore(database: database) }
    var timeline: TimelineStore { TimelineStore(database: database) }

    public init(database: Database, policies: SLAPolicySet = .standard) {
        self.database = database
        self.policies = policies
    }

    // MARK: decisions

    /// Records a threshold decision on a referral. Meeting the threshold opens an incident rated as decided,
    /// asks `shareWith` agencies for information, and with `holdStrategyDiscussion` starts the 24-hour clock.
    /// Returns the incident id when one was opened.
    public func decide(
        referralId: UUID, expectedVersion: Int, decision: ThresholdDecision, shareWith: [String], holdStrategyDiscussion: Bool,
        actor: Identity, now: Date, audit: AuditEvent
    ) async throws -> UUID? {
        let logger = database.logger
        return try await database.transaction { connection in
            guard let row = try await connection.query(
                "SELECT status, version, document::text FROM referrals WHERE id = \(referralId) FOR UPDATE", logger: logger
            ).collect().first else { throw WorkflowStoreError.notFound("referral") }
            let (statusName, version, document) = try row.decode((String, Int, String).self)
            guard version == expectedVersion else { throw WorkflowStoreError.versionMismatch(current: version) }
            let referral = try DocumentCoding.decode(Referral.self, from: document)
            let status = ReferralStatus(rawValue: statusName) ?? .received
            let decision = try decision.validated()
            let next = try status.applying(.decide(decision.kind), service: referral.service)
            try await connection.query(
                """
                INSERT INTO threshold_decisions (id, referral_id, kind, rationale, rag, decided_by, decided_at)
                VALUES (\(UUID()), \(referralId), \(decision.kind.rawValue), \(decision.rationale), \(decision.ragRating?.rawValue),
                        \(actor.userId), \(now))
                """, logger: logger)
            try await connection.query(
                "UPDATE referrals SET status = \(next.rawValue), version = version + 1, updated_at = \(now) WHERE id = \(referralId)",
                logger: logger)
            var detail = ["decision": decision.kind.rawValue]
            if decision.requiresRatification(for: referral.service) { detail["ratification"] = "required" }
            try await timeline.append(on: connection, referralId: referralId, incidentId: nil, kind: .decided, at: now, actor: actor, detail: detail)

            var incidentId: UUID?
            if decision.kind.meetsThreshold {
                var incident = try Incident.opening(from: referral, decision: decision, at: now)
                let id = UUID()
                incidentId = id
                let number = try await connection.query("SELECT nextval('incident_reference_seq')", logger: logger)
                    .collect().first!.decode(Int64.self)
                try await connection.query(
                    """
                    INSERT INTO incidents (id, reference, referral_id, form, service, local_authority, rag, state, opened_at, updated_at)
                    VALUES (\(id), \("I-" + String(format: "%06d", number)), \(referralId), \(incident.form.rawValue),
                            \(incident.service.rawValue), \(referral.localAuthority), \(incident.rating.rawValue),
                            \(incident.state.rawValue), \(now), \(now))
                    """, logger: logger)
                try await connection.query(
                    """
                    INSERT INTO incident_ratings (incident_id, rag, rationale, rated_by, rated_at)
                    VALUES (\(id), \(incident.rating.rawValue), \(decision.rationale), \(actor.userId), \(now))
                    """, logger: logger)
                try await timeline.append(on: connection, referralId: referralId, incidentId: id, kind: .rated, at: now, actor: actor,
                                          detail: ["rag": incident.rating.rawValue])
                if !shareWith.isEmpty {
                    try await requestShares(on: connection, incident: &incident, incidentId: id, referralId: referralId,
                                            agencies: shareWith, actor: actor, now: now)
                    try await connection.query("UPDATE incidents SET state = \(incident.state.rawValue) WHERE id = \(id)", logger: logger)
                }
                if holdStrategyDiscussion {
                    try await startStrategyClock(on: connection, incidentId: id, referralId: referralId, actor: actor, now: now)
                }
            }
            try await connection.query(AuditTrail.insert(audit), logger: logger)
            return incidentId
        }
    }

    /// A manager ratifies (or overturns) a decision that needs ratification.
    public func ratify(
        referralId: UUID, expectedVersion: Int, ratification: Ratification, actor: Identity, now: Date, audit: AuditEvent
    ) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            guard let row = try await connection.query(
                "SELECT status, version, service FROM referrals WHERE id = \(referralId) FOR UPDATE", logger: logger
            ).collect().first else { throw WorkflowStoreError.notFound("referral") }
            let (statusName, version, serviceName) = try row.decode((String, Int, String).self)
            guard version == expectedVersion else { throw WorkflowStoreError.versionMismatch(current: version) }
            let issues = ratification.validate()
            guard issues.isEmpty else { throw ValidationFailure(issues) }
            let status = ReferralStatus(rawValue: statusName) ?? .received
            let next = try status.applying(ratification.action, service: SafeguardingService(rawValue: serviceName) ?? .children)
            try await connection.query(
                """
                UPDATE threshold_decisions SET ratification = \(ratification.verdict.rawValue), ratification_note = \(ratification.note),
                    ratified_by = \(actor.userId), ratified_at = \(now)
                WHERE id = (SELECT id FROM threshold_decisions WHERE referral_id = \(referralId) AND ratification IS NULL
                            ORDER BY decided_at DESC, id DESC LIMIT 1)
                """, logger: logger)
            try await connection.query(
                "UPDATE referrals SET status = \(next.rawValue), version = version + 1, updated_at = \(now) WHERE id = \(referralId)",
                logger: logger)
            try await timeline.append(on: connection, referralId: referralId, incidentId: nil, kindName: "ratified", at: now, actor: actor,
                                      detail: ["verdict": ratification.verdict.rawValue])
            try await connection.query(AuditTrail.insert(audit), logger: logger)
        }
    }

    // MARK: incident changes

    /// What a PATCH of an incident asks for.
    public struct Change: Sendable {
        public var reRating: ReRating?
        public var holdStrategyDiscussion = false
        public var close = false

        public init(reRating: ReRating? = nil, holdStrategyDiscussion: Bool = false, close: Bool = false) {
            self.reRating = reRating
            self.holdStrategyDiscussion = holdStrategyDiscussion
            self.close = close
        }
    }

    public func change(incidentId: UUID, expectedVersion: Int, change: Change, actor: Identity, now: Date, audit: AuditEvent) async throws {
        try await mutate(incidentId: incidentId, expectedVersion: expectedVersion, now: now, audit: audit) { connection, incident, referralId in
            if let reRating = change.reRating {
                let previous = incident.rating
                try incident.reRate(reRating)
                try await connection.query(
                    """
                    INSERT INTO incident_ratings (incident_id, rag, rationale, rated_by, rated_at)
                    VALUES (\(incidentId), \(reRating.rating.rawValue), \(reRating.rationale), \(actor.userId), \(now))
                    """, logger: database.logger)
                try await clocks.retargetShareRequestClocks(on: connection, incidentId: incidentId, to: policies.target(for: reRating.rating), at: now)
                try await timeline.append(on: connection, referralId: referralId, incidentId: incidentId, kind: .reRated, at: now, actor: actor,
                                          detail: ["from": previous.rawValue, "to": reRating.rating.rawValue])
            }
            if change.holdStrategyDiscussion {
                _ = try incident.state.applying(.discuss)  // refused once closed
                try await startStrategyClock(on: connection, incidentId: incidentId, referralId: referralId, actor: actor, now: now)
            }
            if change.close {
                try incident.apply(.close)
                try await timeline.append(on: connection, referralId: referralId, incidentId: incidentId, kind: .closed, at: now, actor: actor)
            }
        }
    }

    /// Asks more agencies for information.
    public func requestShares(incidentId: UUID, expectedVersion: Int, agencies: [String], actor: Identity, now: Date, audit: AuditEvent) async throws {
        try await mutate(incidentId: incidentId, expectedVersion: expectedVersion, now: now, audit: audit) { connection, incident, referralId in
            try await requestShares(on: connection, incident: &incident, incidentId: incidentId, referralId: referralId,
                                    agencies: agencies, actor: actor, now: now)
        }
    }

    /// Records a strategy discussion (and its outcome and actions, when given); stops the strategy clock.
    public func recordDiscussion(
        incidentId: UUID, expectedVersion: Int, discussion: StrategyDiscussion, actor: Identity, now: Date, audit: AuditEvent
    ) async throws -> UUID {
        let discussionId = UUID()
        try await mutate(incidentId: incidentId, expectedVersion: expectedVersion, now: now, audit: audit) { connection, incident, referralId in
            let discussion = try discussion.validated(for: incident, now: now)
            try incident.apply(.discuss)
            if discussion.outcome != nil { try incident.apply(.recordOutcome) }
            try await connection.query(
                """
                INSERT INTO strategy_discussions (id, incident_id, kind, held_at, outcome, document, recorded_by, recorded_at)
                VALUES (\(discussionId), \(incidentId), \(discussion.kind.rawValue), \(discussion.heldAt), \(discussion.outcome?.rawValue),
                        \(try DocumentCoding.encode(discussion))::jsonb, \(actor.userId), \(now))
                """, logger: database.logger)
            for action in discussion.actions {
                try await connection.query(
                    """
                    INSERT INTO agreed_actions (discussion_id, owner_agency, description, due_date)
                    VALUES (\(discussionId), \(action.ownerAgency), \(action.description), \(action.dueDate.description)::date)
                    """, logger: database.logger)
            }
            if let clockId = try await clocks.runningStrategyClock(on: connection, incidentId: incidentId) {
                try await clocks.stop(on: connection, clockId: clockId, at: max(now, discussion.heldAt))
            }
            try await timeline.append(on: connection, referralId: referralId, incidentId: incidentId, kind: .discussed, at: now, actor: actor,
                                      detail: ["kind": discussion.kind.rawValue])
            if let outcome = discussion.outcome {
                try await timeline.append(on: connection, referralId: referralId, incidentId: incidentId, kind: .outcome, at: now, actor: actor,
                                          detail: ["outcome": outcome.rawValue])
            }
        }
        return discussionId
    }

    // MARK: shared steps

    /// Locks the incident, checks the version, lets `body` change it, then writes state and version back.
    private func mutate(
        incidentId: UUID, expectedVersion: Int, now: Date, audit: AuditEvent,
        _ body: (PostgresConnection, inout Incident, UUID) async throws -> Void
    ) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            guard let row = try await connection.query(
                "SELECT referral_id, form, service, rag, state, opened_at, version FROM incidents WHERE id = \(incidentId) FOR UPDATE",
                logger: logger
            ).collect().first else { throw WorkflowStoreError.notFound("incident") }
            let (referralId, form, service, rag, state, openedAt, version) =
                try row.decode((UUID, String, String, String, String, Date, Int).self)
            guard version == expectedVersion else { throw WorkflowStoreError.versionMismatch(current: version) }
            var incident = Incident(
                form: ReferralForm(rawValue: form) ?? .c1, service: SafeguardingService(rawValue: service) ?? .children,
                rating: RAGRating(rawValue: rag) ?? .amber, state: IncidentState(rawValue: state) ?? .open, openedAt: openedAt)
            try await body(connection, &incident, referralId)
            try await connection.query(
                """
                UPDATE incidents SET rag = \(incident.rating.rawValue), state = \(incident.state.rawValue), version = version + 1,
                    updated_at = \(now), closed_at = CASE WHEN \(incident.state.rawValue) = 'closed' THEN \(now) ELSE closed_at END
                WHERE id = \(incidentId)
                """, logger: logger)
            try await connection.query(AuditTrail.insert(audit), logger: logger)
        }
    }

    private func requestShares(
        on connection: PostgresConnection, incident: inout Incident, incidentId: UUID, referralId: UUID,
        agencies codes: [String], actor: Identity, now: Date
    ) async throws {
        let logger = database.logger
        let unique = Array(Set(codes)).sorted()
        let known = try await connection.query(
            "SELECT code, id FROM agencies WHERE code = ANY(\(unique)) AND active", logger: logger
        ).collect().map { try $0.decode((String, UUID).self) }
        let unknown = unique.filter { code in !known.contains { $0.0 == code } }
        guard unknown.isEmpty else { throw WorkflowStoreError.unknownAgencies(unknown) }
        let already = try await connection.query(
            """
            SELECT a.code FROM share_requests s JOIN agencies a ON a.id = s.agency_id
            WHERE s.incident_id = \(incidentId) AND a.code = ANY(\(unique))
            """, logger: logger
        ).collect().map { try $0.decode(String.self) }
        guard already.isEmpty else { throw WorkflowStoreError.alreadyRequested(already.sorted()) }
        try incident.apply(.sendRequests)
        for (code, agencyId) in known {
            let clock = policies.startClock(for: incident.rating, at: now)
            guard let due = clock.dueDate else { continue }
            let requestId = UUID()
            try await connection.query(
                """
                INSERT INTO share_requests (id, incident_id, agency_id, requested_at, requested_by, due_at, state, rag)
                VALUES (\(requestId), \(incidentId), \(agencyId), \(now), \(actor.userId), \(due), 'requested', \(incident.rating.rawValue))
                """, logger: logger)
            try await clocks.start(on: connection, incidentId: incidentId, purpose: .shareRequest, shareRequestId: requestId, clock: clock)
            try await timeline.append(on: connection, referralId: referralId, incidentId: incidentId, kind: .requestsSent, at: now, actor: actor,
                                      detail: ["agency": code, "due": DocumentCoding.instantFormat.format(due)])
        }
    }

    private func startStrategyClock(on connection: PostgresConnection, incidentId: UUID, referralId: UUID, actor: Identity, now: Date) async throws {
        guard try await clocks.runningStrategyClock(on: connection, incidentId: incidentId) == nil else { return }
        let clock = policies.startStrategyDiscussionClock(decidedAt: now)
        try await clocks.start(on: connection, incidentId: incidentId, purpose: .strategyDiscussion, shareRequestId: nil, clock: clock)
        try await timeline.append(on: connection, referralId: referralId, incidentId: incidentId, kindName: "strategy_discussion_decided",
                                  at: now, actor: actor, detail: ["due": clock.dueDate.map(DocumentCoding.instantFormat.format) ?? ""])
    }
}
