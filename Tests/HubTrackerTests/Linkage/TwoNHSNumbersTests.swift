import Foundation
import Testing
@testable import HubTracker

/// Issue #18: two valid NHS numbers under one name, date of birth and home are one person with a wrong number
/// (``IdentityRule/nhsNumbersDifferAtOneHome``), and nothing else that tells people apart gives way to it.
@Suite("Two NHS numbers at one home")
struct TwoNHSNumbersTests {
    static let park = ["18 Park Grove"]
    static let (own, wrong) = (Piphire.nhsNumber(999_989_255), Piphire.nhsNumber(999_973_417))

    static func record(
        _ id: String, system: String, forename: String?, surname: String = "Ryan", born: PartialDate? = PartialDate(year: 2021, month: 7, day: 18),
        gender: String? = "M", nhs: String?, address: [String] = park, postcode: String = "PP8 7XU"
    ) -> SourceRecord {
        FamilySafeRulesTests.record(id, system: system, forename: forename, surname: surname, born: born, gender: gender, nhs: nhs,
                                    address: address, postcode: postcode)
    }

    /// The records that motivated it (1M generated records): a child's school record keyed with a wrong NHS number that
    /// passes the check, and his health record with his own; his children's social care record carries none. Before,
    /// the two numbers kept the school record out of the person (reviewed as `identity_conflict`).
    static let logan = [
        record("E358089659", system: "PIP-EDU", forename: "Logan", nhs: wrong),
        record("M55102112", system: "PIP-UHB", forename: "Logan", surname: "RYAN", gender: "Male", nhs: own),
        record("CSC0496471", system: "PIP-CSC", forename: "Logan", nhs: nil),
    ]

    @Test("A child's records with two NHS numbers at one home, one name and date of birth, are one person; the link names the rule and counts neither number")
    func onePersonTwoNumbers() throws {
        let result = Piphire.link(Self.logan)
        #expect(Set(result.personIDs).count == 1)
        #expect(result.reviews.isEmpty)
        let explanation = try FamilySafeRulesTests.explanation(0, 1, result)
        #expect(explanation.decision == .link)
        #expect(explanation.rules == ["auto_link_threshold"])
        #expect(explanation.conflicts.isEmpty)
        let nhs = try #require(explanation.fields.first { $0.field == .nhsNumber })
        #expect(nhs.level == .missing)
        #expect(nhs.weight == 0)
        #expect(nhs.rules == ["nhs_numbers_differ_at_one_home"])
    }

    @Test("Linked incrementally, the record with the other number joins the person as a full run does")
    func incrementally() throws {
        let records = Piphire.cleanse(Self.logan)
        let base = RecordLinker(configuration: Piphire.fixedModel).link([records[1], records[2]])
        #expect(base.personIDs[0] == base.personIDs[1])
        let existing = zip([records[1], records[2]], base.personIDs).map { LinkedRecord(record: $0, personID: $1) }
        let incremental = IncrementalLinker(configuration: Piphire.fixedModel, model: .standard)
            .link(new: [records[0]], existing: existing, nextPersonID: PersonID(100))
        #expect(incremental.personIDs == [base.personIDs[0]])
        #expect(incremental.newPersons.isEmpty)
    }

    @Test("A person holding two numbers takes a later record of either, at another home too, and never a third number", arguments: [0, 1])
    func eitherNumberLater(_ which: Int) throws {
        let records = Piphire.cleanse(Self.logan)
        let base = RecordLinker(configuration: Piphire.fixedModel).link(records)
        #expect(Set(base.personIDs).count == 1)
        let existing = zip(records, base.personIDs).map { LinkedRecord(record: $0, personID: $1) }
        let incremental = IncrementalLinker(configuration: Piphire.fixedModel, model: .standard)
        // Moved house: the health record at the new home carries one of the two numbers, and links on it.
        let number = [Self.wrong, Self.own][which]
        let moved = Piphire.cleanse([Self.record("M-NEW", system: "PIP-UHB", forename: "Logan", surname: "RYAN", gender: "Male",
                                                 nhs: number, address: ["7 Heol Las"], postcode: "PP3 2AB")])
        let joined = incremental.link(new: moved, existing: existing, nextPersonID: PersonID(100))
        #expect(joined.personIDs == [base.personIDs[0]])
        // A third number at the same home is not one of his.
        let third = Piphire.cleanse([Self.record("X", system: "PIP-ASC", forename: "Logan", nhs: Piphire.nhsNumber(999_111_222))])
        let apart = incremental.link(new: third, existing: existing, nextPersonID: PersonID(100))
        #expect(apart.personIDs == [PersonID(100)])
    }

