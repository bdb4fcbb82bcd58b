/// The outcome of comparing two records: the level of every field, the codes of exactly agreeing names
/// (for term-frequency adjustment) and any identity conflict.
struct PairComparison: Sendable {
    var pattern: ComparisonPattern
    /// The forename code both records share exactly, or `StringPool.none`.
    var sharedForename: Int32
    /// The surname code both records share exactly, or `StringPool.none`.
    var sharedSurname: Int32
    var conflicts: LinkConflicts
    /// Two valid NHS numbers on records of one name, date of birth and home: one number is wrong, and they were compared
    /// as missing (``IdentityRule/nhsNumbersDifferAtOneHome``).
    var nhsNumbersDifferAtOneHome = false
}

/// Compares two encoded records field by field. Built inside ``withComparator(_:_:)``, which lends it raw
/// pointers to the name bytes so that Jaro–Winkler runs without allocation.
struct PairComparator {
    let records: EncodedRecords
    private let forenameBytes: UnsafeBufferPointer<UInt8>
    private let forenameOffsets: UnsafeBufferPointer<Int32>
    private let surnameBytes: UnsafeBufferPointer<UInt8>
    private let surnameOffsets: UnsafeBufferPointer<Int32>

    private init(
        records: EncodedRecords,
        forenameBytes: UnsafeBufferPointer<UInt8>, forenameOffsets: UnsafeBufferPointer<Int32>,
        surnameBytes: UnsafeBufferPointer<UInt8>, surnameOffsets: UnsafeBufferPointer<Int32>
    ) {
        self.records = records
        self.forenameBytes = forenameBytes
        self.forenameOffsets = forenameOffsets
        self.surnameBytes = surnameBytes
        self.surnameOffsets = surnameOffsets
    }

    /// Runs `body` with a comparator over `records`; the comparator must not escape.
    static func withComparator<R>(_ records: EncodedRecords, _ body: (PairComparator) -> R) -> R {
        records.forenames.bytes.withUnsafeBufferPointer { foreBytes in
            records.forenames.offsets.withUnsafeBufferPointer { foreOffsets in
                records.surnames.bytes.withUnsafeBufferPointer { surBytes in
                    records.surnames.offsets.withUnsafeBufferPointer { surOffsets in
                        body(PairComparator(
                            records: records, forenameBytes: foreBytes, forenameOffsets: foreOffsets,
                            surnameBytes: surBytes, surnameOffsets: surOffsets))
                    }
                }
            }
        }
    }

    // MARK: - Whole records

    func compare(_ a: Int, _ b: Int) -> PairComparison {
        var conflicts: LinkConflicts = []
        var (forenameLevel, sharedForename) = compareForenames(a, b)
        var (surnameLevel, sharedSurname) = compareSurnames(a, b)
        let swapped = forenameLevel >= 3 && surnameLevel >= 2 && forenameLevel != ComparisonPattern.missing
            && surnameLevel != ComparisonPattern.missing && namesSwapped(a, b)
        if swapped {
            // Forename and surname entered the wrong way round (`JONES NATHAN` / `Nathan Jones`): count it as
            // an alternative form of both names, not as two disagreements.
            forenameLevel = 1
            surnameLevel = 1
            sharedForename = StringPool.none
            sharedSurname = StringPool.none
        } else if forenameLevel >= 2 && forenameLevel != ComparisonPattern.missing
            && !forenamesOneSlipApart(records.forename[a], records.forename[b], level: forenameLevel) {
            // Not the same name, a nickname, an alias or a middle name, and more than one keying slip apart
            // (``IdentityRule/forenameKeyingSlip`` otherwise).
            conflicts.insert(.forenamesDiffer)
        }
        let dobLevel = compareDatesOfBirth(a, b)
        var nhsLevel = compareNHSNumbers(a, b)
        // The family-safe rules on dates of birth (``IdentityRule``).
        let dobA = records.dateOfBirth[a]
        let dobB = records.dateOfBirth[b]
        if dobA != 0 && dobB != 0 {
            if IdentityRule.datesOfBirthDifferBeyondSlip(dobA, dobB) {
                conflicts.insert(.datesOfBirthDiffer)
                if IdentityRule.generationApart(dobA, dobB) {
                    let sameName = forenameLevel <= 1 && (surnameLevel <= 1 || surnameLevel == ComparisonPattern.missing)
                    conflicts.insert(sameName ? .generationGap : .ageGap)
                }
            }
        } else if (dobA == 0) != (dobB == 0) && nhsLevel != 0 {
            conflicts.insert(.dateOfBirthOnOneSideOnly)
            if IdentityRule.year(dobA | dobB) >= records.childBornFrom { conflicts.insert(.noDateOfBirthAgainstChild) }
        }
        if generationsDiffer(a, b) {
            // Marked Senior and Junior, or Senior against someone born too recently to be anyone's father (``IdentityRule/generationGapSameName``).
            conflicts.insert(.generationGap)
        }
        let genderLevel = compareGenders(a, b)
        if genderLevel == 1 && (forenameLevel > 1) { conflicts.insert(.gendersDiffer) }
        let addressLevel = compareAddresses(a, b)
        var nhsNumbersDifferAtOneHome = false
        if nhsLevel == 1 {
            if PairComparator.onePersonAtOneHome(
                forename: forenameLevel, surname: surnameLevel, bothDatesKnown: dobA != 0 && dobB != 0, address: addressLevel,
                gender: genderLevel, conflicts: conflicts) {
                // One of the two numbers is wrong (``IdentityRule/nhsNumbersDifferAtOneHome``): neither agreement nor
                // disagreement.
                nhsLevel = ComparisonPattern.missing
                nhsNumbersDifferAtOneHome = true
            } else {
                conflicts.insert(.nhsNumbersDiffer)
            }
        }
        let pattern = ComparisonPattern(
            forename: forenameLevel, surname: surnameLevel, dateOfBirth: dobLevel,
            address: addressLevel, gender: genderLevel, nhsNumber: nhsLevel)
        return PairComparison(
            pattern: pattern, sharedForename: sharedForename, sharedSurname: sharedSurname, conflicts: conflicts,
            nhsNumbersDifferAtOneHome: nhsNumbersDifferAtOneHome)
    }

