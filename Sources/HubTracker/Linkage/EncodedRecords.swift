/// Cleansed records in the compact, column-wise form the linkage hot loops read: every string interned
/// as an integer code, dates packed into one integer, aliases in side arrays. About 80 bytes a record.
struct EncodedRecords: Sendable {
    let count: Int

    var forenames = StringPool()
    var surnames = StringPool()
    /// Canonical forenames, phonetic codes, postcodes, sectors, districts, address keys and towns: all
    /// compared only for equality with their own kind, so they share one pool.
    var tokens = StringPool()

    var forename: [Int32]
    var middleName: [Int32]
    var surname: [Int32]
    /// `year << 9 | month << 5 | day`; 0 when the year is unknown; month or day 0 when unknown.
    var dateOfBirth: [UInt32]
    /// 0 unknown, 1 female, 2 male, 3 other.
    var gender: [UInt8]
    /// The generation the name's suffix marks: 0 none, 1 Senior, 2 Junior (``NameGeneration``).
    var generation: [UInt8] = []
    /// The valid NHS number as an integer; 0 when none, or when set aside as carried by clearly different people
    /// (``setAsideSharedNHSNumbers(known:)``).
    var nhs: [UInt64]
    /// True where the record's valid NHS number was set aside (``IdentityRule/nhsNumberSharedByDifferentPeople``).
    var nhsSetAside: [Bool] = []
    /// 0 when none.
    var uprn: [Int64]
    var postcode: [Int32]
    var sector: [Int32]
    var district: [Int32]
    var addressKey: [Int32]
    var town: [Int32]

    /// `aliasStart[i]..<aliasStart[i + 1]` indexes `aliasForename` and `aliasSurname`.
    var aliasStart: [Int32]
    var aliasForename: [Int32] = []
    var aliasSurname: [Int32] = []

    /// Per forename code: its canonical forms, themselves forename codes (`canonicalStart` is a CSR index
    /// into `canonicalCodes`).
    var canonicalStart: [Int32] = [0]
    var canonicalCodes: [Int32] = []
    /// Per forename code: the nicknames and variants of its canonical forms, themselves forename codes (CSR, as above):
    /// a slip in a nickname (`Joosh`) is one edit from one of them (`josh → joshua`).
    var nicknameStart: [Int32] = [0]
    var nicknameCodes: [Int32] = []
    /// Per forename code: the Double Metaphone primary code (in `tokens`).
    var forenamePhonetic: [Int32] = []
    /// Per surname code: its parts (CSR) and phonetic code.
    var surnamePartStart: [Int32] = [0]
    var surnamePartCodes: [Int32] = []
    var surnamePhonetic: [Int32] = []
    /// Per surname code: the same text as a forename code (interned into `forenames`, so its nicknames and canonical
    /// forms are known), for names entered the wrong way round (`Lloyd Livvy` / `Olivia Lloyd`: the surname `livvy`
    /// is a nickname of the forename `olivia`). Codes of surname parts interned later have none.
    var surnameAsForename: [Int32] = []

    /// The name comparisons of the most frequent forenames and surnames, worked out once (see
    /// ``NameComparisonCache``).
    var nameCache = NameComparisonCache()

    /// Born in this year or later: a child (``LinkageConfiguration/referenceYear`` less ``IdentityRule/childYears``);
    /// `Int.max` when no reference year is given.
    var childBornFrom = Int.max
    /// Born in this year or later: younger than ``IdentityRule/generationGapYears`` at the reference year, too young to be
    /// the Senior of a name (``PairComparator/generationsDiffer(_:_:)``); `Int.max` when no reference year is given.
    var youngerThanAGenerationFrom = Int.max

    /// Reckons ages in `year` (``LinkageConfiguration/referenceYear``) for the rules that need one.
    mutating func reckonAges(in year: Int) {
        childBornFrom = year - IdentityRule.childYears + 1
        youngerThanAGenerationFrom = year - IdentityRule.generationGapYears + 1
    }

    /// Records with a primary forename / surname, the denominators of term frequencies.
    var forenameTotal = 0
    var surnameTotal = 0

    init(_ records: [CleansedRecord], nicknames: NicknameTable) {
        count = records.count
        forename = []
        middleName = []
        surname = []
        dateOfBirth = []
        gender = []
        nhs = []
        uprn = []
        postcode = []
        sector = []
        district = []
        addressKey = []
        town = []
        aliasStart = [0]
        forename.reserveCapacity(count)
        middleName.reserveCapacity(count)
        surname.reserveCapacity(count)
        dateOfBirth.reserveCapacity(count)
        gender.reserveCapacity(count)
        generation.reserveCapacity(count)
        nhs.reserveCapacity(count)
        uprn.reserveCapacity(count)
        postcode.reserveCapacity(count)
        sector.reserveCapacity(count)
        district.reserveCapacity(count)
        addressKey.reserveCapacity(count)
        town.reserveCapacity(count)
        aliasStart.reserveCapacity(count + 1)
        for record in records { append(record) }
        nhsSetAside = [Bool](repeating: false, count: count)
        surnameAsForename = (0..<surnames.count).map { forenames.intern(surnames.string(Int32($0))) }
        indexForenames(nicknames: nicknames)
        indexSurnames()
        forenames.freeze()
        surnames.freeze()
        tokens.freeze()
        nameCache = NameComparisonCache(self)
    }

