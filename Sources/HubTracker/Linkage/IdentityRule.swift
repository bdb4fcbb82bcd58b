/// The family-safe identity rules (issue #18): the one place that says when two records that share an NHS
/// number, a UPRN, or a name and an address are still two people, and when a difference is only a keying slip.
///
/// A shared valid NHS number or UPRN is evidence, not proof: a mother's number is keyed on her child's record, a
/// household shares a property. So a shared number cannot outweigh a clear forename difference (not a nickname, alias
/// or keying slip), a date of birth that differs beyond a slip (year or month too, where only those are known), an
/// adult/child age gap or a generation gap under one name; twins stay two people; and a record with no date of birth
/// needs more than a name and an address to join someone who has one. Each rule has a stable code, which every
/// explanation shows when the rule fires (``MatchExplanation``, the person view, the review queue and
/// `hub tracker export-links --explain`).
///
/// The predicates work on ``EncodedRecords``' packed dates (`year << 9 | month << 5 | day`) and are called from
/// ``PairComparator/compare(_:_:)`` for millions of candidate pairs: integer arithmetic only, no allocation.
public enum IdentityRule: String, Sendable, Hashable, Codable, CaseIterable {
    // MARK: Rules that keep two people apart

    /// A valid NHS number that records of clearly different people carry (two of its records are kept apart by a rule
    /// below: forenames that differ beyond a nickname or slip, twins, dates of birth that differ beyond a slip, an
    /// adult/child age gap, a generation gap under one name): a parent's number keyed on a child's record, a household
    /// member's keyed by mistake. It is set aside on every record that carries it, but those of a clear owner (records
    /// of one person that are more than the rest: a mother's two records against her child's one keep it): for every
    /// pair where either record has it set aside, the NHS numbers count as neither agreement nor disagreement
    /// (missing), so the record joins its own person on name, date of birth and address and never the number's other
    /// carriers on the number (``SharedNHSNumbers``). A pair with such a record is reviewed, not linked, when one side
    /// has no forename (with the number gone, nothing tells a child from a sibling or twin at the same address) or the
    /// two are not at one property or postcode (a family member's number explains a disagreement only within one home;
    /// elsewhere a namesake born the same day is as likely). On generated data these kept the rule's merged persons at
    /// or below what they were without it (1M records: 436 against 440, where the bare rule gave 464). Shown on the NHS
    /// number field.
    case nhsNumberSharedByDifferentPeople = "nhs_number_shared_by_different_people"

    /// A shared valid NHS number, but forenames that differ beyond a nickname, alias or keying slip: the number may
    /// be a family member's. Sent to review, not linked.
    case nhsSharedButForenamesDiffer = "nhs_shared_but_forenames_differ"
    /// A shared valid NHS number, but dates of birth that differ beyond a slip (also when only year, or year and
    /// month, are known). Sent to review, not linked.
    case nhsSharedButDatesOfBirthDiffer = "nhs_shared_but_dates_of_birth_differ"
    /// Years of birth at least ``generationGapYears`` apart, beyond a slip, under different forenames: an adult and a
    /// child (a parent and their child, an adult social care client and a children's social care child).
    case ageGapAdultChild = "age_gap_adult_child"
    /// The same forename (or a nickname of it) and surname, years of birth at least ``generationGapYears`` apart
    /// beyond a slip: a father and son of one name (Jr/Sr), a mother and daughter. Also names whose suffixes mark two
    /// generations (`Senior` and `Junior`, ``NameGeneration``), and a name marked Senior against someone born less than
    /// ``generationGapYears`` years before ``LinkageConfiguration/referenceYear``: a police record of `Harry Williams
    /// Senior` with no date of birth is not the Harry Williams born 2012 at the same address.
    case generationGapSameName = "generation_gap_same_name"
    /// The same complete date of birth, different forenames: twins (or more) stay separate people.
    case twins = "twins"
    /// One record has no date of birth, the other has one, and no NHS number is shared: their name and address alone
    /// may link them only to a person with no namesake in conflict (it cannot outweigh a conflict, nor count as
    /// support against one); a record that fits two such namesakes joins neither and goes to review.
    /// Nor may it join a child (born in the last ``childYears`` years before ``LinkageConfiguration/referenceYear``) on
    /// them at all: a police record with no date of birth that names a child's name at the child's address is often the
    /// parent of the same name. Sent to review.
    case noDateOfBirthNeedsMoreThanNameAndAddress = "no_dob_needs_more_than_name_and_address"

    // MARK: Typo tolerance: differences that are not conflicts

