import Testing
@testable import HubTracker

@Suite("Comparison levels")
struct ComparisonLevelTests {
    static let nhsShira = Piphire.nhsNumber(999_234_567)
    static let nhsOther = Piphire.nhsNumber(999_345_678)

    /// Compares two records built from a base record with some fields changed.
    func compare(_ a: SourceRecord, _ b: SourceRecord) -> PairComparison {
        let records = EncodedRecords(Piphire.cleanse([a, b]), nicknames: .british)
        return PairComparator.withComparator(records) { $0.compare(0, 1) }
    }

    func base(_ change: (inout SourceRecord) -> Void = { _ in }) -> SourceRecord {
        var record = Piphire.record(
            "A", forename: "Shira", surname: "Peters", born: (2010, 1, 8), gender: "F",
            address: ["1 Stoops Fold", "Down Park"], postcode: "PP2 5GN")
        change(&record)
        return record
    }

    func level(_ field: LinkageField, _ change: (inout SourceRecord) -> Void) -> ComparisonLevel {
        compare(base(), base(change)).pattern.comparisonLevel(field)
    }

    @Test("Forename levels")
    func forenames() {
        #expect(level(.forename) { $0.forename = "SHIRA" } == .exact)
        #expect(level(.forename) { $0.forename = "Shira Anne" } == .exact)
        #expect(level(.forename) { $0.forename = "Anne Shira" } == .nickname)  // known by the middle name
        #expect(level(.forename) { $0.forename = "Shirah" } == .jaroWinkler92)
        #expect(level(.forename) { $0.forename = "Sihra" } == .jaroWinkler92)
        #expect(level(.forename) { $0.forename = "Shrna" } == .jaroWinkler80)
        #expect(level(.forename) { $0.forename = "S" } == .jaroWinkler80)  // an initial that fits
        #expect(level(.forename) { $0.forename = "Amelia" } == .different)
        #expect(level(.forename) { $0.forename = nil } == .missing)
        let bill = compare(base { $0.forename = "Bill" }, base { $0.forename = "William" })
        #expect(bill.pattern.comparisonLevel(.forename) == .nickname)
        let alias = compare(base { $0.forename = "Mandy"; $0.aliases = ["Shira Peters"] }, base())
        #expect(alias.pattern.comparisonLevel(.forename) == .exact)
    }

    @Test("Surname levels")
    func surnames() {
        #expect(level(.surname) { $0.surname = "PETERS" } == .exact)
        #expect(level(.surname) { $0.surname = "Peters-Jones" } == .jaroWinkler92)  // a part in common
        #expect(level(.surname) { $0.surname = "Petres" } == .jaroWinkler92)
        #expect(level(.surname) { $0.surname = "Petersen" } == .jaroWinkler92)
        #expect(level(.surname) { $0.surname = "Petrie" } == .jaroWinkler80)
        #expect(level(.surname) { $0.surname = "Williams" } == .different)
        #expect(level(.surname) { $0.surname = nil } == .missing)
        let jones = compare(base { $0.surname = "Jones" }, base { $0.surname = "Johnson" })
        #expect(jones.pattern.comparisonLevel(.surname) == .jaroWinkler80)
    }

    @Test("Date of birth levels")
    func datesOfBirth() {
        #expect(level(.dateOfBirth) { $0.dateOfBirth = PartialDate(year: 2010, month: 1, day: 8) } == .exact)
        #expect(level(.dateOfBirth) { $0.dateOfBirth = PartialDate(year: 2010, month: 8, day: 1) } == .dayMonthSwapped)
        #expect(level(.dateOfBirth) { $0.dateOfBirth = PartialDate(year: 2010, month: 1, day: 9) } == .oneComponentDiffers)
        #expect(level(.dateOfBirth) { $0.dateOfBirth = PartialDate(year: 2001, month: 1, day: 8) } == .oneComponentDiffers)
        #expect(level(.dateOfBirth) { $0.dateOfBirth = PartialDate(year: 2011, month: 6, day: 20) } == .yearWithinOne)
        #expect(level(.dateOfBirth) { $0.dateOfBirth = PartialDate(year: 1990, month: 6, day: 20) } == .different)
        #expect(level(.dateOfBirth) { $0.dateOfBirth = PartialDate(year: 2010) } == .yearWithinOne)
        #expect(level(.dateOfBirth) { $0.dateOfBirth = PartialDate(year: 2010, month: 1) } == .oneComponentDiffers)
        #expect(level(.dateOfBirth) { $0.dateOfBirth = PartialDate(year: 2012) } == .different)
        #expect(level(.dateOfBirth) { $0.dateOfBirth = nil } == .missing)
    }