    private mutating func append(_ record: CleansedRecord) {
        let name = record.name
        let fore = forenames.intern(name.forename, counting: true)
        let sur = surnames.intern(name.surname, counting: true)
        if fore != StringPool.none { forenameTotal += 1 }
        if sur != StringPool.none { surnameTotal += 1 }
        forename.append(fore)
        middleName.append(forenames.intern(name.middleNames.first))
        surname.append(sur)
        for alias in record.aliases {
            aliasForename.append(forenames.intern(alias.forename))
            aliasSurname.append(surnames.intern(alias.surname))
        }
        aliasStart.append(Int32(aliasForename.count))
        dateOfBirth.append(EncodedRecords.pack(record.dateOfBirth))
        gender.append(EncodedRecords.code(record.gender))
        generation.append(record.name.generation.map { $0 == .senior ? 1 : 2 } ?? 0)
        nhs.append(record.validNHSNumber.flatMap { UInt64($0) } ?? 0)
        uprn.append(record.uprn ?? 0)
        let address = record.address
        postcode.append(tokens.intern(address.postcode?.normalised))
        sector.append(tokens.intern(address.postcode?.sector))
        district.append(tokens.intern(address.postcode?.district))
        addressKey.append(tokens.intern(address.key))
        town.append(tokens.intern(address.town))
    }

    private mutating func indexForenames(nicknames: NicknameTable) {
        var code = 0
        // Canonical forms are interned into the same pool (so Jaro–Winkler can read them), which may grow
        // while we walk it.
        while code < forenames.count {
            let name = forenames.string(Int32(code))
            let forms = nicknames.canonicalForms(of: name)
            for form in forms { canonicalCodes.append(forenames.intern(form)) }
            canonicalStart.append(Int32(canonicalCodes.count))
            for form in forms {
                for nickname in nicknames.nicknames(of: form) where nickname != name {
                    nicknameCodes.append(forenames.intern(nickname))
                }
            }
            nicknameStart.append(Int32(nicknameCodes.count))
            forenamePhonetic.append(tokens.intern("~" + DoubleMetaphone.encode(name).primary))
            code += 1
        }
    }

    /// True when the nickname table knows the forename: a nickname or variant of another, or a name with nicknames.
    @inline(__always) func isKnownForename(_ code: Int32) -> Bool {
        !isOwnCanonicalForm(code) || nicknameStart[Int(code) + 1] != nicknameStart[Int(code)]
    }

    /// True when the forename's only canonical form is itself (it is not a nickname or variant).
    @inline(__always) func isOwnCanonicalForm(_ code: Int32) -> Bool {
        let start = Int(canonicalStart[Int(code)])
        return canonicalStart[Int(code) + 1] - canonicalStart[Int(code)] == 1 && canonicalCodes[start] == code
    }

    private mutating func indexSurnames() {
        var code = 0
        // Parts are interned into the same pool, so the pool may grow while we walk it.
        while code < surnames.count {
            let name = surnames.string(Int32(code))
            let parts = name.split(separator: "-")
            if parts.count > 1 {
                for part in parts { surnamePartCodes.append(surnames.intern(String(part))) }
            }
            surnamePartStart.append(Int32(surnamePartCodes.count))
            surnamePhonetic.append(tokens.intern("~" + DoubleMetaphone.encode(name).primary))
            code += 1
        }
    }

    static func pack(_ date: PartialDate?) -> UInt32 {
        guard let date, let year = date.year else { return 0 }
        return UInt32(year) << 9 | UInt32(date.month ?? 0) << 5 | UInt32(date.month == nil ? 0 : date.day ?? 0)
    }

    static func code(_ gender: RecordedGender) -> UInt8 {
        switch gender {
        case .unknown: return 0
        case .female: return 1
        case .male: return 2
        case .other: return 3
        }
    }

    // MARK: - Reading

    @inline(__always) func year(_ record: Int) -> Int { Int(dateOfBirth[record] >> 9) }
    @inline(__always) func hasAliases(_ record: Int) -> Bool { aliasStart[record] != aliasStart[record + 1] }

    /// The forename codes a record can be known by: its forename, then its aliases' forenames.
    func forenameVariants(_ record: Int) -> [Int32] {
        var variants = [forename[record]]
        for index in Int(aliasStart[record])..<Int(aliasStart[record + 1]) { variants.append(aliasForename[index]) }
        return variants.filter { $0 != StringPool.none }
    }

    /// The surname codes a record can be known by: its surname, then its aliases' surnames.
    func surnameVariants(_ record: Int) -> [Int32] {
        var variants = [surname[record]]
        for index in Int(aliasStart[record])..<Int(aliasStart[record + 1]) { variants.append(aliasSurname[index]) }
        return variants.filter { $0 != StringPool.none }
    }

    /// The share of records with forename `code` (its term frequency).
    func forenameFrequency(_ code: Int32) -> Double {
        guard code >= 0, Int(code) < forenames.frequencies.count, forenameTotal > 0 else { return 0 }
        return Double(forenames.frequencies[Int(code)]) / Double(forenameTotal)
    }

    /// The share of records with surname `code`.
    func surnameFrequency(_ code: Int32) -> Double {
        guard code >= 0, Int(code) < surnames.frequencies.count, surnameTotal > 0 else { return 0 }
        return Double(surnames.frequencies[Int(code)]) / Double(surnameTotal)
    }
}
