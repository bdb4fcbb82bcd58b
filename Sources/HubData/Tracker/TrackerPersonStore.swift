import Foundation
import PostgresNIO

/// What the tracker knows of one person: the identities its sources hold, and their interactions.
public struct TrackerPersonView: Sendable, Hashable, Codable {
    public var personId: Int64
    public var identities: [TrackerRecordSummary]
    /// The person's household (their most recently seen live record's), and how it was formed; nil when no record of
    /// theirs has a UPRN or an address precise enough to say (migration 046).
    public var household: TrackerHousehold?
    /// Why these records are one person (issue #18): set by the use case from ``linkInputs(recordIds:householdsAtMost:)``.
    public var why: TrackerPersonLinks?
    /// Interactions since `since`, per agency (source system), newest first.
    public var agencies: [TrackerAgencyActivity]
    /// Interactions per month (`YYYY-MM`), oldest first.
    public var activityByMonth: [TrackerMonthCount]
    /// Interactions whose detail was purged, counted.
    public var purgedInteractions: Int
    public var since: String
}

/// A household as the tracker forms it: a property by its UPRN, or, where no record there has one, an address
/// (postcode and address key, named by a digest).
public struct TrackerHousehold: Sendable, Hashable, Codable {
    /// `uprn-<UPRN>` or `address-<16 hex digits>`: stable while the property or address is.
    public var householdId: String
    public var basis: HouseholdBasis

    public init(householdId: String, basis: HouseholdBasis) {
        self.householdId = householdId
        self.basis = basis
    }
}

/// How a household was formed.
public enum HouseholdBasis: String, Sendable, Hashable, Codable, StoredEnum {
    /// The property's Unique Property Reference Number.
    case uprn
    /// The postcode and the cleansed address, for records with no UPRN there.
    case address
}

/// One agency's interactions with a person.
public struct TrackerAgencyActivity: Sendable, Hashable, Codable {
    public var sourceSystem: String
    public var interactions: Int
    public var events: [TrackerInteraction]
}

/// One interaction, with the lead professional to contact.
public struct TrackerInteraction: Sendable, Hashable, Codable {
    public var sourceSystem: String
    public var sourceRecordId: String
    public var eventType: String
    public var category: String
    public var eventDate: String
    public var leadProfessionalName: String?
    public var leadProfessionalPhone: String?
    public var leadProfessionalEmail: String?
}

public struct TrackerMonthCount: Sendable, Hashable, Codable {
    public var month: String
    public var interactions: Int
}

/// The people known at one property, with their interactions.
public struct TrackerAddressView: Sendable, Hashable, Codable {
    public var uprn: Int64
    public var address: [String]
    public var postcode: String?
    public var members: [TrackerHouseholdMember]
    public var since: String
}

public struct TrackerHouseholdMember: Sendable, Hashable, Codable {
    public var personId: Int64
    public var identities: [TrackerRecordSummary]
    public var interactions: [TrackerInteraction]
}

