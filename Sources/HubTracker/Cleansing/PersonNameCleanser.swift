/// Cleanses personal names: case, punctuation and diacritics folded; titles (`Mr`, `Mrs`, `Dr`, `Master`…),
/// suffixes (`Jr`, `Snr`, `III`) and placeholders (`Baby`, `Unknown`) removed (the generation a suffix marks kept,
/// ``NameGeneration``); middle names split off the
/// forename (`Shira Anne → shira + [anne]`); surname particles joined (`O'Brien → obrien`,
/// `Mc Donald → mcdonald`) and double-barrelled surnames kept as parts (`Smith-Jones → smith-jones`);
/// the forename's canonical forms looked up in a ``NicknameTable``; Double Metaphone codes computed.
public struct PersonNameCleanser: Sendable {
    public let nicknames: NicknameTable

    public init(nicknames: NicknameTable = .british) {
        self.nicknames = nicknames
    }

    /// Cleanses a name supplied as separate forename and surname fields. When only the forename field is
    /// filled and it holds several words, the last word is taken as the surname.
    public func cleanse(forename rawForename: String?, surname rawSurname: String?) -> CleansedName {
        var foreTokens = PersonNameCleanser.tokens(rawForename)
        var surnameTokens = PersonNameCleanser.tokens(rawSurname)
        let title = PersonNameCleanser.removeTitles(&foreTokens)
        var generation = PersonNameCleanser.removeSuffixes(&surnameTokens)
        if surnameTokens.isEmpty && foreTokens.count > 1 {
            generation = PersonNameCleanser.removeSuffixes(&foreTokens) ?? generation
            surnameTokens = PersonNameCleanser.takeSurname(from: &foreTokens)
        }
        return assemble(title: title, forenameTokens: foreTokens, surnameTokens: surnameTokens, generation: generation)
    }

    /// Cleanses a whole name in one string: `Mrs Shira Anne Peters`, `PETERS, Shira` (surname first when a
    /// comma follows it) or a single word, taken as a surname. Search queries go through here too.
    public func cleanse(fullName: String) -> CleansedName {
        if let comma = fullName.firstIndex(of: ",") {
            let surnamePart = String(fullName[..<comma])
            let forenamePart = String(fullName[fullName.index(after: comma)...])
            return cleanse(forename: forenamePart, surname: surnamePart)
        }
        var tokens = PersonNameCleanser.tokens(fullName)
        let title = PersonNameCleanser.removeTitles(&tokens)
        let generation = PersonNameCleanser.removeSuffixes(&tokens)
        let surnameTokens = PersonNameCleanser.takeSurname(from: &tokens)
        return assemble(title: title, forenameTokens: tokens, surnameTokens: surnameTokens, generation: generation)
    }

    private func assemble(title: String?, forenameTokens: [String], surnameTokens: [String], generation: NameGeneration?) -> CleansedName {
        let forename = forenameTokens.first
        let surname = PersonNameCleanser.joinSurname(surnameTokens)
        return CleansedName(
            title: title,
            forename: forename,
            middleNames: Array(forenameTokens.dropFirst()),
            surname: surname,
            canonicalForenames: forename.map { nicknames.canonicalForms(of: $0) } ?? [],
            forenamePhonetic: forename.map { DoubleMetaphone.encode($0) },
            surnamePhonetic: surname.map { DoubleMetaphone.encode($0) },
            generation: generation)
    }

    /// Folded words of a name: letters and inner hyphens only.
    static func tokens(_ raw: String?) -> [String] {
        guard let raw, !raw.isEmpty else { return [] }
        let folded = TextFolding.foldedBytes(raw)
        var words: [String] = []
        for piece in folded.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "/") }) {
            let kept = piece.filter { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || $0 == UInt8(ascii: "-") }
            let parts = kept.split(separator: UInt8(ascii: "-"))
            guard !parts.isEmpty else { continue }
            words.append(parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "-"))
        }
        return words
    }

    /// Removes leading titles and placeholder words; returns the first title found.
    static func removeTitles(_ tokens: inout [String]) -> String? {
        var title: String?
        while let first = tokens.first, titles.contains(first) || placeholders.contains(first) {
            if title == nil && titles.contains(first) { title = first }
            tokens.removeFirst()
        }
        // "Baby of Sarah Jones": the placeholder and "of" both go.
        if tokens.first == "of" { tokens.removeFirst() }
        tokens.removeAll { placeholders.contains($0) }
        return title
    }

    /// Removes the suffixes that end the name; returns the generation one of them marks (the last word's first).
    @discardableResult
    static func removeSuffixes(_ tokens: inout [String]) -> NameGeneration? {
        var generation: NameGeneration?
        while tokens.count > 1, let last = tokens.last, suffixes.contains(last) {
            generation = generation ?? NameGeneration(suffix: last)
            tokens.removeLast()
        }
        if tokens.count == 1, let only = tokens.first, suffixes.contains(only), only.count > 2 {
            generation = generation ?? NameGeneration(suffix: only)
            tokens.removeAll()
        }
        return generation
    }

    /// Splits the surname off the end of a full name, with the particles that lead into it.
    static func takeSurname(from tokens: inout [String]) -> [String] {
        guard let last = tokens.popLast() else { return [] }
        var surname = [last]
        while tokens.count > 1, let previous = tokens.last, particles.contains(previous) {
            surname.insert(tokens.removeLast(), at: 0)
        }
        return surname
    }

    /// Joins surname words: particles glue to the following word, remaining words become parts.
    static func joinSurname(_ tokens: [String]) -> String? {
        var parts: [String] = []
        var pending = ""
        for token in tokens {
            if particles.contains(token) {
                pending += token
            } else {
                parts.append(pending + token)
                pending = ""
            }
        }
        if !pending.isEmpty { parts.append(pending) }
        let joined = parts.joined(separator: "-")
        return joined.isEmpty ? nil : joined
    }

    /// Titles and honorifics removed from the front of a forename.
    public static let titles: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "master", "dr", "doctor", "prof", "professor", "rev", "revd",
        "reverend", "fr", "father", "sir", "dame", "lady", "lord", "sister", "sr", "capt", "captain",
        "cllr", "councillor", "hon", "rt", "mstr", "msr", "mme", "mlle", "madam",
    ]

    /// Words that stand in for an unknown name.
    public static let placeholders: Set<String> = [
        "baby", "unborn", "unknown", "infant", "unnamed", "nk", "notknown", "newborn", "anon", "anonymous",
        "xx", "xxx", "zz", "zzz",
    ]

    static let suffixes: Set<String> = ["jr", "jnr", "junior", "snr", "sr", "senior", "ii", "iii", "iv"]

    static let particles: Set<String> = [
        "o", "d", "de", "da", "di", "del", "della", "der", "den", "du", "la", "le", "van", "von", "st", "ap", "ab",
        "mc", "mac", "fitz", "ni", "nic", "dos", "das", "ten", "ter", "al", "el", "bin", "ibn",
    ]
}
