/// Standardises addresses: folds case, punctuation and diacritics; expands abbreviations (`Rd → road`,
/// `Ave → avenue`, `Cl → close`, `Gdns → gardens`, `Terr → terrace`…); reads `St` as `street` at the end
/// of a street and as `saint` before a name (`St Marys Rd → saint marys road`); separates the flat from the
/// house number in the layouts feeds use (`Flat 2, 10 High St`, `2/10 High Street`, `10a High Street`,
/// `Ground Floor Flat`); drops the town and postcode when they are repeated in the lines; and builds the
/// normalised address key (see ``CleansedAddress``).
public struct AddressCleanser: Sendable {
    public init() {}

    /// Cleanses one address. `lines` may hold the whole address in one comma-separated string.
    public func cleanse(lines: [String], town: String? = nil, postcode: String? = nil) -> CleansedAddress {
        cleanse(lines: lines, town: town, cleansedPostcode: CleansedPostcode(postcode))
    }

    /// Cleanses one address whose postcode is already cleansed.
    func cleanse(lines: [String], town: String?, cleansedPostcode: CleansedPostcode?) -> CleansedAddress {
        let foldedTown = town.map(TextFolding.fold).flatMap { $0.isEmpty ? nil : $0 }
        let postcodeCompact = cleansedPostcode?.normalised.map { $0.lowercased().filter { $0 != " " } }

        var segments: [[String]] = []
        for line in lines {
            for piece in line.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) {
                var tokens = AddressCleanser.tokens(String(piece))
                if let postcodeCompact { AddressCleanser.removeTrailingPostcode(postcodeCompact, from: &tokens) }
                guard !tokens.isEmpty else { continue }
                if let foldedTown, tokens.joined(separator: " ") == foldedTown { continue }
                segments.append(tokens)
            }
        }

        var flat = AddressCleanser.takeFlat(from: &segments)
        segments.removeAll { $0.isEmpty }

        var number: String?
        var street: String?
        var building: [String] = []
        var locality: [[String]] = []

        if let (segmentIndex, tokenIndex) = AddressCleanser.findHouseNumber(in: segments) {
            var tokens = segments[segmentIndex]
            var numberToken = tokens[tokenIndex]
            // "2 10 High Street": two leading numbers are flat and house number.
            if flat == nil, tokenIndex + 1 < tokens.count - 1, AddressCleanser.isHouseNumber(tokens[tokenIndex + 1]) {
                flat = numberToken
                tokens.remove(at: tokenIndex)
                numberToken = tokens[tokenIndex]
            }
            let (unit, house) = AddressCleanser.splitNumber(numberToken, flatKnown: flat != nil)
            if flat == nil { flat = unit }
            number = house
            let before = Array(tokens[..<tokenIndex])
            var after = Array(tokens[(tokenIndex + 1)...])
            var streetSegment = segmentIndex
            if after.isEmpty, segmentIndex + 1 < segments.count {
                streetSegment = segmentIndex + 1
                after = segments[streetSegment]
            }
            for segment in segments[..<segmentIndex] { building.append(AddressCleanser.expand(segment).joined(separator: " ")) }
            if !before.isEmpty { building.append(AddressCleanser.expand(before).joined(separator: " ")) }
            if !after.isEmpty { street = AddressCleanser.expand(after).joined(separator: " ") }
            locality = Array(segments[(streetSegment + 1)...])
        } else if let streetIndex = segments.firstIndex(where: { AddressCleanser.expand($0).contains { AddressVocabulary.streetTypes.contains($0) } }) {
            for segment in segments[..<streetIndex] { building.append(AddressCleanser.expand(segment).joined(separator: " ")) }
            street = AddressCleanser.expand(segments[streetIndex]).joined(separator: " ")
            locality = Array(segments[(streetIndex + 1)...])
        } else if let first = segments.first {
            building.append(AddressCleanser.expand(first).joined(separator: " "))
            locality = Array(segments.dropFirst())
        }

