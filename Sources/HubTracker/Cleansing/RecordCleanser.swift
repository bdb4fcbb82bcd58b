/// Cleanses whole partner records: names (``PersonNameCleanser``), aliases, gender, address
/// (``AddressCleanser``), NHS number (modulus 11), postcode, and the UPRN, filled from a gazetteer when
/// the feed did not supply one.
public struct RecordCleanser: Sendable {
    public let names: PersonNameCleanser
    public let addresses: AddressCleanser
    public let gazetteer: GazetteerIndex?

    public init(nicknames: NicknameTable = .british, gazetteer: GazetteerIndex? = nil) {
        self.names = PersonNameCleanser(nicknames: nicknames)
        self.addresses = AddressCleanser()
        self.gazetteer = gazetteer
    }

    /// Cleanses one record.
    public func cleanse(_ record: SourceRecord) -> CleansedRecord {
        var memo = CleansingMemo()
        return cleanse(record, memo: &memo)
    }

    /// Cleanses many records, in parallel, keeping their order. Feeds repeat the same addresses and
    /// names many times, so each worker remembers what it has already cleansed.
    public func cleanse(_ records: [SourceRecord], parallelism: Int? = nil) -> [CleansedRecord] {
        cleanse(count: records.count, parallelism: parallelism) { records[$0] }
    }

    /// Cleanses `count` records, the `i`th of them `record(i)`, on the machine's cores, each straight into its
    /// place in the one array returned: neither the source records nor a chunk's cleansed ones are gathered
    /// first (at a million records, each would have been hundreds of megabytes held at once).
    public func cleanse(count: Int, parallelism: Int? = nil, _ record: @escaping @Sendable (Int) -> SourceRecord) -> [CleansedRecord] {
        guard count > 0 else { return [] }
        let workers = parallelism ?? ParallelChunks.defaultParallelism
        let cleanser = self
        return [CleansedRecord](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = CleansedSlots(base: buffer.baseAddress!)
            _ = ParallelChunks.map(count: count, chunkCount: workers * 4, parallelism: workers) { range in
                var memo = CleansingMemo()
                for index in range { slots.initialize(index, to: cleanser.cleanse(record(index), memo: &memo)) }
            }
            initialized = count
        }
    }

    func cleanse(_ record: SourceRecord, memo: inout CleansingMemo) -> CleansedRecord {
        let addressInput = CleansingMemo.AddressInput(lines: record.addressLines, town: record.town, postcode: record.postcode)
        let postcode = memo.postcode(record.postcode)
        let (address, match) = memo.address(addressInput) {
            let address = addresses.cleanse(lines: record.addressLines, town: record.town, cleansedPostcode: postcode)
            return (address, gazetteer?.match(address))
        }
        var uprn = RecordCleanser.parseUPRN(record.uprn)
        var source: UPRNSource? = uprn == nil ? nil : .supplied
        if uprn == nil, let match {
            uprn = match.uprn
            source = UPRNSource(match.method)
        }
        let name = memo.name(CleansingMemo.NameInput(forename: record.forename, surname: record.surname)) {
            names.cleanse(forename: record.forename, surname: record.surname)
        }
        return CleansedRecord(
            key: record.key,
            name: name,
            aliases: record.aliases.map { names.cleanse(fullName: $0) }.filter { !$0.isEmpty },
            dateOfBirth: record.dateOfBirth.flatMap { $0.year == nil ? nil : $0 },
            gender: RecordedGender(parsing: record.gender),
            address: address,
            nhsNumber: CleansedNHSNumber(record.nhsNumber),
            uprn: uprn,
            uprnSource: source)
    }

    /// A UPRN is 1 to 12 digits.
    static func parseUPRN(_ raw: String?) -> Int64? {
        guard let raw else { return nil }
        let digits = raw.filter { !$0.isWhitespace }
        guard (1...12).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int64(digits), value > 0
        else { return nil }
        return value
    }
}

/// The array being cleansed into: each index initialised by exactly one chunk, and read only after all finished.
private struct CleansedSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<CleansedRecord>
    func initialize(_ index: Int, to record: CleansedRecord) { (base + index).initialize(to: record) }
}
