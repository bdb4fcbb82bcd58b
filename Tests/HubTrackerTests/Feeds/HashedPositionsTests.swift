import Testing
@testable import HubTracker

@Suite("Positions found again by hash")
struct HashedPositionsTests {
    /// Every value hashes alike: each one after the first is a collision.
    struct Colliding: Hashable, Sendable {
        let name: String
        func hash(into hasher: inout Hasher) { hasher.combine(0) }
    }

    @Test("A value is found at the position it was first given; values whose hashes collide are told apart by the values themselves")
    func collisions() {
        let values = ["Ann", "Bryn", "Ceri", "Ann", "Dai", "Bryn"].map(Colliding.init)
        var held: [Colliding] = []
        var positions = HashedPositions<Colliding>()
        var found: [Int32?] = []
        for value in values {
            let position = positions.existing(value, orInsertAt: Int32(held.count)) { Int($0) < held.count ? held[Int($0)] : nil }
            if position == nil { held.append(value) }
            found.append(position)
        }
        #expect(found == [nil, nil, nil, 0, nil, 1])
        #expect(held.map(\.name) == ["Ann", "Bryn", "Ceri", "Dai"])
        #expect(positions.count == 4)
        for (index, value) in held.enumerated() {
            #expect(positions.position(of: value) { Int($0) < held.count ? held[Int($0)] : nil } == Int32(index))
        }
        #expect(positions.position(of: Colliding(name: "Eirlys")) { Int($0) < held.count ? held[Int($0)] : nil } == nil)
    }

    @Test("A position another array holds (out of range here) is not taken for the value")
    func positionsOfAnotherArray() {
        var positions = HashedPositions<Colliding>()
        #expect(positions.existing(Colliding(name: "Ann"), orInsertAt: 7) { _ in nil } == nil)
        // `Bryn` collides with `Ann`, whose position 7 this array does not hold.
        #expect(positions.existing(Colliding(name: "Bryn"), orInsertAt: 0) { $0 == 0 ? Colliding(name: "Bryn") : nil } == nil)
        #expect(positions.position(of: Colliding(name: "Bryn")) { $0 == 0 ? Colliding(name: "Bryn") : nil } == 0)
    }
}
