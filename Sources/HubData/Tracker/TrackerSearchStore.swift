import Foundation
import PostgresNIO

/// Searches the tracker's live records and reads persons and addresses. The caller audits every read.
public struct TrackerSearchStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// How many records one criterion contributes as candidates at most.
    static let candidatesPerCriterion = 500
    /// How many records a pair of criteria that agree together (both names, surname and year of birth, …)
    /// contributes at most.
    static let candidatesPerPair = 2_000
    /// How many distinct names, closest first, a searched name is widened to.
    static let namesPerTerm = 100
    /// How many records of one name (the closest names first) a name searched alone looks at, and of one
    /// pair of names, of one name and a year of birth, or of one address.
    static let recordsPerName = 100
    /// Addresses like (rather than containing) the address searched for are looked for only when fewer than
    /// this many contain it, and this many of them at most, the closest first, on this many streets at most:
    /// those nearest the street searched for.
    static let addressesBeforeFuzzy = 20
    static let fuzzyAddresses = 100
    static let fuzzyStreets = 5
    /// The least trigram word similarity of an address nearly like the text searched for (pg_trgm's default
    /// threshold for `<%`).
    static let addressLikeness = 0.6
    /// How many pairs of names (a name like the surname, one like the forename), the closest first, a search by
    /// both names looks up; made from this many names like each at most.
    static let namePairs = 400
    static let namesPerPair = 40

    /// What scoring a candidate reads: each candidate query returns it, so a candidate's row is visited once.
    static let candidateColumns = """
        id, person_id, source_record_id, valid_nhs_number, folded_surname, folded_forename, surname_phonetic, forename_phonetic,
        canonical_forenames, alias_names, dob_year, dob_month, dob_day, norm_postcode, address_key
        """
    /// The live, linked records of one pair of names `p` (its `surname` and `forename`), at most `recordsPerName`:
    /// the lookup of the name pairs as given and of those entered the wrong way round.
    static let recordsOfNamePair = """
        CROSS JOIN LATERAL (SELECT \(candidateColumns) FROM tracker_records
                            WHERE folded_surname = p.surname AND folded_forename = p.forename
                              AND retired_at IS NULL AND person_id IS NOT NULL LIMIT \(recordsPerName)) r
        """

    static let summaryColumns = """
        t.id, t.source_system, t.source_record_id, t.forename, t.surname, t.aliases, t.date_of_birth, t.gender,
        t.address_line1, t.address_line2, t.town, t.postcode, t.nhs_number, t.uprn, t.person_id, t.set_aside
        """
    /// How many columns ``summaryColumns`` are.
    static let summaryColumnCount = 16

    /// Reads the summary columns starting at column `offset`.
    static func summary(_ row: PostgresRow, offset: Int = 0) throws -> TrackerRecordSummary {
        let cells = row.makeRandomAccess()
        func cell<T: PostgresDecodable>(_ index: Int, _ type: T.Type) throws -> T { try cells[offset + index].decode(T.self) }
        return TrackerRecordSummary(
            recordId: try cell(0, Int64.self), sourceSystem: try cell(1, String.self), sourceRecordId: try cell(2, String.self),
            forename: try cell(3, String?.self), surname: try cell(4, String?.self), aliases: try cell(5, [String].self),
            dateOfBirth: try cell(6, String?.self), gender: try cell(7, String?.self), addressLine1: try cell(8, String?.self),
            addressLine2: try cell(9, String?.self), town: try cell(10, String?.self), postcode: try cell(11, String?.self),
            nhsNumber: try cell(12, String?.self), uprn: try cell(13, Int64?.self), personId: try cell(14, Int64?.self),
            setAside: try cell(15, [String].self).map { raw in
                guard let reason = SetAsideReason(rawValue: raw) else { throw UnknownStoredValue(type: "SetAsideReason", value: raw) }
                return reason
            })
    }

    /// Persons whose live records match any of the terms, best first. Scores add up per criterion: NHS number
    /// or reference id 10; surname up to 4 (trigram similarity, or 3 for the same sound); forename up to 3
    /// (similarity, nickname or sound); names swapped score as names, a little less; date of birth 1 per part
    /// that agrees (−1 per part that disagrees); postcode 3 (prefix 2); address up to 3.
    ///
    /// Only candidates are scored, gathered by index from one small query per criterion (and per pair of
    /// criteria that rank best together: both names, names swapped, surname and date of birth, surname and
    /// postcode), each capped. Fuzzy names and addresses are matched against the distinct values
    /// (`tracker_names`, `tracker_addresses`; an address nearly like the one searched for only on the streets
    /// nearest its street, from `tracker_streets`) and their records then found by equality. A criterion that
    /// matches more records than its cap (a common surname alone, a birth year, a postcode district) yields
    /// a capped share of them (the closest names first, otherwise in no set order), so which of many persons
    /// tied on score fill the page is arbitrary; every person returned scores as it would in a full scan.
    /// Each candidate query returns what scoring reads (``candidateColumns``), so a candidate's row is visited
    /// once; a pair of criteria is only looked up when both were given; each distinct name among the candidates
    /// is compared once with the names searched for. Names like those searched are looked up closest first: each
    /// name (with the year of birth when one was given), and each pair of names for a search by both, by both
    /// columns of one index at once, each capped.
    public func search(_ q: TrackerSearchTerms) async throws -> [TrackerSearchHit] {
        try await database.transaction { try await search(q, on: $0) }
    }

    /// ``search(_:)`` in the caller's transaction, which the caller may go on to use (to audit the search in
    /// the same commit). The search's planner settings hold until that transaction ends.
    public func search(_ q: TrackerSearchTerms, on connection: PostgresConnection) async throws -> [TrackerSearchHit] {
        let logger = database.logger
        // Every candidate query is an index lookup by design. For a common value (the sound of `Jones`, a birth
        // year) the planner would rather scan the table until it has its capped share, assuming the matching
        // rows are spread evenly over it; they need not be (a source's records are together), and that scan
        // was the slowest part of the slowest searches. Index scans stay allowed, and are costed as the reads
        // from memory they are (the search's tables stay cached): the lookups per name (and pair of names, and
        // address) then stop at their cap rather than first collecting every entry of a common name. No
        // parallel workers: starting them took longer (15–20 ms) than any part of a search they were planned for.
        try await connection.query(
            """
            SELECT set_config('enable_seqscan', 'off', true), set_config('random_page_cost', '1.1', true),
                   set_config('max_parallel_workers_per_gather', '0', true)
            """, logger: logger)
        guard let query = Self.query(q) else { return [] }
        let rows = try await connection.query(query.query, logger: logger)
        return try await Self.hits(rows)
    }

    /// The persons the search's rows name, in the rows' order (best first), each with its score and its live records.
    static func hits(_ rows: PostgresRowSequence) async throws -> [TrackerSearchHit] {
        var hits: [TrackerSearchHit] = []
        for try await row in rows {
            let score = try row.makeRandomAccess()[0].decode(Double.self)
            let summary = try Self.summary(row, offset: 1)
            if let last = hits.last, last.personId == summary.personId {
                hits[hits.count - 1].records.append(summary)
            } else {
                hits.append(TrackerSearchHit(personId: summary.personId ?? 0, score: score, records: [summary]))
            }
        }
        return hits
    }
}
