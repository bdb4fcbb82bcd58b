import PostgresNIO

/// The candidate branches of a tracker search: one small capped query per criterion, and per pair of criteria
/// that rank best together, each used only when its criteria were given (each also keeps its own guard in SQL).
/// Each returns the columns scoring reads (``TrackerSearchStore/candidateColumns``).
extension TrackerSearchStore {
    /// A candidate query, and whether the criteria searched for use it.
    typealias CandidateBranch = (uses: Bool, sql: SQLFragment)

    /// Every branch, in the order the query unites them: identifiers, postcodes, address, date of birth, name
    /// pairs, surname with year of birth, surname with postcode, surname alone, forename alone.
    static func candidateBranches(_ q: TrackerSearchTerms) -> [CandidateBranch] {
        let branches: [[CandidateBranch]] = [
            identifierBranches(q), postcodeBranches(q), addressBranches(q), birthDateBranches(q), namePairBranches(q),
            surnameAndBirthYearBranches(q), surnameAndPostcodeBranches(q), surnameBranches(q), forenameBranches(q),
        ]
        return branches.flatMap { $0 }
    }

    /// By NHS number, and by reference id (a source's own id for its record).
    static func identifierBranches(_ q: TrackerSearchTerms) -> [CandidateBranch] {
        let cap = Self.candidatesPerCriterion
        return [
            (!q.nhsNumber.isEmpty, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.nhsNumber) <> '' AND valid_nhs_number = \(q.nhsNumber) LIMIT \(cap))
                """),
            (!q.referenceId.isEmpty, """
                -- a reference under each source, by the unique index of (source_system, source_record_id)
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.referenceId) <> ''
                   AND source_system IN (SELECT source_system FROM tracker_sources) AND source_record_id = \(q.referenceId) LIMIT \(cap))
                """),
        ]
    }

    /// By postcode, or by postcode prefix.
    static func postcodeBranches(_ q: TrackerSearchTerms) -> [CandidateBranch] {
        let cap = Self.candidatesPerCriterion
        return [
            (!q.postcode.isEmpty, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.postcode) <> '' AND norm_postcode = \(q.postcode) LIMIT \(cap))
                """),
            (!q.postcodePrefix.isEmpty, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.postcodePrefix) <> '' AND norm_postcode LIKE \(q.postcodePrefix) || '%' LIMIT \(cap))
                """),
        ]
    }

    /// By address: the records at the addresses like the one searched for (`addresses`).
    static func addressBranches(_ q: TrackerSearchTerms) -> [CandidateBranch] {
        let cap = Self.candidatesPerCriterion
        return [
            (!q.address.isEmpty, """
                -- the records at those addresses, the closest addresses first
                (SELECT r.* FROM (SELECT address_key FROM addresses ORDER BY score DESC, address_key) a
                 CROSS JOIN LATERAL (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                                    WHERE address_key = a.address_key AND retired_at IS NULL AND person_id IS NOT NULL
                                    LIMIT \(Self.recordsPerName)) r
                 LIMIT \(cap))
                """),
        ]
    }

    /// By date of birth, when no name was given.
    static func birthDateBranches(_ q: TrackerSearchTerms) -> [CandidateBranch] {
        let cap = Self.candidatesPerCriterion
        return [
            (q.surname.isEmpty && q.forename.isEmpty && q.dobYear != 0, """
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) = '' AND \(q.forename) = '' AND \(q.dobYear) <> 0 AND dob_year = \(q.dobYear)
                   AND (\(q.dobMonth) = 0 OR dob_month = \(q.dobMonth)) AND (\(q.dobDay) = 0 OR dob_day = \(q.dobDay)) LIMIT \(cap))
                """),
        ]
    }

    /// By name pairs: surname and forename agreeing together, as given or entered the wrong way round, by like
    /// names (`surnames`, `forenames`) or by the same sounds.
    static func namePairBranches(_ q: TrackerSearchTerms) -> [CandidateBranch] {
        let pairCap = Self.candidatesPerPair
        let bothNames = !q.surname.isEmpty && !q.forename.isEmpty
        return [
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
        ]
    }

    /// By surname and year of birth together: like names, or the same sound.
    static func surnameAndBirthYearBranches(_ q: TrackerSearchTerms) -> [CandidateBranch] {
        let pairCap = Self.candidatesPerPair
        return [
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
        ]
    }

    /// By surname and postcode (or its prefix) together.
    static func surnameAndPostcodeBranches(_ q: TrackerSearchTerms) -> [CandidateBranch] {
        let pairCap = Self.candidatesPerPair
        return [
            (!q.surname.isEmpty && (!q.postcode.isEmpty || !q.postcodePrefix.isEmpty), """
                -- surname and postcode (or its prefix)
                (SELECT \(unescaped: Self.candidateColumns) FROM tracker_records
                 WHERE retired_at IS NULL AND person_id IS NOT NULL AND \(q.surname) <> '' AND (\(q.postcode) <> '' OR \(q.postcodePrefix) <> '')
                   AND (norm_postcode = \(q.postcode) OR norm_postcode LIKE NULLIF(\(q.postcodePrefix), '') || '%')
                   AND (folded_surname = ANY (ARRAY(SELECT name FROM surnames)) OR surname_phonetic = \(q.surnamePhonetic))
                 LIMIT \(pairCap))
                """),
        ]
    }

    /// By surname alone: like names, the same sound, the surname given as a forename, or among the aliases.
    static func surnameBranches(_ q: TrackerSearchTerms) -> [CandidateBranch] {
        let cap = Self.candidatesPerCriterion
        return [
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
        ]
    }

    /// By forename, when no surname was given: like names, the same sound or canonical form, and with a year of birth.
    static func forenameBranches(_ q: TrackerSearchTerms) -> [CandidateBranch] {
        let (cap, pairCap) = (Self.candidatesPerCriterion, Self.candidatesPerPair)
        let forenameOnly = q.surname.isEmpty && !q.forename.isEmpty
        return [
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
    }
}