    /// True when two records are one person whatever their NHS numbers say (``IdentityRule/nhsNumbersDifferAtOneHome``):
    /// the same forename (not a nickname or a slip: twins are given Harry and Harri, Ellie and Olivia, whom a slip or a
    /// nickname's slip would join), surnames the same or spelt alike, both dates of birth known and the same or a slip
    /// apart, the same property, genders not recorded differently, and no generation marked between them. Levels as
    /// ``LinkageField/levels`` index them.
    @inline(__always)
    static func onePersonAtOneHome(
        forename: UInt8, surname: UInt8, bothDatesKnown: Bool, address: UInt8, gender: UInt8, conflicts: LinkConflicts
    ) -> Bool {
        forename == 0 && surname <= 2 && bothDatesKnown && address == 0 && gender != 1
            && conflicts.isDisjoint(with: [.forenamesDiffer, .datesOfBirthDiffer, .generationGap, .ageGap])
    }

    /// Compares `a` and `b` unless the pair cannot reach `minimum` weight whatever its names, which is
    /// decided from the cheap fields first (dates, address, gender, NHS number, name codes). Pairs sharing a
    /// valid NHS number are always compared. Most candidate pairs (two Joneses born in one year) end here.
    func compare(_ a: Int, _ b: Int, reaching minimum: Float, bounds: NameWeightBounds, weights: MatchWeights) -> PairComparison? {
        let nhsLevel = compareNHSNumbers(a, b)
        if nhsLevel != 0 {
            let addressLevel = compareAddresses(a, b)
            let genderLevel = compareGenders(a, b)
            // Two numbers may count as missing if the names agree (``IdentityRule/nhsNumbersDifferAtOneHome``): the
            // rule's own test, with the names and conflicts not worked out yet taken at their best.
            let nhsWeight = weights.weight(.nhsNumber, nhsLevel)
            let mayBeOneHome = nhsLevel == 1 && PairComparator.onePersonAtOneHome(
                forename: 0, surname: 0, bothDatesKnown: records.dateOfBirth[a] != 0 && records.dateOfBirth[b] != 0,
                address: addressLevel, gender: genderLevel, conflicts: [])
            var bound = weights.prior + (mayBeOneHome ? max(0, nhsWeight) : nhsWeight)
            bound += weights.weight(.dateOfBirth, compareDatesOfBirth(a, b))
            bound += weights.weight(.address, addressLevel)
            bound += weights.weight(.gender, genderLevel)
            let aliases = records.hasAliases(a) || records.hasAliases(b)
            bound += nameBound(records.forename[a], records.forename[b], aliases: aliases,
                               exact: weights.fieldWeights[0][0], adjustments: weights.forenameAdjustments,
                               inexact: bounds.forenameInexact, any: bounds.forenameAny)
            bound += nameBound(records.surname[a], records.surname[b], aliases: aliases,
                               exact: weights.fieldWeights[1][0], adjustments: weights.surnameAdjustments,
                               inexact: bounds.surnameInexact, any: bounds.surnameAny)
            if bound < minimum { return nil }
        }
        return compare(a, b)
    }

