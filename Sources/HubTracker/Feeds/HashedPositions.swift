/// Positions in an array, found again by the hash of what is there: a dictionary from each value's 64-bit hash to
/// its position (12 bytes an entry), with the value itself compared on a hit, and the rare value whose hash another
/// value holds already kept apart by its identity. While an extract is read, this finds a record's row again (and an
/// event again) in about a sixth of the memory a dictionary of the identities took: for a million records and
/// 1.8 million events that dictionary held some 400 MB at the read's peak.
struct HashedPositions<Identity: Hashable & Sendable>: Sendable {
    private var byHash: [Int: Int32] = [:]
    /// Values whose hash another value held first.
    private var collided: [Identity: Int32] = [:]

    /// The position of `identity` if it is held; otherwise records it at `position` and returns nil. `identityAt` gives
    /// what a position holds (nil for a position it does not hold: positions may index several arrays, one per source,
    /// and the values say which).
    mutating func existing(_ identity: Identity, orInsertAt position: Int32, identityAt: (Int32) -> Identity?) -> Int32? {
        let hash = identity.hashValue
        guard let found = byHash[hash] else {
            byHash[hash] = position
            return nil
        }
        if identityAt(found) == identity { return found }
        if let other = collided[identity] { return other }
        collided[identity] = position
        return nil
    }

    /// The position of `identity` if it is held (`identityAt` as above).
    func position(of identity: Identity, identityAt: (Int32) -> Identity?) -> Int32? {
        guard let found = byHash[identity.hashValue] else { return nil }
        if identityAt(found) == identity { return found }
        return collided[identity]
    }

    /// How many values are held.
    var count: Int { byHash.count + collided.count }
}
