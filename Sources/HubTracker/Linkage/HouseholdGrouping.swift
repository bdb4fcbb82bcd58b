/// People who share an address: a household in the tracker's sense (family composition).
public struct Household: Sendable, Hashable, Codable {
    /// The property's UPRN, or its postcode and address key when no record there has a UPRN.
    public var key: HouseholdKey
    /// The persons with at least one record at the address, in id order.
    public var personIDs: [PersonID]
    /// The records at the address, by index.
    public var records: [Int]
}

/// Groups linked persons into households: persons sharing a UPRN, or, for records without a UPRN, the
/// same normalised address key within the same postcode. A person with records at several addresses
/// (a house move) belongs to each of those households.
public enum HouseholdGrouping: Sendable {
    /// The households of `records` given each record's person; ordered by key.
    public static func households(records: [CleansedRecord], personIDs: [PersonID]) -> [Household] {
        precondition(records.count == personIDs.count, "one person id per record")
        // An address key with a UPRN on any record stands for that UPRN on the others too.
        var uprnOfAddress: [HouseholdKey: Int64] = [:]
        for record in records {
            if let uprn = record.uprn, let key = record.address.key, let postcode = record.address.normalisedPostcode {
                uprnOfAddress[.address(postcode: postcode, key: key)] = uprn
            }
        }
        var members: [HouseholdKey: (persons: Set<PersonID>, records: [Int])] = [:]
        for (index, record) in records.enumerated() {
            guard var key = record.householdKey else { continue }
            if case .address = key, let uprn = uprnOfAddress[key] { key = .uprn(uprn) }
            members[key, default: ([], [])].persons.insert(personIDs[index])
            members[key, default: ([], [])].records.append(index)
        }
        return members
            .map { Household(key: $0.key, personIDs: $0.value.persons.sorted(), records: $0.value.records) }
            .sorted { $0.key.description < $1.key.description }
    }
}
