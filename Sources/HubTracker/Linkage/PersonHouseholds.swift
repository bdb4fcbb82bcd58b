/// The households of persons with records at two or more of them, as stored (``HouseholdKey/description``): what
/// explaining a person's links outside a linkage run needs to see a household that moved together as the run saw it
/// (``LinkRule/householdMovedTogether``, ``HouseholdMoves``).
public struct PersonHouseholds: Sendable {
    private let householdsOfPerson: [Int64: [String]]
    private let personsAt: [String: [Int64]]

    /// From each person's households, as the store bounds them (two to ``HouseholdMoves/widestPerson``:
    /// ``TrackerMaintenanceStore/explanationInputs(householdsAtMost:)``).
    public init(_ rows: [(person: Int64, households: [String])] = []) {
        var householdsOfPerson: [Int64: [String]] = [:]
        var personsAt: [String: [Int64]] = [:]
        for row in rows {
            householdsOfPerson[row.person] = row.households
            for household in row.households { personsAt[household, default: []].append(row.person) }
        }
        self.householdsOfPerson = householdsOfPerson
        self.personsAt = personsAt
    }

    /// The households of every person but `person` with records at one or more of `households`.
    public func others(at households: Set<String>, excluding person: Int64?) -> [[String]] {
        var seen = Set<Int64>()
        var result: [[String]] = []
        for household in households.sorted() {
            for other in personsAt[household] ?? [] where other != person && seen.insert(other).inserted {
                result.append(householdsOfPerson[other] ?? [])
            }
        }
        return result
    }
}
