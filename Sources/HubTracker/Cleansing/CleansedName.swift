/// A person's name after cleansing: folded to lower-case ASCII, title removed, middle names separated,
/// the forename's canonical forms looked up, phonetic codes computed.
///
/// Surnames keep their parts joined by `-` (`smith-jones`); apostrophes go (`obrien`) and particles join
/// the word after them (`Mc Donald → mcdonald`, `van der Berg → vanderberg`).
public struct CleansedName: Sendable, Hashable, Codable {
    /// The title removed from the name (`mrs`), if any.
    public var title: String?
    public var forename: String?
    public var middleNames: [String]
    public var surname: String?
    /// The forename's canonical full forms (`bill → [william]`); the forename itself when not a nickname.
    public var canonicalForenames: [String]
    public var forenamePhonetic: PhoneticCode?
    public var surnamePhonetic: PhoneticCode?
    /// The generation the suffix removed from the name marked (`Senior`, `Jr`), if any.
    public var generation: NameGeneration?

    public init(
        title: String? = nil, forename: String?, middleNames: [String] = [], surname: String?,
        canonicalForenames: [String], forenamePhonetic: PhoneticCode?, surnamePhonetic: PhoneticCode?,
        generation: NameGeneration? = nil
    ) {
        self.title = title
        self.forename = forename
        self.middleNames = middleNames
        self.surname = surname
        self.canonicalForenames = canonicalForenames
        self.forenamePhonetic = forenamePhonetic
        self.surnamePhonetic = surnamePhonetic
        self.generation = generation
    }

    /// The parts of a double-barrelled surname (`smith-jones → [smith, jones]`).
    public var surnameParts: [String] {
        surname.map { $0.split(separator: "-").map(String.init) } ?? []
    }

    /// The forename's first letter, for blocking and for comparing against a bare initial.
    public var forenameInitial: Character? { forename?.first }

    /// True when neither forename nor surname is known.
    public var isEmpty: Bool { forename == nil && surname == nil }
}