        let localityText = locality.map { AddressCleanser.expand($0).joined(separator: " ") }.joined(separator: ", ")
        return CleansedAddress(
            flat: flat,
            buildingName: building.isEmpty ? nil : building.joined(separator: ", "),
            number: number,
            street: street,
            locality: localityText.isEmpty ? nil : localityText,
            town: foldedTown,
            postcode: cleansedPostcode)
    }

    /// Standardises one free-text address fragment the same way (`10 High St → 10 high street`).
    public func standardise(_ text: String) -> String {
        AddressCleanser.expand(AddressCleanser.tokens(text)).joined(separator: " ")
    }

    /// What search looks for in address keys: the key of `text` read as an address, laid out as records' keys
    /// are (`Flat 2 10 High St → flat 2, 10 high street`, `2/10 High St` likewise), so an address typed as a
    /// feed wrote it is found inside them; else (a flat alone) the text standardised (`flat 2`).
    public func searchText(_ text: String) -> String {
        cleanse(lines: [text], town: nil, cleansedPostcode: nil).key ?? standardise(text)
    }

    // MARK: - Tokens

    /// Folded words; `No. 5 → 5`; `10 - 12 → 10-12`.
    ///
    /// Folded text is ASCII, so its words are cut and trimmed byte by byte (a `Character` at a time, as
    /// `String.split` goes, cost several times as much, and every address goes through here).
    static func tokens(_ text: String) -> [String] {
        let folded = TextFolding.foldedBytes(text)
        // Folding leaves single spaces between words and none at either end.
        let words = folded.split(separator: space)
        var tokens: [String] = []
        tokens.reserveCapacity(words.count)
        var index = 0
        while index < words.count {
            let word = trimmingDashes(words[index])
            if word.isEmpty {
                // A lone dash between two numbers makes a range.
                if words[index].elementsEqual(CollectionOfOne(hyphen)), let previous = tokens.last, isHouseNumber(previous),
                   index + 1 < words.count, isHouseNumber(words[index + 1]) {
                    tokens[tokens.count - 1] = previous + "-" + String(decoding: words[index + 1], as: UTF8.self)
                    index += 2
                    continue
                }
                index += 1
                continue
            }
            let token = String(decoding: word, as: UTF8.self)
            if AddressVocabulary.numberWords.contains(token), index + 1 < words.count, isHouseNumber(words[index + 1]) {
                index += 1
                continue
            }
            tokens.append(token)
            index += 1
        }
        return tokens
    }

    /// `word` without the dashes and slashes at either end.
    private static func trimmingDashes(_ word: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var word = word
        while let first = word.first, first == hyphen || first == slash { word.removeFirst() }
        while let last = word.last, last == hyphen || last == slash { word.removeLast() }
        return word
    }

    private static let space = UInt8(ascii: " ")
    private static let hyphen = UInt8(ascii: "-")
    private static let slash = UInt8(ascii: "/")

    static func removeTrailingPostcode(_ compact: String, from tokens: inout [String]) {
        if let last = tokens.last, last == compact {
            tokens.removeLast()
        } else if tokens.count >= 2, tokens[tokens.count - 2] + tokens[tokens.count - 1] == compact {
            tokens.removeLast(2)
        }
    }

    /// Expands abbreviations; `st` is `street` at the end or before a direction, otherwise `saint`.
    static func expand(_ tokens: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            if token == "st" || token == "ste" {
                let next = index + 1 < tokens.count ? tokens[index + 1] : nil
                if let next, !directions.contains(next) {
                    result.append("saint")
                } else {
                    result.append("street")
                }
            } else if let expansion = AddressVocabulary.expansions[token] {
                result.append(expansion)
            } else {
                result.append(token)
            }
        }
        return result
    }

    private static let directions: Set<String> = [
        "north", "south", "east", "west", "nth", "sth", "upper", "lower", "road", "street", "extension",
    ]

    // MARK: - Flats

    /// Finds and removes a flat (`Flat 2`, `Apartment 3`, `Ground Floor Flat`, `Basement`); returns its id.
    static func takeFlat(from segments: inout [[String]]) -> String? {
        for segmentIndex in segments.indices {
            var tokens = segments[segmentIndex]
            // "Flat 2", "Apt 3b", "Unit C".
            if let index = tokens.firstIndex(where: { AddressVocabulary.flatWords.contains($0) }) {
                if index + 1 < tokens.count, isUnitIdentifier(tokens[index + 1]) {
                    let id = tokens[index + 1]
                    tokens.removeSubrange(index...(index + 1))
                    segments[segmentIndex] = tokens
                    return id
                }
                if let floor = floorDescription(in: tokens, endingAt: index) {
                    tokens.removeSubrange(floor.range.lowerBound...index)
                    segments[segmentIndex] = tokens
                    return floor.name
                }
                // "Flat 2/10 High St": the number layout carries the flat; the word itself goes.
                tokens.remove(at: index)
                segments[segmentIndex] = tokens
            }
            // "Ground Floor", "Basement", "GFF" without the word flat.
            if let floor = floorDescription(in: tokens, endingAt: tokens.count) {
                tokens.removeSubrange(floor.range)
                segments[segmentIndex] = tokens
                return floor.name
            }
        }
        return nil
    }

    /// A floor description (`ground floor`, `first floor`, `basement`, `gff`) ending just before `end`.
    private static func floorDescription(in tokens: [String], endingAt end: Int) -> (name: String, range: Range<Int>)? {
        // "<ordinal> floor" anywhere before end, or a one-word floor ("basement", "gff").
        for index in 0..<min(end, tokens.count) {
            let token = tokens[index]
            guard let name = AddressVocabulary.floorWords[token] else { continue }
            if index + 1 < tokens.count, tokens[index + 1] == "floor" {
                return (name, index..<(index + 2))
            }
            if token == "lower", index + 2 < tokens.count, tokens[index + 1] == "ground", tokens[index + 2] == "floor" {
                return (name, index..<(index + 3))
            }
            if token == "basement" || token == "gff" || token == "ff" {
                // A one-word floor only when the segment says nothing else, or the word "flat" follows.
                if tokens.count == 1 || (index + 1 < tokens.count && AddressVocabulary.flatWords.contains(tokens[index + 1])) {
                    return (name, index..<(index + 1))
                }
            }
        }
        return nil
    }

    // MARK: - House numbers

    /// The first token that is a house number followed by street words (or alone in its segment with a
    /// street segment after it).
    static func findHouseNumber(in segments: [[String]]) -> (Int, Int)? {
        for (segmentIndex, tokens) in segments.enumerated() {
            for (tokenIndex, token) in tokens.enumerated() where isHouseNumber(token) {
                let hasWordsAfter = tokens[(tokenIndex + 1)...].contains { !isHouseNumber($0) }
                let nextSegmentExists = segmentIndex + 1 < segments.count
                if hasWordsAfter || (tokenIndex == tokens.count - 1 && nextSegmentExists) {
                    return (segmentIndex, tokenIndex)
                }
            }
        }
        return nil
    }

    /// Splits `2/10` into flat 2 and number 10, and `10a` into flat a and number 10 (unless a flat is
    /// already known, when `10a` stays the number).
    static func splitNumber(_ token: String, flatKnown: Bool) -> (flat: String?, number: String) {
        if let slash = token.firstIndex(of: "/") {
            let unit = String(token[..<slash])
            let house = String(token[token.index(after: slash)...])
            return (flatKnown ? nil : unit, house)
        }
        if !flatKnown, !token.utf8.contains(hyphen), let last = token.last, last.isLetter {
            return (String(last), String(token.dropLast()))
        }
        return (nil, token)
    }

    /// `10`, `10a`, `10-12`, `2/10`, `2a/10`.
    static func isHouseNumber(_ token: String) -> Bool { isHouseNumber(token.utf8) }

    /// ``isHouseNumber(_:)-(String)`` of a folded word's bytes.
    static func isHouseNumber<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first, isDigit(first), bytes.count <= 13 else { return false }
        if let separator = bytes.firstIndex(where: { $0 == slash || $0 == hyphen }) {
            let rest = bytes[bytes.index(after: separator)...]
            return isSimpleNumber(bytes[..<separator]) && isSimpleNumber(rest)
        }
        return isSimpleNumber(bytes[...])
    }

    /// Digits with at most one trailing letter: `10`, `10a`.
    private static func isSimpleNumber<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first, isDigit(first), bytes.count <= 6 else { return false }
        var sawLetter = false
        for byte in bytes {
            if sawLetter { return false }
            if isDigit(byte) { continue }
            guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { return false }
            sawLetter = true
        }
        return true
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// A flat id: `2`, `2b`, `b`, `b2`.
    static func isUnitIdentifier(_ token: String) -> Bool {
        let bytes = token.utf8
        guard !bytes.isEmpty, bytes.count <= 5 else { return false }
        var hasDigit = false
        for byte in bytes {
            if isDigit(byte) {
                hasDigit = true
            } else if !(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) {
                return false
            }
        }
        return bytes.count == 1 || hasDigit
    }
}