    @Test("Two numbers stay a conflict where anything else tells two people apart: twins (also a slip or a nickname's slip apart), a nickname form, no forename, a father and son of one name, another home, a date of birth on one side only, genders recorded differently")
    func otherwiseTwoPeople() throws {
        let logan = Self.logan[0]
        let cases: [(String, [SourceRecord])] = [
            ("twins", [logan, Self.record("T", system: "PIP-UHB", forename: "Oliver", nhs: Self.own)]),
            ("a nickname form (twins may be given one name's forms)", [
                Self.record("N1", system: "PIP-CSC", forename: "Thomas", nhs: Self.wrong),
                Self.record("N2", system: "PIP-UHB", forename: "Tom", nhs: Self.own)]),
            // Generated twins the first build of the rule merged: one letter apart, and a slip in a nickname (`ollie`).
            ("twins a slip apart", [
                Self.record("H1", system: "PIP-UHB", forename: "Harry", surname: "HUGHES", nhs: Self.wrong),
                Self.record("H2", system: "PIP-UHB", forename: "Harri", surname: "HUGHES", nhs: Self.own)]),
            ("twins a slip of a nickname apart", [
                Self.record("E1", system: "PIP-UHB", forename: "Ellie", surname: "VAUGHAN", gender: "Female", nhs: Self.wrong),
                Self.record("E2", system: "PIP-UHB", forename: "Olivia", surname: "VAUGHAN", gender: "Female", nhs: Self.own)]),
            ("no forename", [logan, Self.record("F", system: "PIP-UHB", forename: nil, nhs: Self.own)]),
            ("a father of the name", [logan, Self.record("S", system: "PIP-UHB", forename: "Logan", born: PartialDate(year: 1991, month: 7, day: 18), nhs: Self.own)]),
            ("another home", [logan, Self.record("H", system: "PIP-UHB", forename: "Logan", nhs: Self.own, address: ["3 Hill Road"], postcode: "PP7 9JY")]),
            ("no date of birth", [logan, Self.record("D", system: "PIP-UHB", forename: "Logan", born: nil, nhs: Self.own)]),
            ("genders differ", [logan, Self.record("G", system: "PIP-UHB", forename: "Logan", gender: "F", nhs: Self.own)]),
        ]
        for (label, records) in cases {
            let result = Piphire.link(records)
            #expect(result.personIDs[0] != result.personIDs[1], "\(label)")
            for pair in result.links + result.reviews {
                #expect(!pair.nhsNumbersDifferAtOneHome, "\(label)")
                #expect(pair.conflicts.contains(.nhsNumbersDiffer), "\(label)")
            }
        }
    }

    @Test("The rule's predicate: every condition is needed")
    func predicate() {
        func holds(forename: UInt8 = 0, surname: UInt8 = 0, dates: Bool = true, address: UInt8 = 0, gender: UInt8 = 0,
                   conflicts: LinkConflicts = []) -> Bool {
            PairComparator.onePersonAtOneHome(forename: forename, surname: surname, bothDatesKnown: dates, address: address,
                                               gender: gender, conflicts: conflicts)
        }
        let missing = ComparisonPattern.missing
        #expect(holds())
        #expect(holds(surname: 2, gender: missing))
        #expect(!holds(forename: 1))  // a nickname
        #expect(!holds(forename: 2))  // a slip
        #expect(!holds(forename: 4))  // a slip of a nickname
        #expect(!holds(forename: missing))
        #expect(!holds(surname: 3))
        #expect(!holds(surname: missing))
        #expect(!holds(dates: false))
        #expect(!holds(address: 1))  // the same postcode is not the same home
        #expect(!holds(gender: 1))
        for conflict in [LinkConflicts.forenamesDiffer, .datesOfBirthDiffer, .generationGap, .ageGap] {
            #expect(!holds(conflicts: conflict))
        }
    }
}