    @Test("Forename and surname swapped count as an alternative form of both, not a conflict")
    func swappedNames() {
        let swapped = compare(base { $0.forename = "JONES"; $0.surname = "NATHAN" }, base { $0.forename = "Nathan"; $0.surname = "Jones" })
        #expect(swapped.pattern.comparisonLevel(.forename) == .nickname)
        #expect(swapped.pattern.comparisonLevel(.surname) == .jaroWinkler92)
        #expect(!swapped.conflicts.contains(.forenamesDiffer))
        let unrelated = compare(base { $0.forename = "Nathan"; $0.surname = "Jones" }, base { $0.forename = "Jonas"; $0.surname = "Evans" })
        #expect(unrelated.pattern.comparisonLevel(.forename) != .nickname)
    }

    @Test("1 January stands in for an unknown day and month")
    func placeholderBirthday() {
        let placeholder = compare(base { $0.dateOfBirth = PartialDate(year: 2008, month: 1, day: 1) }, base { $0.dateOfBirth = PartialDate(year: 2008, month: 6, day: 21) })
        #expect(placeholder.pattern.comparisonLevel(.dateOfBirth) == .yearWithinOne)
        #expect(!placeholder.conflicts.contains(.datesOfBirthDiffer))
        let both = compare(base { $0.dateOfBirth = PartialDate(year: 2008, month: 1, day: 1) }, base { $0.dateOfBirth = PartialDate(year: 2008, month: 1, day: 1) })
        #expect(both.pattern.comparisonLevel(.dateOfBirth) == .exact)
        let realDates = compare(base { $0.dateOfBirth = PartialDate(year: 2008, month: 3, day: 2) }, base { $0.dateOfBirth = PartialDate(year: 2008, month: 6, day: 21) })
        #expect(realDates.conflicts.contains(.datesOfBirthDiffer))
    }

    @Test("Address levels: property, postcode, sector, district")
    func addresses() {
        #expect(level(.address) { $0.addressLines = ["1 STOOPS FOLD"] } == .sameProperty)
        #expect(level(.address) { $0.addressLines = ["2 Stoops Fold"] } == .samePostcode)
        #expect(level(.address) { $0.addressLines = ["9 Castle Rd"]; $0.postcode = "PP2 5AB" } == .samePostcodeSector)
        #expect(level(.address) { $0.addressLines = ["9 Castle Rd"]; $0.postcode = "PP2 7AB" } == .samePostcodeDistrict)
        #expect(level(.address) { $0.addressLines = ["9 Castle Rd"]; $0.postcode = "PP7 1AB" } == .different)
        #expect(level(.address) { $0.postcode = nil } == .sameProperty)  // same key and town, one postcode missing
        #expect(level(.address) { $0.postcode = nil; $0.addressLines = ["2 Stoops Fold"] } == .different)
        #expect(level(.address) { $0.postcode = nil; $0.addressLines = [] } == .missing)
        let noPostcodes = compare(base { $0.postcode = nil }, base { $0.postcode = nil })
        #expect(noPostcodes.pattern.comparisonLevel(.address) == .sameProperty)  // same key and town
        let sameUPRN = compare(
            base { $0.uprn = "100000000001"; $0.postcode = nil },
            base { $0.uprn = "100000000001"; $0.addressLines = ["Flat 9, 1 Stoops Fold"] })
        #expect(sameUPRN.pattern.comparisonLevel(.address) == .sameProperty)
        let otherUPRN = compare(base { $0.uprn = "100000000001" }, base { $0.uprn = "100000000002" })
        #expect(otherUPRN.pattern.comparisonLevel(.address) == .samePostcode)
    }