    /// Forenames one keying slip apart (a transposition, a doubled or dropped letter, one wrong letter: restricted
    /// Damerau–Levenshtein distance 1, also between nickname forms, or a slip in a nickname of the other name: `Dto` /
    /// `Dorothy` through `dot`, unless the name as written is one the nickname table knows, `Ellie` against Olivia's
    /// `ollie`), or an initial: agreement, not a conflict.
    case forenameKeyingSlip = "forename_keying_slip"
    /// Day and month swapped, year equal: weak agreement, not a conflict.
    case dateOfBirthDayMonthSwapped = "date_of_birth_day_month_swapped"
    /// One component of the date of birth differs (one digit, a day or month off, a year a slip apart): weak
    /// agreement, not a conflict.
    case dateOfBirthSingleSlip = "date_of_birth_single_slip"
    /// Two valid NHS numbers on records that agree on everything else that tells people apart: the same forename (not a
    /// nickname or a slip: twins are given Harry and Harri), surnames the same or spelt alike, both dates of birth known
    /// and the same or a slip apart, the same property, genders not recorded differently, no generation marked. One of
    /// the numbers is wrong (a slip that still passes the check digit, a family member's number); two people of one
    /// name born on one day at one home are not seen. The numbers count as neither agreement nor disagreement (missing), and the person
    /// may hold both. On generated data (1M records) such pairs in the review queue were one person 242 times and two
    /// people never; letting a slip in the forename count too (first build) merged twins. Shown on the NHS number field.
    case nhsNumbersDifferAtOneHome = "nhs_numbers_differ_at_one_home"

    /// True for the rules that keep two people apart (or, for ``noDateOfBirthNeedsMoreThanNameAndAddress``, make a
    /// link weak); false for typo tolerance.
    public var keepsPeopleApart: Bool {
        switch self {
        case .forenameKeyingSlip, .dateOfBirthDayMonthSwapped, .dateOfBirthSingleSlip, .nhsNumbersDifferAtOneHome: return false
        default: return true
        }
    }

    /// A person born fewer than this many years before ``LinkageConfiguration/referenceYear`` is a child, whom a record
    /// with no date of birth may not join on name and address alone. On generated data (`--people 745000 --seed 3`, a
    /// million records), records with no date of birth that had joined a person whose youngest record was 8 to 15 years
    /// old were another person's (a parent of the child's name) 89 times in 499, against about 1 in 100 from 18 on;
    /// raising this from 8 to 16 took the merged persons from 421 to 343 for F1 0.9856 to 0.9852.
    public static let childYears = 16

    /// Years of birth this far apart (beyond a slip) are a generation: a parent could be this much older.
    public static let generationGapYears = 16

    // MARK: - Predicates on packed dates

    /// True when two years could be one keying slip apart: within one, one decade (`±10`), or, less than a generation
    /// apart, one digit different or two neighbouring digits swapped (`1985`/`1987`, `2014`/`2041` is too far). Years a
    /// generation apart are never a slip, even one digit apart (`2002`/`2022`: a father and son of one name).
    @inline(__always)
    static func yearsWithinSlip(_ x: Int, _ y: Int) -> Bool {
        let gap = x > y ? x - y : y - x
        if gap <= 1 || gap == 10 { return true }
        if gap >= generationGapYears { return false }
        return yearDigitsOneKeystrokeApart(x, y)
    }

    /// True when two four-digit years differ in one digit, or by two neighbouring digits swapped, however far apart
    /// (`1949`/`1929`, `1997`/`1979`).
    @inline(__always)
    static func yearDigitsOneKeystrokeApart(_ x: Int, _ y: Int) -> Bool {
        guard x >= 1000, x <= 9999, y >= 1000, y <= 9999 else { return false }
        let a0 = x / 1000, a1 = x / 100 % 10, a2 = x / 10 % 10, a3 = x % 10
        let b0 = y / 1000, b1 = y / 100 % 10, b2 = y / 10 % 10, b3 = y % 10
        let d0 = a0 != b0, d1 = a1 != b1, d2 = a2 != b2, d3 = a3 != b3
        let differing = (d0 ? 1 : 0) + (d1 ? 1 : 0) + (d2 ? 1 : 0) + (d3 ? 1 : 0)
        if differing <= 1 { return true }
        if differing != 2 { return false }
        // Two neighbouring digits swapped.
        if d0 && d1 { return a0 == b1 && a1 == b0 }
        if d1 && d2 { return a1 == b2 && a2 == b1 }
        if d2 && d3 { return a2 == b3 && a3 == b2 }
        return false
    }

    @inline(__always) static func year(_ packed: UInt32) -> Int { Int(packed >> 9) }
    @inline(__always) static func month(_ packed: UInt32) -> Int { Int((packed >> 5) & 0xF) }
    @inline(__always) static func day(_ packed: UInt32) -> Int { Int(packed & 0x1F) }

    /// 1 January stands in for an unknown day and month in many systems: such a date counts as its year alone.
    @inline(__always)
    static func isPlaceholder(_ packed: UInt32) -> Bool { packed & 0x1FF == (1 << 5 | 1) }