    /// True when `a` and `b` are namesakes of one household (the same forename and surname, the same property) whose
    /// dates of birth differ beyond a slip: a mother and daughter of one name, a father and son. Such pairs often score
    /// too low to review, yet the engine keeps them as conflicts so that a record with no date of birth cannot join
    /// them together (``IdentityRule/noDateOfBirthNeedsMoreThanNameAndAddress``). Integer comparisons only.
    @inline(__always)
    func householdNamesakesApart(_ a: Int, _ b: Int) -> Bool {
        let fore = records.forename[a]
        let sur = records.surname[a]
        guard fore >= 0, sur >= 0, fore == records.forename[b], sur == records.surname[b] else { return false }
        let dobA = records.dateOfBirth[a]
        let dobB = records.dateOfBirth[b]
        guard dobA != 0, dobB != 0, IdentityRule.datesOfBirthDifferBeyondSlip(dobA, dobB) else { return false }
        return compareAddresses(a, b) == 0
    }

    /// True when the names' suffixes mark two generations (`Senior` and `Junior`), or one is marked Senior and the other
    /// was born less than ``IdentityRule/generationGapYears`` years before the reference year (a child cannot be the
    /// father of a son of his name). Integer comparisons only.
    @inline(__always)
    func generationsDiffer(_ a: Int, _ b: Int) -> Bool {
        let markA = records.generation[a], markB = records.generation[b]
        if markA == markB { return false }
        if markA != 0 && markB != 0 { return true }
        let other = markA == 1 ? b : markB == 1 ? a : -1  // the record beside the one marked Senior
        guard other >= 0, records.dateOfBirth[other] != 0 else { return false }
        return IdentityRule.year(records.dateOfBirth[other]) >= records.youngerThanAGenerationFrom
    }

    /// The most a name field can add for two codes.
    @inline(__always)
    private func nameBound(
        _ x: Int32, _ y: Int32, aliases: Bool, exact: Float, adjustments: [Float], inexact: Float, any: Float
    ) -> Float {
        if aliases { return any }
        if x < 0 || y < 0 { return 0 }
        if x == y { return exact + adjustments[Int(x)] }
        return inexact
    }

    // MARK: - Forenames

    /// The best level over both records' forenames, middle names and aliases; and the shared code when exact.
    func compareForenames(_ a: Int, _ b: Int) -> (UInt8, Int32) {
        let foreA = records.forename[a]
        let foreB = records.forename[b]
        var best = ComparisonPattern.missing
        if foreA >= 0 && foreB >= 0 {
            best = forenameLevel(foreA, foreB)
            if best == 0 { return (0, foreA) }
        }
        // A forename that is the other's middle name ("Anne Shira" known as "Shira").
        if (foreA >= 0 && records.middleName[b] == foreA) || (foreB >= 0 && records.middleName[a] == foreB) {
            best = min(best, 1)
        }
        if records.hasAliases(a) || records.hasAliases(b) {
            for x in records.forenameVariants(a) {
                for y in records.forenameVariants(b) where !(x == foreA && y == foreB) {
                    let level = forenameLevel(x, y)
                    if level == 0 { return (0, x) }
                    best = min(best, level)
                }
            }
        }
        return (best, StringPool.none)
    }

    /// True when two forenames (or their canonical forms) are one keying slip apart, or one is an initial
    /// of the other: similar forenames that are not a sign of two different people.
    func forenamesWithinOneEdit(_ x: Int32, _ y: Int32) -> Bool {
        guard x >= 0 && y >= 0 else { return true }
        if let cached = records.nameCache.forename(x, y) { return cached & NameComparisonCache.withinOneEditBit != 0 }
        return computeForenamesWithinOneEdit(x, y)
    }

    /// True when forenames at `level` (2–4) are a keying slip apart: within one edit, or a fitting initial (level 3).
    /// An initial that does not fit (level 4, `J` / `Mary`) is a conflict.
    @inline(__always)
    func forenamesOneSlipApart(_ x: Int32, _ y: Int32, level: UInt8) -> Bool {
        guard forenamesWithinOneEdit(x, y) else { return false }
        if level < 4 || x < 0 || y < 0 { return true }
        return records.forenames.length(x) > 1 && records.forenames.length(y) > 1
    }

