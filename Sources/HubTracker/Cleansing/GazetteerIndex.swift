/// An in-memory index over a gazetteer that assigns UPRNs to cleansed addresses: first the exact address
/// key within the postcode, then a tolerant match on house number, flat and street similarity within the
/// postcode, then the exact key at a postcode one keying slip away in the same district (``postcodeSlip``), and
/// (without a postcode) a key that is unique in the whole gazetteer. Ambiguity gives no UPRN rather than a guess.
public struct GazetteerIndex: Sendable {
    /// Street (or building name) Jaro–Winkler similarity needed for a tolerant match.
    public let minimumStreetSimilarity: Double

    private struct Property: Sendable {
        let uprn: Int64
        /// Normalised (`PP2 5GN`), or as the gazetteer gave it when it is not a valid postcode.
        let postcode: String
        let flat: String?
        let number: String?
        let building: String?
        let street: String?
    }

    private let properties: [Property]
    private let exact: [String: [Int]]
    private let byPostcode: [String: [Int]]
    private let byKey: [String: [Int]]

    public init(entries: [GazetteerEntry], minimumStreetSimilarity: Double = 0.88) {
        self.minimumStreetSimilarity = minimumStreetSimilarity
        let cleanser = AddressCleanser()
        var properties: [Property] = []
        properties.reserveCapacity(entries.count)
        var exact: [String: [Int]] = [:]
        var byPostcode: [String: [Int]] = [:]
        var byKey: [String: [Int]] = [:]
        for entry in entries {
            let postcode = CleansedPostcode(entry.postcode)?.normalised ?? entry.postcode
            // Re-read the key through the cleanser so that a raw address line works as a key too.
            let parsed = cleanser.cleanse(lines: [entry.addressKey])
            let key = parsed.key ?? entry.addressKey
            let index = properties.count
            properties.append(Property(
                uprn: entry.uprn, postcode: postcode, flat: parsed.flat, number: parsed.number,
                building: parsed.buildingName, street: parsed.street))
            exact[postcode + "|" + key, default: []].append(index)
            byPostcode[postcode, default: []].append(index)
            byKey[key, default: []].append(index)
        }
        self.properties = properties
        self.exact = exact
        self.byPostcode = byPostcode
        self.byKey = byKey
    }

    /// The number of properties indexed.
    public var count: Int { properties.count }

    /// The UPRN for `address`, or nil when none matches unambiguously.
    public func match(_ address: CleansedAddress) -> UPRNMatch? {
        guard let key = address.key else { return nil }
        guard let postcode = address.normalisedPostcode else {
            return unique(byKey[key]).map { UPRNMatch(uprn: $0, method: .uniqueKey, score: 1) }
        }
        if let uprn = unique(exact[postcode + "|" + key]) {
            return UPRNMatch(uprn: uprn, method: .exact, score: 1)
        }
        if let candidates = byPostcode[postcode], let match = tolerantMatch(address, among: candidates) {
            return match
        }
        return postcodeSlipMatch(key: key, postcode: postcode)
    }

    /// The property with exactly this address key whose postcode is one keying slip from `postcode` (which has no
    /// such property): the same outward code, and one character of the inward code typed wrong, or two of its
    /// characters swapped (`PP6 5SD` for `PP6 5DD`, `PP2 5NG` for `PP2 5GN`). A number and street are not repeated a
    /// slip apart within one district, so this is the property meant; two such properties give no UPRN.
    private func postcodeSlipMatch(key: String, postcode: String) -> UPRNMatch? {
        guard let candidates = byKey[key] else { return nil }
        let slipped = candidates.filter { GazetteerIndex.isInwardSlip(properties[$0].postcode, of: postcode) }
        return unique(slipped).map { UPRNMatch(uprn: $0, method: .postcodeSlip, score: 1) }
    }

    /// True when the two normalised postcodes share their outward code and their inward codes (three characters)
    /// differ by one substituted character or two adjacent characters swapped.
    static func isInwardSlip(_ a: String, of b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count, x.count >= 6, x[x.count - 4] == UInt8(ascii: " "), x[..<(x.count - 3)] == y[..<(y.count - 3)]
        else { return false }
        let differing = (x.count - 3..<x.count).filter { x[$0] != y[$0] }
        switch differing.count {
        case 1: return true
        case 2: return differing[1] == differing[0] + 1 && x[differing[0]] == y[differing[1]] && x[differing[1]] == y[differing[0]]
        default: return false
        }
    }

    private func unique(_ indices: [Int]?) -> Int64? {
        guard let indices, let first = indices.first else { return nil }
        let uprn = properties[first].uprn
        return indices.allSatisfy({ properties[$0].uprn == uprn }) ? uprn : nil
    }

    private func tolerantMatch(_ address: CleansedAddress, among candidates: [Int]) -> UPRNMatch? {
        var best: (uprn: Int64, score: Double)?
        var tied = false
        for index in candidates {
            let property = properties[index]
            guard property.flat == address.flat else { continue }
            let score: Double
            if let number = address.number {
                guard property.number == number else { continue }
                if let street = address.street, let candidate = property.street {
                    score = JaroWinkler.similarity(street, candidate)
                } else {
                    score = address.street == nil && property.street == nil ? 1 : 0.9
                }
            } else if let building = address.buildingName, let candidate = property.building, property.number == nil {
                score = JaroWinkler.similarity(building, candidate)
            } else {
                continue
            }
            guard score >= minimumStreetSimilarity else { continue }
            if let current = best {
                if score > current.score {
                    best = (property.uprn, score)
                    tied = false
                } else if score == current.score && property.uprn != current.uprn {
                    tied = true
                }
            } else {
                best = (property.uprn, score)
            }
        }
        guard let best, !tied else { return nil }
        return UPRNMatch(uprn: best.uprn, method: .tolerant, score: best.score)
    }
}
