/// Everything that tunes linkage. The defaults suit partner feeds of a region (about a million records).
public struct LinkageConfiguration: Sendable {
    /// Blocking rules, applied in order; a pair is compared once, under the first rule that finds it.
    public var blockingRules: [BlockingRule] = BlockingRule.defaults
    /// Pairs at or above this match weight (bits) are linked automatically, unless in identity conflict.
    /// 5 bits is a match probability of about 0.97.
    public var autoLinkThreshold: Double = 5
    /// Pairs whose addresses are at two postcodes (another sector or district, or anywhere else) link automatically only
    /// at or above this weight, higher than ``autoLinkThreshold``; between the two they are reviewed
    /// (``LinkRule/otherPostcodeReviewBand``) unless someone else's records connect their homes
    /// (``LinkRule/householdMovedTogether``). The same name and date of birth at two addresses is a namesake as often as
    /// a house move: on generated data (a million records) such links at 5 to 7 bits were most of the links that joined
    /// two people, and 7 bits took the persons holding records of two people from 343 to 154 for F1 0.9866 to 0.9848
    /// (100k records: 10 to 7, 0.9888 to 0.9868). 7 bits is a match probability of about 0.992.
    public var otherPostcodeLinkThreshold: Double = 7
    /// Pairs at one property, both dates of birth known and agreeing or a slip apart, free of every conflict (the
    /// family-safe rules, ``IdentityRule``, are what tell a household's members apart), are linked at or above this
    /// weight, below ``autoLinkThreshold`` (``LinkRule/householdLinkThreshold``): a changed surname or a slip in a date
    /// at the same home is one person far more often than two. 0 bits is a match probability of 0.5. On generated
    /// data (a million records) the review band held 375 such pairs, every one of them one person.
    public var householdLinkThreshold: Double = 0
    /// Pairs at or above this weight but not linked go to clerical review (0 bits is probability 0.5).
    public var reviewThreshold: Double = 0
    /// The model to use; nil to estimate one from the data (u from random pairs, m by EM, λ from the
    /// expected number of matches among candidate pairs).
    public var model: LinkageModel?
    /// Adjust exact name agreement for how common the name is (agreeing on `jones` counts for less than
    /// agreeing on `peregrine`).
    public var termFrequencyAdjustments = true
    /// The largest term-frequency adjustment, in bits either way.
    public var maximumTermFrequencyAdjustment = 6.0
    /// Conflicts that stop a pair being linked automatically; such pairs also may not be joined through
    /// other records. (``LinkConflicts/dateOfBirthOnOneSideOnly`` is not a conflict of identity: it makes a link weak.)
    public var conflictsPreventingAutoLink: LinkConflicts = LinkConflicts.identity
    /// Blocks larger than this are skipped (reported in the statistics): a dummy date of birth shared by
    /// thousands of records would otherwise cost millions of comparisons.
    public var maximumBlockSize = 5_000
    /// Random pairs compared to estimate u.
    public var randomPairsForU = 2_000_000
    /// The most candidate pairs per blocking rule that estimation looks at (whole blocks are sampled).
    public var maximumPairsForEstimation = 4_000_000
    /// EM stops after this many rounds, or when no probability moves by more than `emTolerance`.
    public var emMaximumIterations = 100
    public var emTolerance = 1e-6
    public var nicknames: NicknameTable = .british
    /// Threads to use; defaults to the machine's processor count.
    public var parallelism: Int = ParallelChunks.defaultParallelism
    /// Seeds the sampling for estimation, so runs are repeatable.
    public var seed: UInt64 = 0x4855_4253_4545_44
    /// A saved model estimated from fewer records than this is not used to link new records incrementally: the
    /// import relinks everything instead (cheap at that size) and saves a model from the larger sample. A model
    /// from a first tiny extract has term frequencies (one `Peters` in one record is 100%) that stop even a
    /// shared NHS number linking when the next source arrives.
    public var smallestIncrementalModelSample = 5_000

    /// The year ages are reckoned in (the extract's date, or the relink's): a record with no date of birth needs more
    /// than a name and an address to join a child born in the last ``IdentityRule/childYears`` years
    /// (``IdentityRule/noDateOfBirthNeedsMoreThanNameAndAddress``). Nil: no rule that needs an age applies.
    public var referenceYear: Int?

    public init() {}
}