    func computeForenamesWithinOneEdit(_ x: Int32, _ y: Int32) -> Bool {
        if records.forenames.length(x) == 1 || records.forenames.length(y) == 1 { return true }
        let formsX = [x] + records.canonicalCodes[Int(records.canonicalStart[Int(x)])..<Int(records.canonicalStart[Int(x) + 1])]
        let formsY = [y] + records.canonicalCodes[Int(records.canonicalStart[Int(y)])..<Int(records.canonicalStart[Int(y) + 1])]
        for formX in formsX {
            for formY in formsY where OneEditDistance.isWithinOneEdit(
                bytes(forenameBytes, forenameOffsets, formX), bytes(forenameBytes, forenameOffsets, formY)) {
                return true
            }
        }
        // A slip in a nickname of the other's name (`Joosh` / `Joshua` through `josh`, `Dto` / `Dorothy` through `dot`), when
        // the name as written is not one the table knows: `Ellie` is a letter from `ollie` (Olivia's), and a name of its
        // own (generated twins Ellie and Olivia were joined so).
        for (name, other) in [(x, y), (y, x)] where !records.isKnownForename(name) {
            let start = Int(records.nicknameStart[Int(other)])
            let end = Int(records.nicknameStart[Int(other) + 1])
            for index in start..<end where OneEditDistance.isWithinOneEdit(
                bytes(forenameBytes, forenameOffsets, name), bytes(forenameBytes, forenameOffsets, records.nicknameCodes[index])) {
                return true
            }
        }
        return false
    }

    /// exact 0, nickname 1, JW ≥ 0.92 2, JW ≥ 0.80 or a fitting initial 3, different 4.
    func forenameLevel(_ x: Int32, _ y: Int32) -> UInt8 {
        if x == y { return 0 }
        if let cached = records.nameCache.forename(x, y) { return cached & NameComparisonCache.levelMask }
        return computeForenameLevel(x, y)
    }

    func computeForenameLevel(_ x: Int32, _ y: Int32) -> UInt8 {
        if x == y { return 0 }
        if nicknameEqual(x, y) { return 1 }
        let left = bytes(forenameBytes, forenameOffsets, x)
        let right = bytes(forenameBytes, forenameOffsets, y)
        var similarity = JaroWinkler.similarity(left, right)
        if similarity < 0.92 && !(records.isOwnCanonicalForm(x) && records.isOwnCanonicalForm(y)) {
            // A misspelt name against a nickname: compare the canonical forms too (`Advid` / `Davy → David`).
            similarity = max(similarity, canonicalSimilarity(x, y))
        }
        if similarity >= 0.92 { return 2 }
        if similarity >= 0.80 { return 3 }
        if (left.count == 1 || right.count == 1), left.first == right.first { return 3 }
        return 4
    }

    /// The best Jaro–Winkler similarity between either name or its canonical forms and the other's.
    private func canonicalSimilarity(_ x: Int32, _ y: Int32) -> Double {
        var best = 0.0
        let formsX = [x] + records.canonicalCodes[Int(records.canonicalStart[Int(x)])..<Int(records.canonicalStart[Int(x) + 1])]
        let formsY = [y] + records.canonicalCodes[Int(records.canonicalStart[Int(y)])..<Int(records.canonicalStart[Int(y) + 1])]
        for formX in formsX {
            for formY in formsY where !(formX == x && formY == y) {
                best = max(best, JaroWinkler.similarity(
                    bytes(forenameBytes, forenameOffsets, formX), bytes(forenameBytes, forenameOffsets, formY)))
            }
        }
        return best
    }

    func nicknameEqual(_ x: Int32, _ y: Int32) -> Bool {
        let startX = Int(records.canonicalStart[Int(x)])
        let endX = Int(records.canonicalStart[Int(x) + 1])
        let startY = Int(records.canonicalStart[Int(y)])
        let endY = Int(records.canonicalStart[Int(y) + 1])
        for i in startX..<endX {
            let form = records.canonicalCodes[i]
            for j in startY..<endY where records.canonicalCodes[j] == form { return true }
        }
        return false
    }

    // MARK: - Surnames

