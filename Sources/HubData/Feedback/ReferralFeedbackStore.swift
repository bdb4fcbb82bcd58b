import Foundation
import HubWorkflow
import PostgresNIO

/// How a feedback row reached the referrer: recorded by a user as given, given through Hub ("referrals we made"), or
/// sent by Hub as email through the outbox (`queued` until delivered, then `sent` or `failed`).
public enum FeedbackDelivery: String, Sendable, Codable, CaseIterable, StoredEnum {
    case recorded, hub, queued, sent, failed
}

extension FeedbackChannel: StoredEnum {}
extension FeedbackSummary: StoredEnum {}

/// One feedback given to a referrer, as stored.
public struct StoredFeedback: Sendable, Hashable {
    public let id: UUID
    public let channel: FeedbackChannel
    public let summary: FeedbackSummary
    public let note: String?
    public let givenAt: Date
    public let delivery: FeedbackDelivery
    /// Where Hub sent it, for email sent by Hub.
    public let recipientEmail: String?
    /// The message as sent, for email sent by Hub.
    public let message: String?
    public let sentAt: Date?
    public let recordedBy: String
    public let recordedByAgency: String
    public let recordedAt: Date
}

/// A referral's feedback clock: started by its first threshold decision, due one working day later under the
/// partnership's feedback policy; `outcome` once feedback was given.
public struct FeedbackClockStatus: Sendable, Hashable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Not yet given; not yet due.
        case due
        /// Not yet given; past its warning point.
        case dueSoon = "due_soon"
        /// Not yet given; past its due time.
        case overdue
        /// Given by the due time.
        case met
        /// Given after the due time.
        case breached
    }

    public let decidedAt: Date
    public let referrerOnHub: Bool
    public let policy: String
    public let dueAt: Date
    public let warnAt: Date
    public let warnedAt: Date?
    public let breachedAt: Date?
    public let fedBackAt: Date?
    public let outcome: SLAClockState?

    public func state(at now: Date) -> State {
        switch outcome {
        case .met?: return .met
        case .breached?: return .breached
        default: return now > dueAt ? .overdue : now >= warnAt ? .dueSoon : .due
        }
    }
}

/// Feedback clocks and the feedback given to referrers (issue #20).
public struct ReferralFeedbackStore: Sendable {
    let database: Database
    let catalog: SLACalendarPolicyCatalog

    public init(database: Database, catalog: SLACalendarPolicyCatalog = .standard()) {
        self.database = database
        self.catalog = catalog
    }

    /// Whether the referral was made on Hub by a user of the referrer's own agency, so the referrer reads the decision
    /// in "referrals we made". A referral the MASH keyed in for a referrer (a phone call from a school, a GP, the public)
    /// is not, even when the referrer's agency has users.
    public func referrerIsOnHub(referralId: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await connection.query(
            """
            SELECT coalesce(r.source_agency = a.code, false)
            FROM referrals r JOIN users u ON u.id = r.created_by JOIN agencies a ON a.id = u.agency_id
            WHERE r.id = \(referralId)
            """, logger: database.logger
        ).collect().first?.decode(Bool.self) ?? false
    }

    /// Starts the referral's feedback clock at the clock's start (its first decision); returns false when it already
    /// has one (a later decision, after an overturned one, does not restart it).
    @discardableResult
    public func startClock(
        _ clock: SLAClock, referralId: UUID, referrerOnHub: Bool, on connection: PostgresConnection
    ) async throws -> Bool {
        guard let due = clock.dueDate, let warn = clock.warningDate else { return false }
        let record = try DocumentCoding.encode(clock.record)
        return try await !connection.query(
            """
            INSERT INTO referral_feedback_clocks (referral_id, decided_at, referrer_on_hub, policy, record, due_at, warn_at)
            VALUES (\(referralId), \(clock.startedAt), \(referrerOnHub), \(clock.policy.identifier), \(record)::jsonb, \(due), \(warn))
            ON CONFLICT (referral_id) DO NOTHING RETURNING 1
            """, logger: database.logger
        ).collect().isEmpty
    }

