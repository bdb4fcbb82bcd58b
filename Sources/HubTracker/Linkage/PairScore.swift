/// The score of one compared pair of records, in 24 bytes: which records, the comparison level of every
/// field, the term-frequency adjustments and the total match weight. ``LinkageModel/explain(_:decision:)`` turns it
/// into a field-by-field explanation.
public struct PairScore: Sendable, Hashable {
    let a: Int32
    let b: Int32
    let weight: Float
    let forenameAdjustment: Float
    let surnameAdjustment: Float
    let pattern: ComparisonPattern
    let conflictBits: UInt8
    /// Bit 0: linked on a shared valid NHS number; bit 1: an NHS number of either record was set aside
    /// (``IdentityRule/nhsNumberSharedByDifferentPeople``); bit 2: someone else's records connect the pair's two
    /// properties (``HouseholdMoves``); bit 3: two NHS numbers at one home under one name and date of birth
    /// (``IdentityRule/nhsNumbersDifferAtOneHome``). One byte, so a score stays 24 bytes.
    private let flags: UInt8

    init(
        a: Int32, b: Int32, weight: Float, forenameAdjustment: Float, surnameAdjustment: Float,
        pattern: ComparisonPattern, conflicts: LinkConflicts, deterministic: Bool, nhsNumberSetAside: Bool = false,
        nhsNumbersDifferAtOneHome: Bool = false
    ) {
        self.a = a
        self.b = b
        self.weight = weight
        self.forenameAdjustment = forenameAdjustment
        self.surnameAdjustment = surnameAdjustment
        self.pattern = pattern
        self.conflictBits = conflicts.rawValue
        self.flags = (deterministic ? 1 : 0) | (nhsNumberSetAside ? 2 : 0) | (nhsNumbersDifferAtOneHome ? 8 : 0)
    }

    private init(_ score: PairScore, flags: UInt8) {
        a = score.a
        b = score.b
        weight = score.weight
        forenameAdjustment = score.forenameAdjustment
        surnameAdjustment = score.surnameAdjustment
        pattern = score.pattern
        conflictBits = score.conflictBits
        self.flags = flags
    }

    /// True when the pair shares a valid NHS number (and was scored as such).
    var deterministic: Bool { flags & 1 != 0 }

    /// This pair, its two properties connected by someone else's records (``LinkRule/householdMovedTogether``).
    func movedTogether() -> PairScore { PairScore(self, flags: flags | 4) }

    /// True when someone else's records connect the pair's two properties: a household that moved together
    /// (``HouseholdMoves``, ``LinkRule/householdMovedTogether``).
    public var isHouseholdMove: Bool { flags & 4 != 0 }

    /// The first record's index in the records given to the linker (always less than `recordB`).
    public var recordA: Int { Int(a) }
    /// The second record's index.
    public var recordB: Int { Int(b) }
    /// The match weight in bits: prior plus every field's weight plus term-frequency adjustments.
    public var matchWeight: Double { Double(weight) }
    /// The match probability the weight stands for.
    public var matchProbability: Double { LinkageModel.probability(weight: matchWeight) }
    /// True when the pair shares a valid NHS number and is linked on that alone.
    public var isDeterministic: Bool { deterministic }
    /// True for a link that rests on a name and an address with a date of birth on one side only
    /// (``IdentityRule/noDateOfBirthNeedsMoreThanNameAndAddress``): it may not join a person holding a conflicting
    /// record, nor count as support for such a join.
    var isWeak: Bool { !deterministic && conflictBits & LinkConflicts.dateOfBirthOnOneSideOnly.rawValue != 0 }
    /// True when either record carries a valid NHS number that records of clearly different people carry too
    /// (``IdentityRule/nhsNumberSharedByDifferentPeople``): the pair's NHS numbers were compared as missing.
    public var nhsNumberSetAside: Bool { flags & 2 != 0 }
    /// True when the records carry two valid NHS numbers but agree on name, date of birth and home
    /// (``IdentityRule/nhsNumbersDifferAtOneHome``): the numbers were compared as missing, and the person the pair joins
    /// may hold both.
    public var nhsNumbersDifferAtOneHome: Bool { flags & 8 != 0 }
    /// Identity conflicts found between the two records.
    public var conflicts: LinkConflicts { LinkConflicts(rawValue: conflictBits) }

    /// The comparison level of `field`.
    public func level(_ field: LinkageField) -> ComparisonLevel { pattern.comparisonLevel(field) }
}