    func compareSurnames(_ a: Int, _ b: Int) -> (UInt8, Int32) {
        let surA = records.surname[a]
        let surB = records.surname[b]
        var best = ComparisonPattern.missing
        if surA >= 0 && surB >= 0 {
            best = surnameLevel(surA, surB)
            if best == 0 { return (0, surA) }
        }
        if records.hasAliases(a) || records.hasAliases(b) {
            for x in records.surnameVariants(a) {
                for y in records.surnameVariants(b) where !(x == surA && y == surB) {
                    let level = surnameLevel(x, y)
                    if level == 0 { return (0, x) }
                    best = min(best, level)
                }
            }
        }
        return (best, StringPool.none)
    }

    /// exact 0, JW ≥ 0.92 or a shared part of a double-barrelled name 1, JW ≥ 0.80 2, different 3.
    func surnameLevel(_ x: Int32, _ y: Int32) -> UInt8 {
        if x == y { return 0 }
        if let cached = records.nameCache.surname(x, y) { return cached }
        return computeSurnameLevel(x, y)
    }

    func computeSurnameLevel(_ x: Int32, _ y: Int32) -> UInt8 {
        if x == y { return 0 }
        if sharePart(x, y) { return 1 }
        let similarity = JaroWinkler.similarity(bytes(surnameBytes, surnameOffsets, x), bytes(surnameBytes, surnameOffsets, y))
        if similarity >= 0.92 { return 1 }
        if similarity >= 0.80 { return 2 }
        return 3
    }

    /// True when one surname is a part of the other or both share a part (`smith` / `smith-jones`).
    func sharePart(_ x: Int32, _ y: Int32) -> Bool {
        let startX = Int(records.surnamePartStart[Int(x)])
        let endX = Int(records.surnamePartStart[Int(x) + 1])
        let startY = Int(records.surnamePartStart[Int(y)])
        let endY = Int(records.surnamePartStart[Int(y) + 1])
        if startX == endX && startY == endY { return false }
        if startX == endX { return (startY..<endY).contains { records.surnamePartCodes[$0] == x } }
        if startY == endY { return (startX..<endX).contains { records.surnamePartCodes[$0] == y } }
        for i in startX..<endX {
            for j in startY..<endY where records.surnamePartCodes[i] == records.surnamePartCodes[j] { return true }
        }
        return false
    }

    /// True when the names agree the wrong way round: one record's surname is the other's
    /// forename, or a nickname, variant or keying slip of it, and its forename is (almost) the other's surname
    /// (`Lloyd Livvy` / `Olivia Lloyd`, `Cox Logan` / `Logan Cix`). Either record may be the one entered the wrong way.
    func namesSwapped(_ a: Int, _ b: Int) -> Bool {
        let foreA = records.forename[a], surA = records.surname[a]
        let foreB = records.forename[b], surB = records.surname[b]
        guard foreA >= 0, surA >= 0, foreB >= 0, surB >= 0 else { return false }
        // The same two texts cross either way: `a`'s forename against `b`'s surname, `a`'s surname against `b`'s forename.
        // `a` the wrong way round: its surname is the forename, compared as one; its forename, as a surname.
        if surnameLike(bytes(forenameBytes, forenameOffsets, foreA), bytes(surnameBytes, surnameOffsets, surB))
            && forenameLike(records.surnameAsForename[Int(surA)], foreB) { return true }
        // `b` the wrong way round.
        return surnameLike(bytes(surnameBytes, surnameOffsets, surA), bytes(forenameBytes, forenameOffsets, foreB))
            && forenameLike(foreA, records.surnameAsForename[Int(surB)])
    }

    /// True when two texts agree as surnames do in a swap: Jaro–Winkler at least 0.92, or one keying slip apart.
    @inline(__always)
    private func surnameLike(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        JaroWinkler.similarity(x, y) >= 0.92 || OneEditDistance.isWithinOneEdit(x, y)
    }

    /// True when two forename codes agree as forenames do in a swap: exactly, as nicknames or variants, at Jaro–Winkler
    /// 0.92, or one keying slip apart (never an initial alone).
    @inline(__always)
    private func forenameLike(_ x: Int32, _ y: Int32) -> Bool {
        guard x >= 0, y >= 0, records.forenames.length(x) > 1, records.forenames.length(y) > 1 else { return false }
        return forenameLevel(x, y) <= 2 || forenamesWithinOneEdit(x, y)
    }

    // MARK: - Dates of birth

    @inline(__always) func isComplete(_ packed: UInt32) -> Bool { packed != 0 && packed & 0x1F != 0 && (packed >> 5) & 0xF != 0 }