    @Test("Gender and NHS number levels")
    func genderAndNHS() {
        #expect(level(.gender) { $0.gender = "2" } == .exact)
        #expect(level(.gender) { $0.gender = "M" } == .different)
        #expect(level(.gender) { $0.gender = nil } == .missing)
        let same = compare(base { $0.nhsNumber = Self.nhsShira }, base { $0.nhsNumber = "  " + Self.nhsShira })
        #expect(same.pattern.comparisonLevel(.nhsNumber) == .exact)
        let different = compare(
            base { $0.nhsNumber = Self.nhsShira }, base { $0.nhsNumber = Self.nhsOther; $0.addressLines = ["2 Stoops Fold"] })
        #expect(different.pattern.comparisonLevel(.nhsNumber) == .different)
        #expect(different.conflicts.contains(.nhsNumbersDiffer))
        #expect(!different.nhsNumbersDifferAtOneHome)
        // The same person in every other field, at one home: one number is wrong (``IdentityRule/nhsNumbersDifferAtOneHome``).
        let oneHome = compare(base { $0.nhsNumber = Self.nhsShira }, base { $0.nhsNumber = Self.nhsOther })
        #expect(oneHome.pattern.comparisonLevel(.nhsNumber) == .missing)
        #expect(oneHome.conflicts.isEmpty)
        #expect(oneHome.nhsNumbersDifferAtOneHome)
        let invalid = compare(base { $0.nhsNumber = "9992345674" }, base { $0.nhsNumber = "9992345674" })
        #expect(invalid.pattern.comparisonLevel(.nhsNumber) == .missing)
    }

    @Test("Identity conflicts")
    func conflicts() {
        #expect(compare(base(), base { $0.forename = "Amelia" }).conflicts.contains(.forenamesDiffer))
        #expect(compare(base { $0.forename = "Joseph" }, base { $0.forename = "Joshua" }).conflicts.contains(.forenamesDiffer))
        #expect(!compare(base { $0.forename = "Ethan" }, base { $0.forename = "Ethun" }).conflicts.contains(.forenamesDiffer))
        #expect(!compare(base { $0.forename = "Davy" }, base { $0.forename = "Advid" }).conflicts.contains(.forenamesDiffer))
        #expect(compare(base(), base { $0.dateOfBirth = PartialDate(year: 1985, month: 3, day: 2) })
            .conflicts.contains(.datesOfBirthDiffer))
        #expect(compare(base(), base { $0.dateOfBirth = PartialDate(year: 2011, month: 3, day: 2) })
            .conflicts.contains(.datesOfBirthDiffer))
        // A year-only date conflicts when its year differs beyond a slip (issue #18), not when it could be a slip.
        #expect(compare(base(), base { $0.dateOfBirth = PartialDate(year: 1985) }).conflicts.contains(.datesOfBirthDiffer))
        #expect(!compare(base(), base { $0.dateOfBirth = PartialDate(year: 2011) }).conflicts.contains(.datesOfBirthDiffer))
        #expect(compare(base { $0.forename = nil }, base { $0.gender = "M" }).conflicts.contains(.gendersDiffer))
        #expect(!compare(base(), base { $0.gender = "M" }).conflicts.contains(.gendersDiffer))
        #expect(compare(base(), base()).conflicts.isEmpty)
    }

    @Test("Exact name agreement reports the shared name for term-frequency adjustment")
    func sharedNames() {
        let records = EncodedRecords(Piphire.cleanse([base(), base()]), nicknames: .british)
        let comparison = PairComparator.withComparator(records) { $0.compare(0, 1) }
        // The shared name is the one both records hold: its code in the records' pool.
        #expect(comparison.sharedForename == records.forename[0])
        #expect(comparison.sharedSurname == records.surname[0])
        #expect(records.forenames.string(comparison.sharedForename) == "shira")
        #expect(records.surnames.string(comparison.sharedSurname) == "peters")
        #expect(compare(base(), base { $0.forename = "Shyra" }).sharedForename == StringPool.none)
    }

    @Test("Patterns pack every combination of levels and unpack it again")
    func patterns() {
        #expect(ComparisonPattern.count == LinkageField.allCases.reduce(1) { $0 * ($1.levels.count + 1) })
        #expect(ComparisonPattern.count <= Int(UInt16.max))
        let missing = ComparisonPattern.missing
        for forename in [0, 1, 2, 3, 4, missing] {
            for dob in [0, 2, 4, missing] {
                for nhs in [0, 1, missing] {
                    let pattern = ComparisonPattern(
                        forename: UInt8(forename == missing ? 255 : forename), surname: 3, dateOfBirth: UInt8(dob == missing ? 255 : dob),
                        address: 4, gender: 255, nhsNumber: UInt8(nhs == missing ? 255 : nhs))
                    #expect(pattern.level(.forename) == (forename == missing ? nil : Int(forename)))
                    #expect(pattern.level(.surname) == 3)
                    #expect(pattern.level(.dateOfBirth) == (dob == missing ? nil : Int(dob)))
                    #expect(pattern.level(.address) == 4)
                    #expect(pattern.level(.gender) == nil)
                    #expect(pattern.level(.nhsNumber) == (nhs == missing ? nil : Int(nhs)))
                }
            }
        }
    }
}