/// Reads persons and addresses. The caller audits every read.
public struct TrackerPersonStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// A person's live identities and interactions since `since` (`YYYY-MM-DD`); nil when unknown.
    public func person(_ personId: Int64, since: String) async throws -> TrackerPersonView? {
        let identities = try await database.query(
            """
            SELECT \(unescaped: TrackerSearchStore.summaryColumns) FROM tracker_records t
            WHERE t.person_id = \(personId) AND t.retired_at IS NULL ORDER BY t.source_system, t.source_record_id
            """).map { try TrackerSearchStore.summary($0) }
        guard !identities.isEmpty else { return nil }
        let events = try await interactions(recordIds: identities.map(\.recordId), since: since)
        var agencies: [String: [TrackerInteraction]] = [:]
        var months: [String: Int] = [:]
        for event in events {
            agencies[event.sourceSystem, default: []].append(event)
            months[String(event.eventDate.prefix(7)), default: 0] += 1
        }
        let household = try await database.query(
            "SELECT household_id, basis FROM tracker_person_households WHERE person_id = \(personId)"
        ).first.map { row in
            let (id, basis) = try row.decode((String, HouseholdBasis).self)
            return TrackerHousehold(householdId: id, basis: basis)
        }
        let purged = try await database.query(
            "SELECT COALESCE(sum(purged), 0)::int FROM tracker_event_counts WHERE record_id = ANY(\(identities.map(\.recordId))::bigint[])"
        ).first!.decode(Int.self)
        return TrackerPersonView(
            personId: personId, identities: identities, household: household,
            agencies: agencies.keys.sorted().map { TrackerAgencyActivity(sourceSystem: $0, interactions: agencies[$0]!.count, events: agencies[$0]!) },
            activityByMonth: months.keys.sorted().map { TrackerMonthCount(month: $0, interactions: months[$0]!) },
            purgedInteractions: purged, since: since)
    }

    /// The persons with a live record at the property, and their interactions since `since`; nil when
    /// neither the gazetteer nor any record knows the UPRN.
    public func address(uprn: Int64, since: String) async throws -> TrackerAddressView? {
        let records = try await database.query(
            """
            SELECT \(unescaped: TrackerSearchStore.summaryColumns) FROM tracker_records t
            WHERE t.person_id IN (SELECT person_id FROM tracker_records WHERE uprn = \(uprn) AND retired_at IS NULL)
              AND t.retired_at IS NULL
            ORDER BY t.person_id, t.source_system, t.source_record_id
            """).map { try TrackerSearchStore.summary($0) }
        let property = try await GazetteerStore(database: database).property(uprn: uprn)
        guard property != nil || !records.isEmpty else { return nil }
        let events = try await interactions(recordIds: records.map(\.recordId), since: since)
        var eventsByRecord: [String: [TrackerInteraction]] = [:]
        for event in events { eventsByRecord[event.sourceSystem + "\u{1F}" + event.sourceRecordId, default: []].append(event) }
        var members: [TrackerHouseholdMember] = []
        for record in records {
            let own = eventsByRecord[record.sourceSystem + "\u{1F}" + record.sourceRecordId] ?? []
            if let last = members.last, last.personId == record.personId {
                members[members.count - 1].identities.append(record)
                members[members.count - 1].interactions += own
            } else {
                members.append(TrackerHouseholdMember(personId: record.personId ?? 0, identities: [record], interactions: own))
            }
        }
        let atAddress = records.first { $0.uprn == uprn }
        let lines = property.map { [$0.addressLine1, $0.addressLine2, $0.town] }
            ?? [atAddress?.addressLine1, atAddress?.addressLine2, atAddress?.town].compactMap { $0 }
        return TrackerAddressView(
            uprn: uprn, address: lines.filter { !$0.isEmpty }, postcode: property?.postcode ?? atAddress?.postcode,
            members: members, since: since)
    }

    /// What explaining a person's links needs: the saved linkage model (JSON; nil before any linking), each record's
    /// cleansed form (JSON) by id, the reviewer-confirmed pairs among the records with the review's explanation
    /// (JSON) when there is one, and the cleansed forms of the other live records that carry one of the records' valid
    /// NHS numbers (a number clearly different people carry is set aside: `nhs_number_shared_by_different_people`), and
    /// for each other person with live records at one of the records' households and at two to `householdsAtMost`
    /// households in all, those households (a household that moved together: `household_moved_together`).
    public func linkInputs(recordIds: [Int64], householdsAtMost: Int) async throws
        -> (model: String?, cleansed: [(id: Int64, cleansed: String)], confirmed: [(a: Int64, b: Int64, explanation: String?)],
            otherCarriers: [String], householdsOfOthers: [[String]]) {
        let model = try await database.query("SELECT model::text FROM linkage_models ORDER BY id DESC LIMIT 1").first?.decode(String.self)
        let cleansed = try await database.query(
            "SELECT id, cleansed FROM tracker_records WHERE id = ANY(\(recordIds)::bigint[]) ORDER BY id"
        ).map { row -> (id: Int64, cleansed: String) in
            let (id, text) = try row.decode((Int64, String).self)
            return (id, text)
        }
        let confirmed = try await database.query(
            """
            SELECT c.record_a, c.record_b, r.explanation::text FROM confirmed_links c
            LEFT JOIN link_reviews r ON r.record_a = c.record_a AND r.record_b = c.record_b AND r.status = 'confirmed'
            WHERE c.record_a = ANY(\(recordIds)::bigint[]) AND c.record_b = ANY(\(recordIds)::bigint[])
            ORDER BY c.record_a, c.record_b
            """
        ).map { row -> (a: Int64, b: Int64, explanation: String?) in
            let (a, b, explanation) = try row.decode((Int64, Int64, String?).self)
            return (a, b, explanation)
        }
        let otherCarriers = try await database.query(
            """
            SELECT cleansed FROM tracker_records
            WHERE retired_at IS NULL AND NOT (id = ANY(\(recordIds)::bigint[])) AND valid_nhs_number IN (
                SELECT valid_nhs_number FROM tracker_records
                WHERE id = ANY(\(recordIds)::bigint[]) AND valid_nhs_number IS NOT NULL AND valid_nhs_number <> '')
            ORDER BY id
            """
        ).map { row in try row.decode(String.self) }
        let householdsOfOthers = try await database.query(
            """
            SELECT array_agg(DISTINCT household_key ORDER BY household_key) FROM tracker_records
            WHERE retired_at IS NULL AND household_key IS NOT NULL AND household_key <> '' AND person_id IN (
                SELECT person_id FROM tracker_records
                WHERE retired_at IS NULL AND person_id IS NOT NULL AND household_key IN (
                    SELECT household_key FROM tracker_records
                    WHERE id = ANY(\(recordIds)::bigint[]) AND household_key IS NOT NULL AND household_key <> '')
                  AND person_id NOT IN (
                    SELECT person_id FROM tracker_records WHERE id = ANY(\(recordIds)::bigint[]) AND person_id IS NOT NULL))
            GROUP BY person_id HAVING count(DISTINCT household_key) BETWEEN 2 AND \(householdsAtMost)
            ORDER BY person_id
            """
        ).map { row in try row.decode([String].self) }
        return (model, cleansed, confirmed, otherCarriers, householdsOfOthers)
    }

    func interactions(recordIds: [Int64], since: String) async throws -> [TrackerInteraction] {
        try await database.query(
            """
            SELECT source_system, source_record_id, event_type, category, event_date::text, lead_professional_name,
                   lead_professional_phone, lead_professional_email
            FROM tracker_events WHERE record_id = ANY(\(recordIds)::bigint[]) AND event_date >= \(since)::date
            ORDER BY event_date DESC, source_system, event_type
            """
        ).map { row in
            let (system, recordId, type, category, date, name, phone, email) =
                try row.decode((String, String, String, String, String, String?, String?, String?).self)
            return TrackerInteraction(sourceSystem: system, sourceRecordId: recordId, eventType: type, category: category, eventDate: date,
                                      leadProfessionalName: name, leadProfessionalPhone: phone, leadProfessionalEmail: email)
        }
    }
}