    /// 1 January stands in for an unknown day and month in many systems, so it counts as the year alone
    /// when compared with a different date.
    @inline(__always) func isFullDate(_ packed: UInt32) -> Bool { isComplete(packed) && packed & 0x1FF != (1 << 5 | 1) }

    /// exact 0, day/month swapped 1, one component differs 2, year within one 3, different 4.
    func compareDatesOfBirth(_ a: Int, _ b: Int) -> UInt8 {
        let x = records.dateOfBirth[a]
        let y = records.dateOfBirth[b]
        if x == 0 || y == 0 { return ComparisonPattern.missing }
        if x == y && isComplete(x) { return 0 }
        let yearX = Int(x >> 9), monthX = Int((x >> 5) & 0xF), dayX = Int(x & 0x1F)
        let yearY = Int(y >> 9), monthY = Int((y >> 5) & 0xF), dayY = Int(y & 0x1F)
        let yearGap = abs(yearX - yearY)
        if isFullDate(x) && isFullDate(y) {
            if yearX == yearY && dayX == monthY && monthX == dayY { return 1 }
            let same = (yearX == yearY ? 1 : 0) + (monthX == monthY ? 1 : 0) + (dayX == dayY ? 1 : 0)
            if same == 2 { return 2 }
            return yearGap <= 1 ? 3 : 4
        }
        // A partial date, or 1 January: compare what both sides know.
        if yearGap > 1 { return 4 }
        if yearGap == 1 { return 3 }
        let placeholder = (isComplete(x) && !isFullDate(x)) || (isComplete(y) && !isFullDate(y))
        if !placeholder && monthX != 0 && monthY != 0 { return monthX == monthY ? 2 : 3 }
        return 3
    }

    // MARK: - Addresses, gender, NHS number

    /// same property 0, same postcode 1, same sector 2, same district 3, different 4.
    func compareAddresses(_ a: Int, _ b: Int) -> UInt8 {
        let uprnA = records.uprn[a]
        let uprnB = records.uprn[b]
        if uprnA != 0 && uprnA == uprnB { return 0 }
        let postcodeA = records.postcode[a]
        let postcodeB = records.postcode[b]
        if postcodeA >= 0 && postcodeB >= 0 {
            if postcodeA == postcodeB {
                if uprnA != 0 && uprnB != 0 { return 1 }
                let keyA = records.addressKey[a]
                return keyA >= 0 && keyA == records.addressKey[b] ? 0 : 1
            }
            if records.sector[a] == records.sector[b] { return 2 }
            if records.district[a] == records.district[b] { return 3 }
            return 4
        }
        if uprnA != 0 && uprnB != 0 { return 4 }
        let keyA = records.addressKey[a]
        let keyB = records.addressKey[b]
        let townA = records.town[a]
        let townB = records.town[b]
        if keyA >= 0 && keyB >= 0 && townA >= 0 && townB >= 0 {
            return keyA == keyB && townA == townB ? 0 : 4
        }
        return ComparisonPattern.missing
    }

    func compareGenders(_ a: Int, _ b: Int) -> UInt8 {
        let x = records.gender[a]
        let y = records.gender[b]
        if x == 0 || y == 0 { return ComparisonPattern.missing }
        return x == y ? 0 : 1
    }

    func compareNHSNumbers(_ a: Int, _ b: Int) -> UInt8 {
        let x = records.nhs[a]
        let y = records.nhs[b]
        if x == 0 || y == 0 { return ComparisonPattern.missing }
        return x == y ? 0 : 1
    }

    @inline(__always)
    private func bytes(_ storage: UnsafeBufferPointer<UInt8>, _ offsets: UnsafeBufferPointer<Int32>, _ code: Int32) -> UnsafeBufferPointer<UInt8> {
        let start = Int(offsets[Int(code)])
        let end = Int(offsets[Int(code) + 1])
        return UnsafeBufferPointer(rebasing: storage[start..<end])
    }
}

/// The largest weights the name fields can add, worked out once per run for ``PairComparator``'s bound.
struct NameWeightBounds: Sendable {
    let forenameInexact: Float
    let forenameAny: Float
    let surnameInexact: Float
    let surnameAny: Float

    init(_ weights: MatchWeights) {
        forenameInexact = weights.bestInexactWeight(.forename)
        forenameAny = weights.bestWeight(.forename)
        surnameInexact = weights.bestInexactWeight(.surname)
        surnameAny = weights.bestWeight(.surname)
    }
}