    /// True when two known dates of birth (packed, non-zero) differ beyond a keying slip, comparing only what both
    /// know: a year beyond a slip (see ``yearsWithinSlip(_:_:)``), or two or more known components different
    /// (a swap of day and month is not). A year-only date conflicts only on its year; a year and month on two
    /// components. So `1985` and `2014` conflict, as do `2014-03` and `2015-07`; `1985-03-12` and `1985-12-03`,
    /// `1985-03-12` and `1985-03-21`, `1985-03-31` and `1985-04-01`, `1985-12-28` and `1986-01-02`, `1985` and `1986`
    /// do not.
    @inline(__always)
    static func datesOfBirthDifferBeyondSlip(_ x: UInt32, _ y: UInt32) -> Bool {
        if x == y { return false }
        let yearX = year(x), yearY = year(y)
        let placeholder = isPlaceholder(x) || isPlaceholder(y)
        let monthX = month(x), monthY = month(y)
        let dayX = day(x), dayY = day(y)
        let monthsKnown = !placeholder && monthX != 0 && monthY != 0
        let daysKnown = monthsKnown && dayX != 0 && dayY != 0
        // One keystroke in the year of an otherwise equal complete date (`1997-03-12` and `1979-03-12`, `1949-06-30`
        // and `1929-06-30`) is a slip even a generation apart: a parent and child of one name share a birthday one
        // time in 365, and the year typo was the commonest date slip on typo-heavy data.
        if daysKnown && monthX == monthY && dayX == dayY && yearDigitsOneKeystrokeApart(yearX, yearY) { return false }
        if !yearsWithinSlip(yearX, yearY) { return true }
        if daysKnown && yearX == yearY && dayX == monthY && monthX == dayY { return false }  // day and month swapped
        // A day or ten off across the end of a month or year (31 March and 1 April; 25 March and 4 April) changes two
        // or three components but is one slip; no two people of one family but twins are born so close.
        if daysKnown && abs(dayNumber(yearX, monthX, dayX) - dayNumber(yearY, monthY, dayY)) <= closeDays { return false }
        var differing = yearX != yearY ? 1 : 0
        if monthsKnown && monthX != monthY { differing += 1 }
        if daysKnown && dayX != dayY { differing += 1 }
        return differing >= 2
    }

    /// Complete dates of birth at most this many days apart differ by a slip (the day keyed a digit out, or a day
    /// off across the end of a month or a year), however many of their components differ.
    static let closeDays = 10

    /// Days since 1 March of year 0 (proleptic Gregorian), for the distance between two complete dates.
    @inline(__always)
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    }

    /// True when two known years of birth are a generation apart (never a slip: see ``yearsWithinSlip(_:_:)``).
    @inline(__always)
    static func generationApart(_ x: UInt32, _ y: UInt32) -> Bool {
        let yearX = year(x), yearY = year(y)
        let gap = yearX > yearY ? yearX - yearY : yearY - yearX
        return gap >= generationGapYears
    }

    // MARK: - Which rules fired on a scored pair

    /// The rules that fired on `score`, by field (in ``LinkageField`` order), for its explanation.
    static func fired(on score: PairScore) -> [LinkageField: [IdentityRule]] {
        var rules: [LinkageField: [IdentityRule]] = [:]
        if score.nhsNumberSetAside { rules[.nhsNumber] = [.nhsNumberSharedByDifferentPeople] }
        if score.nhsNumbersDifferAtOneHome { rules[.nhsNumber, default: []].append(.nhsNumbersDifferAtOneHome) }
        let conflicts = score.conflicts
        let forename = score.level(.forename)
        let dateOfBirth = score.level(.dateOfBirth)
        if conflicts.contains(.forenamesDiffer) {
            if score.isDeterministic { rules[.forename, default: []].append(.nhsSharedButForenamesDiffer) }
            if dateOfBirth == .exact { rules[.forename, default: []].append(.twins) }
        } else if forename == .jaroWinkler92 || forename == .jaroWinkler80 || forename == .different {
            rules[.forename, default: []].append(.forenameKeyingSlip)
        }
        if conflicts.contains(.datesOfBirthDiffer) && score.isDeterministic {
            rules[.dateOfBirth, default: []].append(.nhsSharedButDatesOfBirthDiffer)
        }
        if conflicts.contains(.ageGap) { rules[.dateOfBirth, default: []].append(.ageGapAdultChild) }
        if conflicts.contains(.generationGap) { rules[.dateOfBirth, default: []].append(.generationGapSameName) }
        if conflicts.contains(.dateOfBirthOnOneSideOnly) {
            rules[.dateOfBirth, default: []].append(.noDateOfBirthNeedsMoreThanNameAndAddress)
        }
        if !conflicts.contains(.datesOfBirthDiffer) {
            if dateOfBirth == .dayMonthSwapped { rules[.dateOfBirth, default: []].append(.dateOfBirthDayMonthSwapped) }
            if dateOfBirth == .oneComponentDiffers { rules[.dateOfBirth, default: []].append(.dateOfBirthSingleSlip) }
        }
        return rules
    }
}
