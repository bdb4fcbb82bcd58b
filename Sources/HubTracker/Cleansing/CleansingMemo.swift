/// What one cleansing worker has already cleansed: addresses (with their gazetteer match), postcodes and
/// names, keyed by their raw input. Partner feeds repeat them heavily (a million records, a hundred
/// thousand properties), so remembering them saves much of the work. Bounded: cleared when large.
struct CleansingMemo {
    struct AddressInput: Hashable {
        var lines: [String]
        var town: String?
        var postcode: String?
    }

    struct NameInput: Hashable {
        var forename: String?
        var surname: String?
    }

    /// Entries kept per table before it is cleared.
    static let capacity = 100_000

    private var addresses: [AddressInput: (CleansedAddress, UPRNMatch?)] = [:]
    private var names: [NameInput: CleansedName] = [:]
    private var postcodes: [String: CleansedPostcode?] = [:]

    mutating func address(_ input: AddressInput, _ make: () -> (CleansedAddress, UPRNMatch?)) -> (CleansedAddress, UPRNMatch?) {
        if let known = addresses[input] { return known }
        let made = make()
        if addresses.count >= CleansingMemo.capacity { addresses.removeAll(keepingCapacity: true) }
        addresses[input] = made
        return made
    }

    mutating func postcode(_ raw: String?) -> CleansedPostcode? {
        guard let raw else { return nil }
        if let known = postcodes[raw] { return known }
        let made = CleansedPostcode(raw)
        if postcodes.count >= CleansingMemo.capacity { postcodes.removeAll(keepingCapacity: true) }
        postcodes[raw] = made
        return made
    }

    mutating func name(_ input: NameInput, _ make: () -> CleansedName) -> CleansedName {
        if let known = names[input] { return known }
        let made = make()
        if names.count >= CleansingMemo.capacity { names.removeAll(keepingCapacity: true) }
        names[input] = made
        return made
    }
}
