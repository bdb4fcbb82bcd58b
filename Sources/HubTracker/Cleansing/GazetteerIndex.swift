/// An in-memory index over a gazetteer that assigns UPRNs to cleansed addresses: first the exact address
/// key within the postcode, then a tolerant match on house number, flat and street similarity within the
/// postcode, then (without a postcode) a key that is unique in the whole gazetteer. Ambiguity gives no
/// UPRN rather than a guess.
public struct GazetteerIndex: Sendable {
    /// Street (or building name) Jaro–Winkler similarity needed for a tolerant match.
    public let minimumStreetSimilarity: Double

    private struct Property: Sendable {
        let uprn: Int64
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
                uprn: entry.uprn, flat: parsed.flat, number: parsed.number,
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
        guard let candidates = byPostcode[postcode] else { return nil }
        return tolerantMatch(address, among: candidates)
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
