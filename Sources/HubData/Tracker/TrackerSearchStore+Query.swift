import PostgresNIO

/// The one query of a tracker search: the names and addresses like those searched for, the candidates the
/// criteria's branches gather (``candidateBranches(_:)``), and their scoring, each person's best score kept.
extension TrackerSearchStore {
    /// The query for `q`, or nil when no branch is used (nothing was asked for).
    static func query(_ q: TrackerSearchTerms) -> SQLFragment? {
        // One query: the candidate branches are only those the criteria use (each also keeps its own guard in SQL).
        // Planning every branch, most of them idle, cost 6–12 ms of each search at 1M records; a record found by
        // several branches comes once from each, scores the same each time, and only each person's best score is kept.
        let candidates = candidateBranches(q).filter(\.uses).map(\.sql)
        guard !candidates.isEmpty else { return nil }
        let united = SQLFragment.joined(candidates, separator: "\nUNION ALL\n")
        return SQLFragment.joined([likeNamesAndAddresses(q), united, scoring(q)], separator: "\n")
    }

    /// The query's opening: the names like each name searched for (`surnames`, `forenames`), and the addresses like
    /// the one searched for (`addresses`: those containing it, else those nearly like it on the nearest streets);
    /// then the opening of `candidates`.
    static func likeNamesAndAddresses(_ q: TrackerSearchTerms) -> SQLFragment {
        let cap = Self.candidatesPerCriterion
        return """
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
    }

    /// The query's close: the end of `candidates`, then each candidate scored (``search(_:)`` tells how), each
    /// person's best score, and the live records of the best persons, best first.
    static func scoring(_ q: TrackerSearchTerms) -> SQLFragment {
        """
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
    }
}
