/// A record already linked, with the person it belongs to.
public struct LinkedRecord: Sendable, Hashable, Codable {
    public var record: CleansedRecord
    public var personID: PersonID

    public init(record: CleansedRecord, personID: PersonID) {
        self.record = record
        self.personID = personID
    }
}
