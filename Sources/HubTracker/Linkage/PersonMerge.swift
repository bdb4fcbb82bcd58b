/// Two existing persons that new records showed to be one: `absorbed` should be replaced by `into`.
public struct PersonMerge: Sendable, Hashable, Codable {
    public var absorbed: PersonID
    public var into: PersonID

    public init(absorbed: PersonID, into: PersonID) {
        self.absorbed = absorbed
        self.into = into
    }
}