    /// Writes a feedback row and, when the referral's clock is still open, stops it at `feedback.givenAt`: met when
    /// given by the due time, else breached. Returns the clock's outcome (nil when it had already stopped or has none).
    /// An email `queued` for Hub to send stops nothing yet: ``markSent(_:at:on:)`` does, when the relay takes it.
    @discardableResult
    public func record(
        _ feedback: ReferrerFeedback, id: UUID, referralId: UUID, delivery: FeedbackDelivery, recipientEmail: String? = nil,
        message: String? = nil, actor: Identity, at now: Date, on connection: PostgresConnection
    ) async throws -> SLAClockState? {
        let sentAt: Date? = delivery == .sent ? now : nil
        try await connection.query(
            """
            INSERT INTO referral_feedback (id, referral_id, channel, summary, note, given_at, delivery, recipient_email, message,
                                           sent_at, recorded_by, recorded_at)
            VALUES (\(id), \(referralId), \(feedback.channel.rawValue), \(feedback.summary.rawValue), \(feedback.note), \(feedback.givenAt),
                    \(delivery.rawValue), \(recipientEmail), \(message), \(sentAt), \(actor.userId), \(now))
            """, logger: database.logger)
        guard delivery != .queued else { return nil }
        return try await stopClock(referralId: referralId, at: feedback.givenAt, on: connection)
    }

    /// An email waiting to be sent, locked: its referral, recipient, message and summary (nil unless still queued).
    public func queuedEmail(_ id: UUID, on connection: PostgresConnection) async throws
        -> (referralId: UUID, recipient: String, message: String, summary: FeedbackSummary)?
    {
        try await connection.query(
            """
            SELECT referral_id, recipient_email, message, summary FROM referral_feedback
            WHERE id = \(id) AND delivery = 'queued' FOR UPDATE
            """, logger: database.logger
        ).collect().first.map { row in
            let (referralId, recipient, message, summary) = try row.decode((UUID, String, String, FeedbackSummary).self)
            return (referralId, recipient, message, summary)
        }
    }

    /// The relay took the email at `now`: it is `sent`, given at that instant, and the referral's open clock stops
    /// then. Returns the clock's outcome (nil when it had already stopped).
    @discardableResult
    public func markSent(_ id: UUID, referralId: UUID, at now: Date, on connection: PostgresConnection) async throws -> SLAClockState? {
        try await connection.query(
            "UPDATE referral_feedback SET delivery = 'sent', sent_at = \(now), given_at = \(now) WHERE id = \(id)", logger: database.logger)
        return try await stopClock(referralId: referralId, at: now, on: connection)
    }

    /// The relay refused the email for good (or every attempt failed): `failed`; the clock keeps running.
    public func markFailed(_ id: UUID, on connection: PostgresConnection) async throws {
        try await connection.query("UPDATE referral_feedback SET delivery = 'failed' WHERE id = \(id)", logger: database.logger)
    }

    /// Stops the referral's open feedback clock at `instant` (not before its start); nil when none is open.
    @discardableResult
    public func stopClock(referralId: UUID, at instant: Date, on connection: PostgresConnection) async throws -> SLAClockState? {
        guard let row = try await connection.query(
            "SELECT record::text FROM referral_feedback_clocks WHERE referral_id = \(referralId) AND outcome IS NULL FOR UPDATE",
            logger: database.logger
        ).collect().first else { return nil }
        var clock = try SLAClock(record: DocumentCoding.decode(SLAClockRecord.self, from: row.decode(String.self)), catalog: catalog)
        let outcome = try clock.stop(at: max(instant, clock.lastEventAt))
        let record = try DocumentCoding.encode(clock.record)
        try await connection.query(
            """
            UPDATE referral_feedback_clocks SET record = \(record)::jsonb, outcome = \(outcome.rawValue), fed_back_at = \(instant)
            WHERE referral_id = \(referralId)
            """, logger: database.logger)
        return outcome
    }

