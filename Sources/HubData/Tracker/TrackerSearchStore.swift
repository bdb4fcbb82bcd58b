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
        t.address_line1, t.address_line2, t.town, t.postcode, t.nhs_number, t.uprn, t.person_id
        """

    /// Reads the summary columns starting at column `offset`.
    static func summary(_ row: PostgresRow, offset: Int = 0) throws -> TrackerRecordSummary {
        let cells = row.makeRandomAccess()
        func cell<T: PostgresDecodable>(_ index: Int, _ type: T.Type) throws -> T { try cells[offset + index].decode(T.self) }
        return TrackerRecordSummary(
            recordId: try cell(0, Int64.self), sourceSystem: try cell(1, String.self), sourceRecordId: try cell(2, String.self),
            forename: try cell(3, String?.self), surname: try cell(4, String?.self), aliases: try cell(5, [String].self),
            dateOfBirth: try cell(6, String?.self), gender: try cell(7, String?.self), addressLine1: try cell(8, String?.self),
            addressLine2: try cell(9, String?.self), town: try cell(10, String?.self), postcode: try cell(11, String?.self),
            nhsNumber: try cell(12, String?.self), uprn: try cell(13, Int64?.self), personId: try cell(14, Int64?.self))
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
        let (cap, pairCap, logger) = (Self.candidatesPerCriterion, Self.candidatesPerPair, database.logger)
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
        // One query: the candidate branches are only those the criteria use (each also keeps its own guard in SQL).
        // Planning every branch, most of them idle, cost 6–12 ms of each search at 1M records; a record found by
        // several branches comes once from each, scores the same each time, and only each person's best score is kept.
        let bothNames = !q.surname.isEmpty && !q.forename.isEmpty
        let forenameOnly = q.surname.isEmpty && !q.forename.isEmpty
        let branches: [(uses: Bool, sql: SQLFragment)] = [
            (!q.nhsNumber.isEmpty, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.nhsNumber) <> '' AND valid_nhs_number = \(q.nhsNumber) LIMIT \(cap))
                """),
            (!q.referenceId.isEmpty, """
                -- a reference under each source, by the unique index of (source_system, source_record_id)
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.referenceId) <> ''
                   AND source_system IN (SELECT source_system FROM tracker_sources) AND source_record_id = \(q.referenceId) LIMIT \(cap))
                """),
            (!q.postcode.isEmpty, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.postcode) <> '' AND norm_postcode = \(q.postcode) LIMIT \(cap))
                """),
            (!q.postcodePrefix.isEmpty, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.postcodePrefix) <> '' AND norm_postcode LIKE \(q.postcodePrefix) || '%' LIMIT \(cap))
                """),
            (!q.address.isEmpty, """
                -- the records at those addresses, the closest addresses first
                (SELECT r.* FROM (SELECT address_key FROM addresses ORDER BY score DESC, address_key) a
                 CROSS JOIN LATERAL (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                                    WHERE address_key = a.address_key AND retired_at IS NULL AND person_id IS NOT NULL
                                    LIMIT \(Self.recordsPerName)) r
                 LIMIT \(cap))
                """),
            (q.surname.isEmpty && q.forename.isEmpty && q.dobYear != 0, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) = '' AND \(q.forename) = '' AND \(q.dobYear) <> 0 AND dob_year = \(q.dobYear)
                   AND (\(q.dobMonth) = 0 OR dob_month = \(q.dobMonth)) AND (\(q.dobDay) = 0 OR dob_day = \(q.dobDay)) LIMIT \(cap))
                """),
            (!q.surname.isEmpty, """
                -- surname and forename both agree: like names (a forename's canonical forms count as like it),
                -- the closest pairs first, each pair looked up by both names at once ...
                (SELECT r.* FROM (
                    SELECT s.name AS surname, f.name AS forename
                    FROM (SELECT name, likeness FROM surnames ORDER BY likeness DESC, name LIMIT \(Self.namesPerPair)) s
                    CROSS JOIN (SELECT name, likeness FROM (SELECT name, likeness FROM forenames ORDER BY likeness DESC, name
                                                            LIMIT \(Self.namesPerPair)) f
                                UNION SELECT unnest(\(q.canonicalForenames)::text[]), 1) f
                    WHERE \(q.surname) <> ''
                    ORDER BY s.likeness * 4 + f.likeness * 3 DESC, s.name, f.name LIMIT \(Self.namePairs)) p
                 \(unescaped: Self.recordsOfNamePair)
                 LIMIT \(pairCap))
                """),
            (bothNames, """
                -- ... or the same sounds
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) <> '' AND \(q.forename) <> ''
                   AND surname_phonetic = \(q.surnamePhonetic) AND forename_phonetic = \(q.forenamePhonetic)
                 LIMIT \(pairCap))
                """),
            (bothNames, """
                -- forename and surname entered the wrong way round, both agree
                (SELECT r.* FROM (
                    SELECT f.name AS surname, s.name AS forename
                    FROM (SELECT name, likeness FROM surnames ORDER BY likeness DESC, name LIMIT \(Self.namesPerPair)) s
                    CROSS JOIN (SELECT name, likeness FROM forenames ORDER BY likeness DESC, name LIMIT \(Self.namesPerPair)) f
                    ORDER BY s.likeness * 4 + f.likeness * 3 DESC, s.name, f.name LIMIT \(Self.namePairs)) p
                 \(unescaped: Self.recordsOfNamePair)
                 LIMIT \(pairCap))
                """),
            (bothNames, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) <> '' AND \(q.forename) <> ''
                   AND surname_phonetic = \(q.forenamePhonetic) AND forename_phonetic = \(q.surnamePhonetic)
                 LIMIT \(pairCap))
                """),
            (!q.surname.isEmpty && q.dobYear != 0, """
                -- surname and year of birth, the closest names first
                (SELECT r.* FROM (SELECT name FROM surnames WHERE \(q.dobYear) <> 0 ORDER BY likeness DESC, name) s
                 CROSS JOIN LATERAL (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                                    WHERE folded_surname = s.name AND dob_year = \(q.dobYear)
                                      AND retired_at IS NULL AND person_id IS NOT NULL LIMIT \(Self.recordsPerName)) r
                 LIMIT \(pairCap))
                """),
            (!q.surname.isEmpty && q.dobYear != 0, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) <> '' AND \(q.dobYear) <> 0
                   AND surname_phonetic = \(q.surnamePhonetic) AND dob_year = \(q.dobYear)
                 LIMIT \(pairCap))
                """),
            (!q.surname.isEmpty && (!q.postcode.isEmpty || !q.postcodePrefix.isEmpty), """
                -- surname and postcode (or its prefix)
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) <> '' AND (\(q.postcode) <> '' OR \(q.postcodePrefix) <> '')
                   AND (norm_postcode = \(q.postcode) OR norm_postcode LIKE NULLIF(\(q.postcodePrefix), '') || '%')
                   AND (folded_surname = ANY (ARRAY(SELECT name FROM surnames)) OR surname_phonetic = \(q.surnamePhonetic))
                 LIMIT \(pairCap))
                """),
            (!q.surname.isEmpty, """
                -- the surname alone, closest names first
                (SELECT r.* FROM (SELECT name FROM surnames ORDER BY likeness DESC, name) s
                 CROSS JOIN LATERAL (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records WHERE folded_surname = s.name AND person_id IS NOT NULL
                                    AND retired_at IS NULL LIMIT \(Self.recordsPerName)) r
                 LIMIT \(cap))
                """),
            (!q.surname.isEmpty, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) <> '' AND surname_phonetic = \(q.surnamePhonetic) LIMIT \(cap))
                """),
            (!q.surname.isEmpty, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) <> '' AND folded_forename = ANY (ARRAY(SELECT name FROM surnames)) LIMIT \(cap))
                """),
            (!q.surname.isEmpty, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) <> '' AND alias_names <> '' AND alias_names LIKE '%' || \(q.surname) || '%' LIMIT \(cap))
                """),
            (forenameOnly, """
                -- a forename without a surname, closest names first (and with a year of birth)
                (SELECT r.* FROM (SELECT name FROM forenames WHERE \(q.surname) = '' ORDER BY likeness DESC, name) f
                 CROSS JOIN LATERAL (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records WHERE folded_forename = f.name AND person_id IS NOT NULL
                                    AND retired_at IS NULL LIMIT \(Self.recordsPerName)) r
                 LIMIT \(cap))
                """),
            (forenameOnly, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) = '' AND \(q.forename) <> ''
                   AND (forename_phonetic = \(q.forenamePhonetic) OR canonical_forenames && \(q.canonicalForenames)::text[])
                 LIMIT \(cap))
                """),
            (forenameOnly && q.dobYear != 0, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) = '' AND \(q.forename) <> '' AND \(q.dobYear) <> 0 AND dob_year = \(q.dobYear)
                   AND (folded_forename = ANY (ARRAY(SELECT name FROM forenames)) OR forename_phonetic = \(q.forenamePhonetic)
                        OR canonical_forenames && \(q.canonicalForenames)::text[])
                 LIMIT \(pairCap))
                """),
        ]
        let candidates = branches.filter(\.uses).map(\.sql)
        guard !candidates.isEmpty else { return [] }
        let head: SQLFragment = """
            WITH surnames AS MATERIALIZED (
                SELECT name, similarity(name, \(q.surname)) AS likeness FROM tracker_names
                WHERE \(q.surname) <> '' AND name % \(q.surname)
                ORDER BY likeness DESC, name LIMIT \(Self.namesPerTerm)
            ), forenames AS MATERIALIZED (
                SELECT name, similarity(name, \(q.forename)) AS likeness FROM tracker_names
                WHERE \(q.forename) <> '' AND name % \(q.forename)
                ORDER BY likeness DESC, name LIMIT \(Self.namesPerTerm)
            ), addresses_containing AS MATERIALIZED (
                SELECT address_key FROM tracker_addresses
                WHERE \(q.address) <> '' AND address_key LIKE '%' || \(q.address) || '%' LIMIT \(cap)
            ), streets AS MATERIALIZED (
                -- when fewer than a page of addresses contain the text (a short text is in very many), the
                -- streets nearest the text's street (migration 019), the closest first
                SELECT street FROM tracker_streets
                WHERE \(q.address) <> '' AND (SELECT count(*) FROM addresses_containing) < \(Self.addressesBeforeFuzzy)
                  AND street % tracker_street_of(\(q.address))
                ORDER BY similarity(street, tracker_street_of(\(q.address))) DESC, street LIMIT \(Self.fuzzyStreets)
            ), addresses AS MATERIALIZED (
                -- each with its score (3 for containing the text)
                SELECT address_key, 3::float8 AS score FROM addresses_containing
                UNION ALL
                -- addresses on those streets nearly like the text, the closest first (the likeness is worked out
                -- for each, not looked up in the trigram index: that would read it for every street)
                (SELECT address_key, word_similarity(\(q.address), address_key)::float8 * 3 FROM tracker_addresses
                 WHERE street IN (SELECT street FROM streets)
                   AND word_similarity(\(q.address), address_key) >= \(Self.addressLikeness)
                   AND address_key NOT LIKE '%' || \(q.address) || '%'
                 ORDER BY 2 DESC, address_key LIMIT \(Self.fuzzyAddresses))
            ), candidates AS (
            """
        let tail: SQLFragment = """
            ), likeness AS (
                -- each distinct name among the candidates compared once with each name searched for
                SELECT name, CASE WHEN \(q.surname) = '' THEN 0 ELSE similarity(name, \(q.surname)) END AS to_surname,
                       CASE WHEN \(q.forename) = '' THEN 0 ELSE similarity(name, \(q.forename)) END AS to_forename
                FROM (SELECT COALESCE(folded_surname, '') AS name FROM candidates UNION SELECT COALESCE(folded_forename, '') FROM candidates) n
                WHERE \(q.surname) <> '' OR \(q.forename) <> ''
            ), scored AS (
                SELECT t.id, t.person_id,
                    (CASE WHEN \(q.nhsNumber) <> '' AND t.valid_nhs_number = \(q.nhsNumber) THEN 10 ELSE 0 END
                   + CASE WHEN \(q.referenceId) <> '' AND t.source_record_id = \(q.referenceId) THEN 10 ELSE 0 END
                   + GREATEST(
                        CASE WHEN \(q.surname) = '' THEN 0 ELSE GREATEST(
                            s.to_surname * 4,
                            CASE WHEN t.surname_phonetic = \(q.surnamePhonetic) THEN 3 ELSE 0 END,
                            CASE WHEN t.alias_names LIKE '%' || \(q.surname) || '%' THEN 3 ELSE 0 END) END
                      + CASE WHEN \(q.forename) = '' THEN 0 ELSE GREATEST(
                            f.to_forename * 3,
                            CASE WHEN t.canonical_forenames && \(q.canonicalForenames)::text[] THEN 3 ELSE 0 END,
                            CASE WHEN t.forename_phonetic = \(q.forenamePhonetic) THEN 2 ELSE 0 END,
                            CASE WHEN t.alias_names LIKE '%' || \(q.forename) || '%' THEN 2 ELSE 0 END) END,
                        -- forename and surname entered the wrong way round
                        CASE WHEN \(q.surname) = '' OR \(q.forename) = '' THEN 0 ELSE 0.9 * (
                            GREATEST(f.to_surname * 4,
                                     CASE WHEN t.forename_phonetic = \(q.surnamePhonetic) THEN 3 ELSE 0 END)
                          + GREATEST(s.to_forename * 3,
                                     CASE WHEN t.surname_phonetic = \(q.forenamePhonetic) THEN 2 ELSE 0 END)) END)
                   + CASE WHEN \(q.dobYear) = 0 OR t.dob_year IS NULL THEN 0
                          WHEN t.dob_year = \(q.dobYear) THEN 1 ELSE -1 END
                   + CASE WHEN \(q.dobMonth) = 0 OR t.dob_month IS NULL THEN 0
                          WHEN t.dob_month = \(q.dobMonth) OR (t.dob_day = \(q.dobMonth) AND t.dob_month = \(q.dobDay)) THEN 1 ELSE -1 END
                   + CASE WHEN \(q.dobDay) = 0 OR t.dob_day IS NULL THEN 0
                          WHEN t.dob_day = \(q.dobDay) OR (t.dob_month = \(q.dobDay) AND t.dob_day = \(q.dobMonth)) THEN 1 ELSE -1 END
                   + CASE WHEN \(q.postcode) <> '' AND t.norm_postcode = \(q.postcode) THEN 3
                          WHEN \(q.postcodePrefix) <> '' AND t.norm_postcode LIKE \(q.postcodePrefix) || '%' THEN 2 ELSE 0 END
                   + CASE WHEN \(q.address) = '' THEN 0
                          WHEN a.score IS NOT NULL THEN a.score
                          WHEN t.address_key LIKE '%' || \(q.address) || '%' THEN 3
                          ELSE word_similarity(\(q.address), COALESCE(t.address_key, '')) * 3 END
                    )::float8 AS score
                FROM candidates t
                LEFT JOIN likeness s ON s.name = COALESCE(t.folded_surname, '')
                LEFT JOIN likeness f ON f.name = COALESCE(t.folded_forename, '')
                LEFT JOIN addresses a ON a.address_key = t.address_key
            ), persons AS (
                SELECT person_id, max(score) AS score FROM scored GROUP BY person_id
                ORDER BY max(score) DESC, person_id LIMIT \(q.limit)
            )
            SELECT p.score, \(unescaped: Self.summaryColumns)
            FROM persons p JOIN tracker_records t ON t.person_id = p.person_id AND t.retired_at IS NULL
            ORDER BY p.score DESC, p.person_id, t.source_system, t.source_record_id
            """
        let query = SQLFragment.joined([head, SQLFragment.joined(candidates, separator: "\nUNION ALL\n"), tail], separator: "\n")
        let rows = try await connection.query(query.query, logger: logger)
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