    /// The referral's feedback clock, if a decision started one.
    public func clock(of referralId: UUID) async throws -> FeedbackClockStatus? {
        try await database.query(
            """
            SELECT decided_at, referrer_on_hub, policy, due_at, warn_at, warned_at, breached_at, fed_back_at, outcome
            FROM referral_feedback_clocks WHERE referral_id = \(referralId)
            """
        ).first.map(Self.clockStatus)
    }

    /// The referral's decision time, when its clock is open, locked for a change.
    public func lockOpenClock(of referralId: UUID, on connection: PostgresConnection) async throws -> FeedbackClockStatus? {
        try await connection.query(
            """
            SELECT decided_at, referrer_on_hub, policy, due_at, warn_at, warned_at, breached_at, fed_back_at, outcome
            FROM referral_feedback_clocks WHERE referral_id = \(referralId) FOR UPDATE
            """, logger: database.logger
        ).collect().first.map(Self.clockStatus)
    }

    static func clockStatus(_ row: PostgresRow) throws -> FeedbackClockStatus {
        let (decidedAt, onHub, policy, due, warn, warned, breached, fedBack, outcome) =
            try row.decode((Date, Bool, String, Date, Date, Date?, Date?, Date?, String?).self)
        var state: SLAClockState?
        if let outcome {
            guard let known = SLAClockState(rawValue: outcome) else { throw UnknownStoredValue(type: "SLAClockState", value: outcome) }
            state = known
        }
        return FeedbackClockStatus(
            decidedAt: decidedAt, referrerOnHub: onHub, policy: policy, dueAt: due, warnAt: warn, warnedAt: warned,
            breachedAt: breached, fedBackAt: fedBack, outcome: state)
    }

    /// Every feedback given about the referral, oldest first.
    public func feedback(of referralId: UUID) async throws -> [StoredFeedback] {
        try await database.query(
            """
            SELECT f.id, f.channel, f.summary, f.note, f.given_at, f.delivery, f.recipient_email, f.message, f.sent_at,
                   u.display_name, a.code, f.recorded_at
            FROM referral_feedback f JOIN users u ON u.id = f.recorded_by JOIN agencies a ON a.id = u.agency_id
            WHERE f.referral_id = \(referralId) ORDER BY f.given_at, f.recorded_at, f.id
            """
        ).map { row in
            let (id, channel, summary, note, givenAt, delivery, recipient, message, sentAt, by, agency, at) = try row.decode(
                (UUID, FeedbackChannel, FeedbackSummary, String?, Date, FeedbackDelivery, String?, String?, Date?, String, String, Date).self)
            return StoredFeedback(
                id: id, channel: channel, summary: summary, note: note, givenAt: givenAt, delivery: delivery, recipientEmail: recipient,
                message: message, sentAt: sentAt, recordedBy: by, recordedByAgency: agency, recordedAt: at)
        }
    }

    /// Open feedback clocks past their warning point (the board's chaser), soonest due first.
    public func chasers(now: Date, limit: Int = 50) async throws -> [FeedbackChaser] {
        try await database.query(
            """
            SELECT r.id, r.reference, c.due_at, c.decided_at
            FROM referral_feedback_clocks c JOIN referrals r ON r.id = c.referral_id
            WHERE c.outcome IS NULL AND c.warn_at <= \(now)
            ORDER BY c.due_at, r.id LIMIT \(limit)
            """
        ).map { row in
            let (id, reference, due, decided) = try row.decode((UUID, String, Date, Date).self)
            return FeedbackChaser(referralId: id, reference: reference, dueAt: due, decidedAt: decided, overdue: now > due)
        }
    }
}

/// A referral whose referrer still waits for feedback and is due soon or overdue (no personal data: its reference).
public struct FeedbackChaser: Sendable, Hashable {
    public let referralId: UUID
    public let reference: String
    public let dueAt: Date
    public let decidedAt: Date
    public let overdue: Bool
}
